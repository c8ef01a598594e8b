"""`make serve`'s real server on a free 127.0.0.1 port, for the serving tests and benchmarks.

The command is the one the Makefile's `serve` recipe runs (asked of `make -n`, never copied here), with HOST, PORT
and WEB_CONCURRENCY in the environment as a user would set them. Extra gunicorn settings go through gunicorn's
own GUNICORN_CMD_ARGS, so the command itself is never changed.
"""

import shlex
import subprocess
import tempfile
import time
from pathlib import Path

from bench.soak import children
from tests.support import Server, free_port, start_server

ROOT = Path(__file__).resolve().parent.parent


def serve_command() -> list[str]:
    """The `make serve` recipe as make would run it (``-o``: without reinstalling the virtualenv first)."""
    out = subprocess.run(["make", "--no-print-directory", "-n", "-o", ".venv/.installed", "serve"], cwd=ROOT,
                         capture_output=True, text=True, check=True, timeout=30).stdout
    lines = [line for line in out.splitlines() if line.strip()]
    if len(lines) != 1:
        raise RuntimeError(f"expected one command from `make -n serve`, got: {out!r}")
    return shlex.split(lines[0])


class ProductionServer:
    """Start `make serve`'s command on loopback; ``start()`` returns once the port accepts connections.

    It sends no HTTP request while waiting (a TCP connect only), so the caller's requests are the first ones.
    """

    def __init__(self, workers: int = 2, env: dict[str, str] | None = None, gunicorn_args: str = ""):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        # None removes a variable: debug off and no extra gunicorn settings unless asked for here.
        self.env: dict[str, str | None] = {"ASCN_DEBUG": None, "GUNICORN_CMD_ARGS": None, **(env or {}), "WEB_CONCURRENCY": str(workers)}
        if gunicorn_args:
            self.env["GUNICORN_CMD_ARGS"] = gunicorn_args
        self.log_path = Path(tempfile.mkstemp(prefix="ascn-serve-", suffix=".log")[1])
        self.server: Server | None = None

    @property
    def proc(self) -> subprocess.Popen | None:
        return self.server.proc if self.server else None

    def start(self, timeout: float = 90) -> "ProductionServer":
        # ready=None: the master listens once the app is loaded; workers pick the queue up as they boot.
        self.server = start_server(serve_command(), env=self.env, port=self.port, ready=None, timeout=timeout, log_path=self.log_path)
        return self

    def wait_for_workers(self, count: int | None = None, timeout: float = 60) -> list[int]:
        count = count or self.workers
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pids = self.worker_pids()
            if len(pids) >= count:
                return pids
            time.sleep(0.05)
        raise RuntimeError(f"fewer than {count} workers after {timeout} s")

    def worker_pids(self) -> list[int]:
        return children(self.proc.pid) if self.proc else []

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()

    def __enter__(self) -> "ProductionServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
