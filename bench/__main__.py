"""`make bench`: every figure as a ratio against the framework floor measured in the same run, then pass or fail.

    .venv/bin/python -m bench [--quick] [--skip-browser] [--skip-load]

Servers are started exactly as `make serve` starts them (gunicorn -c gunicorn.conf.py, 2 workers) on free
127.0.0.1 ports; all traffic stays on loopback and every loop is bounded. Results go to bench/results/.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import generate_data
from bench.harness import CALLBACK_PATH, ROOT, Client, Payloads, Report, Server, Target, floor_body, get, machine, random_views, summary

RESULTS = ROOT / "bench" / "results"
BIG_ROWS = 150_000
WORKERS = 2
FILTER_CHANGE = "map.figure"  # the callback that follows the selection: map, charts, table, facets (named by its first output)


def pick(named: dict, prefix: str = FILTER_CHANGE):
    """The entry of the filter-change callback ('map.figure+14': its first output and how many more)."""
    return next(v for k, v in named.items() if k.split("+")[0] == prefix)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


class MemoryWatch:
    """Samples the resident memory of a server's processes every 0.25 s; keeps each process's maximum."""

    def __init__(self, server: Server):
        self.server, self.peak = server, {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid, mb in self.server.rss_mb().items():
                self.peak[pid] = max(mb, self.peak.get(pid, 0.0))
            self._stop.wait(0.25)

    def __enter__(self) -> "MemoryWatch":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def payloads_for(server: Server) -> Payloads:
    deps = json.loads(get(server.port, "/_dash-dependencies")[2])
    layout = json.loads(get(server.port, "/_dash-layout")[2])
    return Payloads(deps, layout)


def latency(floor: Server, app: Server, views: list[dict], warmup: int = 20) -> dict:
    """Floor callback and one filter change (every request it makes, in order) interleaved request by request,
    so both see the same moments of a noisy machine. Returns ms samples per callback, and bytes."""
    payloads = payloads_for(app)
    floor_client, app_client = Client(floor.port), Client(app.port)
    samples: dict[str, list[float]] = {"floor": [], "whole filter change": []}
    sizes: dict[str, int] = {}
    try:
        for i, view in enumerate(views):
            ms, status, _ = floor_client.post(CALLBACK_PATH, floor_body(f"value {i}"))
            assert status == 200, f"floor callback answered {status}"
            total = 0.0
            for name, body in payloads.filter_change(view):
                took, status, size = app_client.post(CALLBACK_PATH, body)
                assert status in (200, 204), f"{name} answered {status} for {view}"
                total += took
                if i >= warmup:
                    samples.setdefault(name, []).append(took)
                    sizes[name] = max(size, sizes.get(name, 0))
            if i >= warmup:
                samples["floor"].append(ms)
                samples["whole filter change"].append(total)
    finally:
        floor_client.close()
        app_client.close()
    return {"samples": samples, "max_bytes": sizes}


def load(server: Server, bodies: list[bytes], name: str, seconds: int, users: int = 50) -> dict:
    """locust, headless: ``users`` users posting ``bodies`` without pause for ``seconds`` to the server on 127.0.0.1."""
    with tempfile.TemporaryDirectory() as tmp:
        body_file = Path(tmp) / "bodies.json"
        body_file.write_text(json.dumps([b.decode() for b in bodies]), encoding="utf-8")
        prefix = Path(tmp) / "stats"
        command = [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "-u", str(users),
                   "-r", str(users), "-t", f"{seconds}s", "--host", server.base, "--csv", str(prefix), "--only-summary",
                   "--loglevel", "WARNING", "--stop-timeout", "5", "--exit-code-on-error", "0"]
        env = {**os.environ, "BENCH_BODIES": str(body_file), "BENCH_NAME": name}
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=seconds + 120)
        if done.returncode != 0:
            raise RuntimeError(f"locust failed ({done.returncode}): {done.stderr[-2000:]}")
        rows = list(__import__("csv").DictReader(open(f"{prefix}_stats.csv", encoding="utf-8")))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    return {"requests": int(total["Request Count"]), "failures": int(total["Failure Count"]),
            "rps": float(total["Requests/s"]), "p50_ms": float(total["50%"]), "p95_ms": float(total["95%"])}


def browser_figures(floor: Server, app: Server, runs: int) -> dict:
    from bench.browser import APP_DRAWN, FLOOR_DRAWN, Browser

    browser = Browser()
    try:
        # One visit each first: the servers compress each static file on its first request (then keep it).
        browser.visit(floor.base + "/", FLOOR_DRAWN)
        browser.visit(app.base + "/", APP_DRAWN)
        floor_first, app_first = browser.visit(floor.base + "/", FLOOR_DRAWN), browser.visit(app.base + "/", APP_DRAWN)
        floor_times, app_times = [], []
        for _ in range(runs):  # alternate, so both see the same noise
            floor_times.append(browser.visit(floor.base + "/", FLOOR_DRAWN)["drawn_ms"])
            app_times.append(browser.visit(app.base + "/", APP_DRAWN)["drawn_ms"])
    finally:
        browser.close()
    return {"floor_bytes": floor_first["bytes"], "app_bytes": app_first["bytes"], "floor_visit": floor_first, "app_visit": app_first,
            "floor_drawn_ms": floor_times, "app_drawn_ms": app_times}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer requests and a 10 s load: a smoke run, not the verdict")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-load", action="store_true")
    args = parser.parse_args(argv)
    n_requests = 60 if args.quick else 320  # 20 of them warm-up: at least 300 measured
    load_seconds = 10 if args.quick else 60
    browser_runs = 2 if args.quick else 5
    started_at = time.monotonic()
    report = Report(started=time.strftime("%Y-%m-%d %H:%M:%S"), machine=machine())
    RESULTS.mkdir(parents=True, exist_ok=True)

    log(f"writing {BIG_ROWS:,} synthetic partnerships (seed {generate_data.DEFAULT_SEED})")
    big_dir = generate_data.generate(RESULTS / "data-150k", rows=BIG_ROWS)

    floor = Server("bench.floor_app", WORKERS, log=RESULTS / "floor.log")
    app = Server("app", WORKERS, log=RESULTS / "app.log")
    big = Server("app", WORKERS, data_dir=big_dir, log=RESULTS / "app-150k.log")
    try:
        log("starting the floor app and the app (real data) under gunicorn, 2 workers each")
        floor.start()
        app.start()
        log(f"started: floor {floor.startup_s:.1f} s, app {app.startup_s:.1f} s")

        log(f"latency: {n_requests} filter changes on the real data, each beside one floor callback")
        real = latency(floor, app, random_views(ROOT / "data", n_requests, seed=1))
        report.raw["latency_real"] = {k: summary(v) for k, v in real["samples"].items()} | {"max_bytes": real["max_bytes"]}

        if not args.skip_browser:
            log(f"browser: first-visit bytes and time to drawn (median of {browser_runs}), floor page vs app")
            shots = browser_figures(floor, app, browser_runs)
            report.raw["browser"] = {k: v for k, v in shots.items() if not k.endswith("_visit")}
            report.raw["browser"]["app_requests_by_size"] = shots["app_visit"]["by_url"][:15]
            report.raw["browser"]["floor_requests_by_size"] = shots["floor_visit"]["by_url"][:10]
            report.raw["browser"]["app_foreign_requests"] = shots["app_visit"]["foreign"]
            report.raw["browser"]["app_console_errors"] = shots["app_visit"]["errors"]
            report.raw["browser"]["app_fetched_full_plotly"] = shots["app_visit"]["full_plotly_fetched"]

        if not args.skip_load:
            log(f"load: 50 users for {load_seconds} s on the floor callback, then on the filter-change callback")
            floor_bodies = [floor_body(f"value {i}") for i in range(2000)]
            payloads = payloads_for(app)
            app_bodies = [pick(dict(payloads.filter_change(v))) for v in random_views(ROOT / "data", 2000, seed=2)]
            report.raw["load_floor"] = load(floor, floor_bodies, "floor", load_seconds)
            with MemoryWatch(app) as watch_real:
                report.raw["load_app"] = load(app, app_bodies, FILTER_CHANGE, load_seconds)
            report.raw["memory_real_mb"] = watch_real.peak
        app.stop()

        log(f"starting the app on {BIG_ROWS:,} partnerships (ASCN_DATA_DIR={big_dir})")
        big.start(timeout=180)
        log(f"started in {big.startup_s:.1f} s")
        with MemoryWatch(big) as watch_big:
            log(f"latency at scale: {n_requests} filter changes, each beside one floor callback")
            scale = latency(floor, big, random_views(big_dir, n_requests, seed=3))
            if not args.skip_load:
                log(f"load at scale: 50 users for {load_seconds} s on the filter-change callback")
                payloads = payloads_for(big)
                big_bodies = [pick(dict(payloads.filter_change(v))) for v in random_views(big_dir, 2000, seed=4)]
                report.raw["load_app_150k"] = load(big, big_bodies, FILTER_CHANGE, load_seconds)
        report.raw["latency_150k"] = {k: summary(v) for k, v in scale["samples"].items()} | {"max_bytes": scale["max_bytes"]}
        report.raw["memory_150k_mb"] = watch_big.peak
    finally:
        for server in (floor, app, big):
            server.stop()

    # -- the verdict ------------------------------------------------------------------------------------
    lat, lat_big = report.raw["latency_real"], report.raw["latency_150k"]
    report.targets.append(Target("filter-change callback p95, real data", pick(lat)["p95"], 2, "ms", lat["floor"]["p95"]))
    report.targets.append(Target(f"filter-change callback p95, {BIG_ROWS:,} rows", pick(lat_big)["p95"], 25, "ms",
                                 lat_big["floor"]["p95"]))
    report.targets.append(Target(f"start-up, {BIG_ROWS:,} rows", big.startup_s, 10, "s"))
    report.targets.append(Target(f"resident memory per process, {BIG_ROWS:,} rows (max)", max(report.raw["memory_150k_mb"].values()),
                                 400, "MB"))
    if "browser" in report.raw:
        b = report.raw["browser"]
        report.targets.append(Target("first-visit bytes (compressed)", b["app_bytes"] / 1024, 1.15, "KB", b["floor_bytes"] / 1024))
        report.targets.append(Target(f"navigation to map and charts drawn (median of {browser_runs})",
                                     statistics.median(b["app_drawn_ms"]), 1.3, "ms", statistics.median(b["floor_drawn_ms"])))
    if "load_app" in report.raw:
        lf, la = report.raw["load_floor"], report.raw["load_app"]
        report.targets.append(Target("load: throughput, 50 users, 2 workers", la["rps"], 0.6, "req/s", lf["rps"], at_least=True))
        report.targets.append(Target("load: errors (floor + app)", lf["failures"] + la["failures"], 0, "errors"))

    for name, data in (("real data", lat), (f"{BIG_ROWS:,} rows", lat_big)):
        for callback, s in data.items():
            if callback != "max_bytes":
                report.info.append((f"latency {name}: {callback}", f"p50 {s['p50']:.1f} ms, p95 {s['p95']:.1f} ms (n={s['n']})"))
        report.info.append((f"largest answer {name}", ", ".join(f"{k} {v / 1024:.1f} KB" for k, v in data["max_bytes"].items())))
    report.info.append(("start-up (spawn to /healthz with workers up)",
                        f"floor {floor.startup_s:.1f} s, app {app.startup_s:.1f} s, app at {BIG_ROWS:,} rows {big.startup_s:.1f} s"))
    report.info.append((f"memory at {BIG_ROWS:,} rows, max RSS per process (MB)", json.dumps({str(k): round(v) for k, v in
                                                                                             report.raw["memory_150k_mb"].items()})))
    for key in ("load_floor", "load_app", "load_app_150k"):
        if key in report.raw:
            r = report.raw[key]
            report.info.append((key.replace("_", " "), f"{r['rps']:.0f} req/s, {r['requests']} requests, {r['failures']} errors, "
                                                        f"p50 {r['p50_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms"))
    if "browser" in report.raw:
        b = report.raw["browser"]
        report.info.append(("browser: app fetched Dash's full plotly.min.js", str(b["app_fetched_full_plotly"])))
        report.info.append(("browser: app requests that left 127.0.0.1", str(b["app_foreign_requests"])))
        report.info.append(("browser: drawn ms floor / app", f"{b['floor_drawn_ms']} / {b['app_drawn_ms']}"))
    report.info.append(("bench wall time", f"{time.monotonic() - started_at:.0f} s"))

    path = report.write(RESULTS)
    print()
    print(report.text())
    print(f"(written to {path})")
    return 0 if all(t.passed for t in report.targets) else 1


if __name__ == "__main__":
    sys.exit(main())
