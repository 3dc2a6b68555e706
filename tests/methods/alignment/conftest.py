"""Mutual Learning fixtures: the kit's API client per person (tests/kit.py), with paths
relative to the alignments API."""

from __future__ import annotations

from tests.kit import API, api_for_fixture

api_for = api_for_fixture(f"{API}/alignments")
