"""The 404 and error pages have a heading of their own, and the API reference (django-ninja's
Swagger page, overridden in web/templates/ninja/swagger.html) has a language, landmarks and a
way back to the app (issue 17, point 13)."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_the_404_page_has_an_h1_saying_not_found(world: Any) -> None:
    response = world.client_for(world.member).get("/no-such-page/")

    assert response.status_code == 404
    assert re.search(r"<h1>\s*Not found\s*</h1>", response.content.decode())


def test_an_error_page_has_its_title_as_h1(world: Any) -> None:
    response = world.client_for(world.member).get("/accounts/999999/")

    assert response.status_code == 404
    assert "<h1>" in response.content.decode()


def test_the_api_reference_has_a_language_landmarks_and_a_way_back(world: Any) -> None:
    html = world.client_for(world.member).get("/api/v1/docs").content.decode()

    assert '<html lang="en">' in html
    assert "<header" in html and '<main id="main"' in html
    assert re.search(r'<a href="/">.*Back to Headway</a>', html)
    assert 'href="/tokens/"' in html
    # Headway's own start script (deep links off) and contrast fixes, still no inline script.
    assert "/static/web/api-docs.js" in html and "/static/web/api-docs.css" in html
    assert "ninja/swagger-ui-init.js" not in html
    assert not re.search(r"<script>(?!\s*</script>)", html)
