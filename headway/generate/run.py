"""One generation run: the workspace and its people, the CRM core, then every module's
registered generator; statistics refreshed at the end so the query planner knows the sizes."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from headway.agenda import sync as agenda_sync
from headway.crm import search
from headway.generate.core import generate_core, plan_people
from headway.generate.registry import CoreFacts, GenerateContext, generators, rng_for
from headway.generate.writer import BulkWriter
from headway.workspaces.models import Membership, Role, User, Workspace
from headway.workspaces.tenancy import WorkspaceModel

DEFAULT_PASSWORD = "headway-bench"
Progress = Callable[[str], None]


class GenerateConflict(RuntimeError):
    """The workspace for this size and seed exists already (and --reset was not given)."""


@dataclass
class GenerateResult:
    workspace: Workspace
    password: str
    admin_email: str
    manager_emails: list[str]
    seller_emails: list[str]
    seconds: float
    rows: int
    counts: dict[str, int] = field(default_factory=dict)
    analyze_seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def workspace_slug(size: int, seed: int) -> str:
    return f"generated-{size}-{seed}"


def default_now() -> dt.datetime:
    """The start of today (UTC): two runs on the same day with the same seed write the same rows."""
    today = timezone.now().astimezone(dt.UTC).date()
    return dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.UTC)


def generate_workspace(
    *,
    size: int,
    seed: int,
    now: dt.datetime | None = None,
    password: str = DEFAULT_PASSWORD,
    reset: bool = False,
    analyze: bool = True,
    progress: Progress | None = None,
) -> GenerateResult:
    say: Progress = progress or (lambda message: None)
    now = (now or default_now()).astimezone(dt.UTC)
    slug = workspace_slug(size, seed)
    existing = Workspace.objects.filter(slug=slug).first()
    if existing is not None:
        if not reset:
            raise GenerateConflict(
                f"The workspace “{existing.name}” ({slug}) is already there. Use --reset to "
                "delete it and generate it again, or pick another --seed."
            )
        say(f"Deleting the existing workspace {slug}…")
        with search.bulk_writes():  # one index rebuild instead of a trigger per deleted row
            delete_workspace(existing)

    autodiscover_modules("generate")  # every app's generate.py registers its generator
    started = time.perf_counter()
    writer = BulkWriter()
    with transaction.atomic():
        workspace = Workspace.objects.create(
            name=f"Generated: {size:,} accounts (seed {seed})", slug=slug
        )
        facts, emails = _people(workspace, size, password)
    ctx = GenerateContext(
        workspace=workspace,
        seed=seed,
        size=size,
        now=now,
        writer=writer,
        facts=facts,
        rng=rng_for(seed, "crm"),
    )
    ctx.count("people", len(facts.user_ids) * 2)  # users and memberships
    with search.bulk_writes():
        generate_core(ctx, progress=say)
        for name, generator in generators().items():
            say(f"Module {name}…")
            ctx.rng = rng_for(seed, name)
            with transaction.atomic():
                generator(ctx)
                writer.finish()
        say("Rebuilding the search indexes…")
    say("Deriving the agendas…")
    items = agenda_sync.rebuild_workspace(workspace.pk)
    say(f"{items:,} agenda items.")
    seconds = time.perf_counter() - started
    rows = writer.rows_written + len(facts.user_ids) * 2
    analyze_seconds = 0.0
    if analyze:
        say("Refreshing the query planner's statistics…")
        began = time.perf_counter()
        refresh_statistics()
        analyze_seconds = time.perf_counter() - began
    admin, managers, sellers = emails
    return GenerateResult(
        workspace=workspace,
        password=password,
        admin_email=admin,
        manager_emails=managers,
        seller_emails=sellers,
        seconds=seconds,
        rows=rows,
        counts={k: v for k, v in ctx.counts.items() if k != "people"},
        analyze_seconds=analyze_seconds,
    )


def _people(
    workspace: Workspace, size: int, password: str
) -> tuple[CoreFacts, tuple[str, list[str], list[str]]]:
    """Users (created, or reused from an earlier run with the same size and seed) and their
    memberships. The password is hashed once for all of them."""
    n_sellers, n_managers = plan_people(size)
    domain = f"{workspace.slug}.example"
    admin = f"admin@{domain}"
    managers = [f"manager{n:02d}@{domain}" for n in range(1, n_managers + 1)]
    sellers = [f"seller{n:04d}@{domain}" for n in range(1, n_sellers + 1)]
    wanted = [(admin, "Admin", Role.ADMIN, "UTC")]
    zones = ("Europe/London", "Europe/Berlin", "America/New_York")
    wanted += [(e, f"Manager {n}", Role.MANAGER, zones[n % 3]) for n, e in enumerate(managers, 1)]
    wanted += [(e, f"Seller {n}", Role.MEMBER, zones[n % 3]) for n, e in enumerate(sellers, 1)]
    hashed = make_password(password)
    known = {u.email: u for u in User.objects.filter(email__in=[w[0] for w in wanted])}
    User.objects.filter(pk__in=[u.pk for u in known.values()]).update(password=hashed)
    User.objects.bulk_create(
        [
            User(email=email, name=name, time_zone=zone, password=hashed)
            for email, name, _, zone in wanted
            if email not in known
        ],
        batch_size=1000,
    )
    users = {u.email: u for u in User.objects.filter(email__in=[w[0] for w in wanted])}
    Membership.objects.bulk_create(
        [Membership(workspace=workspace, user=users[e], role=role) for e, _, role, _ in wanted],
        batch_size=1000,
    )
    facts = CoreFacts(
        admin_id=users[admin].pk,
        manager_ids=[users[e].pk for e in managers],
        seller_ids=[users[e].pk for e in sellers],
    )
    return facts, (admin, managers, sellers)


def delete_workspace(workspace: Workspace) -> None:
    """Delete a (large) workspace quickly: one DELETE per business table, then the workspace
    row through the ORM for whatever else refers to it. Foreign keys are checked at commit."""
    with transaction.atomic(), connection.cursor() as cursor:
        for model in apps.get_models():
            if issubclass(model, WorkspaceModel) and model is not Membership:
                table = model._meta.db_table
                cursor.execute(
                    f'DELETE FROM "{table}" WHERE "workspace_id" = %s',  # noqa: S608
                    [workspace.pk],
                )
        # unscoped_objects: deleting this one workspace's memberships, by its id.
        Membership.unscoped_objects.filter(workspace=workspace).delete()
        workspace.delete()


def refresh_statistics() -> None:
    """Give the query planner the new table sizes (PostgreSQL's autovacuum would get there in
    a while; SQLite only ever knows what ANALYZE told it)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=2000")
            cursor.execute("ANALYZE")
            if not connection.in_atomic_block:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
