# Prozessdatenbank – the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run install test check lint demo migrate static messages clean help bench-data bench-search bench-static bench-load bench

help:
	@echo "make run    – install everything, load the demo and serve http://$(HOST):$(PORT)"
	@echo "make test   – the whole test suite (SQLite; DATABASE_URL=postgres://… for PostgreSQL)"
	@echo "make check  – Django checks and missing migrations"
	@echo "make lint   – ruff (rules in pyproject.toml)"

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	if [ -e /usr/include/ldap.h ] && [ -e /usr/include/sasl/sasl.h ]; then \
	  $(PY) -m pip install --quiet -e ".[test,ldap]"; \
	else \
	  echo "Note: OpenLDAP headers missing (apt install libldap2-dev libsasl2-dev): installing without LDAP login."; \
	  $(PY) -m pip install --quiet -e ".[test]"; \
	fi
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install: $(VENV)/.installed node_modules/.installed

# Local demo on SQLite with DEBUG on; see README for a server install.
run: export DEBUG ?= 1
run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	@echo ""
	@echo "Prozessdatenbank läuft auf http://$(HOST):$(PORT)/  (beenden mit Strg+C)"
	@# The task worker (notification e-mails, the daily digest, the weekly due reviews) beside gunicorn; it ends with it.
	$(MANAGE) notifications_schedule --verbosity 0 >/dev/null
	$(MANAGE) db_worker --verbosity 0 & WORKER=$$!; trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	  $(VENV)/bin/gunicorn processdb.wsgi --bind $(HOST):$(PORT) --workers 3 --access-logfile - --log-level warning

demo: install
	DEBUG=1 $(MANAGE) migrate --noinput
	DEBUG=1 $(MANAGE) demo

# In parallel: one worker per CPU core (at most 4), each with its own test database, live server
# and demo load (tests/demo.py). Tests are handed out two at a time, slowest modules first
# (tests/conftest.py), so no worker ends with a long queue. PYTEST_ARGS="-n 0": one process.
test: install
	$(PY) -m pytest -n auto --maxprocesses 4 --maxschedchunk 2 $(PYTEST_ARGS)

check: install
	DEBUG=1 $(MANAGE) check
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run

# ruff: imports, pyflakes, pycodestyle, bugbear, Django and pyupgrade rules ([tool.ruff] in pyproject.toml).
lint: install
	$(PY) -m ruff check .

# Extract and compile the translations (needs GNU gettext): German for the whole interface
# (locale/de), the applicants' languages for the public pages only (public/locale: extracted from
# the public app's own files, so their catalogues hold nothing of the staff interface).
PUBLIC_LOCALES := tr uk ar ro ru fa
messages: install
	DEBUG=1 $(MANAGE) makemessages --locale de --ignore ".venv/*" --ignore "node_modules/*" --ignore "staticfiles/*" --ignore "bench/*" --ignore "tests/*" --no-location
	DEBUG=1 $(MANAGE) compilemessages --locale de --ignore ".venv/*" --ignore "node_modules/*"
	cd public && DEBUG=1 ../$(PY) ../manage.py makemessages $(addprefix --locale ,$(PUBLIC_LOCALES)) --no-location
	cd public && DEBUG=1 ../$(PY) ../manage.py compilemessages $(addprefix --locale ,$(PUBLIC_LOCALES))

clean:
	rm -rf staticfiles .pytest_cache

# Benchmarks run on PostgreSQL in a database of their own (created when missing).
PGHOST ?= 127.0.0.1
PGPORT ?= 5432
PGUSER ?= postgres
BENCH_DB ?= processdb_bench
BENCH_DATABASE_URL ?= postgres://$(PGUSER)@$(PGHOST):$(PGPORT)/$(BENCH_DB)
SIZE ?= L

bench-data: install
	@pg_isready -h $(PGHOST) -p $(PGPORT) -q || { echo "PostgreSQL at $(PGHOST):$(PGPORT) is not reachable"; exit 1; }
	@psql -h $(PGHOST) -p $(PGPORT) -U $(PGUSER) -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$(BENCH_DB)'" | grep -q 1 \
		|| psql -h $(PGHOST) -p $(PGPORT) -U $(PGUSER) -d postgres -qc "CREATE DATABASE $(BENCH_DB)"
	DATABASE_URL=$(BENCH_DATABASE_URL) DEBUG=1 $(PY) -m bench.generate --size $(SIZE)

bench-static: install
	DJANGO_SECRET_KEY=collectstatic-only $(MANAGE) collectstatic --noinput --verbosity 0

bench-search: SIZE = L
bench-search: bench-data bench-static
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m bench.search_bench

bench-load: SIZE = L
bench-load: bench-data bench-static
	@command -v wrk >/dev/null || apt-get install -y wrk
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m bench.load

# The page benchmark: every page type at L, query counts at S and L (see bench/pages.py).
bench: SIZE = L
bench: bench-data bench-static
	@command -v wrk >/dev/null || apt-get install -y wrk
	$(MAKE) --no-print-directory bench-data SIZE=S BENCH_DB=$(BENCH_DB)_s
	DATABASE_URL=$(BENCH_DATABASE_URL) BENCH_S_DATABASE_URL=postgres://$(PGUSER)@$(PGHOST):$(PGPORT)/$(BENCH_DB)_s $(PY) -m bench.pages
