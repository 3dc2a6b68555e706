"""Server-time benchmark of Headway's main pages and API lists on a generated workspace.

    make bench-data     # once: migrate and generate 100k accounts (see docs/performance.md)
    make bench          # this script on SQLite (and `make bench DB=postgres` on PostgreSQL)

For every page it sends ``--requests`` requests (default 200) with a mix of parameters —
different users, list depths, search terms, accounts — through Django's full request handler
in-process (middleware, session, view, template; no network), the way a WSGI server calls it,
and closes the database connection after each one as the real server does (``CONN_MAX_AGE``).
For each request it records:

- the server time (``p50`` / ``p95``);
- the number of SQL statements;
- the *floor*: the same statements, captured with their parameters and executed again directly
  on a cursor (rows fetched), timed alone — what the page costs the database. ``page / floor``
  is the time Django spends around its SQL (request handling, ORM, templates).

Results go to ``bench/results/<db>-<date>.json`` and ``.md``. Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "headway.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from headway import keyset  # noqa: E402
from headway.crm import selectors  # noqa: E402
from headway.crm.models import Account, Contact, Deal, Interaction  # noqa: E402
from headway.generate.run import workspace_slug  # noqa: E402
from headway.kit.methods import nav_entries  # noqa: E402
from headway.workspaces import services as workspace_services  # noqa: E402
from headway.workspaces.models import Membership, Role, Workspace  # noqa: E402

TARGET_MS = 50.0
HOST = "127.0.0.1"


@dataclass
class Request:
    client: Client
    url: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Scenario:
    name: str
    kind: str  # "page" or "api"
    requests: list[Request]
    target: bool  # one of PRODUCT.md's ≤ 50 ms pages
    note: str = ""


class Recorder:
    """An execute wrapper that keeps every statement with its parameters."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, Any, bool]] = []

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, ctx: Any):
        self.statements.append((sql, params, many))
        return execute(sql, params, many, ctx)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def run_floor(statements: list[tuple[str, Any, bool]]) -> tuple[float, int]:
    """Execute the SELECTs of a page again, on an open connection; returns (seconds, writes)."""
    connection.ensure_connection()
    writes = 0
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for sql, params, many in statements:
            head = sql.lstrip()[:10].upper()
            if not (head.startswith("SELECT") or head.startswith("WITH")):
                writes += 1
                continue
            if many:
                cursor.executemany(sql, params)
            else:
                cursor.execute(sql, params)
                cursor.fetchall()
    return time.perf_counter() - started, writes


