"""The import engine: one file of accounts, contacts or deals, checked row by row (the dry
run) and then, only if every row is good, written in one transaction (the commit).

The same engine serves ``headway import`` (and, later, the web wizard and the worker):

    table = reading.read(data)
    mapping = mappings.resolve(table, kind="accounts", preset="salesforce")
    report = engine.run(membership=m, table=table, mapping=mapping, commit=False)

**Matching** (what makes a re-import update instead of duplicating): a row carries the source
system's id (``external_id``: Salesforce's Account ID, HubSpot's Record ID). A row is the
existing record with that id in this workspace; failing that, an account is the one with the
same domain, else the one with the same name (domain wins over name: names repeat, domains
rarely do); a contact the one with the same e-mail; a deal the one of the same account with the
same title. A record found by domain, name or e-mail that already carries *another* source id
is a different record and is not matched. Contacts and deals find their account the same way:
by the account's source id, else domain, else name.

**Writing**: empty cells leave a field as it is (an import fills in, it never erases);
rows whose values are all already there count as unchanged and are not written. New rows go
through :func:`headway.crm.writes.create_many`, changed ones through
:func:`~headway.crm.writes.update_many`, in batches — so history and the agenda follow, and the
number of queries grows per batch, never per row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from headway import changes as notify
from headway.crm import history, writes
from headway.crm.models import Account, AccountStatus, Contact, Deal, DealStage, Interaction
from headway.crm.services import deal_check_lost
from headway.transfer.mappings import Mapping
from headway.transfer.reading import Table
from headway.workspaces.models import Membership
from headway.workspaces.permissions import is_manager
from headway.workspaces.selectors import members

BATCH_SIZE = 500

MAY_NOT_IMPORT = "Only a manager or an admin can import. Ask one of them to run it."
DUPLICATE_ID = "This id appears again: row {first} has it already. Each row needs its own id."
SAME_RECORD = "This row matches the same {what} as row {first} ({how}). Give each row its id."
AMBIGUOUS = "{count} {what} match this {how}: give the row its source id to say which."
NO_ACCOUNT = "No account matches {looked}. Import the accounts first, or fix the value."
NEEDS_ACCOUNT = "Say which account this row belongs to (its id, name or domain)."

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class RowError:
    """One problem in one cell: where (row as a spreadsheet numbers it, column), what was
    there, and the message the API's 422 gives for the same value."""

    row: int
    column: str
    value: str
    message: str


@dataclass
class Report:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    # Owner values no member of the workspace has (value → rows): imported without an owner.
    unknown_owners: dict[str, list[int]] = field(default_factory=dict)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Plan:
    row: int
    obj: models.Model
    values: dict[str, str]
    is_new: bool
    before: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)


# --- value clean-up: what exports write, in the shape the models take ------------------------

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def normal_domain(raw: str) -> str:
    """``https://www.Acme.com/about`` → ``acme.com``: how domains are stored and compared."""
    value = _SCHEME.sub("", raw.strip()).split("/")[0].split("?")[0].strip().lower()
    return value.removeprefix("www.")


def normal_amount(raw: str) -> str:
    """``1,234.50`` / ``1.234,50`` / ``EUR 1 234`` → ``1234.50`` (anything else is left for
    the model's own message)."""
    value = re.sub(r"[^\d,.\-]", "", raw)
    if "," in value and "." in value:
        thousands = "," if value.index(",") < value.index(".") else "."
        value = value.replace(thousands, "").replace(",", ".")
    elif value.count(",") == 1 and re.search(r",\d{1,2}$", value):
        value = value.replace(",", ".")
    else:
        value = value.replace(",", "")
    return value or raw


_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")


