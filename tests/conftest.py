"""Shared fixtures: one workspace with admin, manager, member (owner of things), viewer; and an
outsider who belongs to another workspace only — every foreign id they try must be a 404.
From the kit (``tests/kit.py``): ``clock``, standing still at noon UTC on 22 November 2026,
and ``api_for``, an API client per person."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
from django.test import Client

os.environ.setdefault("HEADWAY_TESTING", "1")

from tests import factories, kit

clock = kit.clock_fixture(kit.NOW)
api_for = kit.api_for_fixture(kit.API)


@dataclass
class World:
    workspace: object
    admin: object
    manager: object
    member: object
    viewer: object
    other_member: object
    outsider: object
    other_workspace: object

    def client_for(self, user: object) -> Client:
        client = Client()
        client.force_login(user)  # type: ignore[arg-type]
        return client


@pytest.fixture
def world(db: None) -> World:
    ws = factories.make_workspace("Acme Sales")
    other = factories.make_workspace("Rival Inc")
    admin = factories.make_user("admin@acme.test", name="Ada Admin")
    manager = factories.make_user("manager@acme.test", name="Max Manager")
    member = factories.make_user("member@acme.test", name="Mia Member")
    viewer = factories.make_user("viewer@acme.test", name="Vic Viewer")
    other_member = factories.make_user("other@acme.test", name="Otto Other")
    outsider = factories.make_user("outsider@rival.test", name="Oscar Outsider")
    factories.make_membership(ws, admin, "admin")
    factories.make_membership(ws, manager, "manager")
    factories.make_membership(ws, member, "member")
    factories.make_membership(ws, viewer, "viewer")
    factories.make_membership(ws, other_member, "member")
    factories.make_membership(other, outsider, "admin")
    return World(ws, admin, manager, member, viewer, other_member, outsider, other)
