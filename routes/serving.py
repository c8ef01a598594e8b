"""Production serving: each process ready before its first request, static files compressed once per file, long cache
lifetimes for fingerprinted files, /healthz.

What a first visit downloads is almost all static: Dash's and the component libraries' bundles, plotly.js and
``assets/``. Compressing a 1.4 MB bundle costs about 0.25 s (brotli 9), so each one is compressed on its first
request (off the event loop) and kept in memory, keyed by the file it resolves to on disk (never by the spelling or
query string a client sends), for the life of the process; other spellings of a path (``//``, ``/./``, ``/../``) are
refused with 404. Small dynamic answers (callbacks, layout, API) are compressed per request at a fast level.

flask-compress is not used (nor installed): it cannot cache one response and not another, and it re-compresses the
streamed ``assets/`` files on every request.
"""

import gzip
import io
import os
import re
import socket
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator

import brotli
import dash
from dash import _validate
from dash.fingerprint import check_fingerprint
from flask import Flask, Response, jsonify, request
from werkzeug.security import safe_join

from ascn import messages, numbers

HEALTH_PATH = "/healthz"
READY = "ascn_ready"  # server.extensions key: the component-suite files the page references, once prepare() has run
YEAR = 31_536_000  # seconds
UNVERSIONED_MAX_AGE = 3600  # files without a fingerprint (topojson, async chunks): revalidated by ETag after this
COMPRESSIBLE = frozenset({
    "text/html", "text/css", "text/plain", "text/csv", "text/javascript", "application/javascript", "application/x-javascript",
    "application/json", "application/geo+json", "image/svg+xml", "image/x-icon", "image/vnd.microsoft.icon",
})
MIN_SIZE = 600  # below this the headers outweigh the saving
STATIC_LEVEL = {"br": 9, "gzip": 9}  # once per file: near the best ratio at a quarter of brotli 11's time
DYNAMIC_LEVEL = {"br": 1, "gzip": 1}  # per request: the fastest levels (a 25 KB answer: 0.05 ms, 4.3 KB)
CACHE_LIMIT = 64 * 1024 * 1024  # bytes of compressed files kept; the page needs about 2 MB
BODY_SECONDS = 10  # a request body (a callback's few KB) must arrive whole within this
BODY_LIMIT = 1024 * 1024  # the largest body read (Flask refuses larger ones with 413: routes/security.py)


class CompressedFiles:
    """Compressed bodies of static files, by (resolved file, validator, encoding); bounded, thread-safe, and each
    compressed once: concurrent first requests for one file wait for the one compression, and different files are
    compressed one after the other."""

    def __init__(self, limit: int = CACHE_LIMIT):
        self.limit = limit
        self.size = 0
        self.compressions = 0  # how many compressions ran (what a test of "once per file" counts)
        self._items: dict[tuple, bytes] = {}
        self._lock = threading.Lock()
        self._pending: dict[tuple, threading.Lock] = {}
        # One compression at a time in a process: a first visit asks for some twenty files at once, and brotli
        # encoders side by side lifted a 150,000-row worker from about 270 to 330-360 MB for a moment (measured).
        self._one_at_a_time = threading.Lock()

    def get(self, key: tuple) -> bytes | None:
        return self._items.get(key)

    def put(self, key: tuple, body: bytes) -> None:
        with self._lock:
            if key not in self._items and self.size + len(body) <= self.limit:
                self._items[key] = body
                self.size += len(body)

    def compress_once(self, key: tuple, plain: bytes, encoding: str) -> bytes:
        """The file's compressed body: from memory, or compressed now (once, however many ask at the same time)."""
        with self._lock:
            gate = self._pending.setdefault(key, threading.Lock())
        with gate:
            body = self._items.get(key)
            if body is None:
                with self._one_at_a_time:
                    body = off_the_event_loop(compress, plain, encoding, STATIC_LEVEL[encoding])
                self.compressions += 1
                self.put(key, body)
        with self._lock:
            self._pending.pop(key, None)
        return body


def off_the_event_loop(function, *args):
    """Under gunicorn's gevent worker, run CPU-heavy C code (brotli and zlib release the GIL) in gevent's thread pool,
    so the worker's other connections are served meanwhile (a 1.4 MB bundle takes about 0.25 s at brotli 9)."""
    try:
        from gevent import get_hub, monkey
    except ImportError:
        return function(*args)
    if not monkey.is_module_patched("socket"):
        return function(*args)
    return get_hub().threadpool.apply(function, args)


def canonical_path(path: str) -> bool:
    """Whether a (decoded) request path has no empty, '.' or '..' segment: one spelling per file and page
    ('/' and a trailing slash aside). Browsers always normalise; other spellings come from scanners."""
    segments = path.split("/")[1:]
    return all(s not in ("", ".", "..") for s in segments[:-1]) and segments[-1:] not in ([".."], ["."])


