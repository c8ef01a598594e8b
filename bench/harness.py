"""The benchmark's building blocks: servers on loopback, callback payloads, timing, ratios and the report.

Everything here talks to 127.0.0.1 only, and every loop is bounded.
"""

import http.client
import json
import math
import os
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tests import support
from tests.support import free_port, start_server

ROOT = Path(__file__).resolve().parent.parent
CALLBACK_PATH = "/_dash-update-component"
BROWSER_ENCODING = "gzip, deflate, br, zstd"  # what Chromium sends


# -- numbers ---------------------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between closest ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summary(values: list[float]) -> dict[str, float]:
    return {"n": len(values), "p50": percentile(values, 50), "p95": percentile(values, 95), "max": max(values)}


@dataclass
class Target:
    """One line of the verdict: ``value`` against ``limit``, as a ratio to ``floor`` when there is one.

    The limit is a ceiling, or a floor when ``at_least`` (throughput)."""

    name: str
    value: float
    limit: float
    unit: str = ""
    floor: float | None = None  # the figure the value is divided by (floor, peer or limit); None for absolute targets
    at_least: bool = False
    reference: str = "floor"  # what ``floor`` is: "floor", "peer" or "limit"

    @property
    def measure(self) -> float:
        if self.floor is None:
            return self.value
        return self.value / self.floor if self.floor else math.inf  # a reference of 0 (a peer that finished nothing)

    @property
    def passed(self) -> bool:
        return self.measure >= self.limit if self.at_least else self.measure <= self.limit

    @property
    def bound(self) -> str:
        unit = "x" if self.floor is not None else f" {self.unit}"
        return f"{'>=' if self.at_least else '<='} {self.limit:g}{unit}"

    def line(self) -> str:
        verdict = "pass" if self.passed else "FAIL"
        if self.floor is not None:
            return f"{self.name}: ratio {self.measure:.2f}x (target {self.bound}) {verdict}"
        return f"{self.name}: {self.value:.1f} {self.unit} (target {self.bound}) {verdict}"


