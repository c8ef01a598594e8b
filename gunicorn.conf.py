"""gunicorn settings for `make serve` (production): `gunicorn -c gunicorn.conf.py app:server`.

Environment: HOST (127.0.0.1), PORT (8050), WEB_CONCURRENCY (worker processes; default one per CPU core
this process may use), GUNICORN_THREADS (4), ASCN_DATA_DIR (the data directory), ASCN_ACCESS_LOG
(a path, or "-" for stdout; off by default).
"""

import gc
import os
import sys

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"

# One process per core. A callback is pure Python and CPU-bound, so more processes than cores only add
# queueing and memory (each holds the read-only dataset: about 375 MB at 150,000 partnerships); fewer
# leave a core idle. Threads let one process overlap a slow client's download with other requests
# (the GIL still runs one callback at a time per process) and keep connections alive between requests.
workers = int(os.environ.get("WEB_CONCURRENCY") or len(os.sched_getaffinity(0)))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = 5

# Validate and load the data once, in the master, before forking: start-up is one load, not one per
# worker, and the workers share the dataset's memory pages until they write to them.
preload_app = True
# A worker that leaks is replaced by a fresh fork of the loaded master (no reload of the data).
max_requests = 20_000
max_requests_jitter = 2_000
timeout = 30
graceful_timeout = 20

control_socket_disable = True  # gunicorn 27 would otherwise create ~/.gunicorn/gunicorn.ctl
accesslog = os.environ.get("ASCN_ACCESS_LOG") or None
errorlog = "-"
loglevel = "info"
proc_name = "ascn-dashboard"


def _dash_app():
    import dash

    return dash.get_app()


def when_ready(server) -> None:
    """Finish Dash's per-process setup and build the query index in the master too (forked workers inherit both),
    then freeze the heap: the collector then never touches (and so never copies) the shared pages of the loaded dataset."""
    from routes import serving

    serving.prepare(_dash_app())  # idempotent; app.py already did it: this covers any app served with this file
    if "ascn.query" in sys.modules:  # the dashboard (not the benchmark's floor app)
        query = sys.modules["ascn.query"].default_query()
        server.log.info("data loaded: %s", query.dataset.summary())
    gc.collect()
    gc.freeze()


def post_worker_init(worker) -> None:
    """A worker that could not serve the page must not accept a request: check before it listens (it inherits the
    master's setup; without preload_app it runs it here)."""
    from routes import serving

    app = _dash_app()
    serving.prepare(app)
    problem = serving.readiness_problem(app)
    if problem:
        raise RuntimeError(f"worker not ready: {problem}")
