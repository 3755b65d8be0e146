# httpi18n: one entry point for every developer task.
#   make serve     main job: set up, compile the catalogs, build the four-language
#                  docs site and serve it with httpi18n.server on 127.0.0.1:8000
#   make test      set up, then run the whole test suite
#   make demo      the CLI on a few examples
#   make docs      build the docs site into build/site/<lang>/
#   make catalogs  extract, update and compile the gettext catalogs
#   make dist      build the wheel and the sdist into dist/
# PY selects the interpreter version of the venv (default 3.13): make test PY=3.11

PY ?= 3.13
VENV ?= .venv-$(PY)
PYTHON := $(VENV)/bin/python
BABEL := $(VENV)/bin/pybabel
LOCK := requirements/lock.txt
# Every install takes its versions from the lock (make lock re-pins on purpose).
PIP := $(PYTHON) -m pip install --disable-pip-version-check -c $(LOCK)
STAMP := $(VENV)/.installed-test
DOCS_STAMP := $(VENV)/.installed-docs
BASE_STAMP := $(VENV)/.installed-base

.PHONY: serve docs demo test test-all referee dist venv catalogs extract update compile check-catalogs clean bench lock

# The interpreter, pip/setuptools/babel at the locked versions, and the package
# itself (editable, built without isolation so the build tools are the locked ones).
$(BASE_STAMP): pyproject.toml setup.py $(LOCK)
	@test -x $(PYTHON) || $$(tools/find-python $(PY)) -m venv $(VENV)
	$(PIP) -q pip setuptools wheel babel
	$(PIP) -q --no-build-isolation -e .
	@touch $@

# What the docs need, and nothing else (make serve, make docs).
$(DOCS_STAMP): $(BASE_STAMP)
	@echo "setup: installing the documentation tool-chain into $(VENV) (pinned by $(LOCK))"
	$(PIP) --no-build-isolation -e '.[docs]'
	@touch $@

# The whole test tool-chain (make test, .ci/run): the docs, plus the Debian
# packages the tests drive (curl, wrk, nginx, Chromium, CJK fonts).
$(STAMP): $(DOCS_STAMP)
	tools/system-deps
	$(PIP) -q --no-build-isolation -e '.[test,docs]'
	@touch $@

venv: $(STAMP)

# The compatibility referees alone (CPython's suites, urllib3's suite, requests),
# with only what they need: .ci/run runs them on the Pythons it does not test whole.
REFEREE_STAMP := $(VENV)/.installed-referee
REFEREES ?= tests/test_client_cpython.py tests/test_server_cpython.py tests/test_urllib3_referee.py \
	tests/test_requests_swap.py tests/test_client_compat.py
$(REFEREE_STAMP): $(BASE_STAMP)
	$(PIP) -q pytest pytest-timeout hypothesis urllib3 requests
	@touch $@

referee: $(REFEREE_STAMP) compile
	$(PYTHON) -m pytest $(REFEREES) $(PYTEST_ARGS)

compile: $(BASE_STAMP)
	$(PYTHON) tools/catalogs.py compile

demo: $(BASE_STAMP) compile
	$(PYTHON) -m httpi18n 404 --lang ja
	$(PYTHON) -m httpi18n 418 --lang fr-CA
	$(PYTHON) -m httpi18n 503 --lang zh-Hans --json
	$(PYTHON) -m httpi18n list --lang fr --category client-error
	$(PYTHON) -m httpi18n methods --lang ja
	$(PYTHON) -m httpi18n negotiate "fr-CH, fr;q=0.9, en;q=0.8"

docs: $(DOCS_STAMP) compile
	$(PYTHON) tools/build_docs.py

PORT ?= 8000
serve: docs
	@echo "serving http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	$(PYTHON) tools/serve_docs.py $(PORT)

test: venv compile
	$(PYTHON) -m pytest $(PYTEST_ARGS)

# CI: the suite on the oldest and newest Pythons CI covers.
test-all:
	$(MAKE) test PY=3.11
	$(MAKE) test PY=3.13

extract: $(BASE_STAMP)
	$(PYTHON) tools/catalogs.py extract

update: $(BASE_STAMP)
	$(PYTHON) tools/catalogs.py update

catalogs: extract update compile

check-catalogs: $(BASE_STAMP)
	$(PYTHON) tools/catalogs.py check

bench: venv compile
	for b in bench/bench_*.py; do $(PYTHON) $$b || exit 1; done

# A wheel and an sdist in dist/ (catalogs compiled into the wheel), built with the locked tools.
dist: $(BASE_STAMP)
	$(PIP) -q build
	$(PYTHON) -m build --no-isolation --outdir dist .

# Re-pin the development tool-chain to the newest releases the ranges allow
# (see requirements/README.md): review the diff, run the suite, commit.
lock:
	tools/lock

clean:
	rm -rf build dist .venv-* src/httpi18n/locale src/*.egg-info
