"""Print the SQL of one page with each statement's time and query plan.

    DATABASE_URL=... .venv/bin/python bench/explain.py /contacts/?q=oliver [--user EMAIL]

Signs in as the first seller of the generated workspace (or --user), requests the page once to
warm up, then again recording its statements, and runs EXPLAIN (SQLite: QUERY PLAN; PostgreSQL:
ANALYZE, BUFFERS) on each.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "headway.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from headway.workspaces.models import Membership, Role, User, Workspace  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--user", default="")
    parser.add_argument("--slow", type=float, default=0.0, help="Only plans slower than this (ms).")
    args = parser.parse_args()
    if args.user:
        user = User.objects.get(email=args.user)
    else:
        # The seller of the largest generated workspace ("generated-<accounts>-<seed>").
        generated = Workspace.objects.filter(slug__startswith="generated-")
        workspace = max(generated, key=lambda w: int(w.slug.split("-")[1]))
        user = (
            Membership.objects.in_workspace(workspace)
            .filter(role=Role.MEMBER)
            .order_by("id")
            .first()
            .user
        )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    client.get(args.url)
    statements = []

    def record(execute, sql, params, many, ctx):
        statements.append((sql, params))
        return execute(sql, params, many, ctx)

    started = time.perf_counter()
    with connection.execute_wrapper(record):
        response = client.get(args.url)
    print(f"{args.url}: {response.status_code} in {(time.perf_counter() - started) * 1000:.1f} ms")
    with connection.cursor() as cursor:
        for n, (sql, params) in enumerate(statements, 1):
            began = time.perf_counter()
            cursor.execute(sql, params)
            if cursor.description:
                cursor.fetchall()
            ms = (time.perf_counter() - began) * 1000
            if ms < args.slow:
                continue
            print(f"\n{n}. {ms:.2f} ms  {sql[:3000]}  {str(params)[:200]}")
            if connection.vendor == "sqlite":
                cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
                for row in cursor.fetchall():
                    print("    ", row[-1])
            else:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                for row in cursor.fetchall():
                    print("    ", row[0])


if __name__ == "__main__":
    main()
