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

from locust import HttpUser, between, task

DATA = json.loads(open(os.environ["HEADWAY_LOADTEST_DATA"]).read())  # noqa: SIM115
_people = itertools.cycle(DATA["emails"])
NEXT_LINK = re.compile(r'rel="next" href="\?([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


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
