"""The method-app declaration: a method is one folder under ``headway/methods/`` and one
:class:`MethodApp` subclass in its ``apps.py``.

Everything shared reads the declaration instead of naming a method: settings discover the
folders (:func:`discover`), ``headway/urls.py`` mounts each app's pages, the API assembly adds
each router, the main menu shows each nav entry, the demo runs each loader, and the CRM's
account, contact and deal pages show each app's entry points and panels. The core (``crm``,
``workspaces``, ``agenda``) imports this module, never a method app.

    class OptionsConfig(MethodApp):
        name = "headway.methods.options"
        label = "options"
        verbose_name = "Option Solving"
        url_prefix = "decisions/"
        api_prefix = "/decisions"
        nav = ("Decisions", "options:decision_list")
        entry_points = (EntryPoint(page="account", label="Start a decision", ...),)
        panels = {"account": "headway.methods.options.selectors.account_panel"}
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from django.apps import AppConfig, apps
from django.urls import URLResolver, include, path, reverse
from django.utils.module_loading import import_string

Page = Literal["account", "contact", "deal"]

METHODS_DIR = Path(__file__).resolve().parent.parent / "methods"


def discover(root: Path = METHODS_DIR, package: str = "headway.methods") -> list[str]:
    """The dotted names of the method apps: every folder of ``headway/methods/`` with an
    ``apps.py``. Settings call this, so adding a folder is all ``INSTALLED_APPS`` needs."""
    return [f"{package}.{path.parent.name}" for path in sorted(root.glob("*/apps.py"))]


@dataclass(frozen=True)
class EntryPoint:
    """A button a method app offers on a CRM page, e.g. "Start a decision" on an account.

    The link is ``reverse(url_name)?<query>=<object id>``. ``when`` is a pure predicate on the
    object (no query), e.g. "the deal is lost"; ``hide_when_listed`` hides the button when the
    app's panel on the same page already lists something (a lost deal with its win-back)."""

    page: Page
    label: str
    url_name: str
    query: str
    hint: str = ""
    primary: bool = False
    when: Callable[[Any], bool] | None = None
    hide_when_listed: bool = False

    def url(self, obj: Any) -> str:
        return f"{reverse(self.url_name)}?{self.query}={obj.pk}"


@dataclass(frozen=True)
class PanelItem:
    """One row of a method's panel on a CRM page: a link with a short status."""

    label: str
    url: str
    detail: str = ""
    badge: str = ""
    tone: str = ""  # "", "ok", "warn", "bad", "brand": the badge's colour (its text says it)


@dataclass
class Panel:
    """A method app's items for one CRM object (its decisions on an account, say)."""

    app: str
    title: str
    items: list[PanelItem]
    has_more: bool  # more than the PANEL_LIMIT shown
    more_url: str
    empty: str
    buttons: list[tuple[EntryPoint, str]] = field(default_factory=list)

    @property
    def heading_id(self) -> str:
        return f"panel-{self.app}"


PANEL_LIMIT = 5

# A panel selector: (workspace=, obj=, limit=) → up to ``limit + 1`` items (one more than shown
# tells that there are more), newest or most urgent first. One query, whatever the data size.
PanelSelector = Callable[..., list[PanelItem]]


class MethodApp(AppConfig):
    """The one declaration of a method app (subclass it in the app's ``apps.py``)."""

    # apps.py imports this base class too: Django picks the AppConfig there whose ``default`` is
    # true, so the base says no and every declaration says yes.
    default = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.default = True

    url_prefix: str = ""  # pages mounted at /<url_prefix>, e.g. "decisions/"
    api_prefix: str = ""  # API router mounted at /api/v1<api_prefix>, e.g. "/decisions"
    nav: tuple[str, str] | None = None  # (menu label, URL name)
    entry_points: tuple[EntryPoint, ...] = ()
    # page → dotted path of a PanelSelector; the panel's title and empty text beside it.
    panels: Mapping[Page, str] = {}
    panel_title: str = ""
    panel_empty: str = ""
    panel_more_url_name: str = ""  # the list of all of them (filtered by ?account=)
    # The models the app owns (for export, transfer and the tests' tenancy checks).
    exports: tuple[str, ...] = ()

    @property
    def urls_module(self) -> str:
        return f"{self.name}.urls"

    @property
    def api_router(self) -> Any:
        return import_string(f"{self.name}.api.router")

    @property
    def demo_loader(self) -> Callable[..., None] | None:
        """``demo.load(workspace=, now=)``: the app's source story in the demo workspace."""
        if importlib.util.find_spec(f"{self.name}.demo") is None:
            return None
        return getattr(importlib.import_module(f"{self.name}.demo"), "load", None)

    def ready(self) -> None:
        # The app's agenda provider registers itself when its module is imported; its
        # generator (generate.py) is found by autodiscovery when `headway generate` runs.
        if importlib.util.find_spec(f"{self.name}.agenda") is not None:
            importlib.import_module(f"{self.name}.agenda")


def method_apps() -> list[MethodApp]:
    """The installed method apps, in the order of ``INSTALLED_APPS``."""
    return [cfg for cfg in apps.get_app_configs() if isinstance(cfg, MethodApp)]


def nav_entries() -> list[tuple[str, str]]:
    return [app.nav for app in method_apps() if app.nav]


def method_urlpatterns() -> list[URLResolver]:
    """Each method app's pages at its declared prefix (``headway/urls.py`` includes these)."""
    return [path(app.url_prefix, include(app.urls_module)) for app in method_apps()]


def api_routers() -> list[tuple[str, Any]]:
    """(prefix, router) of each method app, for the API assembly (``headway/api/main.py``)."""
    return [(app.api_prefix, app.api_router) for app in method_apps()]


def panels_for(*, page: Page, workspace: Any, obj: Any, may_start: bool) -> list[Panel]:
    """Every method app's panel and buttons for one CRM object: one query per app that has a
    panel on this page. ``may_start`` is whether the viewer may create (role), so a viewer
    sees the items but no buttons."""
    out: list[Panel] = []
    for app in method_apps():
        points = [p for p in app.entry_points if p.page == page and (p.when is None or p.when(obj))]
        selector = app.panels.get(page)
        if selector is None and not points:
            continue
        rows: list[PanelItem] = []
        if selector is not None:
            rows = import_string(selector)(workspace=workspace, obj=obj, limit=PANEL_LIMIT)
        buttons = (
            [(p, p.url(obj)) for p in points if not (p.hide_when_listed and rows)]
            if may_start
            else []
        )
        if selector is None and not buttons:
            continue
        more_url = ""
        if app.panel_more_url_name:
            more_url = f"{reverse(app.panel_more_url_name)}?{page}={obj.pk}"
        out.append(
            Panel(
                app=app.label,
                title=app.panel_title or str(app.verbose_name),
                items=rows[:PANEL_LIMIT],
                has_more=len(rows) > PANEL_LIMIT,
                more_url=more_url,
                empty=app.panel_empty,
                buttons=buttons,
            )
        )
    return out


def demo_loaders() -> list[Callable[..., None]]:
    return [loader for app in method_apps() if (loader := app.demo_loader) is not None]
