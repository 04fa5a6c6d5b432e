# Quick start: `make run` serves the site with demo content, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run migrate demo test lint check clean bench

$(BIN)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

install: $(BIN)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo --address $(HOST):$(PORT)

run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# Loads 10,000 news into PostgreSQL (BENCH_DATABASE_URL), serves them with gunicorn and
# prints requests per second, latencies and query counts; see « Performance » in README.md.
bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
