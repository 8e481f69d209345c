# Theke: `make run` serves the demo shop, `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Where a browser reaches the demo: the demo's site, and so every link in its
# pages, feeds and mails, follows it (a server on every interface is localhost).
SITE_ADDRESS := $(if $(filter 0.0.0.0,$(HOST)),localhost,$(HOST)):$(PORT)
ADMIN_USER ?= admin
ADMIN_PASSWORD ?= theke-demo
MODERATOR_USER ?= moderation
# Extra pytest options, e.g. make test PYTEST_ARGS="-x -k feed"
PYTEST_ARGS ?=
# Test processes: one per core by default; TEST_WORKERS=0 runs the suite in one.
TEST_WORKERS ?= auto
# "load" hands tests out in pytest-django's order, so that no process runs a
# test that expects the migrated database after one that emptied it.
PYTEST := $(BIN)/pytest --create-db -n $(TEST_WORKERS) --dist load
# Extra benchmark options, e.g. make bench BENCH_ARGS="--quick" or
# make bench-import BENCH_ARGS="--repeat 3"
BENCH_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help venv run demo test test-browser test-postgres check lint format messages ci clean \
	bench bench-write bench-import

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Theke needs $(PYTHON) on the PATH."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(BIN)/.installed ## Create .venv and install the requirements

demo: $(BIN)/.installed ## Migrate the SQLite database and load the demo shop
	$(MANAGE) prepare_demo --address $(SITE_ADDRESS) --admin $(ADMIN_USER) \
		--moderator $(MODERATOR_USER) --password $(ADMIN_PASSWORD)

run: demo ## Serve the demo shop at http://127.0.0.1:8000
	@echo ""
	@echo "  Theke is running at http://$(HOST):$(PORT)/"
	@echo "  Admin: http://$(HOST):$(PORT)/admin/  user: $(ADMIN_USER)  password: $(ADMIN_PASSWORD)"
	@echo "  Moderator: user: $(MODERATOR_USER)  password: $(ADMIN_PASSWORD)"
	@echo "  The demo sends no mail: it is printed here (e.g. a sign-up's confirmation link)."
	@echo ""
	WAGTAILADMIN_BASE_URL=$${WAGTAILADMIN_BASE_URL:-http://$(SITE_ADDRESS)} \
		$(MANAGE) runserver $(HOST):$(PORT)

test: $(BIN)/.installed ## Run the whole test suite (browser tests included)
	$(PYTEST) $(PYTEST_ARGS)

test-browser: $(BIN)/.installed ## Run only the browser journeys
	$(PYTEST) -m browser $(PYTEST_ARGS)

test-postgres: $(BIN)/.installed ## Run the suite against PostgreSQL on 127.0.0.1:5432
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/theke} $(PYTEST) $(PYTEST_ARGS)

check: $(BIN)/.installed ## Django's system checks and the migration check
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

lint: $(BIN)/.installed ## Check style and common mistakes
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed ## Rewrite the code in the house style
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(BIN)/.installed ## Update and compile the German and English translations (needs gettext)
	$(MANAGE) makemessages -l de -l en --add-location=file --no-obsolete \
		--ignore=.venv --ignore=tests --ignore=bench --ignore=staticfiles --ignore=media
	$(MANAGE) compilemessages --ignore=.venv

bench: $(BIN)/.installed ## Load the site under gunicorn with wrk: requests/s, latency, queries per page (needs wrk and Redis)
	$(PY) -m bench.site_bench $(BENCH_ARGS)

bench-write: $(BIN)/.installed ## Many members commenting at once under gunicorn: no comment lost or doubled (needs Redis)
	$(PY) -m bench.write_bench $(BENCH_ARGS)

bench-import: $(BIN)/.installed ## Time and measure the product import at 10,000 and 100,000 items
	$(PY) bench/import_bench.py $(BENCH_ARGS)

ci: ## Run everything CI runs (installs chromium, nginx, caddy; needs PostgreSQL and Redis)
	bash .ci/run

clean: ## Remove the virtual environment and the demo database
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm
