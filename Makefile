# Urbis — `make help` lists the targets. Needs Python 3.11+ and Node (npm); nothing else.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
STAMP := .make
# Apps with their own catalogue; the project catalogue (locale/) holds core and the templates.
APP_CATALOGUES := $(foreach d,$(wildcard urbis/*/locale),--ignore '$(patsubst %/locale,%,$(d))/*')

.DEFAULT_GOAL := help

help: ## Show this help
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==0.13.9"

# --all-extras: the dev environment has the optional Redis task backend, so its test runs.
# --compile-bytecode: numba, scipy and Django imported from .pyc files, not compiled from source
# by every new process (uv writes none by default; that was most of a cold `urbis analytics`).
$(STAMP)/python: pyproject.toml uv.lock | $(BIN)/uv
	$(BIN)/uv sync --frozen --all-extras --compile-bytecode --python $(BIN)/python --quiet
	@mkdir -p $(STAMP) && touch $@

# numba compiles the analytics kernels once, into .venv/var/numba-cache (urbis/analytics/_jit.py).
$(STAMP)/numba: $(STAMP)/python $(wildcard urbis/analytics/*.py)
	$(BIN)/python -m urbis.analytics.warm
	@touch $@

$(STAMP)/node: package.json package-lock.json scripts/build-static.mjs
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build
	@mkdir -p $(STAMP) && touch $@

install: $(STAMP)/python $(STAMP)/numba $(STAMP)/node ## Create .venv/, install Python and front-end dependencies, compile translations
	@$(BIN)/python -m urbis.core.i18n_compile

run: install ## Install, migrate, load the demo city and serve on http://127.0.0.1:8000 (PORT=… for another port)
	./scripts/run-dev.sh

test: install ## Install and run the whole test suite (PostgreSQL when DATABASE_URL is set)
	@./scripts/ensure-chromium.sh
	$(BIN)/pytest $(PYTEST_ARGS)

check: install ## Lint, format check, types, import contracts, missing migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	URBIS_DEBUG=1 $(BIN)/mypy .
	URBIS_DEBUG=1 $(BIN)/lint-imports
	URBIS_DEBUG=1 $(BIN)/urbis makemigrations --check --dry-run

bench: install ## Benchmarks: ratios against named peers measured in the same run
	UV_PROJECT_ENVIRONMENT=.venv-bench $(BIN)/uv sync --frozen --group bench --compile-bytecode --python $(PYTHON) --quiet
	.venv-bench/bin/python -m urbis.analytics.warm
	.venv-bench/bin/python benchmarks/run.py $(BENCH_ARGS)

format: install ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## Extract translatable strings into each app's locale (needs GNU gettext)
	cd urbis && for app in */; do [ -d "$$app/locale" ] && (cd $$app && ../../$(BIN)/urbis makemessages -l nl -l fr -l en --no-obsolete) || true; done
	$(BIN)/urbis makemessages -l nl -l fr -l en --no-obsolete $(APP_CATALOGUES) --ignore 'urbis/analytics/*' --ignore 'benchmarks/*' --ignore '.venv*' --ignore node_modules

clean: ## Remove the virtual environments, node_modules and built static files
	rm -rf $(VENV) .venv-bench node_modules static/vendor staticfiles $(STAMP)

.PHONY: help install run test check bench format messages clean
