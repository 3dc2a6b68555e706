"""Wrong API tokens are rate-limited per client address, in the cache every web worker shares.

After ``HEADWAY_API_TOKEN_FAILURES_PER_MINUTE`` wrong tokens from one address within a clock
minute, that address is refused (429 with ``Retry-After``) for the next minute whatever token it
sends — a right one included, or the limit would still tell a guesser when a guess is right.
A request without a token is not counted (it is not a guess). The client address is the one
sign-in throttling counts (allauth's, so ``HEADWAY_CLIENT_IP_HEADER`` /
``HEADWAY_TRUSTED_PROXY_COUNT`` apply to both), IPv6 by its /64 like allauth's.

The cost on the good path is one cache read per request (a query with the database cache).
"""

from __future__ import annotations

import ipaddress
import logging
import math
import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest
from ninja.errors import Throttled

logger = logging.getLogger(__name__)

WINDOW = 60  # seconds: failures are counted per clock minute, an address is refused this long


class TooManyWrongTokens(Throttled):
    """Raised by the token auth for a refused address; ``wait`` is the seconds left."""


def client_address(request: HttpRequest) -> str:
    try:
        address = get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        # The configured proxy header is missing or X-Forwarded-For is shorter than the
        # configured count: a request that did not come through the proxy.
        address = request.META.get("REMOTE_ADDR", "")
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if parsed.version == 6:
        return str(ipaddress.IPv6Network(f"{parsed}/64", strict=False).network_address)
    return str(parsed)


def _refused_key(address: str) -> str:
    return f"headway:api-token:refused:{address}"


def check(request: HttpRequest) -> str:
    """The request's client address; raises :class:`TooManyWrongTokens` while it is refused."""
    address = client_address(request)
    if settings.HEADWAY_API_TOKEN_FAILURES_PER_MINUTE > 0:
        until = cache.get(_refused_key(address))
        if until is not None and (wait := math.ceil(until - time.time())) > 0:
            raise TooManyWrongTokens(wait=wait)
    return address


def note_wrong_token(address: str) -> None:
    """Count a wrong token from ``address``; at the limit, refuse it for :data:`WINDOW`."""
    limit = settings.HEADWAY_API_TOKEN_FAILURES_PER_MINUTE
    if limit <= 0:
        return
    now = time.time()
    key = f"headway:api-token:failures:{address}:{int(now // WINDOW)}"
    cache.add(key, 0, timeout=2 * WINDOW)
    try:
        failures = cache.incr(key)
    except ValueError:  # culled or expired between add and incr
        cache.set(key, 1, timeout=2 * WINDOW)
        failures = 1
    if failures >= limit:
        cache.set(_refused_key(address), now + WINDOW, timeout=WINDOW)
        logger.warning(
            "API: %s wrong tokens from %s within a minute; refusing it for %s s.",
            failures,
            address,
            WINDOW,
        )
