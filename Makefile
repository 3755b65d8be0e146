# httpi18n: one entry point for every developer task.
#   make serve     main job: set up, compile the catalogs, build the four-language
#                  docs site and serve it with httpi18n.server on 127.0.0.1:8000
#   make test      set up, then run the whole test suite
#   make demo      the CLI on a few examples
#   make docs      build the docs site into build/site/<lang>/
#   make catalogs  extract, update and compile the gettext catalogs
# PY selects the interpreter version of the venv (default 3.13): make test PY=3.11

PY ?= 3.13
VENV ?= .venv-$(PY)
PYTHON := $(VENV)/bin/python
BABEL := $(VENV)/bin/pybabel
LANGS := en zh_CN fr ja
STAMP := $(VENV)/.installed

.PHONY: serve docs demo test test-all venv catalogs extract update compile check-catalogs clean bench

$(STAMP): pyproject.toml setup.py
	tools/system-deps
	@test -x $(PYTHON) || $$(tools/find-python $(PY)) -m venv $(VENV)
	$(PYTHON) -m pip install -q --upgrade pip
	$(PYTHON) -m pip install -q -e '.[test,docs]'
	@touch $(STAMP)

venv: $(STAMP)

compile: $(STAMP)
	$(PYTHON) tools/catalogs.py compile

demo: venv compile
	$(PYTHON) -m httpi18n 404 --lang ja
	$(PYTHON) -m httpi18n 418 --lang fr-CA
	$(PYTHON) -m httpi18n 503 --lang zh-Hans --json
	$(PYTHON) -m httpi18n list --lang fr --category client-error
	$(PYTHON) -m httpi18n methods --lang ja
	$(PYTHON) -m httpi18n negotiate "fr-CH, fr;q=0.9, en;q=0.8"

docs: venv compile
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

extract: venv
	$(PYTHON) tools/catalogs.py extract

update: venv
	$(PYTHON) tools/catalogs.py update

catalogs: extract update compile

check-catalogs: venv
	$(PYTHON) tools/catalogs.py check

bench: venv compile
	for b in bench/bench_*.py; do $(PYTHON) $$b || exit 1; done

clean:
	rm -rf build dist .venv-* src/httpi18n/locale src/*.egg-info
