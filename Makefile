# Two commands matter: `make site` (build the sample site and print files) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
# Test/benchmark-only npm tools (axe-core, Lighthouse), installed exactly from package-lock.json.
NODE   := node_modules/.package-lock.json

.PHONY: site test test-fast screenshots serve check schema lint bench system clean deploy hooks system-build

site: $(STAMP) system-build
	$(BIN)/python -m generator build

test: $(STAMP) system $(NODE)
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m unit -q

screenshots: $(STAMP) system $(NODE)
	BEE_SCREENSHOTS=$(CURDIR)/docs-images $(BIN)/python -m pytest -q -m browser

serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 PYTHONWARNINGS=ignore $(BIN)/mkdocs serve --dirty

check: $(STAMP)
	$(BIN)/python -m generator check stations.yaml

# Build, then publish site/ to S3-compatible storage. Endpoint and bucket from mkdocs.yml (station-guide:
# deploy:) or here: make deploy ENDPOINT=https://oss-cn-hangzhou.aliyuncs.com BUCKET=bee-site [PREFIX=bee]
# Keys only from the environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
deploy: site
	$(BIN)/python -m generator deploy --endpoint "$(ENDPOINT)" --bucket "$(BUCKET)" --prefix "$(PREFIX)"

# Run `make check` before every commit (.pre-commit-config.yaml), so broken data never reaches CI.
hooks: $(STAMP)
	$(BIN)/pre-commit install

schema: $(STAMP)
	$(BIN)/python -m generator schema

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy generator

bench: $(STAMP)
	$(BIN)/python -m bench.scale

$(NODE): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

system:
	@scripts/system-deps

system-build:
	@scripts/system-deps build

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

clean:
	rm -rf site .cache bench/out
