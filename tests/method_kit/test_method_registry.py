"""A method app is one folder and one declaration: everything shared finds it there."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from ninja import NinjaAPI

from headway.kit import methods as kit
from tests import factories

SAMPLE = "tests.method_kit.sample_method"


def test_settings_install_every_folder_of_headway_methods_that_has_an_apps_py():
    folders = sorted(
        p.parent.name for p in (Path(settings.BASE_DIR) / "headway" / "methods").glob("*/apps.py")
    )
    assert folders, "no method app found"
    for name in folders:
        assert f"headway.methods.{name}" in settings.INSTALLED_APPS


def test_a_folder_without_a_declaration_is_not_an_app(tmp_path: Path):
    (tmp_path / "alpha").mkdir()
    (tmp_path / "alpha" / "apps.py").write_text("")
    (tmp_path / "notes").mkdir()
    assert kit.discover(tmp_path, "pkg") == ["pkg.alpha"]


def test_the_installed_method_apps_are_the_declared_ones():
    labels = [app.label for app in kit.method_apps()]
    assert labels == ["alignment", "options", "winback"]
    assert ("Decisions", "options:decision_list") in kit.nav_entries()


@pytest.fixture
def with_sample():
    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, SAMPLE]):
        yield


@pytest.fixture
def sample_urls(with_sample):
    """URLs built from the registry with the sample app installed (its links reverse)."""
    with override_settings(ROOT_URLCONF="tests.method_kit.urls_with_methods"):
        yield


def test_a_new_method_app_is_found_from_its_declaration_alone(with_sample):
    app = next(a for a in kit.method_apps() if a.name == SAMPLE)
    assert app.label == "sample_method"
    assert ("Sample", "sample_method:home") in kit.nav_entries()
    assert [loader.__module__ for loader in kit.demo_loaders()][-1] == f"{SAMPLE}.demo"
    prefixes = [str(p.pattern) for p in kit.method_urlpatterns()]
    assert prefixes == ["alignments/", "decisions/", "winbacks/", "sample-method/"]


def test_a_new_method_apps_pages_are_served_at_its_prefix(sample_urls):
    response = Client().get("/sample-method/")
    assert response.status_code == 200
    assert response.content == b"sample home"


def test_a_new_method_apps_api_router_is_mounted_at_its_prefix(with_sample):
    api = NinjaAPI(urls_namespace="kit-sample-test")
    for prefix, router in kit.api_routers():
        if prefix == "/sample-method":
            api.add_router(prefix, router)
    paths = api.get_openapi_schema(path_prefix="")["paths"]
    assert "/sample-method/ping" in paths


def test_a_new_method_apps_panel_and_button_show_on_the_page_it_names(sample_urls, db):
    ws = factories.make_workspace("Acme Sales")
    account = factories.make_account(ws, name="Harbour & Vale")
    contact = factories.make_contact(account, name="Priya Nair")
    panels = kit.panels_for(page="contact", workspace=ws, obj=contact, may_start=True)
    sample = next(p for p in panels if p.app == "sample_method")
    assert sample.title == "Samples"
    assert [i.label for i in sample.items] == [f"Priya Nair sample {n}" for n in range(5)]
    assert sample.has_more
    assert [(point.label, url) for point, url in sample.buttons] == [
        ("Start a sample", f"/sample-method/?contact={contact.pk}")
    ]
    # A viewer sees the items, never a button to start one.
    viewer = kit.panels_for(page="contact", workspace=ws, obj=contact, may_start=False)
    assert next(p for p in viewer if p.app == "sample_method").buttons == []
    # Pages the app names no panel or button for show nothing of it.
    on_account = kit.panels_for(page="account", workspace=ws, obj=account, may_start=True)
    assert "sample_method" not in [p.app for p in on_account]


def test_every_declared_export_is_a_model_of_the_app():
    for app in kit.method_apps():
        assert app.exports, f"{app.label} declares no models"
        for name in app.exports:
            assert app.get_model(name)._meta.app_label == app.label
