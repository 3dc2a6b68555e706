"""Locust users for ``make loadtest``: sellers of the generated workspace who sign in through the
real sign-in page and browse — agenda, account list and its next pages, searches, account
pages, contacts and deals — with a short pause between clicks.

The run's data (who signs in, which accounts and terms exist) comes from the JSON file named by
``HEADWAY_LOADTEST_DATA``, written by ``bench/loadtest.py`` before the server starts.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, events, task

DATA = json.loads(open(os.environ["HEADWAY_LOADTEST_DATA"]).read())  # noqa: SIM115
_people = itertools.cycle(DATA["emails"])
NEXT_LINK = re.compile(r'rel="next" href="\?([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


SIGN_IN = {"sign in", "sign-in page"}
_samples: list[tuple[float, str, float, bool]] = []  # (when, name, ms, failed)


@events.request.add_listener
def _record(name: str, response_time: float, exception: object, **kwargs: object) -> None:
    import time

    _samples.append((time.time(), name, response_time, exception is not None))


@events.test_stop.add_listener
def _write(**kwargs: object) -> None:
    """Browsing figures without the sign-ins (Argon2 is slow on purpose), over the whole run
    and once every user is signed in (the steady state)."""
    out = os.environ.get("HEADWAY_LOADTEST_OUT")
    if not out:
        return

    def stats(rows: list[tuple[float, str, float, bool]]) -> dict[str, float]:
        times = sorted(r[2] for r in rows)
        if not times:
            return {}
        span = max(r[0] for r in rows) - min(r[0] for r in rows) or 1.0
        return {
            "requests": len(times),
            "failures": sum(1 for r in rows if r[3]),
            "p50_ms": times[len(times) // 2],
            "p95_ms": times[min(len(times) - 1, int(len(times) * 0.95))],
            "max_ms": times[-1],
            "rps": round(len(times) / span, 1),
        }

    browsing = [r for r in _samples if r[1] not in SIGN_IN]
    signed_in = max((r[0] for r in _samples if r[1] == "sign in"), default=0.0)
    steady = [r for r in browsing if r[0] > signed_in]
    with open(out, "w") as f:
        json.dump({"browsing": stats(browsing), "steady": stats(steady)}, f)


class Seller(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.email = next(_people)
        page = self.client.get("/auth/login/", name="sign-in page")
        token = CSRF.search(page.text)
        response = self.client.post(
            "/auth/login/",
            {
                "login": self.email,
                "password": DATA["password"],
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": self.host + "/auth/login/"},
            name="sign in",
        )
        if "/auth/login/" in response.url:
            response.failure(f"sign-in refused for {self.email}")

    @task(4)
    def agenda(self) -> None:
        self.client.get("/", name="agenda")

    @task(3)
    def account_list_and_next_pages(self) -> None:
        page = self.client.get("/accounts/", name="account list")
        for _ in range(random.randint(1, 3)):
            found = NEXT_LINK.search(page.text)
            if not found:
                break
            query = found.group(1).replace("&amp;", "&")
            page = self.client.get(f"/accounts/?{query}", name="account list, next page")

    @task(3)
    def account_search(self) -> None:
        self.client.get(
            "/accounts/", params={"q": random.choice(DATA["account_terms"])}, name="account search"
        )

    @task(2)
    def contact_search(self) -> None:
        self.client.get(
            "/contacts/", params={"q": random.choice(DATA["contact_terms"])}, name="contact search"
        )

    @task(4)
    def account_page(self) -> None:
        self.client.get(f"/accounts/{random.choice(DATA['account_ids'])}/", name="account page")

    @task(1)
    def deals(self) -> None:
        self.client.get("/deals/", params={"stage": "open"}, name="deal list")

    @task(1)
    def win_backs(self) -> None:
        if DATA.get("winbacks"):
            self.client.get("/winbacks/", name="win-back portfolio")
