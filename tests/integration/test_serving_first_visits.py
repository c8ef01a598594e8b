"""First visits: `make serve`'s real server (2 workers, 127.0.0.1) answers its very first burst of requests, and the
first requests a recycled worker gets, without one error (issue 14).

Each start is hit at once, before any other request, with the page, /about and every file the page makes the
browser load (its scripts and styles, Dash's async chunks, the layout, the callbacks' list, the country shapes),
each twice. Slow: each start loads the data (a few seconds); kept to a few starts.
"""

import concurrent.futures
import re
import time
import urllib.error
import urllib.request

import pytest

from bench.production import ProductionServer

STARTS = 5
RECYCLES = 4  # worker replacements the recycle test waits for
COPIES = 2  # each path twice, as two tabs or a browser and a link preview would


@pytest.fixture(scope="module")
def first_visit_paths() -> list[str]:
    """Every path a first visit requests, from the page as this code renders it (in process, no server)."""
    from tests.support import the_dash_app

    dashboard = the_dash_app()
    page = dashboard.server.test_client().get("/").get_data(as_text=True)
    referenced = re.findall(r'<script[^>]*\ssrc="(/[^"]+)"', page) + re.findall(r'<link[^>]*\shref="(/[^"]+)"', page)
    # Dash's async chunks (the graph, dropdown, slider, grid code) come from its registered, unfingerprinted paths.
    chunks = [f"/_dash-component-suites/{package}/{path}" for package, paths in dashboard.registered_paths.items()
              for path in sorted(paths) if re.search(r"(^|/)async-[\w-]+\.js$", path)]
    assert any("dash_renderer" in p for p in referenced) and any("async-graph" in p for p in chunks)
    return ["/", "/about", "/_dash-layout", "/_dash-dependencies", "/geo/countries.geojson",
            "/assets/topojson/world_110m.json", *referenced, *chunks]


def fetch(base: str, path: str) -> tuple[str, int, str]:
    try:
        with urllib.request.urlopen(base + path, timeout=60) as response:
            response.read()
            return path, response.status, ""
    except urllib.error.HTTPError as err:
        return path, err.code, err.read()[:200].decode(errors="replace")
    except OSError as err:
        return path, 0, str(err)


def burst(base: str, paths: list[str]) -> list[tuple[str, int, str]]:
    """Every path COPIES times, all at once; the answers that are not 200."""
    wanted = [p for p in paths for _ in range(COPIES)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(wanted)) as pool:
        answers = list(pool.map(lambda p: fetch(base, p), wanted))
    return [a for a in answers if a[1] != 200]


def test_fresh_starts_answer_their_first_burst_without_an_error(first_visit_paths):
    failures = {}
    for start in range(STARTS):
        with ProductionServer(workers=2) as server:
            failed = burst(server.base, first_visit_paths)
            if failed:
                failures[start] = failed
    total = STARTS * COPIES * len(first_visit_paths)
    assert not failures, f"{sum(map(len, failures.values()))} of {total} first requests failed: {failures}"


def test_recycled_workers_answer_their_first_requests_without_an_error(first_visit_paths):
    # gunicorn's own GUNICORN_CMD_ARGS lowers max_requests: each worker is replaced after a few requests, so the
    # bursts below land partly on workers forked a moment before, as after every recycle in production.
    per_worker = len(first_visit_paths) // 4
    with ProductionServer(workers=2, gunicorn_args=f"--max-requests {per_worker} --max-requests-jitter 0") as server:
        failed, sent, deadline = [], 0, time.monotonic() + 60
        while server.log().count("Booting worker") < 2 + RECYCLES and time.monotonic() < deadline:
            failed += burst(server.base, first_visit_paths)
            sent += COPIES * len(first_visit_paths)
            time.sleep(0.5)  # a replaced worker finishes its requests (gevent: within a second) before its successor boots
        booted = server.log().count("Booting worker")
    assert booted >= 2 + RECYCLES, f"the workers were not recycled ({booted} boots)"
    assert not failed, f"{len(failed)} of {sent} requests failed: {failed}"
