# Two commands a newcomer needs:  make serve  (read the site at http://127.0.0.1:8000)  and  make test.
# Everything else is a step of these or an extra (pdf, offline, bench). Run `make help` for the list.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SITE   ?= site
# Zensical in its own environment, so the MkDocs one stays exactly as pinned in requirements.txt. 0.0.73 is the
# newest that installs from the registry (0.0.74 and later need a zensical-ui package the registry does not have).
ZENSICAL_VERSION := 0.0.73
ZVENV  := .venv-zensical
ZBIN   := $(ZVENV)/bin
export SITE_ZENSICAL ?= site-zensical
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help serve build build-zensical test check lint system-deps clean bench pdf offline linkcheck-external

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

# The same libraries as the MkDocs environment where both use one (-c requirements.txt), plus the project's package.
$(ZBIN)/.zensical-$(ZENSICAL_VERSION): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(ZVENV)
	$(ZBIN)/pip install --quiet --upgrade pip
	$(ZBIN)/pip install --quiet -c requirements.txt zensical==$(ZENSICAL_VERSION) PyYAML pydantic Jinja2 Markdown \
		pymdown-extensions pyicu-wheels icalendar
	$(ZBIN)/pip install --quiet --no-deps -e .
	touch $@

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

serve: $(BIN)/.site-deps  ## set up and serve the site at http://127.0.0.1:8000 (reloads on save, shows data errors in the page)
	SITE_URL=http://127.0.0.1:8000/ HB_STRICT=false $(BIN)/mkdocs serve --no-strict --dev-addr 127.0.0.1:8000

build: $(BIN)/.site-deps  ## build the site into site/ (strict: any warning fails)
	$(BIN)/mkdocs build --strict --site-dir $(SITE)

build-zensical: $(ZBIN)/.zensical-$(ZENSICAL_VERSION)  ## build the same sources with Zensical into site-zensical/ (or SITE_ZENSICAL=folder inside the project)
	$(ZBIN)/python -m hpo_handbook.integrations.zensical_build --config zensical.yml

offline: build  ## build the site, then zip the offline edition (opens from file://) into site/download/
	$(BIN)/python -m hpo_handbook.tools.build_offline --site $(SITE)

pdf: build $(BIN)/.dev-deps system-deps  ## build the site, then export the checklists and the whole handbook to PDF (site/pdf/)
	$(BIN)/python -m hpo_handbook.tools.export_pdf --site $(SITE)

bench: $(BIN)/.dev-deps node_modules/.stamp  ## measure build time, page weight, search, print and Lighthouse; writes BENCHMARKS.md
	@bash scripts/system-deps.sh --bench
	$(BIN)/python -m hpo_handbook.tools.bench

system-deps:  ## install Chromium and poppler-utils with apt when missing (browser and PDF tests)
	@bash scripts/system-deps.sh

test: $(BIN)/.dev-deps $(ZBIN)/.zensical-$(ZENSICAL_VERSION) node_modules/.stamp system-deps  ## set up and run every check and test
	$(MAKE) --no-print-directory lint
	node --test --test-reporter=dot tests/js/
	$(BIN)/pytest

check: $(BIN)/.dev-deps node_modules/.stamp  ## the edit loop, under a minute: lint, unit tests (Python and JS) and one strict build with the link check (no browser)
	$(MAKE) --no-print-directory lint
	node --test --test-reporter=dot tests/js/
	$(BIN)/pytest -m "not browser and not slow" -q

lint: $(BIN)/.dev-deps node_modules/.stamp  ## only the fast checks (ruff, ESLint, yamllint, data)
	$(BIN)/ruff check hpo_handbook tests
	node_modules/.bin/eslint docs/assets/javascripts/
	$(BIN)/yamllint --strict data mkdocs.yml zensical.yml .github .pre-commit-config.yaml
	$(BIN)/python -m hpo_handbook.tools.check_data

linkcheck-external: $(BIN)/.site-deps  ## also check links to other websites (slow, needs internet; CI runs it weekly, non-blocking)
	CHECK_LINKS=true CHECK_EXTERNAL_LINKS=true $(BIN)/mkdocs build --strict --site-dir $(SITE)

clean:  ## remove the built site and caches (keeps .venv)
	rm -rf $(SITE) $(SITE_ZENSICAL) .pytest_cache .ruff_cache
