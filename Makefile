# integriteit — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= integriteit.settings.dev

.PHONY: install run test check lint typecheck migrations-check security test-sqlite test-postgres browser-deps messages clean fuzz proof-load proof-faults

## install: idempotent set-up: .venv, Python and npm dependencies, Chromium for browser tests, static files
install: $(BIN)/.installed node_modules/.installed browser-deps var/static/.collected

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## browser-deps: Debian's chromium for the Playwright tests (Playwright's own download does not work here),
## and Pango + fonts for WeasyPrint's PDFs
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Chromium ontbreekt; installeren via apt..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@{ ldconfig -p | grep -q libpangoft2-1.0 && fc-list | grep -qi -e liberation -e dejavu; } || { \
	  echo "Pango of lettertypen voor WeasyPrint ontbreken; installeren via apt..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation fonts-dejavu-core >/dev/null; }

var/static/.collected: $(BIN)/.installed node_modules/.installed $(shell find integriteit -path '*/static/*' -type f 2>/dev/null)
	mkdir -p var
	$(BIN)/integriteit collectstatic --noinput --verbosity 0
	touch $@

## run: the demo world on SQLite at http://127.0.0.1:$(PORT)
run: install
	$(BIN)/integriteit demo
	$(BIN)/integriteit runserver 127.0.0.1:$(PORT)

## lint / typecheck / migrations-check: the static checks
lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(BIN)/.installed
	$(BIN)/mypy integriteit benchmarks

migrations-check: $(BIN)/.installed
	DJANGO_SETTINGS_MODULE=integriteit.settings.test $(BIN)/integriteit makemigrations --check --dry-run

## security: bandit on the application code (config: [tool.bandit] in pyproject.toml) and
## pip-audit of the installed packages against the known-vulnerability database (ADR 0019)
security: $(BIN)/.installed
	$(BIN)/bandit -c pyproject.toml -r integriteit -q
	mkdir -p var
	$(BIN)/pip-audit --progress-spinner off --skip-editable --format json --output var/pip-audit.json
	$(BIN)/python -m integriteit.common.pip_audit_samenvatting var/pip-audit.json

## test-sqlite: the whole suite on the embedded SQLite
test-sqlite: install
	env -u DATABASE_URL DJANGO_SETTINGS_MODULE=integriteit.settings.test \
	  $(BIN)/pytest --cov --cov-report=term:skip-covered --cov-fail-under=90

## test-postgres: the whole suite on PostgreSQL, when DATABASE_URL points at a reachable server
test-postgres: install
	@if [ -n "$$DATABASE_URL" ] && $(BIN)/python -m integriteit.common.dbcheck; then \
	  echo "== PostgreSQL: $$($(BIN)/python -m integriteit.common.dbcheck --describe)"; \
	  DJANGO_SETTINGS_MODULE=integriteit.settings.test $(BIN)/pytest; \
	else \
	  echo "== PostgreSQL overgeslagen: DATABASE_URL is niet gezet of de server is niet bereikbaar."; \
	fi

## fuzz: hypothesis with the large profile on every file parser, and schemathesis on the API (~15 min)
fuzz: install
	env -u DATABASE_URL HYPOTHESIS_PROFILE=fuzz DJANGO_SETTINGS_MODULE=integriteit.settings.test \
	  $(BIN)/pytest integriteit/tests/fuzz -p no:cacheprovider

## proof-load: survey submissions + report intake under load; own PostgreSQL/Redis/gunicorn (ADR 0022)
proof-load: $(BIN)/.installed
	$(BIN)/python benchmarks/load/proof_load.py

## proof-faults: kill -9 of app and Celery workers, database stop/start, during submissions (ADR 0022)
proof-faults: $(BIN)/.installed
	$(BIN)/python benchmarks/load/proof_faults.py

## test: lint, types, migrations and the whole suite (SQLite, then PostgreSQL where reachable)
test: install lint typecheck migrations-check security test-sqlite test-postgres

check: test

## messages: regenerate and compile the English catalogue
messages: $(BIN)/.installed
	cd integriteit && ../$(BIN)/integriteit makemessages -l en --no-obsolete && ../$(BIN)/integriteit compilemessages -l en

clean:
	rm -rf $(VENV) node_modules var/static .pytest_cache .mypy_cache .ruff_cache
