from __future__ import annotations

from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """People join a workspace by invitation, so there is no open sign-up page."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # Without django.contrib.sites allauth names the site after the request's host
        # ("Hello from 127.0.0.1:8000!"); e-mails should say Headway and its public address.
        site = SimpleNamespace(
            name="Headway", domain=urlsplit(settings.HEADWAY_BASE_URL).netloc or "Headway"
        )
        super().send_mail(template_prefix, email, {**context, "current_site": site})
