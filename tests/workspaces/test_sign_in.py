"""Signing in, being throttled after repeated wrong passwords, and resetting a password —
through the real allauth pages (real POSTs, not force_login)."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse

PASSWORD = "correct-horse-battery"  # tests.factories.make_user's password


def sign_in(client: Client, email: str, password: str) -> Any:
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_sign_in_page_uses_the_headway_layout(world: Any) -> None:
    response = Client().get(reverse("account_login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="topbar"' in html
    assert 'class="auth-title"' in html
    assert "<title>" in html and "Sign In" in html and "· Headway</title>" in html
    # No open sign-up: the page says how to get in instead of linking to a closed sign-up.
    assert "invitation" in html
    assert reverse("account_signup") not in html
    assert reverse("account_reset_password") in html


def test_signing_in_with_the_right_password_lands_on_the_agenda(world: Any) -> None:
    client = Client()
    response = sign_in(client, "member@acme.test", PASSWORD)
    assert response.status_code == 302
    assert response.url == "/"
    assert client.session["_auth_user_id"] == str(world.member.pk)


def test_signing_in_with_a_wrong_password_says_so(world: Any) -> None:
    client = Client()
    response = sign_in(client, "member@acme.test", "not-my-password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "not correct" in response.content.decode()


def test_repeated_wrong_passwords_throttle_the_account_even_with_the_right_one(
    world: Any,
) -> None:
    client = Client()
    for _ in range(5):
        assert sign_in(client, "member@acme.test", "guess-again").status_code == 200
    response = sign_in(client, "member@acme.test", PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_throttling_one_account_leaves_another_account_alone(world: Any) -> None:
    client = Client()
    for _ in range(5):
        sign_in(client, "member@acme.test", "guess-again")
    response = sign_in(client, "viewer@acme.test", PASSWORD)
    assert response.status_code == 302


def test_a_password_reset_email_lets_the_user_choose_a_new_password_and_sign_in(
    world: Any,
) -> None:
    client = Client()
    page = client.get(reverse("account_reset_password"))
    assert page.status_code == 200 and 'class="auth-title"' in page.content.decode()

    response = client.post(reverse("account_reset_password"), {"email": "member@acme.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["member@acme.test"]
    assert "Hello from Headway" in mail.outbox[0].body
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body)
    assert link is not None

    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    assert "password1" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1)
    done = client.post(
        set_url, {"password1": "a-new-long-secret-7", "password2": "a-new-long-secret-7"}
    )
    assert done.status_code == 302
    assert done.url == reverse("account_reset_password_from_key_done")
    assert "Sign in with your new password" in client.get(done.url).content.decode()

    fresh = Client()
    assert sign_in(fresh, "member@acme.test", PASSWORD).status_code == 200
    response = sign_in(fresh, "member@acme.test", "a-new-long-secret-7")
    assert response.status_code == 302 and response.url == "/"


def test_a_used_password_reset_link_is_refused(world: Any) -> None:
    client = Client()
    client.post(reverse("account_reset_password"), {"email": "member@acme.test"})
    path = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)  # type: ignore[union-attr]
    form_page = client.get(path, follow=True)
    set_url = form_page.redirect_chain[-1][0]
    client.post(set_url, {"password1": "a-new-long-secret-7", "password2": "a-new-long-secret-7"})

    again = Client().get(path, follow=True)
    assert "possibly because it has already been used" in again.content.decode()
    assert reverse("account_reset_password") in again.content.decode()


def test_change_password_page_renders_in_the_headway_layout(world: Any) -> None:
    client = world.client_for(world.member)
    response = client.get(reverse("account_change_password"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="topbar"' in html and 'class="auth-title"' in html
    assert reverse("workspaces:profile") in html


def test_sign_out_is_a_post_and_returns_to_the_sign_in_page(world: Any) -> None:
    client = world.client_for(world.member)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response.url == reverse("account_login")
    assert "_auth_user_id" not in client.session
