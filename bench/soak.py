"""Soak: mixed page loads, filter changes and downloads against gunicorn on loopback; errors and worker memory.
Then full-record downloads at scale: the health check's latency while they run.

    python bench/soak.py [--seconds 600] [--threads 4] [--heavy-rows 150000] [--heavy-downloads 12] [--json PATH]

Starts `gunicorn app:server` on a free 127.0.0.1 port (with gunicorn.conf.py when the repository has one, and
max_requests off unless --recycle, so each worker lives through the whole run), warms it up, records each
worker's resident memory, runs the mix for the given time, records it again and stops the server. Exit
status 0 only with zero errors and every worker's memory grown by less than --max-growth (10 %). Requests
are built the way the browser builds them: from /_dash-dependencies and the props in /_dash-layout.

The heavy phase (``--heavy-rows``, 0 to skip) writes a synthetic record of that many rows (bench/generate_data.py),
serves it as `make serve` does (2 workers), starts ``--heavy-downloads`` full-record downloads at once (JSON, CSV
and ZIP in turn), and asks /healthz every 0.1 s until the last one has been read whole. A download refused with
503 and Retry-After is a refusal by design: counted, waited for and asked again; any other answer, a broken body or
a health check slower than ``--max-health-ms`` (1,000 ms) fails the run.
"""

import argparse
import gzip
import io
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script (python bench/soak.py): the repository's packages come from its root
    sys.path.insert(0, str(ROOT))
from bench.generate_data import generate  # noqa: E402
from bench.harness import verdict  # noqa: E402
from tests.support import free_port, start_server  # noqa: E402  (the one way to start a server and wait for it)

CALLBACK = "/_dash-update-component"
REFUSAL_TRIES = 5  # a heavy download refused with 503 and Retry-After is asked for again, up to this many times in all
# Views people share: member states, partners, focus areas, cities, years (values from the record).
VIEWS = [
    {}, {"partner": "JPN"}, {"partner": "CHN"}, {"partner": "USA,AUS"}, {"member_state": "KHM"},
    {"member_state": "IDN,VNM"}, {"focus_area": "built-infrastructure"}, {"focus_area": "civic-social,health-wellbeing"},
    {"city": "phnom-penh"}, {"city": "singapore,bangkok"}, {"year_from": "2018", "year_to": "2019"},
    {"unknown_year": "only"}, {"unknown_year": "exclude", "partner": "KOR"},
    {"partner": "JPN", "focus_area": "built-infrastructure"}, {"member_state": "THA", "year_from": "2019"},
]


