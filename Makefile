# Two commands on a fresh machine: `make html` and `make test`.
# Each creates .venv and installs what it needs the first time.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Several sites from one content/ folder: make html CLINIC=path/to/clinic.yaml OUT=_build/name
CLINIC ?=
OUT    ?=
# One translation of the client pages: make html LANGUAGE=es builds _build/html-es.
LANGUAGE ?=
CLINIC_ARG := $(if $(CLINIC),--clinic $(abspath $(CLINIC)))

.DEFAULT_GOAL := html
.PHONY: html html-all booklet gettext trainer dist bench validate test lint serve clean chromium java nginx

# The Nu HTML Checker. Pinned: its rules change between releases, so a new
# release is a deliberate bump, not a surprise failure. --ignore-scripts skips
# its Java download (blocked offline, and the system Java does the job).
VNU_VERSION := 26.9.27
VNU_JAR     := $(VENV)/vnu/node_modules/vnu-jar/build/dist/vnu.jar

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps re-run the install whenever pyproject.toml or the constraints change.
# constraints.txt pins the packages that decide what a page can become (see there).
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,dev]'
	@touch $@ $(VENV)/.installed

## Check content/ and clinic.yaml against the schemas.
validate: $(VENV)/.installed
	$(BIN)/python -m build_tools validate $(CLINIC_ARG)

## Build the site into _build/html (strict: any warning fails, the old site stays).
## LANGUAGE=es builds that translation alone into _build/html-es, to check it.
## The build checks the pages and the catalogs of the language it builds, and no
## other: the English pages preview while a translation is pending (make validate,
## make html-all and make dist check every language).
html: $(VENV)/.installed
	$(BIN)/python -m build_tools build $(if $(LANGUAGE),--language $(LANGUAGE)) \
	  --out $(or $(OUT),_build/html$(if $(LANGUAGE),-$(LANGUAGE))) $(CLINIC_ARG)

## Build every language clinic.yaml enables into one site to upload: the pages' own
## language in _build/html, each translation in _build/html/<code>/ (the language links
## on every page point there).
html-all: validate
	$(BIN)/python -m build_tools build --all-languages --out $(or $(OUT),_build/html) $(CLINIC_ARG)

## The paper booklet (every client agreement, to print and fill in by hand): every build
## has it as booklet.html in each language, linked from the index ("Prefer paper?").
## This builds every language (make html-all), then prints each booklet with Chromium to
## _build/booklet/booklet-<language>-<a4|letter>.pdf, ready to print in bulk.
booklet: html-all chromium
	CHROMIUM="$$($(BIN)/python -m build_tools.chromium)" \
	  $(BIN)/python -m build_tools booklet --site $(or $(OUT),_build/html) --out _build/booklet

## Extract the pages' words into _build/gettext and update the catalogs of every
## translation in content/locales/<code>/LC_MESSAGES/ (sphinx-intl): translate the
## empty msgstr lines, then make html-all.
gettext: $(VENV)/.installed
	$(BIN)/python -m build_tools gettext $(CLINIC_ARG) $(if $(LANGUAGE),--language $(LANGUAGE))

## Build the trainer edition into _build/trainer: every client page plus the
## onboarding material for new therapists (never publish it for clients).
trainer: validate
	$(BIN)/python -m build_tools build --edition trainer --out $(or $(OUT),_build/trainer) $(CLINIC_ARG)

## Pack the client site for upload: dist/<clinic>-<fingerprint>.zip with checksums and
## web-server settings for its security headers, and the same zip as
## dist/<clinic>-latest.zip (a failed build leaves dist/ as it was).
## EDITION=trainer packs the trainer edition (for staff only): dist/<clinic>-trainer-*.zip.
## A client page past its clinical review (clinical_review in clinic.yaml) stops it;
## REVIEW_OVERRIDE="reason" packs anyway and puts the reason in the package.
EDITION ?= client
REVIEW_OVERRIDE ?=
dist: validate
	$(BIN)/python -m build_tools dist --edition $(EDITION) --out dist $(CLINIC_ARG) \
	  $(if $(REVIEW_OVERRIDE),--review-override "$(REVIEW_OVERRIDE)")

## Performance report, not part of make test: build cost, rebuild, validation, page weight
## and Lighthouse. Prints a table and writes _build/bench.json. BENCH_ARGS=--quick for a
## short run; --full adds the bare build at 1,000 pages (about 9 more minutes).
bench: $(VENV)/.installed-test chromium nginx
	$(BIN)/python tests/bench/bench.py $(BENCH_ARGS)

## Find a Chromium for the browser tests, installing Debian's when run as root.
chromium: $(VENV)/.installed-test
	@$(BIN)/python -m build_tools.chromium --install

$(VNU_JAR):
	npm install --prefix $(VENV)/vnu --ignore-scripts --no-audit --no-fund --silent \
	  vnu-jar@$(VNU_VERSION)

## A Java runtime for the HTML checker; Debian's when run as root.
java:
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; \
	  else echo "No Java found: install a Java runtime (e.g. 'sudo apt-get install default-jre-headless')."; exit 1; fi; }

## nginx for the publishing test; Debian's when run as root. nginx-light first: the
## full package also starts a system-wide server on port 80 where services can start.
nginx:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light \
	      || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; }; \
	  else echo "No nginx found: install it (e.g. 'sudo apt-get install nginx-light')."; exit 1; fi; }

## Lint, type-check and run every test, browser tests included.
test: $(VENV)/.installed-test chromium java nginx $(VNU_JAR)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy build_tools
	CHROMIUM="$$($(BIN)/python -m build_tools.chromium)" VNU_JAR="$(VNU_JAR)" \
	  $(BIN)/python -m pytest -n 2 --dist loadscope

## Live preview on http://127.0.0.1:8000 while you edit.
serve: $(VENV)/.installed-test
	$(BIN)/sphinx-autobuild -c . content _build/serve --host 127.0.0.1 --port 8000 \
	  --watch conf.py --watch build_tools --watch schemas \
	  -D dbt_content_security_policy=0

clean:
	rm -rf _build dist
