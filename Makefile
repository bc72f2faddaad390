# Open Uitdaagrecht — developer entry points. `make demo` and `make test` work from a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint schema messages vendor bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	DEBUG=1 $(BIN)/uitdaagrecht demo --serve 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SECRET_KEY=lint $(BIN)/uitdaagrecht makemigrations --check --dry-run
	SECRET_KEY=lint $(BIN)/uitdaagrecht compilemessages --ignore=.venv
	SECRET_KEY=lint $(BIN)/uitdaagrecht spectacular --validate --fail-on-warn --file /tmp/openapi-check.yaml
	diff -u docs/openapi.yaml /tmp/openapi-check.yaml

schema: $(STAMP)
	SECRET_KEY=schema $(BIN)/uitdaagrecht spectacular --validate --fail-on-warn --file docs/openapi.yaml

messages: $(STAMP)
	cd src/uitdaagrecht && SECRET_KEY=x ../../$(BIN)/uitdaagrecht makemessages -l nl -l en --no-obsolete

vendor:
	bash scripts/vendor.sh

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var/*.sqlite3
