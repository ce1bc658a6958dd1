# appsession: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck pytest bench eval-anon i18n clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --disable-pip-version-check -q -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(BIN)/pip install --disable-pip-version-check -q -e '.[test]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/appsession demo

test: $(VENV)/.installed-test lint typecheck pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check appsession tests bench
	$(BIN)/ruff format --check appsession tests bench

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy --strict appsession

pytest: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

eval-anon: $(VENV)/.installed
	$(BIN)/appsession eval-anon --corpus ../shared/corpus/dev

i18n: $(VENV)/.installed-test
	$(BIN)/python tests/i18n_tools.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
