# Two entry points on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime
STAMP := $(VENV)/.installed

.PHONY: demo test eval lint bench clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Versions come from requirements.lock (as pip constraints): the same on every machine and in CI.
# What the demo needs: rasid itself, no test tools or optional extras.
$(RUNTIME): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet -c requirements.lock -e .
	touch $(RUNTIME)

# Everything the tests need: the optional extras and the test tools.
$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $(RUNTIME) $(STAMP)

# Re-pin after a dependency changed in pyproject.toml; UPGRADE=--upgrade moves every pin to the newest release.
lock: $(BIN)/python
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11 \
		--python-platform x86_64-unknown-linux-gnu $(UPGRADE) -o requirements.lock

DEMO_DB := demo.db

# The bundled sample reports: their events as a table, then the web app over them (PORT=8123 moves it).
demo: $(RUNTIME)
	$(BIN)/rasid extract --format table samples/reports.jsonl
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/rasid ingest --db $(DEMO_DB) samples/reports.jsonl
	$(BIN)/rasid serve --db $(DEMO_DB) --port $(PORT)

# The suite starts a throwaway PostgreSQL cluster and finds Chromium itself (tests/services.py);
# scripts/test-services installs them first where the machine allows it.
test: $(STAMP)
	scripts/test-services
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/pytest

SHARED ?= ../shared

# Figures on the shared evaluation sets, one row per set: dev, dev3 (d3_, d3a_), dev2 (a2_, s2_), seed.
eval: $(STAMP)
	$(BIN)/rasid eval --by-prefix $(SHARED)/eval/dev.jsonl $(SHARED)/eval/dev3.jsonl \
		$(SHARED)/eval/dev2.jsonl $(SHARED)/eval/seed.jsonl

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info