@dataclass
class Report:
    """Everything one run measured; written as JSON and as the text table."""

    started: str
    machine: dict
    targets: list[Target] = field(default_factory=list)
    info: list[tuple[str, str]] = field(default_factory=list)  # (figure, value) lines that are not targets
    raw: dict = field(default_factory=dict)

    def table(self) -> str:
        rows = [("target", "app", "against (same run)", "ratio", "bound", "verdict")]
        for t in self.targets:
            app = f"{t.value:.1f} {t.unit}".strip()
            floor = f"{t.reference} {t.floor:.1f} {t.unit}".strip() if t.floor is not None else "-"
            ratio = f"{t.measure:.2f}x" if t.floor is not None else "-"
            rows.append((t.name, app, floor, ratio, t.bound, "pass" if t.passed else "FAIL"))
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def text(self) -> str:
        out = [f"ASCN benchmark, {self.started}", f"machine: {json.dumps(self.machine)}", "", self.table(), ""]
        out += [f"{name}: {value}" for name, value in self.info]
        out += [""] + [t.line() for t in self.targets]
        return "\n".join(out) + "\n"

    def write(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        stem = directory / f"bench-{self.started.replace(':', '').replace('-', '').replace(' ', '-')}"
        data = {**asdict(self), "targets": [{**asdict(t), "ratio": t.measure, "passed": t.passed} for t in self.targets]}
        stem.with_suffix(".json").write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
        stem.with_suffix(".txt").write_text(self.text(), encoding="utf-8")
        (directory / "latest.txt").write_text(self.text(), encoding="utf-8")
        return stem.with_suffix(".txt")


def verdict(result: dict, failures: list[str], json_path: Path | None = None) -> int:
    """A check's result with its failures: printed as JSON (and written to ``json_path``); exit status 0 when none."""
    result["failures"] = failures
    result["passed"] = not failures
    text = json.dumps(result, indent=2)
    print(text)
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(text + "\n")
    return 0 if result["passed"] else 1


def machine() -> dict:
    return {"cpus": os.cpu_count(), "usable_cpus": len(os.sched_getaffinity(0)), "python": sys.version.split()[0],
            "load_avg_at_start": [round(x, 2) for x in os.getloadavg()]}


# -- servers ---------------------------------------------------------------------------------------

class Server:
    """``gunicorn -c gunicorn.conf.py MODULE:server`` on a free loopback port, as `make serve` runs it."""

    def __init__(self, module: str, workers: int = 2, data_dir: Path | None = None, log: Path | None = None,
                 env: dict[str, str] | None = None):
        self.module, self.workers, self.data_dir, self.env = module, workers, data_dir, env or {}
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.proc: subprocess.Popen | None = None
        self.server: support.Server | None = None
        self.startup_s: float | None = None

    def start(self, timeout: float = 120) -> "Server":
        env = {"WEB_CONCURRENCY": str(self.workers), **self.env}
        if self.data_dir is not None:
            env["ASCN_DATA_DIR"] = str(self.data_dir)
        started = time.monotonic()
        self.server = start_server([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", f"{self.module}:server"], env=env,
                                   port=self.port, ready="/healthz", timeout=timeout, log_path=self.log)
        self.proc = self.server.proc
        while len(self.worker_pids()) < self.workers:
            if time.monotonic() > started + timeout:
                self.stop()
                raise RuntimeError(f"{self.module}: fewer than {self.workers} workers after {timeout} s; see {self.server.log_path}")
            time.sleep(0.05)  # bounded by the deadline
        self.startup_s = time.monotonic() - started
        self._warm()
        return self

    def _warm(self) -> None:
        """A few page requests, one at a time, before any measurement. Dash sets a worker up on its first request
        and a second request arriving meanwhile on another thread can find no script registered (500): seen when a
        browser's first visit lands on a fresh worker. Sequential requests let each worker set up undisturbed."""
        for _ in range(4 * self.workers):
            get(self.port, "/", timeout=30)

    def worker_pids(self) -> list[int]:
        if self.proc is None:
            return []
        children = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == self.proc.pid:
                    children.append(int(entry.name))
        return children

    def rss_mb(self) -> dict[int, float]:
        """Resident memory of the master and each worker (VmRSS, shared pages included), MB."""
        out = {}
        for pid in [self.proc.pid, *self.worker_pids()] if self.proc else []:
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        out[pid] = int(line.split()[1]) / 1024
            except OSError:
                pass
        return out

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# -- HTTP on loopback --------------------------------------------------------------------------------

def get(port: int, path: str, timeout: float = 10) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


class Client:
    """One keep-alive connection, as a browser tab holds; times each POST end to end on loopback."""

    def __init__(self, port: int, timeout: float = 60):
        self.port, self.timeout = port, timeout
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def post(self, path: str, body: bytes) -> tuple[float, int, int]:
        """(milliseconds, status, bytes on the wire) of one request."""
        headers = {"Content-Type": "application/json", "Accept-Encoding": BROWSER_ENCODING}
        for attempt in (1, 2):  # a closed keep-alive connection is reopened once, outside the timing
            try:
                started = time.perf_counter()
                self.conn.request("POST", path, body=body, headers=headers)
                resp = self.conn.getresponse()
                data = resp.read()
                elapsed = (time.perf_counter() - started) * 1000
                if resp.getheader("Connection", "").lower() == "close":
                    self.reopen()
                return elapsed, resp.status, len(data)
            except (http.client.HTTPException, ConnectionError):
                if attempt == 2:
                    raise
                self.reopen()
        raise AssertionError("unreachable")

    def reopen(self) -> None:
        self.conn.close()
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)

    def close(self) -> None:
        self.conn.close()


# -- the floor's callback ----------------------------------------------------------------------------

def floor_body(value: str) -> bytes:
    """The floor callback's request: floor-input.value -> floor-output.children."""
    return json.dumps({
        "output": "floor-output.children", "outputs": {"id": "floor-output", "property": "children"},
        "inputs": [{"id": "floor-input", "property": "value", "value": value}],
        "changedPropIds": ["floor-input.value"], "state": [],
    }).encode()
