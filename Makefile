# Synovia: the two-command quick start is `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast lint bench messages clean serve fuzz

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e ".[test,dev]"
	touch $(STAMP)

## demo: create the venv, install, migrate SQLite, load the synthetic cohort, serve on 127.0.0.1:8000
demo: $(STAMP)
	$(BIN)/synovia demo

serve: $(STAMP)
	$(BIN)/synovia serve

## test: install the test extra and run the whole suite (pytest + pytest-django)
PYTEST_ARGS ?=
test: $(STAMP)
	$(BIN)/pytest -n 2 --dist loadfile $(PYTEST_ARGS)

test-fast: $(STAMP)
	$(BIN)/pytest -n 2 --dist loadfile -m "not browser and not slow"

## fuzz: the release run of the hostile-input suites (forms, match, API): >= 5,000 requests
FUZZ_EXAMPLES ?= 400
fuzz: $(STAMP)
	SYNOVIA_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -p no:randomly -m "not browser" tests/apps/test_hostile.py tests/apps/api/test_schemathesis.py

## lint: ruff (checks and formatting) over the tree, mypy --strict on the pure core, the import contract, bandit, pip check
lint: $(STAMP)
	$(BIN)/ruff check synovia tests benchmarks
	$(BIN)/ruff format --check synovia tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/bandit -q -c pyproject.toml -r synovia --severity-level medium
	$(BIN)/python -m pip check

## bench: run benchmarks/ and write benchmarks/RESULTS.md (the load benchmark uses PostgreSQL)
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
bench: $(STAMP)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python benchmarks/run.py

## messages: refresh and compile the translation catalogues of every app
messages: $(STAMP)
	for app in synovia/*/locale; do (cd $$(dirname $$app) && ../../$(BIN)/django-admin makemessages -l es --no-obsolete && ../../$(BIN)/django-admin compilemessages); done

clean:
	rm -rf $(VENV) var/*.sqlite3 .pytest_cache .mypy_cache .ruff_cache
