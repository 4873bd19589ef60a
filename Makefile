# Territoria — the two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
NODE_STAMP := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo serve test install install-test messages messages-update referential browser clean

$(PY):
	@PYTHON=$$(scripts/find-python.sh) && echo "Creating $(VENV) with $$PYTHON" && "$$PYTHON" -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip

$(STAMP): $(PY) requirements/base.lock pyproject.toml
	$(PY) -m pip install --quiet --require-hashes -r requirements/base.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e . 2>/dev/null || $(PY) -m pip install --quiet --no-deps -e .
	@touch $@

$(TEST_STAMP): $(STAMP) requirements/test.lock
	$(PY) -m pip install --quiet --require-hashes -r requirements/test.lock
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(STAMP)
install-test: $(TEST_STAMP) $(NODE_STAMP) browser

# Compiled translations are build products (.mo), made from the reviewed catalogs.
# Nothing to compile before the first catalog exists.
messages: $(STAMP)
	@if [ -z "$$(find locale territoria -name '*.po' -path '*/LC_MESSAGES/*' 2>/dev/null | head -1)" ]; then \
	  echo "No translation catalog yet: nothing to compile."; \
	else \
	  command -v msgfmt >/dev/null || scripts/apt-install.sh gettext; \
	  cd territoria && ../$(VENV)/bin/territoria compilemessages --verbosity 0; \
	fi

# After changing source strings: refresh the French catalog, then translate what is new.
messages-update: $(STAMP)
	@cd territoria && ../$(VENV)/bin/territoria makemessages -l fr --no-obsolete --no-location --verbosity 0
	@echo "Translate the new entries in locale/fr/LC_MESSAGES/django.po (make test checks it)."

# Debian's chromium for the browser tests (Playwright cannot download its own browser here).
browser:
	@command -v chromium >/dev/null || scripts/apt-install.sh chromium fonts-dejavu-core

demo: install messages
	$(VENV)/bin/territoria demo --host $(HOST) --port $(PORT)

serve: install messages
	$(VENV)/bin/territoria serve --host $(HOST) --port $(PORT)

test: install-test messages
	$(PY) -m pytest $(PYTEST_ARGS)

referential: install-test
	@mkdir -p var
	npm pack --silent @etalab/decoupage-administratif@$(or $(VERSION),6.0.0) --pack-destination var/
	$(VENV)/bin/territoria build_referential var/etalab-decoupage-administratif-$(or $(VERSION),6.0.0).tgz

clean:
	rm -rf $(VENV) node_modules var
