"""Static files are compressed once per file, whatever the spelling, and other spellings of a path are refused (issue 9.3)."""

import concurrent.futures
import re
import threading
import time

import brotli
import pytest

from routes import serving
from tests.support import the_server

PLOTLY = "/assets/vendor/plotly-ascn-4.1.1.min.js"


def files() -> serving.CompressedFiles:
    return the_server().extensions["ascn_compressed_files"]


def component_file(client, name: str) -> str:
    page = client.get("/").get_data(as_text=True)
    return next(src for src in re.findall(r'<script[^>]*\ssrc="([^"]+)"', page) if name in src)


@pytest.mark.parametrize("spelling", [
    "/assets/vendor//plotly-ascn-4.1.1.min.js", "/assets//vendor/plotly-ascn-4.1.1.min.js", "/assets/./vendor/plotly-ascn-4.1.1.min.js",
    "/assets/vendor/../vendor/plotly-ascn-4.1.1.min.js", "/assets/vendor/%2e%2e/vendor/plotly-ascn-4.1.1.min.js",
    "/assets/vendor/%2E/plotly-ascn-4.1.1.min.js", "//assets/vendor/plotly-ascn-4.1.1.min.js", "/assets/css/..",
    "/_dash-component-suites/dash//dcc/async-graph.js", "/_dash-component-suites/dash/./dcc/async-graph.js",
    "/_dash-component-suites/dash/html/../dcc/async-graph.js", "/about/.", "/api//partnerships.csv",
])
def test_other_spellings_of_a_path_are_refused_before_any_work(client, spelling):
    before = files().compressions
    # A leading '//' would be read as a host by the test client: give the server the path as a WSGI server does.
    extra = {"environ_overrides": {"PATH_INFO": spelling}} if spelling.startswith("//") else {}
    response = client.get("/x" if extra else spelling, headers={"Accept-Encoding": "br"}, **extra)
    assert response.status_code == 404
    assert "not a canonical path" in response.get_data(as_text=True)
    assert files().compressions == before


def test_canonical_paths_are_served(client):
    for path in [PLOTLY, "/assets/css/1_app.css", "/_dash-component-suites/dash/dcc/async-graph.js", "/", "/about"]:
        assert client.get(path, headers={"Accept-Encoding": "br"}).status_code == 200, path


@pytest.mark.parametrize("path", [PLOTLY, "/_dash-component-suites/dash/dcc/async-dropdown.js"])
def test_each_file_is_compressed_once_whatever_its_query_or_fingerprint(client, path):
    first = client.get(path, headers={"Accept-Encoding": "br"})
    assert first.headers["Content-Encoding"] == "br"
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    plain.direct_passthrough = False
    assert brotli.decompress(first.get_data()) == plain.get_data()
    before = files().compressions
    variants = [f"{path}?m={n}" for n in range(5)] + [f"{path}?x=1&y={n}" for n in range(5)]
    for variant in variants:
        response = client.get(variant, headers={"Accept-Encoding": "br"})
        assert response.status_code == 200 and response.get_data() == first.get_data()
    assert files().compressions == before


def test_made_up_fingerprints_reuse_the_one_compressed_file(client):
    real = component_file(client, "dash_renderer")
    client.get(real, headers={"Accept-Encoding": "br"})
    before = files().compressions
    for n in range(5):
        fake = re.sub(r"\.v[\w]+m\d+\.", f".v9_9_{n}m12345.", real)
        assert fake != real and client.get(fake, headers={"Accept-Encoding": "br"}).status_code == 200
    assert files().compressions == before


def test_concurrent_first_requests_for_a_file_compress_it_once(client):
    path = "/_dash-component-suites/dash/dcc/async-markdown.js"  # not otherwise requested in these tests
    before = files().compressions
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: client.get(path, headers={"Accept-Encoding": "gzip"}), range(8)))
    assert all(a.status_code == 200 and a.headers["Content-Encoding"] == "gzip" for a in answers)
    assert len({a.get_data() for a in answers}) == 1
    assert files().compressions == before + 1


def test_a_process_compresses_one_file_at_a_time(monkeypatch):
    """A browser's first visit asks for some twenty files at once. Compressed side by side (brotli at level 9 in
    gevent's thread pool), they lifted a 150,000-row worker from 270 to 330-360 MB for a moment; one at a time, a
    worker stays at its size (about 270 MB, measured). Different files still each get their own compression."""
    busy, most = 0, 0
    guard = threading.Lock()

    def slow_compress(body, encoding, level):
        nonlocal busy, most
        with guard:
            busy += 1
            most = max(most, busy)
        time.sleep(0.02)
        with guard:
            busy -= 1
        return body[: len(body) // 2]

    monkeypatch.setattr(serving, "compress", slow_compress)
    cache = serving.CompressedFiles()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        bodies = list(pool.map(lambda i: cache.compress_once((f"file-{i}", "v1", "br"), b"x" * 1000, "br"), range(8)))
    assert most == 1 and cache.compressions == 8 and all(len(b) == 500 for b in bodies)
