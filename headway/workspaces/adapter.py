from __future__ import annotations

from django.http import HttpRequest

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """People join a workspace by invitation, so there is no open sign-up page."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