def choose_encoding(accept_encoding: str) -> str | None:
    """'br' or 'gzip' (in that order of preference) if the client accepts it, else None."""
    accepted = {}
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        accepted[name.strip()] = quality
    for name in ("br", "gzip"):
        if accepted.get(name, accepted.get("*", 0.0)) > 0:
            return name
    return None


def compress_stream(chunks: Iterable[bytes], encoding: str, level: int) -> Iterator[bytes]:
    """Each chunk compressed as it comes: a streamed download stays streamed (and its memory bounded) when compressed."""
    if encoding == "br":
        compressor = brotli.Compressor(quality=level)
        step, end = compressor.process, compressor.finish
    else:
        compressor = zlib.compressobj(level, zlib.DEFLATED, 31)  # 31: the gzip format
        step, end = compressor.compress, compressor.flush
    for chunk in chunks:
        out = step(chunk)
        if out:
            yield out
    yield end()


def compress(body: bytes, encoding: str, level: int) -> bytes:
    if encoding == "br":
        return brotli.compress(body, quality=level)
    return gzip.compress(body, compresslevel=level, mtime=0)


def static_key(path: str, etag: str | None, assets_folder: str) -> tuple[str, str] | None:
    """The identity of the static file behind ``path`` (the file it resolves to on disk, and its validator), or None
    if the path is not a static file.

    Component-suite paths carry a fingerprint in the file name, which any client can vary: the key drops it, so
    made-up fingerprints cannot grow the cache. Every spelling of one file gives one key.
    """
    if path.startswith("/_dash-component-suites/"):
        package, _, name = path.removeprefix("/_dash-component-suites/").partition("/")
        module = sys.modules.get(package)
        if module is None or not module.__file__:
            return None
        return os.path.realpath(os.path.join(os.path.dirname(module.__file__), check_fingerprint(name)[0])), ""
    if path.startswith("/assets/"):
        resolved = safe_join(assets_folder, path.removeprefix("/assets/"))
        return (os.path.realpath(resolved), etag or "") if resolved else None
    if path.startswith("/geo/") and etag:  # the country shapes: one version per dataset
        return path, etag
    return None


def cache_headers(response: Response) -> None:
    """Fingerprinted files never change under their URL: a year, immutable. Others: an hour, then revalidate."""
    path = request.path
    if path.startswith("/_dash-component-suites/"):
        if check_fingerprint(path)[1]:
            response.cache_control.public = True
            response.cache_control.max_age = YEAR
            response.cache_control.immutable = True
        else:
            response.cache_control.public = True
            response.cache_control.max_age = UNVERSIONED_MAX_AGE
    elif path.startswith("/assets/") or path == "/_favicon.ico":
        response.cache_control.public = True
        response.cache_control.no_cache = None  # Flask's static files say no-cache by default
        # Dash writes assets as /assets/x.css?m=<mtime> and the favicon as ?v=<dash version>: fingerprints.
        versioned = "m" in request.args or "v" in request.args
        response.cache_control.max_age = YEAR if versioned else UNVERSIONED_MAX_AGE
        if versioned:
            response.cache_control.immutable = True


class BodyDeadline:
    """WSGI middleware for gunicorn's gevent worker: a request body must arrive whole within ``seconds``, else 408.

    gunicorn's ``timeout`` only replaces a worker that stops answering its master; it never cuts one slow request, so
    a body sent one byte a second would hold its connection for as long as the client liked. The body is read here
    under a gevent timeout (which interrupts the cooperative socket read), then handed to the app from memory.
    """

    def __init__(self, app, seconds: float = BODY_SECONDS, limit: int = BODY_LIMIT):
        self.app, self.seconds, self.limit = app, seconds, limit

    def __call__(self, environ, start_response):
        import gevent  # only under the gevent worker (gunicorn.conf.py installs this)

        length = environ.get("CONTENT_LENGTH") or ""
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        size = numbers.whole(length, 0, self.limit)  # None: chunked, not a number, or over the limit
        if (not chunked and length in ("", "0")) or (numbers.digits(length, len(length)) and size is None):
            return self.app(environ, start_response)  # no body, or one Flask refuses (413) without reading it
        try:
            with gevent.Timeout(self.seconds):
                body = environ["wsgi.input"].read(self.limit + 1 if chunked or size is None else size)
        except gevent.Timeout:
            sock = environ.get("gunicorn.socket")
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RD)  # after the answer, gunicorn finds the connection ended and closes it
                except OSError:
                    pass
            message = messages.body_timeout(self.seconds).encode()
            start_response("408 Request Timeout", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(message)))])
            return [message]
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        return self.app(environ, start_response)


