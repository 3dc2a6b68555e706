"""Pages are sent compressed (issue 17, point 13), and compression does not open them to BREACH:
the CSRF token in a page is masked anew on every response, so no secret repeats byte for byte
from one compressed answer to the next."""

from __future__ import annotations

import gzip
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_a_page_is_sent_gzipped_to_a_browser_that_accepts_it() -> None:
    response = Client().get("/auth/login/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"<h1" in gzip.decompress(response.content)


def test_a_client_that_does_not_accept_gzip_gets_plain_html() -> None:
    response = Client().get("/auth/login/")

    assert not response.has_header("Content-Encoding")
    assert b"<h1" in response.content


def test_the_csrf_token_in_a_compressed_page_differs_on_every_response() -> None:
    client = Client()
    pages = [
        gzip.decompress(client.get("/auth/login/", HTTP_ACCEPT_ENCODING="gzip").content)
        for _ in range(3)
    ]
    tokens = [TOKEN.search(page).group(1) for page in pages]  # type: ignore[union-attr]

    assert len(set(tokens)) == 3
