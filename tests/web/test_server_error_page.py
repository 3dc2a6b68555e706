"""The 500 page has the app's look (its stylesheet, icon and top bar) and cannot fail itself:
it reads no database, renders no template and runs no context processor."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client, RequestFactory, override_settings

from headway.web import views


@pytest.fixture(autouse=True)
def fresh_page() -> Iterator[None]:
    views.server_error_html.cache_clear()
    yield
    views.server_error_html.cache_clear()


def assert_styled(html: str) -> None:
    assert '<link rel="stylesheet" href="/static/web/headway.css">' in html
    assert '<header class="topbar">' in html and 'class="brand"' in html
    assert "Something went wrong on our side" in html
    assert 'href="/"' in html
    # Strict CSP: nothing inline, and nothing left of the placeholders.
    assert "<script" not in html and "style=" not in html and "{{" not in html


@override_settings(ROOT_URLCONF="tests.web.boom_urls")
def test_a_broken_page_answers_500_with_the_apps_look(world: Any) -> None:
    client = world.client_for(world.member)
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert_styled(response.content.decode())
    assert "default-src 'self'" in response["Content-Security-Policy"]


@override_settings(ROOT_URLCONF="tests.web.boom_urls")
def test_a_broken_api_call_answers_json_with_a_detail(world: Any) -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/boom/")
    assert response.status_code == 500
    assert response.json() == {"detail": views.SERVER_ERROR_DETAIL}


def test_the_page_needs_no_database() -> None:
    # No `db` fixture: any query here would raise (pytest-django blocks the database).
    response = views.server_error(RequestFactory().get("/accounts/"))
    assert response.status_code == 500
    assert_styled(response.content.decode())


def test_the_page_needs_no_template_engine_or_context_processor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("templates are what broke")

    monkeypatch.setattr("django.template.loader.get_template", broken)
    monkeypatch.setattr("django.template.loader.render_to_string", broken)
    monkeypatch.setattr("django.template.Template.render", broken)
    monkeypatch.setattr("headway.workspaces.context_processors.workspace", broken)
    assert_styled(views.server_error(RequestFactory().get("/")).content.decode())


def test_a_static_storage_that_cannot_say_falls_back_to_the_plain_file_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # E.g. the manifest storage before `collectstatic`: whitenoise serves the plain names too.
    def no_manifest(name: str) -> str:
        raise ValueError(f"Missing staticfiles manifest entry for '{name}'")

    monkeypatch.setattr("django.templatetags.static.static", no_manifest)
    html = views.server_error(RequestFactory().get("/")).content.decode()
    assert_styled(html)
    assert '<img src="/static/web/favicon.svg"' in html


def test_an_unreadable_page_file_still_gives_a_page(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    monkeypatch.setattr(views, "SERVER_ERROR_PAGE", tmp_path / "missing.html")
    response = views.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
