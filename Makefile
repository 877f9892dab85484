# Sciatica Companion. `make run` serves the app on SQLite; `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
WORKERS ?= 2

UV     := $(VENV)/bin/uv
# Every install comes from the lock files in requirements/ (exact versions, every file's hash
# checked); nothing is resolved at install time. `make lock` rewrites them from pyproject.toml.
export UV_PYTHON_DOWNLOADS := never
LOCK = $(UV) pip compile --universal --generate-hashes --custom-compile-command "make lock" \
       --quiet $(if $(UPGRADE),--upgrade)

.PHONY: run dev test lint lock migrate bench scale clean hazard-log messages compile

# uv installs from the lock; it is itself pinned with hashes (requirements/uv.txt) and put in the
# virtual environment by pip, which checks those hashes.
$(UV): requirements/uv.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -qq --disable-pip-version-check --require-hashes -r requirements/uv.txt
	touch $@

# What the app runs on (and psycopg for PostgreSQL). Added to what is there, so the test tools stay.
$(VENV)/.installed: pyproject.toml requirements/run.txt | $(UV)
	$(UV) pip install --quiet --python $(PY) --require-hashes -r requirements/run.txt
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	touch $@

# The app and the test tools, exactly as locked: anything else in the environment is removed.
$(VENV)/.installed-test: pyproject.toml requirements/test.txt | $(UV)
	$(UV) pip sync --quiet --python $(PY) --require-hashes requirements/test.txt
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	touch $(VENV)/.installed $@

## Rewrite the lock files from pyproject.toml after adding or changing a dependency (other pins stay
## as they are); `make lock UPGRADE=1` moves every package to its newest allowed release.
lock: | $(UV)
	$(LOCK) pyproject.toml --extra postgres --group test -o requirements/test.txt
	$(LOCK) pyproject.toml --extra postgres -c requirements/test.txt -o requirements/run.txt
	$(LOCK) --group pyproject.toml:bootstrap -c requirements/test.txt -o requirements/uv.txt

migrate: $(VENV)/.installed
	$(VENV)/bin/flask --app webapp db upgrade

## Serve with gunicorn on http://$(HOST):$(PORT) (SQLite under instance/ unless DATABASE_URL is set),
## and the background queue's consumer beside it (scripts/serve.sh; Ctrl-C stops both).
run: migrate
	@echo "Sciatica Companion on http://$(HOST):$(PORT), with its reminder queue"
	@$(VENV)/bin/flask --app webapp notices --url "http://$(HOST):$(PORT)"
	@VENV=$(VENV) HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) bash scripts/serve.sh

## Flask's debug server with reloading, for development.
dev: migrate
	$(VENV)/bin/flask --app webapp run --debug --host $(HOST) --port $(PORT)

## The whole suite: unit, integration (SQLite, and PostgreSQL when DATABASE_URL is set) and browser
## tests in Chromium and WebKit. scripts/test-deps.sh first installs the browsers, the WebKit driver
## and Xvfb when they are missing (as root on Debian), or stops with the one line naming them. ruff
## runs first (the rules in pyproject.toml): a lint finding fails the suite like a test.
test:
	@bash scripts/test-deps.sh
	@$(MAKE) --no-print-directory $(VENV)/.installed-test
	$(VENV)/bin/ruff check webapp tests bench scripts
	$(PY) -m pytest $(PYTEST_ARGS)

## ruff over the code (the rules in pyproject.toml's [tool.ruff]).
lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check webapp tests bench scripts

## The catalogues in translations/: `make messages` extracts every marked string (Python, templates,
## e-mails: the `messages` domain; static/js: the `js` domain) and updates each language's .po;
## `make compile` checks that every catalogue compiles and says how much is translated. The app
## reads the .po files themselves (webapp/i18n/catalogues.py), so no .mo is committed or needed.
PYBABEL := $(VENV)/bin/pybabel
messages: $(VENV)/.installed
	$(PYBABEL) -q extract -F babel.cfg -k N_ -k Said -k _l -k lazy_gettext -k lazy_ngettext:1,2 -c Translators: --sort-output --no-location \
	  --project "Sciatica Companion" --no-wrap -o translations/messages.pot .
	$(PYBABEL) -q extract -F babel-js.cfg -k t -k nt:1,2 -c Translators: --sort-output --no-location --project "Sciatica Companion" \
	  --no-wrap -o translations/js.pot .
	$(PYBABEL) -q update --no-wrap --ignore-obsolete --ignore-pot-creation-date -D messages -i translations/messages.pot -d translations
	$(PYBABEL) -q update --no-wrap --ignore-obsolete --ignore-pot-creation-date -D js -i translations/js.pot -d translations

compile: $(VENV)/.installed
	$(PYBABEL) compile --statistics -D messages -d translations
	$(PYBABEL) compile --statistics -D js -d translations
## docs/clinical-safety/hazard-log.md from its rows (docs/clinical-safety/README.md says how).
hazard-log:
	$(PY) scripts/hazard_log.py

bench: $(VENV)/.installed-test
	bash bench/run

## several servers on one PostgreSQL and one Redis: the checks, 50 clients for 60 s, 1 against 2 servers
scale: $(VENV)/.installed-test
	BENCH_ONLY=scale bash bench/run

clean:
	rm -rf $(VENV) .pytest_cache