def prepare(app: dash.Dash) -> None:
    """Run Dash's per-process setup now, before this process answers a request, and check the page can be served.

    Workaround for Dash 4.4.1: ``Dash._setup_server`` runs as a before_request hook on a process's first request, and
    its first line marks it done (``_got_first_request["setup_server"] = True``) before it walks the assets, builds
    the layout and registers the component libraries' files (``registered_paths``). Requests that arrive meanwhile
    on other threads skip it and answer 500 "Error loading dependency. "dash" is not a registered library": a blank
    page for a first visitor after every start and every worker recycle. Run here, at start-up (in gunicorn's master
    before it forks, so every worker, recycled ones too, inherits it done), the hook finds it done and does nothing.
    tests/unit/test_dash_setup_race.py shows whether a newer Dash still needs this.
    """
    if app.server.extensions.get(READY) is not None:
        return
    app._setup_server()  # private: Dash has no public way to run it (see above)
    with app.server.test_request_context("/"):
        page = app.index()  # the page as a visitor gets it; raises if it cannot be rendered
    referenced = frozenset(re.findall(r'/_dash-component-suites/([^/"]+)/([^"?]+)', page))
    files = frozenset((package, check_fingerprint(path)[0]) for package, path in referenced)
    for package, path in files:
        _validate.validate_js_path(app.registered_paths, package, path)  # raises if the page names a file not served
    app.server.extensions[READY] = files


def readiness_problem(app: dash.Dash) -> str | None:
    """Why this process cannot serve the page yet, or None when it can."""
    files = app.server.extensions.get(READY)
    if files is None or not app._got_first_request["setup_server"]:
        return messages.NOT_SET_UP
    for package, path in files:
        if path not in app.registered_paths.get(package, ()):
            return messages.file_not_registered(package, path)
    return None


def register(app: dash.Dash, health: Callable[[], dict] = dict) -> None:
    """Add compression, cache headers and the health endpoint (``health()`` adds its facts) to the app's server."""
    server: Flask = app.server
    files = CompressedFiles()
    server.extensions["ascn_compressed_files"] = files
    _add_health(app, health)
    server.before_request(refuse_other_spellings)

    @server.after_request
    def compress_and_cache(response: Response) -> Response:
        if request.method == "GET" and response.status_code == 200:
            cache_headers(response)
        return compressed(response, files, app.config.assets_folder)


def _add_health(app: dash.Dash, health: Callable[[], dict]) -> None:
    started = time.time()

    @app.server.get(HEALTH_PATH)
    def healthz():
        problem = readiness_problem(app)
        if problem:
            response = jsonify(status="starting", problem=problem)
            response.status_code = 503
        else:
            response = jsonify(status="ok", **health(), uptime_s=round(time.time() - started))
        response.cache_control.no_store = True
        return response


def refuse_other_spellings() -> Response | None:
    """404 for a path with an empty, '.' or '..' segment: one spelling per file and page (before_request)."""
    path = request.environ.get("PATH_INFO") or "/"  # as sent (request.path drops extra leading slashes)
    if not canonical_path(path):
        return Response(messages.NOT_CANONICAL,
                        status=404, mimetype="text/plain")
    return None


def compressed(response: Response, files: CompressedFiles, assets_folder: str) -> Response:
    """The response compressed for the client (a static file's body from ``files``), or as it was when it should not be."""
    if (request.method not in ("GET", "POST") or response.status_code != 200 or "Content-Encoding" in response.headers
            or response.mimetype not in COMPRESSIBLE):
        return response
    response.vary.add("Accept-Encoding")
    encoding = choose_encoding(request.headers.get("Accept-Encoding", ""))
    if encoding is None or (response.content_length is not None and response.content_length < MIN_SIZE):
        return response
    key = static_key(request.path, response.get_etag()[0], assets_folder) if request.method == "GET" else None
    if key is None and response.is_streamed and not response.direct_passthrough:
        # A streamed download (routes/api.py): compressed a chunk at a time, never read whole into memory first.
        response.response = compress_stream(response.iter_encoded(), encoding, DYNAMIC_LEVEL[encoding])
        response.headers["Content-Encoding"] = encoding
        return response
    body = _dynamic_body(response, encoding) if key is None else _static_body(response, files, (*key, encoding), encoding)
    if body is None:
        return response  # too small to gain anything
    response.set_data(body)
    response.headers["Content-Encoding"] = encoding
    return response


def _static_body(response: Response, files: CompressedFiles, key: tuple, encoding: str) -> bytes | None:
    """A static file's compressed body: from memory, or compressed once now; None when the file is too small."""
    body = files.get(key)
    if body is None:
        response.direct_passthrough = False  # a file response: read it once
        plain = response.get_data()
        if len(plain) < MIN_SIZE:
            return None
        body = files.compress_once(key, plain, encoding)
    else:
        response.close()  # the open file a static response holds; its bytes are not needed
        response.direct_passthrough = False
    etag, _weak = response.get_etag()
    if etag:
        response.set_etag(etag, weak=True)  # same file, other bytes: a weak validator still answers 304
    return body


def _dynamic_body(response: Response, encoding: str) -> bytes | None:
    """A dynamic answer compressed at a fast level; None when it is too small."""
    plain = response.get_data()
    return None if len(plain) < MIN_SIZE else compress(plain, encoding, DYNAMIC_LEVEL[encoding])
