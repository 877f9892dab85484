# Sciatica Companion. `make run` serves the app on SQLite; `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
WORKERS ?= 2

.PHONY: run dev test migrate bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -qq --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -qq --disable-pip-version-check -e '.[test]'
	touch $(VENV)/.installed $@

migrate: $(VENV)/.installed
	$(VENV)/bin/flask --app webapp db upgrade

## Serve with gunicorn on http://$(HOST):$(PORT) (SQLite under instance/ unless DATABASE_URL is set),
## and the background queue's consumer beside it (scripts/serve.sh; Ctrl-C stops both).
run: migrate
	@echo "Sciatica Companion on http://$(HOST):$(PORT), with its reminder queue"
	@VENV=$(VENV) HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) bash scripts/serve.sh

## Flask's debug server with reloading, for development.
dev: migrate
	$(VENV)/bin/flask --app webapp run --debug --host $(HOST) --port $(PORT)

## The whole suite: unit, integration (SQLite, and PostgreSQL when DATABASE_URL is set) and browser
## tests in Chromium and WebKit. scripts/test-deps.sh first installs the browsers, the WebKit driver
## and Xvfb when they are missing (as root on Debian), or stops with the one line naming them.
test:
	@bash scripts/test-deps.sh
	@$(MAKE) --no-print-directory $(VENV)/.installed-test
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed-test
	bash bench/run

clean:
	rm -rf $(VENV) .pytest_cache
