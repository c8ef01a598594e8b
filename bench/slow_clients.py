"""Slow clients against `make serve`'s real server: do normal requests still answer in under a second?

    python -m bench.slow_clients [--headers 200] [--bodies 50] [--seconds 30] [--json PATH]

Starts the server as `make serve` does (2 workers, a free 127.0.0.1 port), opens ``--headers`` connections that send
their request headers one byte a second (slowloris) and ``--bodies`` callback POSTs whose body trickles in one byte a
second, reconnecting any the server closes, as an attacker would. Meanwhile it sends a normal GET /healthz and GET /
twice a second on fresh connections and times them. Exit 0 only if every normal request answered 200 within the
limit (1 s). Everything stays on loopback; every loop is bounded by ``--seconds``.
"""

import argparse
import json
import selectors
import socket
import sys
import threading
import time
import urllib.error
import urllib.request

from bench.production import ProductionServer

LIMIT_S = 1.0
SLOW_HEADER = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slowloris\r\n"
SLOW_BODY_HEAD = (b"POST /_dash-update-component HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 100000\r\n\r\n")


class SlowClients:
    """Connections that each send one byte a second, driven by one thread (bounded: it stops at ``stop()``)."""

    def __init__(self, port: int, headers: int, bodies: int):
        self.port, self.headers, self.bodies = port, headers, bodies
        self.selector = selectors.DefaultSelector()
        self.socks: dict[socket.socket, str] = {}
        self.stopping = threading.Event()
        self.connects = 0
        self.closed_by_server = 0
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _open(self, kind: str) -> None:
        try:
            sock = socket.create_connection(("127.0.0.1", self.port), timeout=2)
        except OSError:
            return  # counted as missing; retried on the next tick
        sock.setblocking(False)
        try:
            sock.send(SLOW_HEADER[:1] if kind == "header" else SLOW_BODY_HEAD)  # a slow body's headers arrive whole
        except OSError:
            sock.close()
            return
        self.connects += 1
        self.socks[sock] = kind
        self.selector.register(sock, selectors.EVENT_READ)

    def _drop(self, sock: socket.socket) -> None:
        self.selector.unregister(sock)
        self.socks.pop(sock, None)
        sock.close()

    def _run(self) -> None:
        sent: dict[socket.socket, int] = {}
        while not self.stopping.is_set():
            tick = time.monotonic()
            for kind, wanted in (("header", self.headers), ("body", self.bodies)):
                for _ in range(wanted - sum(1 for k in self.socks.values() if k == kind)):
                    self._open(kind)
            for sock, kind in list(self.socks.items()):
                count = sent.get(sock, 1)
                byte = SLOW_HEADER[count:count + 1] if kind == "header" and count < len(SLOW_HEADER) else b"a" if kind == "header" else b" "
                try:
                    sock.send(byte)
                    sent[sock] = count + 1
                except OSError:
                    self.closed_by_server += 1
                    self._drop(sock)
                    sent.pop(sock, None)
            # Whatever the server says or closes arrives here; an answer or EOF ends that connection (reopened next tick).
            while (left := 1.0 - (time.monotonic() - tick)) > 0 and not self.stopping.is_set():
                for key, _ in self.selector.select(timeout=left):
                    try:
                        data = key.fileobj.recv(65536)
                    except OSError:
                        data = b""
                    if not data:
                        self.closed_by_server += 1
                        self._drop(key.fileobj)
                        sent.pop(key.fileobj, None)
        for sock in list(self.socks):
            self._drop(sock)

    def open_now(self) -> dict[str, int]:
        return {kind: sum(1 for k in list(self.socks.values()) if k == kind) for kind in ("header", "body")}

    def start(self) -> "SlowClients":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(10)


def timed_get(base: str, path: str, timeout: float = 10) -> tuple[float, int]:
    """Seconds to the whole answer and its status (0: no answer within ``timeout``)."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(base + path, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as err:
        status = err.code
    except OSError:
        status = 0
    return time.monotonic() - started, status


def probe(base: str, seconds: float, every: float = 0.5) -> dict[str, list[tuple[float, int]]]:
    """Normal requests (GET /healthz and GET /) every ``every`` seconds for ``seconds``."""
    out: dict[str, list[tuple[float, int]]] = {"/healthz": [], "/": []}
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        tick = time.monotonic()
        for path in out:
            out[path].append(timed_get(base, path))
        time.sleep(max(0.0, every - (time.monotonic() - tick)))
    return out


def summarise(samples: list[tuple[float, int]], limit: float = LIMIT_S) -> dict:
    times = sorted(t for t, _ in samples)
    return {"n": len(samples), "p50_s": round(times[len(times) // 2], 3), "p95_s": round(times[int(len(times) * 0.95) - 1], 3),
            "max_s": round(times[-1], 3), "failed": sum(1 for t, status in samples if status != 200 or t > limit)}


def run(headers: int, bodies: int, seconds: float, workers: int = 2, ramp: float = 5.0, gunicorn_args: str = "") -> dict:
    """Baseline (no slow clients), then the same probes under slow clients: latency of normal requests."""
    with ProductionServer(workers=workers, gunicorn_args=gunicorn_args) as server:
        deadline = time.monotonic() + 60
        while timed_get(server.base, "/healthz", timeout=5)[1] != 200:
            if time.monotonic() > deadline:
                raise RuntimeError("the server never became healthy")
            time.sleep(0.2)
        baseline = probe(server.base, min(5.0, seconds))
        slow = SlowClients(server.port, headers, bodies).start()
        try:
            time.sleep(ramp)  # every slow connection open and trickling before we measure
            opened = slow.open_now()
            loaded = probe(server.base, seconds)
        finally:
            slow.stop()
        alive = server.proc.poll() is None
        log = server.log()
    return {
        "slow_headers": headers, "slow_bodies": bodies, "seconds": seconds, "workers": workers,
        "slow_open_when_measuring": opened, "slow_connects": slow.connects, "slow_closed_by_server": slow.closed_by_server,
        "baseline": {path: summarise(s) for path, s in baseline.items()},
        "under_slow_clients": {path: summarise(s) for path, s in loaded.items()},
        "server_alive": alive, "server_log_errors": [line for line in log.splitlines() if "ERROR" in line][:10],
    }


def passed(result: dict) -> bool:
    return result["server_alive"] and all(s["failed"] == 0 for s in result["under_slow_clients"].values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--headers", type=int, default=200, help="slow-header connections (default 200)")
    parser.add_argument("--bodies", type=int, default=50, help="slow-body connections (default 50)")
    parser.add_argument("--seconds", type=float, default=30, help="how long normal requests are measured under them")
    parser.add_argument("--gunicorn-args", default="", help="extra settings through GUNICORN_CMD_ARGS (e.g. to compare worker classes)")
    parser.add_argument("--json", help="also write the result here")
    args = parser.parse_args(argv)
    result = run(args.headers, args.bodies, args.seconds, gunicorn_args=args.gunicorn_args)
    result["passed"] = passed(result)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        with open(args.json, "w") as out:
            out.write(text + "\n")
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
