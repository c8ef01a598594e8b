"""`make bench`: every figure as a ratio against the floor, the conventional peer or the redraw limit measured
in the same run, then pass or fail.

    .venv/bin/python -m bench [--quick] [--skip-load]

Servers are started exactly as `make serve` starts them (gunicorn -c gunicorn.conf.py, 2 workers) on free
127.0.0.1 ports; all traffic stays on loopback and every loop is bounded. A filter change is what the browser
does for it: changes are made in headless Chromium (bench/felt.py), and the requests recorded there are what
the server-time and load figures replay. Results go to bench/results/.
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
from bench.harness import CALLBACK_PATH, ROOT, Client, Report, Server, Target, floor_body, machine, summary

RESULTS = ROOT / "bench" / "results"
BIG_ROWS = 150_000
WORKERS = 2


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


def server_time(floor: Server, servers: dict[str, tuple[Server, list[list[str]]]], rounds: int) -> dict:
    """Whole changes replayed as the browser sent them (each request in turn on one keep-alive connection, timed
    end to end on loopback), interleaved round by round with one floor callback, so all see the same moments of
    a noisy machine. ``servers`` maps a name to (server, recorded changes); each round takes the next change."""
    clients = {name: Client(server.port) for name, (server, _) in servers.items()}
    floor_client = Client(floor.port)
    samples: dict[str, list[float]] = {"floor": [], **{name: [] for name in servers}}
    try:
        for i in range(rounds + 2):  # the first two rounds warm up
            ms, status, _ = floor_client.post(CALLBACK_PATH, floor_body(f"value {i}"))
            assert status == 200, f"floor callback answered {status}"
            took = {"floor": ms}
            for name, (_, changes) in servers.items():
                total = 0.0
                for body in changes[i % len(changes)]:
                    ms, status, _ = clients[name].post(CALLBACK_PATH, body.encode())
                    assert status in (200, 204), f"{name} answered {status}"
                    total += ms
                took[name] = total
            if i >= 2:
                for name, ms in took.items():
                    samples[name].append(ms)
    finally:
        floor_client.close()
        for client in clients.values():
            client.close()
    return {name: summary(values) for name, values in samples.items()}


def load(server: Server, changes: list[list[str]], name: str, seconds: int, users: int = 50) -> dict:
    """locust, headless: ``users`` users making whole ``changes`` without pause for ``seconds`` on 127.0.0.1."""
    with tempfile.TemporaryDirectory() as tmp:
        change_file = Path(tmp) / "changes.json"
        change_file.write_text(json.dumps(changes), encoding="utf-8")
        prefix = Path(tmp) / "stats"
        command = [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "-u", str(users),
                   "-r", str(users), "-t", f"{seconds}s", "--host", server.base, "--csv", str(prefix), "--only-summary",
                   "--loglevel", "WARNING", "--stop-timeout", "5", "--exit-code-on-error", "0"]
        env = {**os.environ, "BENCH_CHANGES": str(change_file), "BENCH_NAME": name}
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=seconds + 120)
        if done.returncode != 0:
            raise RuntimeError(f"locust failed ({done.returncode}): {done.stderr[-2000:]}")
        rows = list(__import__("csv").DictReader(open(f"{prefix}_stats.csv", encoding="utf-8")))
    failures = sum(int(r["Failure Count"]) for r in rows if r["Name"] != "Aggregated")
    single = next(r for r in rows if r["Name"] == f"{name} (one request)")
    whole = next((r for r in rows if r["Name"] == name and r["Type"] == "CHANGE"), None)
    # The rate of whole changes is the server's request rate over the requests one change needs: a slow server
    # may finish few whole changes inside the window (50 users each queue behind the others) yet serve steadily.
    per_change = sum(len(c) for c in changes) / len(changes)
    return {"changes": int(whole["Request Count"]) if whole else 0, "requests": int(single["Request Count"]), "failures": failures,
            "changes_per_s": float(single["Requests/s"]) / per_change, "requests_per_change": per_change,
            "p50_ms": float(whole["50%"]) if whole else float("nan"), "p95_ms": float(whole["95%"]) if whole else float("nan"),
            "seconds": seconds}


def merged(runs: list[dict]) -> dict:
    """Slices of one load run, added up (rates weighted by time)."""
    seconds = sum(r["seconds"] for r in runs)
    return {"changes": sum(r["changes"] for r in runs), "requests": sum(r["requests"] for r in runs), "seconds": seconds,
            "failures": sum(r["failures"] for r in runs), "requests_per_change": runs[0]["requests_per_change"],
            "changes_per_s": sum(r["changes_per_s"] * r["seconds"] for r in runs) / seconds,
            "p50_ms": statistics.median(r["p50_ms"] for r in runs), "p95_ms": max(r["p95_ms"] for r in runs)}


def interleaved_load(servers: dict[str, tuple[Server, list[list[str]]]], slices: int, seconds: int) -> dict:
    """Each server loaded in turn, ``slices`` times, so none has the quieter minutes of a shared machine."""
    runs: dict[str, list[dict]] = {name: [] for name in servers}
    for _ in range(slices):
        for name, (server, changes) in servers.items():
            runs[name].append(load(server, changes, name, seconds))
    return {name: merged(r) for name, r in runs.items()}


def navigation(browser, floor: Server, app: Server, runs: int) -> dict:
    """First visits (empty cache), floor page and app alternately: bytes and navigation to drawn."""
    from bench.browser import APP_DRAWN, FLOOR_DRAWN

    # One visit each first: the servers compress each static file on its first request (then keep it).
    browser.visit(floor.base + "/", FLOOR_DRAWN)
    browser.visit(app.base + "/", APP_DRAWN)
    floor_first, app_first = browser.visit(floor.base + "/", FLOOR_DRAWN), browser.visit(app.base + "/", APP_DRAWN)
    floor_times, app_times = [], []
    for _ in range(runs):  # alternate, so both see the same noise
        floor_times.append(browser.visit(floor.base + "/", FLOOR_DRAWN)["drawn_ms"])
        app_times.append(browser.visit(app.base + "/", APP_DRAWN)["drawn_ms"])
    return {"floor_bytes": floor_first["bytes"], "app_bytes": app_first["bytes"], "floor_drawn_ms": floor_times, "app_drawn_ms": app_times,
            "app_requests_by_size": app_first["by_url"][:15], "app_foreign_requests": app_first["foreign"],
            "app_console_errors": app_first["errors"], "app_fetched_full_plotly": app_first["full_plotly_fetched"]}


def felt(browser, server: Server, drawn_js: str, names: list[str], limit: bool, views_to: Path | None = None) -> list:
    """Filter changes made in the browser (each partner chosen, then unchosen), with the redraw limit of each; with
    ``views_to``, the figures drawn in view in each state are written there (bench/clientside_floor.py's page)."""
    from bench.felt import FeltSession, felt_changes

    session = FeltSession(browser.browser, server.base + "/", drawn_js)
    try:
        changes = felt_changes(session, names, limit)
        if views_to is not None:
            views_to.write_text(json.dumps(session.views_drawn(names)), encoding="utf-8")
        return changes
    finally:
        session.close()


def steps_of(browser, server: Server, drawn_js: str, count: int) -> list:
    """Presentation steps on the app (bench/felt.presentation_steps), from the first scene."""
    from bench.felt import FeltSession, presentation_steps

    session = FeltSession(browser.browser, server.base + "/?present=1&scene=1", drawn_js)
    try:
        return presentation_steps(session, count)
    finally:
        session.close()


def felt_summary(changes: list) -> dict:
    from bench.felt import medians, timeline_text

    typical = sorted(changes, key=lambda c: c.felt_ms)[len(changes) // 2]
    return {**medians(changes), "felt_all_ms": [round(c.felt_ms) for c in changes],
            "limit_all_ms": [round(c.limit_ms) for c in changes if c.limit_ms],
            "requests_per_change": sorted({len(c.requests) for c in changes}),
            "callbacks": sorted({r["name"] for c in changes for r in c.requests}),
            "typical": {"label": typical.label, "felt_ms": round(typical.felt_ms), "timeline": timeline_text(typical)}}


def main(argv: list[str] | None = None) -> int:
    from bench.browser import APP_DRAWN, PEER_DRAWN, Browser
    from bench.clientside_floor import FIGURES_ENV
    from bench.felt import busiest_partners

    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer changes and 10 s loads: a smoke run, not the verdict")
    parser.add_argument("--skip-load", action="store_true")
    args = parser.parse_args(argv)
    choices = 2 if args.quick else 6  # partners chosen then unchosen: 12 measured changes
    rounds = 12 if args.quick else 90
    slices, slice_s = (1, 10) if args.quick else (2, 20)
    nav_runs = 2 if args.quick else 9
    started_at = time.monotonic()
    report = Report(started=time.strftime("%Y-%m-%d %H:%M:%S"), machine=machine())
    RESULTS.mkdir(parents=True, exist_ok=True)

    log(f"writing {BIG_ROWS:,} synthetic partnerships (seed {generate_data.DEFAULT_SEED})")
    big_dir = generate_data.generate(RESULTS / "data-150k", rows=BIG_ROWS)

    floor = Server("bench.floor_app", WORKERS, log=RESULTS / "floor.log")
    peer = Server("bench.peer_app", WORKERS, log=RESULTS / "peer.log")
    app = Server("app", WORKERS, log=RESULTS / "app.log")
    big = Server("app", WORKERS, data_dir=big_dir, log=RESULTS / "app-150k.log")
    browser = None
    raw = report.raw
    try:
        log("starting the floor app, the peer and the app (real data) under gunicorn, 2 workers each")
        for server in (floor, peer, app):
            server.start()
        log(f"started: floor {floor.startup_s:.1f} s, peer {peer.startup_s:.1f} s, app {app.startup_s:.1f} s")
        browser = Browser()

        log(f"browser: first-visit bytes and navigation to drawn ({nav_runs} runs each, alternating floor and app)")
        raw["browser"] = navigation(browser, floor, app, nav_runs)

        names = busiest_partners(ROOT / "data", choices)
        log(f"felt latency, real data: {', '.join(names)} chosen then unchosen in the partner dropdown; redraw limit after each")
        views = RESULTS / "views-drawn.json"
        app_changes = felt(browser, app, APP_DRAWN, names, limit=True, views_to=views)
        raw["felt_real"] = felt_summary(app_changes)
        log("Dash's clientside floor: the same changes of the same figures, by one clientside callback (no request)")
        dash_floor = Server("bench.clientside_floor", WORKERS, log=RESULTS / "clientside-floor.log", env={FIGURES_ENV: str(views)})
        try:
            raw["felt_dash_floor"] = felt_summary(felt(browser, dash_floor.start(), APP_DRAWN, names, limit=True))
        finally:
            dash_floor.stop()
        log("presentation steps, real data: the right arrow from the first scene on")
        raw["present_steps"] = felt_summary(steps_of(browser, app, APP_DRAWN, 2 if args.quick else 6))
        log("felt latency of the peer (same choices), recording its requests")
        peer_changes = felt(browser, peer, PEER_DRAWN, names, limit=False)
        raw["felt_peer"] = felt_summary(peer_changes)

        recorded = {"app": (app, [c.bodies for c in app_changes]), "peer": (peer, [c.bodies for c in peer_changes])}
        log(f"server time per whole change: {rounds} rounds of floor callback, app change, peer change")
        raw["server_real"] = server_time(floor, recorded, rounds)

        if not args.skip_load:
            log(f"load: 50 users, {slices} x {slice_s} s each on the floor, the app and the peer, alternating")
            with MemoryWatch(app) as watch_real:
                raw["load_real"] = interleaved_load({"floor": (floor, [[floor_body(f"v{i}").decode()] for i in range(500)]), **recorded},
                                                    slices, slice_s)
            raw["memory_real_mb"] = watch_real.peak
        app.stop()
        peer.stop()

        log(f"starting the app on {BIG_ROWS:,} partnerships (ASCN_DATA_DIR={big_dir})")
        big.start(timeout=180)
        log(f"started in {big.startup_s:.1f} s")
        with MemoryWatch(big) as watch_big:
            big_names = busiest_partners(big_dir, choices)
            log(f"felt latency at {BIG_ROWS:,} rows: {', '.join(big_names)}")
            big_changes = felt(browser, big, APP_DRAWN, big_names, limit=True)
            raw["felt_150k"] = felt_summary(big_changes)
            log(f"server time per whole change at scale: {rounds} rounds beside the floor callback")
            raw["server_150k"] = server_time(floor, {"app": (big, [c.bodies for c in big_changes])}, rounds)
            if not args.skip_load:
                log(f"load at scale: 50 users for {slices * slice_s} s")
                raw["load_150k"] = interleaved_load({"app": (big, [c.bodies for c in big_changes])}, slices, slice_s)
        raw["memory_150k_mb"] = watch_big.peak
    finally:
        if browser is not None:
            browser.close()
        for server in (floor, peer, app, big):
            server.stop()

    verdict(report, big, floor, peer, app, started_at)
    path = report.write(RESULTS)
    print()
    print(report.text())
    print(f"(written to {path})")
    return 0 if all(t.passed for t in report.targets) else 1


def verdict(report: Report, big: Server, floor: Server, peer: Server, app: Server, started_at: float) -> None:
    raw, targets, info = report.raw, report.targets, report.info
    fr, fb, fp = raw["felt_real"], raw["felt_150k"], raw["felt_peer"]
    ps = raw["present_steps"]
    felt_real = f"felt latency, real data (median of {fr['n']} changes)"
    targets.append(Target(f"{felt_real}, to the redraw limit", fr["felt_ms"], 1.3, "ms", fr["limit_ms"], reference="limit"))
    targets.append(Target(f"{felt_real}, to the peer's", fr["felt_ms"], 0.6, "ms", fp["felt_ms"], reference="peer"))
    targets.append(Target(f"felt latency, {BIG_ROWS:,} rows (median of {fb['n']})", fb["felt_ms"], 2, "ms", fb["limit_ms"], reference="limit"))
    targets.append(Target(f"presentation step, key to caption and charts settled (median of {ps['n']})", ps["felt_ms"], 1, "ms",
                          fr["felt_ms"], reference="felt change"))
    most = max(max(raw[key]["requests_per_change"]) for key in ("felt_real", "felt_150k", "present_steps"))
    targets.append(Target("requests per change and per presentation step (most)", most, 1, "requests"))
    sr, sb = raw["server_real"], raw["server_150k"]
    targets.append(Target("server time per whole change (p50)", sr["app"]["p50"], 0.05, "ms", sr["peer"]["p50"], reference="peer"))
    if "load_real" in raw:
        lr = raw["load_real"]
        targets.append(Target("throughput, whole changes/s (50 users, 2 workers)", lr["app"]["changes_per_s"], 20, "/s",
                              lr["peer"]["changes_per_s"], reference="peer", at_least=True))
        errors = sum(r["failures"] for r in lr.values()) + sum(r["failures"] for r in raw.get("load_150k", {}).values())
        targets.append(Target("load: errors (floor, app, peer, app at scale)", errors, 0, "errors"))
    targets.append(Target(f"whole change p95, {BIG_ROWS:,} rows", sb["app"]["p95"], 25, "ms", sb["floor"]["p95"]))
    targets.append(Target(f"start-up, {BIG_ROWS:,} rows", big.startup_s, 10, "s"))
    targets.append(Target(f"resident memory per process, {BIG_ROWS:,} rows (max)", max(raw["memory_150k_mb"].values()), 350, "MB"))
    b = raw["browser"]
    targets.append(Target("first-visit bytes (compressed)", b["app_bytes"] / 1024, 1.15, "KB", b["floor_bytes"] / 1024))
    targets.append(Target(f"navigation to map and charts drawn (median of {len(b['app_drawn_ms'])})", statistics.median(b["app_drawn_ms"]),
                          1.2, "ms", statistics.median(b["floor_drawn_ms"])))

    info.append(("felt ms, real data: app / peer / limit (medians)", f"{fr['felt_ms']:.0f} / {fp['felt_ms']:.0f} / {fr['limit_ms']:.0f}"))
    if "felt_dash_floor" in raw:  # what the redraw-limit target can be read against: no Dash page does less
        df = raw["felt_dash_floor"]
        info.append(("Dash's clientside floor (the app's figures, one clientside callback, no request): felt / its limit",
                     f"{df['felt_ms']:.0f} / {df['limit_ms']:.0f} ms = {df['felt_ms'] / df['limit_ms']:.2f}x "
                     f"(each change {df['felt_all_ms']}; limit {df['limit_all_ms']}); the app: {fr['felt_ms'] / df['felt_ms']:.2f}x this floor's felt"))
    for key, label in (("felt_real", "app"), ("felt_peer", "peer"), ("felt_150k", f"app at {BIG_ROWS:,} rows"),
                       ("present_steps", "app, presentation steps")):
        f = raw[key]
        info.append((f"felt {label}: each change (ms)", f"{f['felt_all_ms']}" + (f"; limit {f['limit_all_ms']}" if f["limit_all_ms"] else "")))
        info.append((f"requests per change, {label}", f"{f['requests_per_change']} to {len(f['callbacks'])} callbacks; "
                                                      f"median {f['bytes'] / 1024:.1f} KB on the wire per change"))
    for key, label in (("server_real", "real data"), ("server_150k", f"{BIG_ROWS:,} rows")):
        info.append((f"server time per whole change, {label}",
                     ", ".join(f"{name} p50 {s['p50']:.1f} ms p95 {s['p95']:.1f} ms (n={s['n']})" for name, s in raw[key].items())))
    for key in ("load_real", "load_150k"):
        for name, r in raw.get(key, {}).items():
            info.append((f"{key.replace('_', ' ')}: {name}", f"{r['changes_per_s']:.1f} changes/s ({r['requests']} requests in {r['seconds']} s, "
                                                             f"{r['requests_per_change']:.1f} per change; {r['changes']} whole changes finished), "
                                                             f"{r['failures']} errors, whole change p50 {r['p50_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms"))
    info.append(("start-up (spawn to /healthz with workers up)", f"floor {floor.startup_s:.1f} s, peer {peer.startup_s:.1f} s, "
                                                                 f"app {app.startup_s:.1f} s, app at {BIG_ROWS:,} rows {big.startup_s:.1f} s"))
    info.append((f"memory at {BIG_ROWS:,} rows, max RSS per process (MB)", json.dumps({str(k): round(v) for k, v in raw["memory_150k_mb"].items()})))
    info.append(("browser: app fetched Dash's full plotly.min.js", str(b["app_fetched_full_plotly"])))
    info.append(("browser: app requests that left 127.0.0.1", str(b["app_foreign_requests"])))
    info.append(("browser: drawn ms floor / app", f"{[round(x) for x in b['floor_drawn_ms']]} / {[round(x) for x in b['app_drawn_ms']]}"))
    info.append(("bench wall time", f"{time.monotonic() - started_at:.0f} s"))
    info.append((f"timeline of one change (real data, {fr['typical']['label']}, felt {fr['typical']['felt_ms']} ms)",
                 "\n" + fr["typical"]["timeline"]))
    info.append((f"timeline of one presentation step (to scene {ps['typical']['label']}, felt {ps['typical']['felt_ms']} ms)",
                 "\n" + ps["typical"]["timeline"]))


if __name__ == "__main__":
    sys.exit(main())
