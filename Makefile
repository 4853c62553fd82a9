# The two commands of README.md. Both work on a fresh Debian machine with Python 3.11 and
# create their own virtualenv in .venv.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export SHOP_DEBUG ?= 1

.PHONY: run setup test lint messages clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

## 1. install, migrate, compile translations, load the demo shop and serve it on the embedded defaults
run: setup
	@echo "The shop: http://$(HOST):$(PORT)/ (stop with Ctrl-C)"
	@# a task worker for the default queue beside the server: search indexing and product
	@# imports run there (never in the request); stopped with the server
	$(PY) manage.py db_worker --queue-name default --interval 2 --no-reload -v 0 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

setup: $(VENV)/.installed
	@command -v msgfmt >/dev/null || { echo "gettext is needed: apt-get install gettext"; exit 1; }
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable
	$(PY) manage.py compilemessages --ignore=.venv -v 0
	$(PY) manage.py load_demo

## 2. install test dependencies and run the whole suite (browser tests need Debian's chromium)
test: $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=.venv -v 0
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run

## regenerate the .po catalogues from the code and templates (translations are then filled by hand)
messages: $(VENV)/.installed
	for lang in zh_Hans ko ja ru en; do \
	  $(PY) manage.py makemessages --no-obsolete -l $$lang --ignore=.venv --ignore=var --ignore=tests --ignore=locale --ignore=test-artifacts; done

clean:
	rm -rf $(VENV) var test-artifacts
