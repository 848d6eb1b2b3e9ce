# The two commands: `make run` serves the API with the seed data; `make test` runs the whole suite.
# Both create .venv when needed, install the requirements and migrate first. The seed fixture is loaded
# only into a database with no records (`manage.py seed`), so a curator's edits survive every restart.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DB ?= sqlite
PROD := DJANGO_SETTINGS_MODULE=eventsapi.settings.production

.PHONY: run test test-fast setup lint format clean bench bench-extract bench-peers eval-extract serve-prod fault

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

setup: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed

run: setup
	@echo
	@echo "eventsapi on http://$(HOST):$(PORT)/"
	@echo "  Events: http://$(HOST):$(PORT)/events/"
	@echo "  API:    http://$(HOST):$(PORT)/api/"
	@echo "  Docs:   http://$(HOST):$(PORT)/api/docs/"
	@echo "  Admin:  http://$(HOST):$(PORT)/admin/   (create a user: $(BIN)/python manage.py createsuperuser)"
	@echo "  Event:  http://$(HOST):$(PORT)/events/moscow-talks-2018/"
	@echo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# PYTEST_ARGS narrows it: CI's PostgreSQL pass gives -m "not no_database" (tests/conftest.py).
test: setup $(VENV)/.dev
	@test -x /usr/bin/chromium || echo "make test: no /usr/bin/chromium, so the browser tests (tests/e2e/) are skipped: apt-get install chromium"
	$(BIN)/pytest $(PYTEST_ARGS)

# The inner loop: the suite without the modules marked slow (browser, deploy, fault, contract fuzzing).
test-fast: setup $(VENV)/.dev
	$(BIN)/pytest -m "not slow"

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# `make bench EVENTS=100000`: the dataset (rebuilt when its size changes) on SQLite and on PostgreSQL,
# then the read benchmark (bench/reads.py) and the import/export one (bench/io.py); results in bench/RESULTS.md.
EVENTS ?= 2000
BENCH_SQLITE ?= sqlite:///$(CURDIR)/bench/data/bench.sqlite3
BENCH_POSTGRES ?= postgres://postgres@127.0.0.1:5432/eventsapi_bench
# Import and export beside loaddata and the databases' own CSV dumps (loaddata is slow: keep it small).
IO_EVENTS ?= 300
BENCH_SQLITE_IO ?= sqlite:///$(CURDIR)/bench/data/io.sqlite3
BENCH_POSTGRES_IO ?= postgres://postgres@127.0.0.1:5432/eventsapi_io_bench
BENCH_ARGS ?=

bench: setup $(VENV)/.dev
	$(BIN)/python bench/reads.py --database $(BENCH_SQLITE) --events $(EVENTS) $(BENCH_ARGS)
	$(BIN)/python bench/reads.py --database $(BENCH_POSTGRES) --events $(EVENTS) $(BENCH_ARGS)
	$(BIN)/python bench/io.py --events $(IO_EVENTS) --database $(BENCH_SQLITE_IO) --database $(BENCH_POSTGRES_IO)
	$(BIN)/python bench/peers.py --database $(BENCH_SQLITE) --events $(EVENTS) $(PEERS_ARGS)

# The peer alone: eventsapi beside Datasette on the same SQLite file (bench/peers.py), `make bench-peers EVENTS=100000`.
PEERS_ARGS ?=
bench-peers: setup $(VENV)/.dev
	$(BIN)/python bench/peers.py --database $(BENCH_SQLITE) --events $(EVENTS) $(PEERS_ARGS)

# `make bench-extract`: extraction at 10k, 20k, 100k and 500k characters beside spaCy's tokeniser (bench/extraction.py),
# appended to bench/RESULTS.md.
bench-extract: $(VENV)/.runtime
	$(BIN)/python bench/extraction.py --results bench/RESULTS.md $(BENCH_ARGS)

eval-extract: $(VENV)/.runtime
	$(BIN)/python manage.py evaluate_extraction
	$(BIN)/python manage.py evaluate_extraction --eval seeds/holdout --split test
	$(BIN)/python manage.py evaluate_extraction --eval seeds/holdout2 --split test
	$(BIN)/python manage.py evaluate_extraction --eval seeds/holdout3 --split test

# gunicorn with the production settings; needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS (docs/operations.md).
serve-prod: $(VENV)/.runtime
	@test -n "$$DJANGO_SECRET_KEY" -a -n "$$DJANGO_ALLOWED_HOSTS" || \
		{ echo "make serve-prod: set DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS (docs/operations.md)"; exit 1; }
	$(PROD) $(BIN)/python manage.py check --deploy
	$(PROD) $(BIN)/python manage.py migrate --noinput
	$(PROD) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(PROD) GUNICORN_BIND="$${GUNICORN_BIND:-$(HOST):$(PORT)}" $(BIN)/gunicorn --config gunicorn.conf.py

# The fault scenario (bench/fault.py) on SQLite; `make fault DB=postgres` on a throwaway PostgreSQL cluster it kills once.
fault: $(VENV)/.runtime
	$(BIN)/python -m bench.fault --db $(DB)

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache
