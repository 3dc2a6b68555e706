"""Load test through the real server: ``headway serve`` (gunicorn, as ``make run`` starts it) on
a free loopback port, and Locust with 50 signed-in sellers browsing for 60 seconds.

    make loadtest                        # SQLite: var/bench.sqlite3
    make loadtest DB=postgres            # the benchmark PostgreSQL (bench/postgres.sh)

Prints and writes (bench/results/loadtest-<db>-<date>.json / .md) the throughput, the p50 / p95
/ max response times per page and overall, and the errors; exits non-zero if any request failed.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "headway.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from headway.crm.models import Account, Contact  # noqa: E402
from headway.generate.run import DEFAULT_PASSWORD, workspace_slug  # noqa: E402
from headway.workspaces.models import Membership, Role, Workspace  # noqa: E402

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(workspace: Workspace, users: int, path: Path) -> None:
    rng = random.Random(7)
    sellers = list(
        Membership.objects.in_workspace(workspace)
        .filter(role=Role.MEMBER)
        .order_by("id")
        .values_list("user__email", flat=True)[:users]
    )
    ids = list(Account.objects.in_workspace(workspace).values_list("id", flat=True))
    sample = rng.sample(ids, 2000)
    names = list(
        Account.objects.in_workspace(workspace).filter(id__in=sample[:200]).values_list("name")
    )
    account_terms = []
    for (name,) in names:
        words = name.split()
        account_terms += [name.lower(), words[0].lower(), words[0][:4].lower(), words[-1].lower()]
    people = list(
        Contact.objects.in_workspace(workspace)
        .filter(account_id__in=sample[:200])
        .values_list("name", flat=True)
    )
    contact_terms = [p.split()[-1] for p in people] + [p.split()[0] for p in people]
    path.write_text(
        json.dumps(
            {
                "emails": sellers,
                "password": os.environ.get("HEADWAY_BENCH_PASSWORD", DEFAULT_PASSWORD),
                "account_ids": sample,
                "account_terms": account_terms,
                "contact_terms": contact_terms,
                "winbacks": True,
            }
        )
    )


def wait_up(url: str, server: subprocess.Popen[bytes]) -> None:
    for _ in range(150):
        if server.poll() is not None:
            raise SystemExit("The server stopped while starting; see its log.")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("The server did not answer in 30 s.")


def summary(stats_csv: Path) -> dict[str, object]:
    rows = list(csv.DictReader(stats_csv.open()))
    pages = []
    total: dict[str, object] = {}
    for row in rows:
        entry = {
            "name": row["Name"],
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50_ms": float(row["50%"] or 0),
            "p95_ms": float(row["95%"] or 0),
            "max_ms": round(float(row["Max Response Time"] or 0), 1),
            "rps": round(float(row["Requests/s"] or 0), 1),
        }
        if row["Name"] == "Aggregated":
            total = entry
        else:
            pages.append(entry)
    return {"total": total, "pages": pages}


def markdown(report: dict) -> str:
    t = report["total"]
    b = report.get("browsing") or t
    s = report.get("steady") or b
    lines = [
        f"### Load test — {report['database']} — {report['date']}",
        "",
        f"{report['users']} signed-in users for {report['seconds']} s against `headway serve` "
        f"(gunicorn, {report['workers']} workers) on loopback; Locust on the same machine. "
        f"{t['requests']:,} requests, **{t['failures']} errors**. Browsing (all requests but "
        f"the 50 sign-ins): **{b['rps']} requests/s, p50 {b['p50_ms']:.0f} ms, "
        f"p95 {b['p95_ms']:.0f} ms**; once everyone is signed in: {s['rps']} requests/s, "
        f"p50 {s['p50_ms']:.0f} ms, p95 {s['p95_ms']:.0f} ms.",
        "",
        "| page | requests | p50 ms | p95 ms | max ms | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for p in report["pages"]:
        lines.append(
            f"| {p['name']} | {p['requests']:,} | {p['p50_ms']:.0f} | {p['p95_ms']:.0f} | "
            f"{p['max_ms']:.0f} | {p['failures']} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    args = parser.parse_args()

    workspace = Workspace.objects.filter(slug=workspace_slug(args.accounts, args.seed)).first()
    if workspace is None:
        raise SystemExit("No generated workspace: run `make bench-data` first.")
    label = "sqlite" if connection.vendor == "sqlite" else "postgres"
    work = Path(tempfile.mkdtemp(prefix="headway-load-"))
    data = work / "data.json"
    prepare(workspace, args.users, data)
    connection.close()

    port = free_port()
    env = {
        **os.environ,
        "HEADWAY_LOADTEST_DATA": str(data),
        "HEADWAY_LOADTEST_OUT": str(work / "browsing.json"),
        "WEB_WORKERS": str(args.workers),
    }
    log = (work / "server.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "headway"), "serve", "--no-worker", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_up(f"http://127.0.0.1:{port}/healthz", server)
        print(f"Server up on port {port}; {args.users} users for {args.seconds} s…", flush=True)
        subprocess.run(
            [
                str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
                "-u", str(args.users), "-r", str(args.users), "-t", f"{args.seconds}s",
                "--host", f"http://127.0.0.1:{port}", "--csv", str(work / "locust"),
                "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING",
            ],
            env=env,
            check=False,
        )  # fmt: skip
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()

    result = summary(work / "locust_stats.csv")
    browsing_file = work / "browsing.json"
    if browsing_file.exists():
        result.update(json.loads(browsing_file.read_text()))
    report = {
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "database": label,
        "users": args.users,
        "seconds": args.seconds,
        "workers": args.workers,
        **result,
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"loadtest-{label}-{dt.date.today().isoformat()}"
    stem.with_suffix(".json").write_text(json.dumps(report, indent=2))
    stem.with_suffix(".md").write_text(markdown(report))
    print(markdown(report))
    print(f"Wrote {stem}.json and .md (server log: {work / 'server.log'})")
    if result["total"].get("failures"):  # type: ignore[union-attr]
        raise SystemExit(1)


if __name__ == "__main__":
    main()
