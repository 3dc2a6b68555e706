"""The profile page: name, time zone and morning review time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse


def test_profile_shows_the_current_settings_and_a_change_password_link(world: Any) -> None:
    response = world.client_for(world.member).get(reverse("workspaces:profile"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="07:30"' in html
    assert '<option value="Europe/Paris">' in html
    assert reverse("account_change_password") in html


def test_profile_saves_name_time_zone_and_morning_review_time(world: Any) -> None:
    client = world.client_for(world.member)
    response = client.post(
        reverse("workspaces:profile"),
        {"name": "Mia M.", "time_zone": "America/New_York", "morning_review_time": "06:45"},
    )
    assert response.status_code == 302
    world.member.refresh_from_db()
    assert world.member.name == "Mia M."
    assert world.member.time_zone == "America/New_York"
    assert world.member.morning_review_time == dt.time(6, 45)
    assert "Profile saved" in client.get(reverse("workspaces:profile")).content.decode()


def test_a_bogus_time_zone_is_refused_with_a_field_error(world: Any) -> None:
    client = world.client_for(world.member)
    response = client.post(
        reverse("workspaces:profile"),
        {"name": "Mia", "time_zone": "Mars/Olympus_Mons", "morning_review_time": "07:30"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "not a time zone we know" in errors["time_zone"][0]
    assert 'id="id_time_zone_error"' in response.content.decode()
    world.member.refresh_from_db()
    assert world.member.time_zone == "UTC"


def test_a_bogus_morning_time_is_refused_with_a_field_error(world: Any) -> None:
    response = world.client_for(world.member).post(
        reverse("workspaces:profile"),
        {"name": "Mia", "time_zone": "Europe/Paris", "morning_review_time": "25:99"},
    )
    assert response.status_code == 200
    assert "07:30" in response.context["form"].errors["morning_review_time"][0]


def test_the_profile_needs_a_sign_in(db: None) -> None:
    from django.test import Client

    response = Client().get(reverse("workspaces:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