def measure(scenario: Scenario) -> dict[str, Any]:
    times: list[float] = []
    floors: list[float] = []
    counts: list[int] = []
    writes = 0
    for request in scenario.requests:
        # 1. timed, exactly as served
        started = time.perf_counter()
        response = request.client.get(request.url, headers=request.headers)
        elapsed = time.perf_counter() - started
        close_old_connections()
        if response.status_code != 200:
            raise SystemExit(f"{scenario.name}: {request.url} answered {response.status_code}")
        times.append(elapsed)
        # 2. the same request again, recording its statements
        recorder = Recorder()
        with connection.execute_wrapper(recorder):
            request.client.get(request.url, headers=request.headers)
        close_old_connections()
        counts.append(len(recorder.statements))
        # 3. the floor: those statements alone
        floor, w = run_floor(recorder.statements)
        writes += w
        close_old_connections()
        floors.append(floor)
    ms = [t * 1000 for t in times]
    floor_ms = [t * 1000 for t in floors]
    slowest = sorted(zip(ms, floor_ms, [r.url for r in scenario.requests], strict=True))[-5:]
    p95, f95 = percentile(ms, 95), percentile(floor_ms, 95)
    p50, f50 = percentile(ms, 50), percentile(floor_ms, 50)
    return {
        "name": scenario.name,
        "kind": scenario.kind,
        "note": scenario.note,
        "target": scenario.target,
        "requests": len(times),
        "queries_min": min(counts),
        "queries_max": max(counts),
        "writes": writes,
        "p50_ms": round(p50, 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(max(ms), 2),
        "floor_p50_ms": round(f50, 2),
        "floor_p95_ms": round(f95, 2),
        "ratio_p50": round(p50 / f50, 2) if f50 else None,
        "ratio_p95": round(p95 / f95, 2) if f95 else None,
        "mean_ms": round(statistics.fmean(ms), 2),
        "slowest": [
            {"ms": round(t, 1), "floor_ms": round(f, 1), "url": u} for t, f, u in reversed(slowest)
        ],
        "meets_target": p95 <= TARGET_MS,
    }


# --- scenarios ----------------------------------------------------------------------------------


class Setup:
    def __init__(self, workspace: Workspace, n: int, seed: int) -> None:
        self.ws = workspace
        self.n = n
        self.rng = random.Random(seed)
        members = list(
            Membership.objects.in_workspace(workspace).select_related("user").order_by("id")
        )
        self.sellers = [m for m in members if m.role == Role.MEMBER]
        self.managers = [m for m in members if m.role in (Role.MANAGER, Role.ADMIN)]
        people = self.rng.sample(self.sellers, min(30, len(self.sellers)))
        people += self.managers[:5]
        self.clients: list[tuple[Membership, Client]] = []
        self.tokens: list[str] = []
        for membership in people:
            client = Client(HTTP_HOST=HOST)
            client.force_login(membership.user)
            self.clients.append((membership, client))
        for membership in people[:10]:
            _, raw = workspace_services.token_create(membership=membership, name="benchmark")
            self.tokens.append(raw)
        self.api_client = Client(HTTP_HOST=HOST)
        self.account_ids = list(
            Account.objects.in_workspace(workspace).values_list("id", flat=True).order_by("id")
        )

    def client(self) -> Client:
        return self.rng.choice(self.clients)[1]

    def seller_client(self) -> Client:
        sellers = [c for m, c in self.clients if m.role == Role.MEMBER]
        return self.rng.choice(sellers)

    def many(self, make: Callable[[], Request]) -> list[Request]:
        return [make() for _ in range(self.n)]

    def page(self, url: str, client: Client | None = None) -> Request:
        return Request(client or self.client(), url)

    def api(self, url: str) -> Request:
        token = self.rng.choice(self.tokens)
        return Request(self.api_client, url, {"Authorization": f"Bearer {token}"})

    # --- parameters drawn from the data ---------------------------------------------------------

    def _cursor(self, qs: Any, position: int) -> str:
        keys = keyset._keys(qs)
        ordered = qs.order_by(*[keyset._order_by(k) for k in keys])
        row = ordered[position : position + 1].get()
        return keyset.encode_cursor(keys, row)

    def deep_cursors(self, qs: Any, count: int, total: int) -> list[tuple[int, str]]:
        positions = sorted(
            self.rng.randrange(total // 10, max(total - 30, 1)) for _ in range(count)
        )
        return [(p, self._cursor(qs, p)) for p in positions]

    def account_terms(self, count: int) -> list[str]:
        sample_ids = self.rng.sample(self.account_ids, count)
        names = list(
            Account.objects.in_workspace(self.ws)
            .filter(id__in=sample_ids)
            .values_list("name", flat=True)
        )
        terms = []
        for i, name in enumerate(names):
            parts = name.split()
            pick = i % 7
            if pick == 0:
                terms.append(name.lower())  # a whole name
            elif pick == 1:
                terms.append(parts[0].lower())  # first word: hundreds of matches
            elif pick == 2:
                terms.append(parts[0][:4].lower())  # a prefix as typed
            elif pick == 3:
                terms.append(parts[1].lower() if len(parts) > 1 else parts[0])  # a trade
            elif pick == 4:
                terms.append(parts[-1].lower())  # legal form or trade: thousands
            elif pick == 5:
                terms.append(parts[0][:2].lower())  # two letters: no trigram
            else:
                terms.append(f"{parts[0][:3].lower()}zq")  # nothing matches
        return terms

    def contact_terms(self, count: int) -> list[str]:
        ids = self.rng.sample(self.account_ids, count)
        rows = list(
            Contact.objects.in_workspace(self.ws)
            .filter(account_id__in=ids, level="executive")
            .values_list("name", "title", "email")
        )
        terms = []
        for i, (name, title, email) in enumerate(rows):
            first, last = name.split(" ", 1)
            pick = i % 6
            terms.append(
                [
                    name.lower(),
                    last,
                    first,
                    title.split()[0].lower(),
                    email.split("@")[1][:8],
                    last[:4].lower(),
                ][pick]
            )
        return terms


def scenarios(setup: Setup) -> list[Scenario]:
    ws, rng = setup.ws, setup.rng
    out: list[Scenario] = []

    out.append(
        Scenario(
            "Agenda (sellers and managers)",
            "page",
            setup.many(lambda: setup.page("/")),
            True,
        )
    )
    out.append(
        Scenario(
            "Account list, first page (sorts: name, last touch, strength, updated)",
            "page",
            setup.many(
                lambda: setup.page(
                    "/accounts/"
                    + rng.choice(["", "", "?sort=-last_touch", "?sort=strength", "?sort=-updated"])
                )
            ),
            True,
        )
    )
    account_qs = selectors.account_list(workspace=ws, filters=selectors.AccountFilters())
    total_accounts = len(setup.account_ids)
    deep = setup.deep_cursors(account_qs, 40, total_accounts)
    out.append(
        Scenario(
            "Account list, deep pages (Next from rows 10,000–100,000)",
            "page",
            setup.many(
                lambda: (lambda pc: setup.page(f"/accounts/?page={pc[0] // 25 + 2}&after={pc[1]}"))(
                    rng.choice(deep)
                )
            ),
            True,
        )
    )
    terms = setup.account_terms(60)
    out.append(
        Scenario(
            "Account search (names, words, prefixes, 2 letters, no match)",
            "page",
            setup.many(lambda: setup.page(f"/accounts/?q={rng.choice(terms)}")),
            True,
        )
    )
    cterms = setup.contact_terms(80)
    out.append(
        Scenario(
            "Contact search (names, titles, e-mail domains, prefixes)",
            "page",
            setup.many(lambda: setup.page(f"/contacts/?q={rng.choice(cterms)}")),
            True,
        )
    )
    out.append(
        Scenario(
            "Account page",
            "page",
            setup.many(lambda: setup.page(f"/accounts/{rng.choice(setup.account_ids)}/")),
            True,
        )
    )
    deal_qs = selectors.deal_list(workspace=ws)
    total_deals = Deal.objects.in_workspace(ws).count()
    deal_deep = setup.deep_cursors(deal_qs, 20, total_deals)
    out.append(
        Scenario(
            "Deal list (first page, open deals, by amount, deep pages)",
            "page",
            setup.many(
                lambda: setup.page(
                    rng.choice(
                        [
                            "/deals/",
                            "/deals/?stage=open",
                            "/deals/?stage=lost",
                            "/deals/?sort=-amount",
                            "/deals/?page={}&after={}".format(
                                *(lambda pc: (pc[0] // 25 + 2, pc[1]))(rng.choice(deal_deep))
                            ),
                        ]
                    )
                )
            ),
            False,
        )
    )
    out.append(
        Scenario(
            "Contact list, first page",
            "page",
            setup.many(lambda: setup.page("/contacts/" + rng.choice(["", "?sort=account"]))),
            False,
        )
    )
    interaction_qs = selectors.interaction_list(workspace=ws)
    total_interactions = Interaction.objects.in_workspace(ws).count()
    i_deep = setup.deep_cursors(interaction_qs, 20, total_interactions)
    out.append(
        Scenario(
            "Interaction list (first page, by kind, deep pages)",
            "page",
            setup.many(
                lambda: setup.page(
                    rng.choice(
                        [
                            "/interactions/",
                            "/interactions/?kind=meeting",
                            "/interactions/?page={}&after={}".format(
                                *(lambda pc: (pc[0] // 25 + 2, pc[1]))(rng.choice(i_deep))
                            ),
                        ]
                    )
                )
            ),
            False,
        )
    )
    out.append(
        Scenario(
            "Action list (own open actions, all, done)",
            "page",
            setup.many(
                lambda: setup.page("/actions/" + rng.choice(["", "?status=all", "?status=done"]))
            ),
            False,
        )
    )
    # Each module's main page, as the modules appear in the menu (core entries, then each method
    # app's declared one).
    core = {"agenda:home", "crm:account_list", "crm:contact_list", "crm:deal_list"}
    core |= {"crm:interaction_list", "crm:action_list"}
    for label, name in [*settings.HEADWAY_NAV, *nav_entries()]:
        if name in core:
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        probe = setup.clients[0][1].get(url)
        if probe.status_code != 200:
            continue
        out.append(
            Scenario(
                f"{label} (module main page)",
                "page",
                setup.many(lambda url=url: setup.page(url)),
                name == "winback:portfolio",
            )
        )
    # API lists (bearer tokens of ten users).
    api_deep = setup.deep_cursors(account_qs, 20, total_accounts)
    out.append(
        Scenario(
            "API: accounts (first page, search, deep cursor)",
            "api",
            setup.many(
                lambda: setup.api(
                    rng.choice(
                        [
                            "/api/v1/accounts",
                            f"/api/v1/accounts?q={rng.choice(terms)}",
                            f"/api/v1/accounts?cursor={rng.choice(api_deep)[1]}",
                        ]
                    )
                )
            ),
            False,
        )
    )
    out.append(
        Scenario(
            "API: contacts (first page, search)",
            "api",
            setup.many(
                lambda: setup.api(
                    rng.choice(["/api/v1/contacts", f"/api/v1/contacts?q={rng.choice(cterms)}"])
                )
            ),
            False,
        )
    )
    out.append(
        Scenario(
            "API: deals, interactions, actions (first pages)",
            "api",
            setup.many(
                lambda: setup.api(
                    rng.choice(
                        [
                            "/api/v1/deals",
                            "/api/v1/deals?stage=open",
                            "/api/v1/interactions",
                            f"/api/v1/interactions?account_id={rng.choice(setup.account_ids)}",
                            "/api/v1/actions",
                        ]
                    )
                )
            ),
            False,
        )
    )
    return out


# --- report -------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
            db = f"SQLite {cursor.fetchone()[0]}"
        else:
            cursor.execute("show server_version")
            db = f"PostgreSQL {cursor.fetchone()[0]}"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": mem_gb,
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": db,
    }


def counts(ws: Workspace) -> dict[str, int]:
    return {
        "accounts": Account.objects.in_workspace(ws).count(),
        "contacts": Contact.objects.in_workspace(ws).count(),
        "deals": Deal.objects.in_workspace(ws).count(),
        "interactions": Interaction.objects.in_workspace(ws).count(),
    }


def markdown(report: dict[str, Any]) -> str:
    m, c = report["machine"], report["data"]
    lines = [
        f"### {m['database']} — {report['date']}",
        "",
        f"{c['accounts']:,} accounts, {c['contacts']:,} contacts, {c['deals']:,} deals, "
        f"{c['interactions']:,} interactions. {report['requests']} requests per row; "
        f"{m['cpu']} ({m['cores']} cores), {m['memory_gb']} GB, Python {m['python']}, "
        f"Django {m['django']}.",
        "",
        "| page | queries | p50 ms | p95 ms | floor p50 | floor p95 | p95 / floor | ≤ 50 ms |",
        "|---|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for r in report["results"]:
        queries = (
            str(r["queries_min"])
            if r["queries_min"] == r["queries_max"]
            else f"{r['queries_min']}–{r['queries_max']}"
        )
        ok = (
            ("yes" if r["meets_target"] else "**no**")
            if r["target"]
            else "(yes)"
            if r["meets_target"]
            else "(no)"
        )
        lines.append(
            f"| {r['name']} | {queries} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | "
            f"{r['floor_p50_ms']:.1f} | {r['floor_p95_ms']:.1f} | {r['ratio_p95'] or 0:.1f}× | "
            f"{ok} |"
        )
    lines += [
        "",
        "Pages in the ≤ 50 ms target list of PRODUCT.md say yes/no; others in brackets.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--only", default="", help="Run only pages whose name contains this.")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    parser.add_argument("--slowest", action="store_true", help="Print each page's slowest URLs.")
    args = parser.parse_args()

    workspace = Workspace.objects.filter(slug=workspace_slug(args.accounts, args.seed)).first()
    if workspace is None:
        raise SystemExit(
            f"No generated workspace of {args.accounts} accounts (seed {args.seed}): run "
            f"`headway generate --accounts {args.accounts} --seed {args.seed}` (make bench-data)."
        )
    setup = Setup(workspace, args.requests, args.seed)
    report: dict[str, Any] = {
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "machine": machine(),
        "data": counts(workspace),
        "requests": args.requests,
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
        ).stdout.strip(),
        "results": [],
    }
    for scenario in scenarios(setup):
        if args.only and args.only.lower() not in scenario.name.lower():
            continue
        # Warm up: the first requests of a process load templates and caches.
        for request in scenario.requests[:5]:
            request.client.get(request.url, headers=request.headers)
            close_old_connections()
        result = measure(scenario)
        report["results"].append(result)
        print(
            f"{result['name'][:62]:<62} q={result['queries_max']:>3}  "
            f"p50={result['p50_ms']:7.1f}  p95={result['p95_ms']:7.1f}  "
            f"floor p95={result['floor_p95_ms']:6.1f}  ×{result['ratio_p95'] or 0:.1f}",
            flush=True,
        )
        if args.slowest:
            for slow in result["slowest"]:
                print(
                    f"      {slow['ms']:7.1f} ms (floor {slow['floor_ms']:.1f})  {slow['url'][:90]}"
                )
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    label = "sqlite" if connection.vendor == "sqlite" else "postgres"
    stem = out / f"{label}-{dt.date.today().isoformat()}"
    if args.only:
        stem = stem.with_name(stem.name + "-partial")
    stem.with_suffix(".json").write_text(json.dumps(report, indent=2))
    stem.with_suffix(".md").write_text(markdown(report))
    print(f"\nWrote {stem}.json and {stem}.md")


if __name__ == "__main__":
    main()
