"""gunicorn settings for `make serve` (production): `gunicorn -c gunicorn.conf.py app:server`.

Environment: HOST (127.0.0.1), PORT (8050), WEB_CONCURRENCY (worker processes; default one per CPU core
this process may use), ASCN_DATA_DIR (the data directory), ASCN_PUBLIC_URL (the public address cited and linked),
ASCN_ACCESS_LOG (a path, or "-" for stdout; off by default). GUNICORN_CMD_ARGS adds or overrides gunicorn settings.
"""

# The gevent worker class (below) makes the standard library cooperative. preload_app imports the app in the master,
# before any worker exists, so patch here, before it is imported: every lock, socket and thread-local the app makes
# is then a cooperative one, in the master and in the forked workers alike (gunicorn's own patching in each worker
# would come after the app's imports).
from gevent import monkey  # noqa: I001  (must run before anything else is imported)

monkey.patch_all()

import gc  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

from ascn.settings import workers_from_env  # noqa: E402

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"

# One process per core. A callback is pure Python and CPU-bound, so more processes than cores only add
# queueing and memory (each holds the read-only dataset: about 375 MB at 150,000 partnerships); fewer
# leave a core idle.
workers = workers_from_env()
# gevent: each connection is a greenlet, not a thread, so a client that sends its headers or its body one byte a
# second costs a socket and a few KB, never one of a handful of threads (gthread's 4 per worker stalled with about
# ten such clients). Callbacks are short (milliseconds) and CPU-bound: they run one at a time per worker either way.
worker_class = "gevent"
worker_connections = 1000  # open connections per worker, slow ones included
# With gevent, a request's headers must arrive whole within `keepalive` seconds (gunicorn reads them under this
# timeout) and an idle kept-alive connection closes after it; a body within BODY_SECONDS (routes/serving.py).
keepalive = 5

# Validate and load the data once, in the master, before forking: start-up is one load, not one per
# worker, and the workers share the dataset's memory pages until they write to them.
preload_app = True
SWITCH_INTERVAL_S = 0.001  # each worker's interpreter switch interval (post_worker_init)
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

    app = _dash_app()
    serving.prepare(app)  # idempotent; app.py already did it: this covers any app served with this file
    state = app.server.extensions.get("ascn")
    if state:  # the dashboard (not the benchmark's floor app)
        server.log.info("data loaded: %s", state["query"].dataset.summary())
    gc.collect()
    gc.freeze()


def post_worker_init(worker) -> None:
    """A worker that could not serve the page must not accept a request: check before it listens (it inherits the
    master's setup; without preload_app it runs it here). Then bound how long a request body may take to arrive."""
    from routes import serving

    app = _dash_app()
    serving.prepare(app)
    problem = serving.readiness_problem(app)
    if problem:
        raise RuntimeError(f"worker not ready: {problem}")
    worker.wsgi = serving.BodyDeadline(worker.wsgi)
    # A heavy download's chunks are made in gevent's thread pool (routes/api.py). Each time the event loop's thread
    # wants the interpreter lock back from them it waits a switch interval (5 ms by default), often more than once in
    # a row while several downloads stream: a 1 ms interval lets /healthz and the page's callbacks through sooner.
    sys.setswitchinterval(SWITCH_INTERVAL_S)
