"""The JSON API v1: one NinjaAPI that assembles every module's router.

Each module keeps its own ``api.py`` (router) and ``schemas.py``; this package only adds the
routers, the bearer-token auth and the single error mapping. OpenAPI at ``/api/v1/openapi.json``,
interactive docs at ``/api/v1/docs`` (Swagger UI served from django-ninja's bundled static
files, so it works without a CDN and under the strict Content-Security-Policy).
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationError

from headway.api import errors
from headway.api.auth import TokenAuth
from headway.crm.api import router as crm_router
from headway.kit.methods import api_routers
from headway.workspaces.api import router as workspaces_router

DESCRIPTION = """\
Every capability of Headway as JSON.

**Authentication**: a personal API token (create one with `POST /tokens` or on the API tokens
page), sent as `Authorization: Bearer <token>`. A token is bound to one workspace.

**Lists** return `{"items": [...], "next": <url or null>}`: follow `next` until it is null.
`?limit=` sets the page size (1–200, default 50).

**Errors** are JSON with a `detail` field: 401 no or bad token, 403 your role does not allow
it, 404 no such object (or another workspace's), 409 a rule refuses the step or someone else
changed the record (send the `version` you loaded with a PATCH), 422 invalid input, one entry
per field, 429 too many wrong tokens from your address (wait `Retry-After` seconds).
"""


class HeadwayAPI(NinjaAPI):
    def validation_error_from_error_contexts(self, error_contexts: list[Any]) -> ValidationError:
        """Name body fields as ``["body", "name"]``, not ``["body", "payload", "name"]``: the
        handler's parameter name is an implementation detail, and service errors use the
        short form too."""
        errors_out: list[dict[str, Any]] = []
        for context in error_contexts:
            single = getattr(context.model, "__read_from_single_attr__", None)
            for error in super().validation_error_from_error_contexts([context]).errors:
                loc = tuple(error["loc"])
                if single and loc[:2] == ("body", single):
                    error["loc"] = ("body", *loc[2:])
                errors_out.append(error)
        return ValidationError(errors_out)


api = HeadwayAPI(
    title="Headway API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=TokenAuth(),
    openapi_url="/openapi.json",
    docs_url="/docs",
    # No call-outs from the docs page to swagger.io's online validator.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
)
errors.install(api)
api.add_router("/", workspaces_router)
api.add_router("/", crm_router)
for _prefix, _router in api_routers():  # each method app's, from its declaration
    api.add_router(_prefix, _router)
