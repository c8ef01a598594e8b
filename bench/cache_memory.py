"""A worker's memory under distinct maximum-size callback requests (issue 18, class 1).

    python -m bench.cache_memory [--requests 500] [--max-growth-mb 50] [--json PATH]

Starts `gunicorn app:server` as `make serve` does, with one worker and max_requests off (so the one worker lives
through the run), loads the page and makes a few ordinary filter changes (lazy imports and the ordinary caches
settle), reads the worker's resident memory, then sends ``--requests`` callback requests that the page's schemas
accept, each different and each just under the server's body limit (routes/security.py MAX_BODY_BYTES): view
stores of long filter values and extra keys, and map selections of thousands of points. Every cache is keyed on
validated, bounded values (docs/architecture.md), so the worker grows by at most ``--max-growth-mb``; a cache
keyed on raw client input grew it by about 0.9 MB per request. Exit status 0 only when every request was
answered 200 (schema-valid: never refused, never a 500) and the growth stayed under the bound.
"""

import argparse
import json
import random
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from bench.harness import verdict  # noqa: E402
from bench.soak import CALLBACK, Client, callback_body, children, gunicorn_command, layout_props, rss_kb  # noqa: E402
from routes.security import MAX_BODY_BYTES  # noqa: E402
from tests.support import free_port, start_server  # noqa: E402

HEADROOM = 8 * 1024  # bytes under the body limit each request stays
TEXT_MAX = 20_000  # layouts/inputs.py: the longest text a view store's value may hold
KEY_MAX = 50  # and its longest key
POINTS_MAX = 5000  # the most points a map selection may hold