def normal_date(raw: str) -> str:
    """ISO (``2026-03-31``), Salesforce's US style (``3/31/2026``), the European
    ``31.03.2026`` and HubSpot's ``2026-03-31 14:05`` → ISO; else left for the model's message."""
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(raw.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return raw


_MOMENT_FORMATS = (
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y",
)


def normal_moment(raw: str) -> str:
    """A moment without a zone is read as UTC (ISO with a zone is kept): ``2026-03-31 14:05``,
    ``3/31/2026 2:05 PM``, a day alone (midnight UTC); else left for the model's message."""
    value = raw.strip()
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        parsed = None
        for fmt in _MOMENT_FORMATS:
            try:
                parsed = dt.datetime.strptime(value, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        return raw
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.isoformat()


def _moment_key(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    return normal_moment(str(value))


# Source systems' words for our choices, beyond our own values and labels.
_STAGES: dict[str, str] = {
    "prospecting": DealStage.QUALIFY,
    "qualification": DealStage.QUALIFY,
    "appointment scheduled": DealStage.QUALIFY,
    "appointmentscheduled": DealStage.QUALIFY,
    "qualified to buy": DealStage.QUALIFY,
    "qualifiedtobuy": DealStage.QUALIFY,
    "needs analysis": DealStage.DEVELOP,
    "value proposition": DealStage.DEVELOP,
    "id. decision makers": DealStage.DEVELOP,
    "perception analysis": DealStage.DEVELOP,
    "presentation scheduled": DealStage.DEVELOP,
    "presentationscheduled": DealStage.DEVELOP,
    "decision maker bought-in": DealStage.DEVELOP,
    "decisionmakerboughtin": DealStage.DEVELOP,
    "proposal/price quote": DealStage.PROPOSE,
    "negotiation/review": DealStage.NEGOTIATE,
    "contract sent": DealStage.NEGOTIATE,
    "contractsent": DealStage.NEGOTIATE,
    "closed won": DealStage.WON,
    "closedwon": DealStage.WON,
    "closed lost": DealStage.LOST,
    "closedlost": DealStage.LOST,
}
_STATUSES: dict[str, str] = {
    "customer - direct": AccountStatus.CUSTOMER,
    "customer - channel": AccountStatus.CUSTOMER,
    "former customer": AccountStatus.FORMER,
}


def _choice(model_field: models.Field, raw: str, extra: dict[str, str]) -> str:
    folded = raw.strip().casefold()
    for value, label in model_field.choices or []:
        if folded in (str(value).casefold(), str(label).casefold()):
            return str(value)
    return str(extra.get(folded, raw))


# --- the kinds -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    model: type[models.Model]
    what: str  # "account", for messages
    plural: str
    person_field: str  # where the owner e-mail goes
    fields: tuple[str, ...]  # model fields a mapping may fill
    needs_account: bool


KINDS = {
    "accounts": Kind(
        Account,
        "account",
        "accounts",
        "owner",
        (
            "name",
            "domain",
            "industry",
            "status",
            "tier",
            "relationship_strength",
            "cadence_days",
        ),
        False,
    ),
    "contacts": Kind(
        Contact,
        "contact",
        "contacts",
        "our_person",
        ("name", "title", "level", "buying_role", "stance", "email", "phone"),
        True,
    ),
    "deals": Kind(
        Deal,
        "deal",
        "deals",
        "owner",
        (
            "title",
            "amount",
            "currency",
            "stage",
            "expected_close",
            "competitors",
            "lost_to",
            "lost_to_name",
            "lost_reasons",
        ),
        True,
    ),
    "interactions": Kind(
        Interaction,
        "interaction",
        "interactions",
        "author",
        ("kind", "occurred_at", "summary", "next_step"),
        True,
    ),
}


def _clean(kind: Kind, name: str, raw: str) -> str:
    if name == "domain":
        return normal_domain(raw)
    if name == "amount":
        return normal_amount(raw)
    if name == "expected_close":
        return normal_date(raw)
    if name == "occurred_at":
        return normal_moment(raw)
    if name == "currency":
        return raw.strip().upper()
    if name == "email":
        return raw.strip().lower()
    model_field = kind.model._meta.get_field(name)
    if isinstance(model_field, models.Field) and model_field.choices:
        return _choice(model_field, raw, _STAGES if name == "stage" else _STATUSES)
    return raw


def _first_id(raw: str) -> str:
    """HubSpot lists several associated ids as ``123;456``: the first is the primary."""
    return re.split(r"[;,]", raw)[0].strip()


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- lookups: a fixed number of queries per batch of rows ------------------------------------


class _AccountIndex:
    """Every account of the workspace by source id, domain and name (id and keys only: one
    query, a few bytes per account)."""

    def __init__(self, workspace_id: int) -> None:
        self.by_external: dict[str, int] = {}
        self.by_domain: dict[str, list[int]] = defaultdict(list)
        self.by_name: dict[str, list[int]] = defaultdict(list)
        self.external_of: dict[int, str] = {}
        rows = Account.objects.in_workspace(workspace_id).values_list(
            "pk", "external_id", "domain", "name"
        )
        for pk, external_id, domain, name in rows:
            if external_id:
                self.by_external[external_id] = pk
                self.external_of[pk] = external_id
            if domain:
                self.by_domain[normal_domain(domain)].append(pk)
            self.by_name[name.strip().casefold()].append(pk)

    def find(self, *, external_id: str, domain: str, name: str) -> tuple[int | None, str, int]:
        """(account id or None, how it was found, how many matched when ambiguous)."""
        if external_id and external_id in self.by_external:
            return self.by_external[external_id], "id", 1
        for how, key, index in (
            ("domain", normal_domain(domain), self.by_domain),
            ("name", name.strip().casefold(), self.by_name),
        ):
            if not key:
                continue
            # A record carrying another source id is another record of the source system.
            found = [
                pk
                for pk in index.get(key, [])
                if not external_id or self.external_of.get(pk, "") in ("", external_id)
            ]
            if len(found) == 1:
                return found[0], how, 1
            if len(found) > 1:
                return None, how, len(found)
        return None, "", 0


def _people(workspace_id: int) -> tuple[dict[str, int], dict[str, list[int]]]:
    """Members by e-mail and by name (HubSpot exports the owner's name)."""
    by_email: dict[str, int] = {}
    by_name: dict[str, list[int]] = defaultdict(list)
    for pk, email, name in members(workspace_id, active_only=True).values_list(
        "pk", "email", "name"
    ):
        by_email[email.casefold()] = pk
        if name:
            by_name[name.strip().casefold()].append(pk)
    return by_email, by_name


def _load(model: type[models.Model], workspace_id: int, pks: Iterable[int]) -> dict[int, Any]:
    loaded: dict[int, Any] = {}
    for chunk in _chunks(sorted(set(pks)), BATCH_SIZE):
        qs = model.objects.in_workspace(workspace_id).filter(pk__in=chunk)  # type: ignore[attr-defined]
        loaded.update((obj.pk, obj) for obj in qs)
    return loaded


def _lookup(
    model: type[models.Model], workspace_id: int, field_name: str, keys: Iterable[str]
) -> dict[str, list[tuple[int, str]]]:
    """Existing rows whose ``field_name`` is one of ``keys``: key → [(pk, external_id)]."""
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for chunk in _chunks(sorted({k for k in keys if k}), BATCH_SIZE):
        qs = model.objects.in_workspace(workspace_id).filter(**{f"{field_name}__in": chunk})  # type: ignore[attr-defined]
        for pk, key, external_id in qs.values_list("pk", field_name, "external_id"):
            found[str(key).casefold() if field_name == "email" else str(key)].append(
                (pk, external_id)
            )
    return found


# --- validation --------------------------------------------------------------------------------


def _validate(obj: models.Model) -> None:
    """The model's own field validation (what the API's 422 says), as
    :func:`headway.crm.writes.validate` runs it, without the three checks that cost a query per
    row: the relations (resolved inside the workspace above), uniqueness of the primary key and
    the check constraints (each mirrors a field validator run here: strength 1–5, amount ≥ 0)."""
    obj.full_clean(
        exclude=["workspace", "version", "account", "owner", "our_person"],
        validate_unique=False,
        validate_constraints=False,
    )
    clean_rules = getattr(obj, "clean_rules", None)
    if clean_rules:
        clean_rules()
    if isinstance(obj, Deal):
        deal_check_lost(obj)


def _tracked(obj: models.Model, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


# --- the run -----------------------------------------------------------------------------------


def run(
    *,
    membership: Membership,
    table: Table,
    mapping: Mapping,
    commit: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> Report:
    """Check every row; when ``commit`` and no row is bad, write them all in one transaction.
    The report says what a commit does (dry run) or did."""
    if not is_manager(membership):
        raise PermissionDenied(MAY_NOT_IMPORT)
    kind = KINDS[mapping.kind]
    ws = membership.workspace_id
    report = Report(kind=mapping.kind, rows=len(table.rows) + len(table.problems))
    report.errors.extend(RowError(row, "", "", message) for row, message in table.problems)
    say = progress or (lambda stage, done, total: None)

    people_by_email, people_by_name = _people(ws)
    needs_index = kind.needs_account or kind.model is Account
    accounts = _AccountIndex(ws) if needs_index else None
    value = mapping.value

    # Pass 1: which existing record each row is (keys only, a few queries per batch).
    ids = [value(v, "external_id") for _, v in table.rows]
    by_external = _lookup(kind.model, ws, "external_id", ids)
    by_email: dict[str, list[tuple[int, str]]] = {}
    if kind.model is Contact:
        by_email = _lookup(Contact, ws, "email", (value(v, "email").lower() for _, v in table.rows))
    by_title: dict[tuple[int, str], list[tuple[int, str]]] = defaultdict(list)

    seen_ids: dict[str, int] = {}
    claimed: dict[int, int] = {}  # existing pk → first row matching it
    targets: list[tuple[int, dict[str, str], int | None, int | None]] = []
    for number, values in table.rows:
        external_id = value(values, "external_id")
        if external_id:
            if external_id in seen_ids:
                report.errors.append(
                    RowError(
                        number,
                        mapping.columns["external_id"],
                        external_id,
                        DUPLICATE_ID.format(first=seen_ids[external_id]),
                    )
                )
                continue
            seen_ids[external_id] = number
        account_id: int | None = None
        if kind.needs_account:
            assert accounts is not None
            found = _find_account(accounts, mapping, values)
            if isinstance(found, RowError):
                report.errors.append(RowError(number, found.column, found.value, found.message))
                continue
            account_id = found
        existing, how, error = _match(
            kind, mapping, values, accounts, by_external, by_email, account_id
        )
        if error:
            report.errors.append(RowError(number, error[0], error[1], error[2]))
            continue
        if existing is not None:
            if existing in claimed:
                report.errors.append(
                    RowError(
                        number,
                        "",
                        "",
                        SAME_RECORD.format(what=kind.what, first=claimed[existing], how=how),
                    )
                )
                continue
            claimed[existing] = number
        targets.append((number, values, existing, account_id))

    # Deals without a known source id match by account and title: a query per batch of accounts.
    if kind.model in (Deal, Interaction):
        targets = _match_deals(kind, ws, mapping, targets, by_title, claimed, report)
    loaded = _load(kind.model, ws, (t[2] for t in targets if t[2] is not None))
    # The rows' accounts as objects (history and the agenda read them): a query per batch.
    parents = _load(Account, ws, (t[3] for t in targets if t[3] is not None))

    # Pass 2: apply and validate every row.
    plans: list[_Plan] = []
    for done, (number, values, existing, account_id) in enumerate(targets, start=1):
        plan = _plan(
            kind,
            mapping,
            membership,
            number,
            values,
            loaded.get(existing) if existing else None,
            parents.get(account_id) if account_id is not None else None,
            people_by_email,
            people_by_name,
            report,
        )
        if plan is not None:
            plans.append(plan)
        if done % 1000 == 0:
            say("checked", done, len(targets))
    say("checked", len(targets), len(targets))

    report.errors.sort(key=lambda e: (e.row, e.column))
    new = [p for p in plans if p.is_new]
    changed = [p for p in plans if not p.is_new and p.changed]
    report.created = len(new)
    report.updated = len(changed)
    report.unchanged = len(plans) - len(new) - len(changed)
    if not commit or report.errors:
        return report

    with transaction.atomic():
        done = 0
        total = len(new) + len(changed)
        for chunk in _chunks(new, batch_size):
            writes.create_many([p.obj for p in chunk], membership=membership)
            done += len(chunk)
            say("written", done, total)
        for chunk in _chunks(changed, batch_size):
            names = sorted({name for p in chunk for name in p.changed})
            now = timezone.now()
            for p in chunk:
                p.obj.version += 1  # type: ignore[attr-defined]
                p.obj.updated_at = now  # type: ignore[attr-defined]
            writes.update_many(
                [p.obj for p in chunk],
                [*names, "version", "updated_at"],
                membership=membership,
                befores={p.obj.pk: p.before for p in chunk},
            )
            done += len(chunk)
            say("written", done, total)
        if kind.model is Interaction:
            _refresh_last_touch(ws, {p.obj.account_id for p in new + changed}, batch_size)  # type: ignore[attr-defined]
    report.committed = True
    return report


def _refresh_last_touch(ws: int, account_ids: set[int], batch_size: int) -> None:
    """The accounts' derived last touch (as the interaction services keep it), one statement
    per batch of accounts instead of two per account."""
    latest = (
        Interaction.objects.in_workspace(ws)
        .filter(account_id=OuterRef("pk"))
        .values("account_id")
        .annotate(latest=Max("occurred_at"))
        .values("latest")
    )
    for chunk in _chunks(sorted(account_ids), batch_size):
        accounts = Account.objects.in_workspace(ws).filter(pk__in=chunk)
        accounts.update(last_touch_at=Subquery(latest))
        notify.written(list(accounts.only("pk", "workspace_id", "last_touch_at")))


def _match_key(kind: Kind, title: str, when: str) -> str:
    if kind.model is Interaction:
        return _moment_key(when) + "|" + title.strip().casefold()
    return title.strip().casefold()


def _match_deals(
    kind: Kind,
    ws: int,
    mapping: Mapping,
    targets: list[tuple[int, dict[str, str], int | None, int | None]],
    by_title: dict[tuple[int, str], list[tuple[int, str]]],
    claimed: dict[int, int],
    report: Report,
) -> list[tuple[int, dict[str, str], int | None, int | None]]:
    """A deal row not found by its source id is the deal of the same account with the same
    title (one, carrying no other source id); an interaction the account's interaction at the
    same moment with the same summary."""
    text_field = "title" if kind.model is Deal else "summary"
    when_field = "occurred_at" if kind.model is Interaction else "pk"
    account_ids = {t[3] for t in targets if t[2] is None and t[3] is not None}
    for chunk in _chunks(sorted(account_ids), BATCH_SIZE):
        rows = (
            kind.model.objects.in_workspace(ws)  # type: ignore[attr-defined]
            .filter(account_id__in=chunk)
            .values_list("pk", "account_id", text_field, when_field, "external_id")
        )
        for pk, account_id, title, when, external_id in rows:
            by_title[(account_id, _match_key(kind, title, when))].append((pk, external_id))
    matched = []
    for number, values, existing, account_id in targets:
        if existing is None and account_id is not None:
            external_id = mapping.value(values, "external_id")
            row_key = (
                account_id,
                _match_key(
                    kind, mapping.value(values, text_field), mapping.value(values, "occurred_at")
                ),
            )
            found = [pk for pk, other in by_title.get(row_key, []) if other in ("", external_id)]
            if len(found) > 1:
                report.errors.append(
                    RowError(
                        number,
                        mapping.columns.get(text_field, ""),
                        mapping.value(values, text_field),
                        AMBIGUOUS.format(
                            count=len(found), what=f"{kind.plural} of this account", how=text_field
                        ),
                    )
                )
                continue
            if found:
                if found[0] in claimed:
                    report.errors.append(
                        RowError(
                            number,
                            "",
                            "",
                            SAME_RECORD.format(
                                what=kind.what, first=claimed[found[0]], how=text_field
                            ),
                        )
                    )
                    continue
                claimed[found[0]] = number
                existing = found[0]
        matched.append((number, values, existing, account_id))
    return matched


def _find_account(
    accounts: _AccountIndex, mapping: Mapping, values: dict[str, str]
) -> int | RowError:
    ref = _first_id(mapping.value(values, "account_ref"))
    name = mapping.value(values, "account_name")
    domain = mapping.value(values, "account_domain")
    if not (ref or name or domain):
        column = next(
            (
                mapping.columns[t]
                for t in ("account_ref", "account_name", "account_domain")
                if t in mapping.columns
            ),
            "",
        )
        return RowError(0, column, "", NEEDS_ACCOUNT)
    if ref and ref in accounts.by_external:
        return accounts.by_external[ref]
    pk, how, count = accounts.find(external_id="", domain=domain, name=name)
    column = mapping.columns.get(
        {"domain": "account_domain", "name": "account_name"}.get(how, "account_ref"), ""
    )
    if count > 1:
        raw = domain if how == "domain" else name
        return RowError(0, column, raw, AMBIGUOUS.format(count=count, what="accounts", how=how))
    if pk is None:
        looked = " or ".join(
            f"{label} '{raw}'"
            for label, raw in (("id", ref), ("domain", domain), ("name", name))
            if raw
        )
        first = next(
            t
            for t, raw in (("account_ref", ref), ("account_domain", domain), ("account_name", name))
            if raw
        )
        return RowError(
            0,
            mapping.columns.get(first, ""),
            {"account_ref": ref, "account_domain": domain, "account_name": name}[first],
            NO_ACCOUNT.format(looked=looked),
        )
    return pk


def _match(
    kind: Kind,
    mapping: Mapping,
    values: dict[str, str],
    accounts: _AccountIndex | None,
    by_external: dict[str, list[tuple[int, str]]],
    by_email: dict[str, list[tuple[int, str]]],
    account_id: int | None,
) -> tuple[int | None, str, tuple[str, str, str] | None]:
    """The existing record a row is (pk or None), how it was found, or an error
    (column, value, message)."""
    external_id = mapping.value(values, "external_id")
    if external_id and by_external.get(external_id):
        return by_external[external_id][0][0], "id", None
    if kind.model is Account:
        assert accounts is not None
        pk, how, count = accounts.find(
            external_id=external_id,
            domain=mapping.value(values, "domain"),
            name=mapping.value(values, "name"),
        )
        if count > 1:
            column = mapping.columns.get(how, "")
            return (
                None,
                how,
                (
                    column,
                    mapping.value(values, how),
                    AMBIGUOUS.format(count=count, what="accounts", how=how),
                ),
            )
        return pk, how, None
    if kind.model is Contact:
        email = mapping.value(values, "email").lower()
        found = (
            [
                pk
                for pk, other in by_email.get(email, [])
                if not external_id or other in ("", external_id)
            ]
            if email
            else []
        )
        if len(found) > 1:
            return (
                None,
                "e-mail",
                (
                    mapping.columns["email"],
                    email,
                    AMBIGUOUS.format(count=len(found), what="contacts", how="e-mail"),
                ),
            )
        return (found[0] if found else None), "e-mail", None
    return None, "", None


def _plan(
    kind: Kind,
    mapping: Mapping,
    membership: Membership,
    number: int,
    values: dict[str, str],
    existing: models.Model | None,
    account: Account | None,
    people_by_email: dict[str, int],
    people_by_name: dict[str, list[int]],
    report: Report,
) -> _Plan | None:
    is_new = existing is None
    obj: Any = kind.model(workspace_id=membership.workspace_id) if existing is None else existing
    names = [*kind.fields, "external_id", kind.person_field + "_id"]
    if kind.needs_account:
        names.append("account_id")
    if kind.model is Deal:
        names.append("closed_at")  # derived by the lost/won rule
    original = _tracked(obj, names)
    before = {} if is_new else history.snapshot(obj)
    raw: dict[str, str] = {}  # model field → (column, value) for messages
    columns: dict[str, str] = {}
    for name in kind.fields:
        cell = mapping.value(values, name)
        if name == "name" and not cell and kind.model is Contact:
            cell = " ".join(
                part
                for part in (
                    mapping.value(values, "first_name"),
                    mapping.value(values, "last_name"),
                )
                if part
            )
            columns[name] = " + ".join(
                mapping.columns[t] for t in ("first_name", "last_name") if t in mapping.columns
            )
        else:
            columns[name] = mapping.columns.get(name, name)
        if not cell:
            continue
        raw[name] = cell
        setattr(obj, name, _clean(kind, name, cell))
    external_id = mapping.value(values, "external_id")
    if external_id:
        obj.external_id = external_id
        raw["external_id"] = external_id
        columns["external_id"] = mapping.columns["external_id"]
    if account is not None:
        obj.account = account  # loaded once per batch: history and the agenda read it
    owner = mapping.value(values, "owner_email")
    if owner:
        person = people_by_email.get(owner.casefold())
        if person is None and len(people_by_name.get(owner.casefold(), [])) == 1:
            person = people_by_name[owner.casefold()][0]
        if person is None:
            report.unknown_owners.setdefault(owner, []).append(number)
        else:
            setattr(obj, kind.person_field + "_id", person)
    try:
        _validate(obj)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            column = "" if name == NON_FIELD_ERRORS else columns.get(name, name)
            for message in messages:
                report.errors.append(RowError(number, column, raw.get(name, ""), message))
        return None
    after = _tracked(obj, names)
    changed = [
        n.removesuffix("_id") if n.endswith("_id") and n != "external_id" else n
        for n in names
        if after[n] != original[n]
    ]
    return _Plan(row=number, obj=obj, values=values, is_new=is_new, before=before, changed=changed)
