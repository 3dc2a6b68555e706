"""Throttling holds across the worker processes of a real ``headway serve``: the counters live in
the cache all of them share (the database cache of a fresh install), not in each process's
memory — where, with two workers, attempts past the limit went through and the right password
signed in 2 times out of 3. Every refused attempt below is asserted on each worker."""

from __future__ import annotations

from tests.deploy import served
from tests.deploy.conftest import API_TOKEN_FAILURES

KEY_LIMIT = 5  # settings.ACCOUNT_RATE_LIMITS["login_failed"]: 5 per account …
ADDRESS_LIMIT = 20  # … and 20 per client address, in 5 minutes


def test_after_the_allowed_failed_sign_ins_every_worker_refuses_even_the_right_password(
    plain_server: served.Server,
) -> None:
    failures = [served.sign_in(plain_server, served.SECOND, "not-it") for _ in range(KEY_LIMIT)]
    assert [served.outcome(r) for r in failures] == ["wrong"] * KEY_LIMIT

    right = served.sign_in_form(plain_server, served.SECOND, served.PASSWORD)
    for _ in range(3):
        attempts = served.on_each_worker(plain_server, right)
        assert len({a.pid for a in attempts}) == 2
        assert [served.outcome(a) for a in attempts] == ["refused", "refused"]


def test_behind_a_proxy_the_per_address_limit_counts_the_client_not_the_proxy(
    plain_server: served.Server,
) -> None:
    """The server trusts one proxy (HEADWAY_TRUSTED_PROXY_COUNT=1): the client address is the
    last X-Forwarded-For entry, and every request comes from the proxy's (127.0.0.1)."""
    guesser = {"X-Forwarded-For": "203.0.113.50"}
    for i in range(ADDRESS_LIMIT):  # a different made-up account each time: only the address
        response = served.sign_in(plain_server, f"nobody-{i}@team.test", "guess", **guesser)
        assert served.outcome(response) == "wrong"

    from_guesser = served.sign_in_form(plain_server, served.ADMIN, served.PASSWORD, **guesser)
    assert [served.outcome(a) for a in served.on_each_worker(plain_server, from_guesser)] == [
        "refused",
        "refused",
    ]
    # Someone else behind the same proxy signs in; a spoofed X-Forwarded-For entry before the
    # one the proxy appends changes nothing for the guesser.
    colleague = served.sign_in(
        plain_server, served.ADMIN, served.PASSWORD, **{"X-Forwarded-For": "198.51.100.60"}
    )
    assert served.outcome(colleague) == "signed in"
    spoofed = {"X-Forwarded-For": "198.51.100.61, 203.0.113.50"}
    assert served.outcome(served.sign_in(plain_server, "x@team.test", "y", **spoofed)) == (
        "refused"
    )


def test_after_the_allowed_wrong_api_tokens_every_worker_answers_429(
    plain_server: served.Server, install: served.Install
) -> None:
    guesser = {"X-Forwarded-For": "203.0.113.70"}

    def me(token: str, client: dict[str, str]) -> served.Any:
        def send(conn: served.Any) -> served.Response:
            headers = {**client, "Authorization": f"Bearer {token}"}
            return plain_server.request("GET", "/api/v1/me", headers=headers, conn=conn)

        return send

    wrong = [me(f"hw_guess-{i}", guesser)(None) for i in range(API_TOKEN_FAILURES)]
    assert [r.status for r in wrong] == [401] * API_TOKEN_FAILURES

    for attempt in served.on_each_worker(plain_server, me(install.token, guesser)):
        assert attempt.status == 429, attempt.body
        assert 0 < int(attempt.header("Retry-After")) <= 60
        assert "wrong API token" in served.json.loads(attempt.body)["detail"]
    elsewhere = served.on_each_worker(
        plain_server, me(install.token, {"X-Forwarded-For": "1.2.3.4"})
    )
    assert [r.status for r in elsewhere] == [200, 200]
