"""Behind a TLS-terminating proxy, configured from the environment as docs/operations.md says
(HEADWAY_BASE_URL=https://…, SECURE_PROXY_SSL_HEADER, SECURE_HSTS_SECONDS): the sign-in form
posts (no CSRF 403), cookies are Secure, HSTS is sent, plain HTTP is redirected, and the links
the app hands out — the API's ``next``, a new calendar feed's address — are https://. The test
plays the proxy: it sends the public Host, X-Forwarded-Proto and X-Forwarded-For."""

from __future__ import annotations

from typing import Any

from tests.deploy import served
from tests.deploy.conftest import PUBLIC

ORIGIN = f"https://{PUBLIC}"


def via_proxy(client: str) -> dict[str, str]:
    """What the proxy adds to a browser's HTTPS request from ``client``."""
    return {"Host": PUBLIC, "X-Forwarded-Proto": "https", "X-Forwarded-For": client}


def secure_cookies(response: served.Response) -> dict[str, bool]:
    return {
        value.split("=", 1)[0]: "secure" in value.lower()
        for value in response.headers.get_all("Set-Cookie") or []
    }


def test_the_sign_in_form_posts_through_the_proxy_and_its_cookies_are_secure(
    https_server: served.Server,
) -> None:
    browser = {**via_proxy("198.51.100.80"), "Origin": ORIGIN, "Referer": f"{ORIGIN}/auth/login/"}
    page = https_server.request("GET", served.LOGIN, headers=browser)
    assert page.status == 200
    assert page.header("Strict-Transport-Security") == "max-age=3600"
    assert secure_cookies(page) == {"csrftoken": True}

    signed_in = served.sign_in(https_server, served.ADMIN, served.PASSWORD, **browser)
    assert served.outcome(signed_in) == "signed in", (signed_in.status, signed_in.body[:300])
    assert secure_cookies(signed_in)["sessionid"] is True

    agenda = https_server.request("GET", "/", headers=browser, cookies=served.cookies_of(signed_in))
    assert agenda.status == 200


def test_plain_http_is_redirected_to_https_and_health_checks_are_not(
    https_server: served.Server,
) -> None:
    plain = https_server.request("GET", served.LOGIN, headers={"Host": PUBLIC})
    assert plain.status == 301
    assert plain.header("Location").startswith(f"{ORIGIN}{served.LOGIN}?")
    assert https_server.request("GET", "/healthz", headers={"Host": PUBLIC}).status == 200


def test_the_api_next_link_is_https(https_server: served.Server, install: served.Install) -> None:
    api = {**via_proxy("198.51.100.81"), "Authorization": f"Bearer {install.token}"}
    for name in ("Alpha GmbH", "Beta Ltd"):
        made = https_server.request(
            "POST", "/api/v1/accounts", json_body={"name": name}, headers=api
        )
        assert made.status == 201, made.body
    page = https_server.request("GET", "/api/v1/accounts?limit=1", headers=api)
    assert page.status == 200, page.body
    assert served.json.loads(page.body)["next"].startswith(f"{ORIGIN}/api/v1/accounts?")


def test_a_new_calendar_feed_address_is_https(https_server: served.Server) -> None:
    browser = {**via_proxy("198.51.100.82"), "Origin": ORIGIN}
    cookies: dict[str, Any] = served.cookies_of(
        served.sign_in(https_server, served.ADMIN, served.PASSWORD, **browser)
    )
    page = https_server.request("GET", "/agenda/calendar/", headers=browser, cookies=cookies)
    assert page.status == 200
    cookies |= served.cookies_of(page)
    token = served.CSRF_INPUT.search(page.body)
    assert token
    made = https_server.request(
        "POST",
        "/agenda/calendar/new/",
        form={"csrfmiddlewaretoken": token.group(1)},
        headers=browser,
        cookies=cookies,
    )
    assert made.status == 200, made.body[:300]
    assert f'value="{ORIGIN}/agenda/calendar/' in made.body
