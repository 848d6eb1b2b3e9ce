# The two commands: `make run` serves the API with the seed data; `make test` runs the whole suite.
# Both create .venv when needed and install the requirements first.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup lint format clean bench eval-extract serve-prod fault

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
	$(BIN)/python manage.py loaddata seed

run: setup
	@echo
	@echo "eventsapi on http://$(HOST):$(PORT)/"
	@echo "  API:    http://$(HOST):$(PORT)/api/"
	@echo "  Docs:   http://$(HOST):$(PORT)/api/docs/"
	@echo "  Admin:  http://$(HOST):$(PORT)/admin/   (create a user: $(BIN)/python manage.py createsuperuser)"
	@echo "  Event:  http://$(HOST):$(PORT)/events/moscow-talks-2018/"
	@echo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: setup $(VENV)/.dev
	$(BIN)/pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: setup $(VENV)/.dev
	@echo "make bench: not written yet (issue 3)"; exit 1

eval-extract: $(VENV)/.runtime
	$(BIN)/python manage.py evaluate_extraction

serve-prod: setup
	@echo "make serve-prod: not written yet (issue 4)"; exit 1

fault: setup $(VENV)/.dev
	@echo "make fault: not written yet (issue 4)"; exit 1

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache
