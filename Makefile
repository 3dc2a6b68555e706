# Headway — the two commands: `make run` and `make test`. Everything else is a helper of those.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test check test-sqlite test-postgres test-browser install system-deps demo format clean screenshots \
	bench-data bench loadtest

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

## make run — install, migrate the embedded SQLite database (or $DATABASE_URL), load the demo
## workspace (not on an install set up for a team with `headway setup`), and start the web
## server and the task worker. Ctrl-C stops both.
run: $(STAMP)
	$(BIN)/headway migrate --noinput
	$(BIN)/headway demo --skip-on-team-install
	$(BIN)/headway collectstatic --noinput -v0
	$(BIN)/headway serve

demo: $(STAMP)
	$(BIN)/headway demo

## make check — lint, format, types, import boundaries, migrations up to date.
check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy headway
	$(BIN)/lint-imports
	HEADWAY_TESTING=1 $(BIN)/headway makemigrations --check --dry-run

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

system-deps:
	@bash scripts/ensure-system-deps.sh

## make test — checks, then the whole suite on SQLite, again on a real PostgreSQL server it
## starts itself, and the browser tests in headless Chromium.
test: $(STAMP) system-deps check test-sqlite test-postgres test-browser

test-sqlite: $(STAMP)
	@echo "== suite on SQLite =="
	HEADWAY_TESTING=1 DATABASE_URL= bash scripts/pytest.sh -m "not browser" -n 2

test-postgres: $(STAMP)
	@echo "== suite on PostgreSQL =="
	HEADWAY_TESTING=1 bash scripts/with-postgres.sh bash scripts/pytest.sh -m "not browser" -n 2

test-browser: $(STAMP)
	@echo "== browser tests in headless Chromium (SQLite, then PostgreSQL) =="
	HEADWAY_TESTING=1 DATABASE_URL= DJANGO_ALLOW_ASYNC_UNSAFE=true bash scripts/pytest.sh -m browser --output=test-results/sqlite
	HEADWAY_TESTING=1 DJANGO_ALLOW_ASYNC_UNSAFE=true bash scripts/with-postgres.sh bash scripts/pytest.sh -m browser --output=test-results/postgres

## make screenshots — refresh the user guide's pictures from the browser tests.
screenshots: $(STAMP)
	HEADWAY_TESTING=1 DATABASE_URL= DJANGO_ALLOW_ASYNC_UNSAFE=true HEADWAY_SCREENSHOTS=docs/screenshots \
		bash scripts/pytest.sh -m browser --output=test-results/screenshots-run

clean:
	rm -rf $(VENV) staticfiles test-results .pytest_cache .mypy_cache .ruff_cache

## Benchmarks (docs/performance.md) — not part of `make test`. DB=sqlite (default: var/bench.sqlite3)
## or DB=postgres (a durable server from bench/postgres.sh). BENCH_ACCOUNTS sets the size.
DB ?= sqlite
BENCH_ACCOUNTS ?= 100000
BENCH_SQLITE := sqlite:///$(CURDIR)/var/bench.sqlite3

## make bench-data — a fresh benchmark database with a generated workspace (100k accounts).
bench-data: $(STAMP)
	@set -e; if [ "$(DB)" = postgres ]; then url=$$(bash bench/postgres.sh fresh); \
	else rm -f var/bench.sqlite3 var/bench.sqlite3-wal var/bench.sqlite3-shm; url=$(BENCH_SQLITE); fi; \
	export DATABASE_URL=$$url; $(BIN)/headway migrate --noinput -v0; \
	$(BIN)/headway generate --accounts $(BENCH_ACCOUNTS) --seed 1

## make bench — server time, queries and SQL floor of the main pages and API lists.
bench: $(STAMP)
	@set -e; if [ "$(DB)" = postgres ]; then url=$$(bash bench/postgres.sh start); else url=$(BENCH_SQLITE); fi; \
	export DATABASE_URL=$$url; $(BIN)/headway migrate --noinput -v0; \
	$(BIN)/headway collectstatic --noinput -v0; \
	$(BIN)/python bench/bench.py --accounts $(BENCH_ACCOUNTS)

## make loadtest — 50 signed-in users for 60 s through gunicorn on loopback (Locust).
loadtest: $(STAMP)
	$(BIN)/pip install -q -r requirements-bench.txt
	@set -e; if [ "$(DB)" = postgres ]; then url=$$(bash bench/postgres.sh start); else url=$(BENCH_SQLITE); fi; \
	export DATABASE_URL=$$url; $(BIN)/headway migrate --noinput -v0; \
	$(BIN)/headway collectstatic --noinput -v0; \
	$(BIN)/python bench/loadtest.py --accounts $(BENCH_ACCOUNTS)