def rss_kb(pid: int) -> int:
    """Resident set size from /proc (kB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (gunicorn's workers), from /proc."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue  # exited meanwhile
            # The command name sits in parentheses and may hold spaces: the parent id follows the last ')'.
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return sorted(out)


def gunicorn_command(port: int, recycle: bool) -> list[str]:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = [gunicorn, "app:server"]
    if (ROOT / "gunicorn.conf.py").exists():
        command += ["-c", "gunicorn.conf.py"]
    else:
        command += ["-w", "2", "--no-control-socket"]
    command += ["-b", f"127.0.0.1:{port}"]  # on the command line it wins over the config file: loopback only
    if not recycle:
        # max_requests would replace a leaking worker before its growth shows: measure one worker's whole run.
        command += ["--max-requests", "0"]
    return command


class Client:
    """The requests of one simulated visitor; counts every answer and every error."""

    def __init__(self, base: str, layout_props: dict, dependencies: list[dict], stats: dict, lock: threading.Lock,
                 rng: random.Random):
        self.base, self.props, self.deps = base, layout_props, dependencies
        self.stats, self.lock, self.rng = stats, lock, rng

    def _record(self, kind: str, ok: bool, detail: str = "") -> None:
        with self.lock:
            self.stats["requests"] += 1
            self.stats["by_kind"][kind] = self.stats["by_kind"].get(kind, 0) + 1
            if not ok:
                self.stats["errors"] += 1
                if len(self.stats["error_samples"]) < 20:
                    self.stats["error_samples"].append(f"{kind}: {detail}"[:300])

    def fetch(self, kind: str, path: str, body: dict | None = None, tries: int = REFUSAL_TRIES) -> bytes | None:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, headers={"Content-Type": "application/json"} if data else {})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                payload = response.read()
                self._record(kind, response.status in (200, 204))
                return payload
        except urllib.error.HTTPError as err:
            retry = err.headers.get("Retry-After", "")
            if kind == "download" and err.code == 503 and retry.isdigit() and tries > 1:
                # A worker already streaming its share of heavy downloads refuses by design (routes/api.py): not an
                # error; wait as told (capped) and ask again.
                with self.lock:
                    self.stats["refused"] = self.stats.get("refused", 0) + 1
                err.read()
                time.sleep(min(int(retry), 5))
                return self.fetch(kind, path, body, tries - 1)
            self._record(kind, False, f"{path[:80]} -> {err.code} {err.read()[:120]!r}")
        except OSError as err:
            self._record(kind, False, f"{path[:80]} -> {err}")
        return None

    def page_load(self, view: dict) -> None:
        html = self.fetch("page", "/" + ("?" + urlencode(view) if view else ""))
        self.fetch("page", "/_dash-layout")
        self.fetch("page", "/_dash-dependencies")
        self.fetch("page", "/geo/countries.geojson")
        scripts = re.findall(rb'<script src="([^"]+)"', html or b"")
        if scripts and self.rng.random() < 0.2:  # browsers cache these; now and then fetch one anyway
            self.fetch("page", self.rng.choice(scripts).decode())
        self.filter_change(view)

    def filter_change(self, view: dict) -> None:
        """What the renderer posts when the URL changes: the view callback, then everything that follows it."""
        search = "?" + urlencode(view) if view else ""
        changed = {("url", "search"): search, ("url", "pathname"): "/", ("url", "href"): self.base + "/" + search}
        new_view = None
        for dep in self.deps:
            if any((i["id"], i["property"]) == ("url", "search") for i in dep["inputs"]):
                answer = self.fetch("callback", CALLBACK, callback_body(dep, self.props, changed, ("url", "search")))
                if answer and dep_outputs(dep)[0] == ("view", "data"):
                    new_view = json.loads(answer)["response"]["view"]["data"]
        if new_view is None:
            return
        changed[("view", "data")] = new_view
        for dep in self.deps:
            if any((i["id"], i["property"]) == ("view", "data") for i in dep["inputs"]):
                self.fetch("callback", CALLBACK, callback_body(dep, self.props, changed, ("view", "data")))

    def download(self, view: dict) -> None:
        query = "?" + urlencode(view) if view else ""
        self.fetch("download", "/api/partnerships." + self.rng.choice(["csv", "json"]) + query)

    def step(self) -> None:
        view = self.rng.choice(VIEWS)
        action = self.rng.random()
        if action < 0.25:
            self.page_load(view)
        elif action < 0.75:
            self.filter_change(view)
        else:
            self.download(view)


def dep_outputs(dep: dict) -> list[tuple[str, str]]:
    """(id, property) of each output of a dependency, from its output string ('..a.b...c.d..' when several)."""
    text = dep["output"]
    parts = text[2:-2].split("...") if text.startswith("..") else [text]
    return [tuple(part.rsplit(".", 1)) for part in parts]


def layout_props(node, out: dict | None = None) -> dict:
    """(id, property) -> value for every component with a string id in a /_dash-layout tree."""
    out = {} if out is None else out
    if isinstance(node, list):
        for child in node:
            layout_props(child, out)
    elif isinstance(node, dict) and "props" in node:
        props = node["props"]
        if isinstance(props.get("id"), str):
            for key, value in props.items():
                out[(props["id"], key)] = value
        for value in props.values():
            if isinstance(value, (dict, list)):
                layout_props(value, out)
    return out


def callback_body(dep: dict, props: dict, changed: dict, trigger: tuple[str, str]) -> dict:
    """The JSON the renderer sends for one callback: every input and state with its current value."""

    def entries(items):
        out = []
        for item in items:
            cid = json.loads(item["id"]) if item["id"].startswith("{") else item["id"]
            if isinstance(cid, dict) and any(isinstance(v, list) for v in cid.values()):
                out.append([])  # ALL/ALLSMALLER inputs: none of those components on a fresh page
                continue
            key = (item["id"], item["property"])
            entry = {"id": cid, "property": item["property"]}
            value = changed.get(key, props.get(key))
            if value is not None:
                entry["value"] = value
            out.append(entry)
        return out

    outputs = [{"id": json.loads(i) if i.startswith("{") else i, "property": p} for i, p in dep_outputs(dep)]
    body = {"output": dep["output"], "outputs": outputs if dep["output"].startswith("..") else outputs[0],
            "inputs": entries(dep["inputs"]), "changedPropIds": [f"{trigger[0]}.{trigger[1]}"]}
    if dep.get("state"):
        body["state"] = entries(dep["state"])
    return body


def run(seconds: float, threads: int, warmup: float, seed: int, recycle: bool = False) -> dict:
    port = free_port()
    log_path = Path(tempfile.mkstemp(prefix="soak-gunicorn-", suffix=".log")[1])
    server = start_server(gunicorn_command(port, recycle), env={"ASCN_DEBUG": None}, port=port, timeout=90, log_path=log_path)
    proc, base = server.proc, server.base
    try:
        with urllib.request.urlopen(base + "/_dash-layout", timeout=30) as response:
            props = layout_props(json.load(response))
        with urllib.request.urlopen(base + "/_dash-dependencies", timeout=30) as response:
            deps = [d for d in json.load(response) if not d.get("clientside_function")]
        workers = children(proc.pid)
        stats = {"requests": 0, "errors": 0, "by_kind": {}, "error_samples": []}
        lock = threading.Lock()

        def drive(until: float, number: int) -> None:
            client = Client(base, props, deps, stats, lock, random.Random(seed * 1000 + number))
            while time.monotonic() < until:
                client.step()

        def phase(duration: float) -> None:
            until = time.monotonic() + duration
            pool = [threading.Thread(target=drive, args=(until, n)) for n in range(threads)]
            for t in pool:
                t.start()
            for t in pool:
                t.join()

        boot = {pid: rss_kb(pid) for pid in workers}
        phase(warmup)  # every worker loads its data, builds its caches and imports lazily before we measure
        warm_requests, warm_errors = stats["requests"], stats["errors"]
        before = {pid: rss_kb(pid) for pid in children(proc.pid)}
        started = time.monotonic()
        samples: list[dict] = []  # memory over the run: a plateau is a cache filling, a slope is a leak
        done = threading.Event()

        def sample() -> None:
            while not done.wait(timeout=max(1.0, seconds / 10)):
                samples.append({"t": round(time.monotonic() - started), **{str(pid): rss_kb(pid) for pid in children(proc.pid)}})

        sampler = threading.Thread(target=sample)
        sampler.start()
        phase(seconds)
        done.set()
        sampler.join()
        elapsed = time.monotonic() - started
        after_workers = children(proc.pid)
        after = {pid: rss_kb(pid) for pid in after_workers}
    finally:
        server.stop()  # its own session: gunicorn and its workers only
    log = log_path.read_text(errors="replace")
    server_errors = [line for line in log.splitlines() if "ERROR" in line]  # Flask and gunicorn both write ERROR
    return {
        "seconds": round(elapsed, 1), "threads": threads, "warmup_seconds": warmup, "max_requests_off": not recycle,
        "requests": stats["requests"] - warm_requests, "warmup_requests": warm_requests,
        "requests_per_second": round((stats["requests"] - warm_requests) / elapsed, 1),
        "by_kind": stats["by_kind"], "errors": stats["errors"], "warmup_errors": warm_errors, "refused_by_design": stats.get("refused", 0),
        "error_samples": stats["error_samples"], "server_log_errors": len(server_errors),
        "server_log_samples": server_errors[:10], "server_log": str(log_path),
        "workers": [{"pid": pid, "rss_boot_kb": boot.get(pid), "rss_before_kb": before.get(pid), "rss_after_kb": after.get(pid),
                     "growth_pct": round(100 * (after[pid] - before[pid]) / before[pid], 2) if pid in after and pid in before else None}
                    for pid in sorted(set(before) | set(after))],
        "workers_replaced": sorted(before) != sorted(after_workers),
        "rss_samples_kb": samples,
    }


HEAVY_FORMATS = ("json", "csv", "zip")
HEALTH_EVERY_S = 0.1


def _whole(kind: str, body: bytes, rows: int) -> bool:
    """Whether a full-record download holds every row (its end was not cut off)."""
    if kind == "json":
        return len(json.loads(body)["rows"]) == rows
    if kind == "zip":
        archive = zipfile.ZipFile(io.BytesIO(body))
        return archive.testzip() is None and archive.read("partnerships.csv").count(b"\r\n") == rows + 1
    return body.count(b"\r\n") == rows + 1


class HeavyRun:
    """Full-record downloads at once, each asked again when refused by design, and the health check meanwhile."""

    def __init__(self, base: str, rows: int, deadline: float):
        self.base, self.rows, self.deadline = base, rows, deadline
        self.lock = threading.Lock()
        self.completed, self.refused, self.errors, self.samples = 0, 0, 0, []
        self.health_ms: list[float] = []
        self.health_at: list[float] = []  # seconds into the run of each check
        self.health_errors = 0

    def _error(self, detail: str) -> None:
        with self.lock:
            self.errors += 1
            if len(self.samples) < 20:
                self.samples.append(detail[:300])

    def download(self, kind: str) -> None:
        while time.monotonic() < self.deadline:  # bounded: refusals are asked again until the deadline
            try:
                # As a browser asks: compressed when the server can (a streamed download is compressed as it streams).
                request = urllib.request.Request(f"{self.base}/api/partnerships.{kind}", headers={"Accept-Encoding": "gzip"})
                with urllib.request.urlopen(request, timeout=600) as response:
                    body = response.read()
                    if response.headers.get("Content-Encoding") == "gzip":
                        body = gzip.decompress(body)
            except urllib.error.HTTPError as err:
                retry = err.headers.get("Retry-After", "")
                err.read()
                if err.code == 503 and retry.isdigit():
                    with self.lock:
                        self.refused += 1
                    time.sleep(min(int(retry), 5))
                    continue
                return self._error(f"{kind}: {err.code}")
            except OSError as err:
                return self._error(f"{kind}: {err}")
            if not _whole(kind, body, self.rows):
                return self._error(f"{kind}: {len(body)} bytes, not every row")
            with self.lock:
                self.completed += 1
            return None
        return self._error(f"{kind}: not served before the deadline")

    def take_probes(self, lines: list[str]) -> None:
        """The health checks the probe process made: (seconds into its run, ms, answered 200) a line each."""
        for line in lines:
            at, ms, ok = json.loads(line)
            self.health_at.append(at)
            self.health_ms.append(ms)
            self.health_errors += not ok


def probe_until_eof(base: str) -> None:
    """Ask /healthz every HEALTH_EVERY_S until stdin closes; print each check as a JSON line. Run as its own process,
    so the downloads' readers (decompressing and parsing in this process) never hold the probe back."""
    done = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    started = time.monotonic()
    while not done.is_set():
        asked = time.monotonic()
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=30) as response:
                response.read()
                ok = response.status == 200
        except OSError:
            ok = False
        elapsed = time.monotonic() - asked
        print(json.dumps([round(asked - started, 2), round(1000 * elapsed, 1), ok]), flush=True)
        done.wait(max(0.0, HEALTH_EVERY_S - elapsed))


