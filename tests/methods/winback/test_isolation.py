"""Another workspace's win-back, ask, file, touch or signal is a 404 on every win-back page and
API route — read, write, delete and download — while the same URLs work for its owner.

The routes are discovered like in tests/test_tenant_isolation.py (which covers the whole
site), here narrowed to this module so a failure points straight at it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from headway.workspaces.models import Membership
from headway.workspaces.services import token_create
from tests import factories
from tests.isolation_registry import ID_FACTORIES
from tests.test_tenant_isolation import api_routes, fill, page_routes

pytestmark = pytest.mark.django_db

WINBACK_IDS = {"winback_id", "ask_id", "attachment_id", "touch_id", "signal_id"}


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


def _winback_page_routes() -> list[str]:
    return [p for p, names in page_routes() if p.startswith("winbacks/")]


def test_every_winback_page_route_is_discovered_with_its_ids(db: None) -> None:
    routes = _winback_page_routes()
    names = {n for p, ns in page_routes() if p.startswith("winbacks/") for n in ns}
    assert names == WINBACK_IDS
    assert len(routes) >= 15


def test_another_workspaces_winback_objects_are_404_on_every_page(populated: Any) -> None:
    outsider = populated.client_for(populated.outsider)
    insider = populated.client_for(populated.admin)
    failures = []
    for pattern in _winback_page_routes():
        url = fill(pattern, populated.ids)
        for method in ("get", "post"):
            status = getattr(outsider, method)(url).status_code
            if status != 404:
                failures.append(f"{method.upper()} {url} → {status} for an outsider")
        if insider.get(url).status_code == 404:
            failures.append(f"GET {url} is 404 for the owner too: the test is not testing")
    assert not failures, "\n".join(failures)


def test_an_outsider_cannot_download_a_file_even_with_its_exact_url(populated: Any) -> None:
    ids = populated.ids
    url = f"/winbacks/{ids['winback_id']}/asks/{ids['ask_id']}/attachments/{ids['attachment_id']}/"
    own = populated.client_for(populated.admin).get(url)
    assert own.status_code == 200
    assert b"".join(own.streaming_content).startswith(b"Evaluation scorecard")
    theirs = populated.client_for(populated.outsider).get(url)
    assert theirs.status_code == 404
    assert b"scorecard" not in theirs.content


def test_another_workspaces_winback_objects_are_404_on_every_api_route(populated: Any) -> None:
    insider_m = Membership.objects.in_workspace(populated.workspace).get(user=populated.admin)
    outsider_m = Membership.objects.in_workspace(populated.other_workspace).get(
        user=populated.outsider
    )
    _, insider_token = token_create(membership=insider_m, name="insider")
    _, outsider_token = token_create(membership=outsider_m, name="outsider")
    client = Client()
    routes = [r for r in api_routes(client) if "/winbacks/" in r[1]]
    assert len(routes) >= 20
    failures = []
    for method, path, names in routes:
        url = path
        for name in names:
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


def test_a_child_under_another_winback_of_the_same_workspace_is_404(populated: Any) -> None:
    """An ask id only resolves under its own win-back: no reaching across by mixing ids."""
    from tests.methods.winback.factories import make_winback

    other = make_winback(populated.workspace, populated.admin)
    client = populated.client_for(populated.admin)
    url = f"/winbacks/{other.pk}/asks/{populated.ids['ask_id']}/attachments/{populated.ids['attachment_id']}/"
    assert client.get(url).status_code == 404
