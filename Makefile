# Two commands a newcomer needs:  make serve  (read the site at http://127.0.0.1:8000)  and  make test.
# Everything else is a step of these or an extra (pdf, offline, bench). Run `make help` for the list.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SITE   ?= site
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help serve build test check lint system-deps clean bench pdf offline linkcheck-external

help:  ## list the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# The site's pinned dependencies and the project's own package (hpo_handbook, editable: edits apply at once).
$(BIN)/.site-deps: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(BIN)/.dev-deps: requirements-dev.txt requirements.txt $(BIN)/.site-deps
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

serve: $(BIN)/.site-deps  ## set up and serve the site at http://127.0.0.1:8000 (reloads on save, shows data errors in the page)
	SITE_URL=http://127.0.0.1:8000/ HB_STRICT=false $(BIN)/mkdocs serve --no-strict --dev-addr 127.0.0.1:8000

build: $(BIN)/.site-deps  ## build the site into site/ (strict: any warning fails)
	$(BIN)/mkdocs build --strict --site-dir $(SITE)

offline: build  ## build the site, then zip the offline edition (opens from file://) into site/download/
	$(BIN)/python -m hpo_handbook.tools.build_offline --site $(SITE)

pdf: build $(BIN)/.dev-deps system-deps  ## build the site, then export the checklists and the whole handbook to PDF (site/pdf/)
	$(BIN)/python -m hpo_handbook.tools.export_pdf --site $(SITE)

bench: $(BIN)/.dev-deps node_modules/.stamp system-deps  ## measure build time, page weight, search, print and Lighthouse; writes BENCHMARKS.md
	$(BIN)/python -m hpo_handbook.tools.bench

system-deps:  ## install Chromium and poppler-utils with apt when missing (browser and PDF tests)
	@bash scripts/system-deps.sh

test: $(BIN)/.dev-deps node_modules/.stamp system-deps  ## set up and run every check and test
	$(MAKE) --no-print-directory lint
	$(BIN)/pytest

check: $(BIN)/.dev-deps  ## the edit loop, under a minute: lint, unit tests and one strict build (no browser)
	$(MAKE) --no-print-directory lint
	$(BIN)/pytest -m "not browser and not slow" -q

lint: $(BIN)/.dev-deps  ## only the fast checks (ruff, yamllint, data)
	$(BIN)/ruff check hpo_handbook hooks tests
	$(BIN)/yamllint --strict data mkdocs.yml .github .pre-commit-config.yaml
	$(BIN)/python -m hpo_handbook.tools.check_data

linkcheck-external: $(BIN)/.site-deps  ## also check links to other websites (slow, needs internet; CI runs it weekly, non-blocking)
	CHECK_LINKS=true CHECK_EXTERNAL_LINKS=true $(BIN)/mkdocs build --strict --site-dir $(SITE)

clean:  ## remove the built site and caches (keeps .venv)
	rm -rf $(SITE) .pytest_cache .ruff_cache
