"""Another workspace's object is a 404 everywhere — page and API, read, write and delete.

The routes are discovered, not listed: every URL pattern from Django's resolver and every path
of the OpenAPI document that takes an object id is called with ids of workspace A by a user of
workspace B. A route added later is covered with no edit here, as long as its id parameter has
one of the names in ``ID_FACTORIES`` (the project's naming contract); a new kind of id fails the
test until its module registers a factory in ``tests/<module>/isolation.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from headway.agenda.models import CalendarFeed
from headway.workspaces.models import Invitation, Membership
from headway.workspaces.services import hash_secret, token_create
from tests import factories
from tests.isolation_registry import ID_FACTORIES, id_factory, load_module_factories

# Route parameters that are not object ids but secrets (the secret itself is the scope).
SECRET_PARAMS = {"token", "secret", "key", "uidb36", "path"}

# Each module registers the ids its routes take in tests/<module>/isolation.py (imported here).
load_module_factories()


@id_factory("account_id")
def _account(world: Any) -> int:
    return world.objects["account"].pk


@id_factory("contact_id")
def _contact(world: Any) -> int:
    return world.objects["contact"].pk


@id_factory("deal_id")
def _deal(world: Any) -> int:
    return world.objects["deal"].pk


@id_factory("interaction_id")
def _interaction(world: Any) -> int:
    return world.objects["interaction"].pk


@id_factory("action_id")
def _action(world: Any) -> int:
    return world.objects["action"].pk


@id_factory("membership_id")
def _membership(world: Any) -> int:
    return Membership.objects.in_workspace(world.workspace).get(user=world.member).pk


@id_factory("invitation_id")
def _invitation(world: Any) -> int:
    return Invitation.objects.create(
        workspace=world.workspace,
        email="new@acme.test",
        token_hash=hash_secret("isolation-invite"),
        invited_by=world.admin,
        expires_at=timezone.now() + dt.timedelta(days=3),
    ).pk


@id_factory("token_id")
def _token(world: Any) -> int:
    membership = Membership.objects.in_workspace(world.workspace).get(user=world.admin)
    return token_create(membership=membership, name="isolation")[0].pk


@id_factory("feed_id")
def _feed(world: Any) -> int:
    return CalendarFeed.objects.create(
        workspace=world.workspace, user=world.admin, token_hash=hash_secret("isolation-feed")
    ).pk


@pytest.fixture
def populated(world: Any) -> Any:
    account = factories.make_account(world.workspace, owner=world.admin, name="Initech")
    world.objects = {
        "account": account,
        "contact": factories.make_contact(account),
        "deal": factories.make_deal(account, owner=world.admin),
        "interaction": factories.make_interaction(account, author=world.admin),
        "action": factories.make_action(world.workspace, world.admin, account=account),
    }
    world.ids = {name: make(world) for name, make in ID_FACTORIES.items()}
    return world


def walk(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, str]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.lookup_str


PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


def page_routes() -> list[tuple[str, list[str]]]:
    routes = []
    for pattern, _view in walk(get_resolver()):
        if pattern.startswith("api/") or pattern.startswith("^"):
            continue
        names = [m.group("name") for m in PARAM.finditer(pattern)]
        if not names or set(names) <= SECRET_PARAMS:
            continue
        routes.append((pattern, names))
    return routes


def fill(pattern: str, ids: dict[str, int]) -> str:
    def sub(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in ids:
            raise AssertionError(
                f"Route {pattern!r} takes {name!r}, which the isolation test does not know: add an "
                "id factory for it in tests/test_tenant_isolation.py (or use a known name)."
            )
        return str(ids[name])

    return "/" + PARAM.sub(sub, pattern)


def test_page_routes_with_ids_are_discovered(db: None) -> None:
    names = {name for _, params in page_routes() for name in params}
    assert {"account_id", "contact_id", "deal_id", "interaction_id", "action_id"} <= names


def test_another_workspaces_objects_are_404_on_every_page_route(populated: Any) -> None:
    outsider = populated.client_for(populated.outsider)
    insider = populated.client_for(populated.admin)
    failures = []
    checked = 0
    for pattern, _names in page_routes():
        url = fill(pattern, populated.ids)
        for method in ("get", "post"):
            response = getattr(outsider, method)(url)
            checked += 1
            if response.status_code not in (404, 405):
                failures.append(f"{method.upper()} {url} ({pattern}) → {response.status_code}")
        # Positive control: the same URL is real for a member of the workspace.
        if insider.get(url).status_code == 404 and insider.post(url).status_code == 404:
            failures.append(f"{url} ({pattern}) is 404 for the owner too: the test is not testing")
    assert checked >= 20
    assert not failures, "\n".join(failures)


def api_routes(client: Client) -> list[tuple[str, str, list[str]]]:
    schema = client.get("/api/v1/openapi.json").json()
    prefix = "/api/v1" if not next(iter(schema["paths"])).startswith("/api/v1") else ""
    routes = []
    for path, operations in schema["paths"].items():
        names = re.findall(r"{([^}]+)}", path)
        if not names:
            continue
        for method in operations:
            if method in {"get", "post", "put", "patch", "delete"}:
                routes.append((method, prefix + path, names))
    return routes


def test_another_workspaces_objects_are_404_on_every_api_route(populated: Any) -> None:
    insider_m = Membership.objects.in_workspace(populated.workspace).get(user=populated.admin)
    outsider_m = Membership.objects.in_workspace(populated.other_workspace).get(
        user=populated.outsider
    )
    _, insider_token = token_create(membership=insider_m, name="insider")
    _, outsider_token = token_create(membership=outsider_m, name="outsider")
    client = Client()
    routes = api_routes(client)
    assert len(routes) >= 15
    failures = []
    for method, path, names in routes:
        url = path
        for name in names:
            if name not in populated.ids:
                failures.append(f"{path}: unknown id parameter {name!r}: add an id factory")
                continue
            url = url.replace("{" + name + "}", str(populated.ids[name]))
        response = client.generic(
            method.upper(),
            url,
            data="{}",
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {outsider_token}",
        )
        if response.status_code != 404:
            failures.append(f"{method.upper()} {url} → {response.status_code} for an outsider")
        if method == "get":
            own = client.get(url, HTTP_AUTHORIZATION=f"Bearer {insider_token}")
            if own.status_code != 200:
                failures.append(f"GET {url} → {own.status_code} for the owner: not testing")
    assert not failures, "\n".join(failures)
