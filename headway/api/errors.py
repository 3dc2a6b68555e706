"""The one mapping of domain errors to API responses, each ``{"detail": ...}``.

- Django ``ValidationError`` (raised by services) → 422 in the same per-field shape as
  django-ninja's own schema errors: ``{"detail": [{"loc": ["body", field], "msg", "type"}]}``.
- ``NotFound`` / ``Http404`` → 404 ``{"detail": "Not found."}``: the same for a missing and for
  another workspace's object.
- ``RuleRefused`` (and ``ConcurrentEdit``) → 409 with the rule's message.
- ``PermissionDenied`` → 403 with the message.
- no or a bad token → 401 saying how to authenticate; too many bad tokens from one address →
  429 with ``Retry-After`` (:mod:`headway.api.throttle`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from headway.api.throttle import TooManyWrongTokens
from headway.errors import NotFound, PermissionDenied, RuleRefused

NOT_FOUND = "Not found."
UNAUTHENTICATED = (
    "Authentication required: send a personal API token as “Authorization: Bearer <token>”. "
    "Create one under your workspace's API tokens; a revoked token no longer works."
)
FORBIDDEN = "Your role in this workspace does not allow this."
TOO_MANY_WRONG_TOKENS = (
    "Too many requests with a wrong API token from your address: wait {wait} seconds "
    "(Retry-After), then send a valid token. Check the token your script uses; a revoked token "
    "no longer works."
)

# Services name model fields; the API names the input fields that carry them.
INPUT_NAMES = {
    "account": "account_id",
    "owner": "owner_id",
    "our_person": "our_person_id",
    "author": "author_id",
    "contacts": "contact_ids",
}


def validation_details(exc: ValidationError) -> list[dict[str, Any]]:
    details: list[dict[str, Any]] = []
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            loc = ["body"] if field == NON_FIELD_ERRORS else ["body", INPUT_NAMES.get(field, field)]
            details.extend({"loc": loc, "msg": msg, "type": "value_error"} for msg in messages)
    else:
        details.extend({"loc": ["body"], "msg": msg, "type": "value_error"} for msg in exc.messages)
    return details


def install(api: NinjaAPI) -> None:
    def detail(request: HttpRequest, message: str, status: int) -> HttpResponse:
        return api.create_response(request, {"detail": message}, status=status)

    @api.exception_handler(ValidationError)
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(request, {"detail": validation_details(exc)}, status=422)

    @api.exception_handler(NotFound)
    def on_not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
        return detail(request, NOT_FOUND, 404)

    @api.exception_handler(Http404)
    def on_http404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return detail(request, NOT_FOUND, 404)

    @api.exception_handler(RuleRefused)
    def on_rule_refused(request: HttpRequest, exc: RuleRefused) -> HttpResponse:
        return detail(request, exc.message, 409)

    @api.exception_handler(PermissionDenied)
    def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return detail(request, exc.message, 403)

    @api.exception_handler(DjangoPermissionDenied)
    def on_django_permission_denied(
        request: HttpRequest, exc: DjangoPermissionDenied
    ) -> HttpResponse:
        return detail(request, str(exc) or FORBIDDEN, 403)

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = detail(request, UNAUTHENTICATED, 401)
        response["WWW-Authenticate"] = 'Bearer realm="headway"'
        return response

    @api.exception_handler(TooManyWrongTokens)
    def on_too_many_wrong_tokens(request: HttpRequest, exc: TooManyWrongTokens) -> HttpResponse:
        response = detail(request, TOO_MANY_WRONG_TOKENS.format(wait=exc.wait), 429)
        response["Retry-After"] = str(exc.wait)
        return response