def _probe_process(base: str, out) -> subprocess.Popen:
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from bench.soak import probe_until_eof; probe_until_eof({base!r})"
    return subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=out, text=True)


def _warm(base: str, requests: int = 16) -> None:
    """A few small requests at once, so every worker has served (its first request after the fork) before measuring."""
    def ask(number: int) -> None:
        path = "/healthz" if number % 2 else "/api/partnerships.json?partner=JPN"
        try:
            with urllib.request.urlopen(base + path, timeout=120) as response:
                response.read()
        except urllib.error.HTTPError as err:
            # At 150,000 rows JPN's partnerships are a heavy download: a worker already streaming its share says 503
            # with Retry-After, by design; it has served a request, which is all the warming needs.
            err.read()
            if err.code != 503 or not err.headers.get("Retry-After", "").isdigit():
                raise

    pool = [threading.Thread(target=ask, args=(n,)) for n in range(requests)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()


def heavy_downloads(rows: int, downloads: int, workers: int = 2, deadline_s: float = 1800) -> dict:
    """Serve a ``rows``-row record with ``workers`` workers, run ``downloads`` full downloads at once, time /healthz."""
    with tempfile.TemporaryDirectory(prefix="soak-heavy-") as tmp:
        data = generate(Path(tmp) / "data", rows=rows)
        port = free_port()
        env = {"ASCN_DEBUG": None, "ASCN_DATA_DIR": str(data), "WEB_CONCURRENCY": str(workers)}
        log_path = Path(tmp) / "gunicorn.log"
        server = start_server(gunicorn_command(port, recycle=False), env=env, port=port, ready="/healthz", timeout=600,
                              log_path=log_path)
        _warm(server.base)
        started = time.monotonic()
        run = HeavyRun(server.base, rows, started + deadline_s)
        peak: dict[int, int] = {}
        probes = open(Path(tmp) / "healthz.jsonl", "w+")  # a file, not a pipe: nobody reads it until the end
        prober = _probe_process(server.base, probes)
        try:
            pool = [threading.Thread(target=run.download, args=(HEAVY_FORMATS[n % len(HEAVY_FORMATS)],)) for n in range(downloads)]
            for thread in pool:
                thread.start()
            while any(thread.is_alive() for thread in pool):
                for pid in children(server.proc.pid):
                    try:
                        peak[pid] = max(peak.get(pid, 0), rss_kb(pid))
                    except (OSError, RuntimeError):
                        pass  # exited meanwhile
                time.sleep(0.5)
            prober.communicate(timeout=60)  # closing its stdin ends it
            probes.seek(0)
            run.take_probes(probes.read().splitlines())
        finally:
            if prober.poll() is None:
                prober.kill()
                prober.wait()
            probes.close()
            server.stop()
        elapsed = time.monotonic() - started
        server_errors = [line for line in log_path.read_text(errors="replace").splitlines() if "ERROR" in line]
    health = sorted(run.health_ms) or [0.0]
    return {
        "rows": rows, "downloads": downloads, "formats": list(HEAVY_FORMATS), "workers": workers,
        "seconds": round(elapsed, 1), "completed": run.completed, "refused_by_design": run.refused,
        "errors": run.errors, "error_samples": run.samples, "server_log_errors": len(server_errors),
        "server_log_samples": server_errors[:10],
        "healthz": {"checks": len(run.health_ms), "failed": run.health_errors, "median_ms": round(statistics.median(health), 1),
                    "p95_ms": round(health[int(0.95 * (len(health) - 1))], 1), "max_ms": round(health[-1], 1)},
        "slowest_healthz": sorted(zip(run.health_ms, run.health_at), reverse=True)[:5],
        "worker_peak_rss_mb": {str(pid): round(kb / 1024, 1) for pid, kb in sorted(peak.items())},
    }


def heavy_failures(result: dict, max_health_ms: float) -> list[str]:
    failures = []
    if result["errors"] or result["server_log_errors"] or result["completed"] != result["downloads"]:
        failures.append(f"heavy downloads: {result['completed']} of {result['downloads']} read whole, {result['errors']} errors, "
                        f"{result['server_log_errors']} server log errors")
    health = result["healthz"]
    if health["failed"] or not health["checks"] or health["max_ms"] > max_health_ms:
        failures.append(f"/healthz during the heavy downloads: {health['failed']} failed of {health['checks']}, "
                        f"slowest {health['max_ms']} ms (limit {max_health_ms} ms)")
    return failures


def mix_failures(result: dict, max_growth: float) -> list[str]:
    growths = [w["growth_pct"] for w in result["workers"]]
    failures = []
    if result["errors"] or result["warmup_errors"] or result["server_log_errors"]:
        failures.append(f"{result['errors'] + result['warmup_errors']} request errors, {result['server_log_errors']} server log errors")
    if result["workers_replaced"] or None in growths:
        failures.append("a worker was replaced during the run (crash, timeout or max_requests): memory not comparable")
    elif max(growths) >= max_growth:
        failures.append(f"a worker's memory grew {max(growths)} % (limit {max_growth} %)")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=600, help="length of the measured run (default 600)")
    parser.add_argument("--threads", type=int, default=4, help="concurrent visitors (default 4)")
    parser.add_argument("--warmup", type=float, default=30, help="seconds of load before the first memory reading")
    parser.add_argument("--max-growth", type=float, default=10.0, help="allowed RSS growth per worker, percent")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--recycle", action="store_true", help="keep the config's max_requests (workers may be replaced mid-run)")
    parser.add_argument("--json", type=Path, help="also write the result here")
    parser.add_argument("--heavy-rows", type=int, default=150_000, help="rows of the heavy phase's record (0: no heavy phase)")
    parser.add_argument("--heavy-downloads", type=int, default=12, help="full-record downloads at once (default 12)")
    parser.add_argument("--heavy-workers", type=int, default=2, help="gunicorn workers in the heavy phase (default 2)")
    parser.add_argument("--max-health-ms", type=float, default=1000.0, help="slowest /healthz allowed meanwhile (ms)")
    parser.add_argument("--heavy-only", action="store_true", help="skip the mixed run")
    args = parser.parse_args(argv)

    result: dict = {}
    failures: list[str] = []
    if not args.heavy_only:
        result = run(args.seconds, args.threads, args.warmup, args.seed, args.recycle)
        failures += mix_failures(result, args.max_growth)
    if args.heavy_rows:
        result["heavy"] = heavy_downloads(args.heavy_rows, args.heavy_downloads, args.heavy_workers)
        failures += heavy_failures(result["heavy"], args.max_health_ms)
    return verdict(result, failures, args.json)


if __name__ == "__main__":
    sys.exit(main())