def _text(rng: random.Random, size: int) -> str:
    return rng.randbytes((size + 1) // 2).hex()[:size]


def view_store(rng: random.Random, codes: dict[str, list[str]], budget: int) -> dict[str, str]:
    """A view store the schema accepts, about ``budget`` bytes of JSON: every filter with a long list of its own
    codes in a random order, then extra keys of the longest text allowed."""
    view: dict[str, str] = {}
    for param, values in codes.items():
        picks: list[str] = []
        while sum(len(v) + 1 for v in picks) < TEXT_MAX - 220:
            picks.append(rng.choice(values))
        view[param] = ",".join(picks)
    while len(json.dumps(view)) + TEXT_MAX + KEY_MAX + 10 < budget:
        view[_text(rng, KEY_MAX)] = _text(rng, TEXT_MAX)
    return view


def map_selection(rng: random.Random, cities: list[str], budget: int) -> dict:
    """Map selectedData the schema accepts, about ``budget`` bytes of JSON: points of known and unknown city ids."""
    points: list[dict] = []
    size = 2
    while len(points) < POINTS_MAX:
        city = rng.choice(cities) if rng.random() < 0.5 else _text(rng, rng.randint(1, 200))
        point = {"curveNumber": 1, "pointIndex": len(points), "customdata": [city, rng.randint(0, 10**6)],
                 "text": _text(rng, 120)}
        size += len(json.dumps(point)) + 2
        if size > budget:
            break
        points.append(point)
    return {"points": points}


def _post(base: str, body: dict) -> tuple[int, int]:
    data = json.dumps(body).encode()
    request = urllib.request.Request(base + CALLBACK, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
            return response.status, len(data)
    except urllib.error.HTTPError as err:
        err.read()
        return err.code, len(data)


class Requests:
    """The callbacks to send to, from the app's own callback map and layout (as the browser builds them)."""

    def __init__(self, base: str):
        with urllib.request.urlopen(base + "/_dash-layout", timeout=60) as response:
            self.props = layout_props(json.load(response))
        with urllib.request.urlopen(base + "/_dash-dependencies", timeout=60) as response:
            self.deps = [d for d in json.load(response) if not d.get("clientside_function")]
        self.view_deps = [d for d in self.deps if _has_input(d, "view", "data")]
        self.map_deps = [d for d in self.deps if _has_input(d, "map", "selectedData")]
        with urllib.request.urlopen(base + "/api/partnerships.json", timeout=60) as response:
            rows = json.load(response)["rows"]
        self.cities = sorted({c for row in rows for c in row["city_ids"]})
        self.codes = {"partner": sorted({c for row in rows for c in row["partner_economies"]}), "city": self.cities,
                      "focus_area": sorted({row["focus_area"] for row in rows}), "year_from": ["2010", "2015", "2019"]}

    def body(self, number: int, rng: random.Random) -> dict:
        budget = MAX_BODY_BYTES - HEADROOM
        if number % 2 == 0 and self.view_deps:
            dep = self.view_deps[(number // 2) % len(self.view_deps)]
            empty = callback_body(dep, self.props, {("view", "data"): {}}, ("view", "data"))
            value = view_store(rng, self.codes, budget - len(json.dumps(empty)))
            return callback_body(dep, self.props, {("view", "data"): value}, ("view", "data"))
        dep = self.map_deps[0]
        empty = callback_body(dep, self.props, {("map", "selectedData"): {"points": []}}, ("map", "selectedData"))
        value = map_selection(rng, self.cities, budget - len(json.dumps(empty)))
        return callback_body(dep, self.props, {("map", "selectedData"): value}, ("map", "selectedData"))


def _has_input(dep: dict, cid: str, prop: str) -> bool:
    return any((i["id"], i["property"]) == (cid, prop) for i in dep["inputs"])


def run(requests: int, warm: int = 4, seed: int = 18) -> dict:
    port = free_port()
    env = {"ASCN_DEBUG": None, "WEB_CONCURRENCY": "1"}
    with start_server(gunicorn_command(port, recycle=False), env=env, port=port, ready="/healthz", timeout=120) as server:
        worker = children(server.proc.pid)[0]
        calls = Requests(server.base)
        rng = random.Random(seed)
        visitor = Client(server.base, calls.props, calls.deps, {"requests": 0, "errors": 0, "by_kind": {}, "error_samples": []},
                         threading.Lock(), rng)
        views = ({}, {"partner": "JPN"}, {"city": calls.cities[0]}, {"focus_area": calls.codes["focus_area"][0]})
        for view in views[:warm]:
            visitor.page_load(view)  # the ordinary caches and lazy imports settle before the first reading
        for number in range(warm):
            _post(server.base, calls.body(number, rng))
        before = rss_kb(worker)
        statuses: dict[int, int] = {}
        sent, peak, started = 0, before, time.monotonic()
        for number in range(requests):
            status, size = _post(server.base, calls.body(number, rng))
            statuses[status] = statuses.get(status, 0) + 1
            sent += size
            peak = max(peak, rss_kb(worker))
        elapsed = time.monotonic() - started
        after = rss_kb(worker)
        replaced = children(server.proc.pid) != [worker]
        errors = [line for line in server.log().splitlines() if "ERROR" in line]
    return {
        "requests": requests, "seconds": round(elapsed, 1), "mean_request_kb": round(sent / max(requests, 1) / 1024, 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items())}, "worker_replaced": replaced,
        "rss_before_mb": round(before / 1024, 1), "rss_after_mb": round(after / 1024, 1), "rss_peak_mb": round(peak / 1024, 1),
        "growth_mb": round((after - before) / 1024, 1), "server_log_errors": len(errors), "server_log_samples": errors[:5],
    }


def failures(result: dict, max_growth_mb: float) -> list[str]:
    out = []
    if set(result["statuses"]) != {"200"}:
        out.append(f"answers other than 200: {result['statuses']}")
    if result["worker_replaced"] or result["server_log_errors"]:
        out.append(f"the worker was replaced or logged errors: {result['server_log_samples']}")
    if max(result["growth_mb"], result["rss_peak_mb"] - result["rss_before_mb"]) > max_growth_mb:
        out.append(f"the worker grew {result['growth_mb']} MB (peak {result['rss_peak_mb']} MB from {result['rss_before_mb']} MB;"
                   f" limit {max_growth_mb} MB)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--max-growth-mb", type=float, default=50.0)
    parser.add_argument("--warm", type=int, default=4, help="page loads and large requests before the first reading (1-4)")
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args(argv)
    result = run(args.requests, args.warm)
    return verdict(result, failures(result, args.max_growth_mb), args.json)


if __name__ == "__main__":
    sys.exit(main())
