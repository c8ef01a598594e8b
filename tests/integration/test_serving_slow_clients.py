"""Slow clients cannot stall `make serve`'s real server (issue 9, item 2): a smaller run of `python -m bench.slow_clients`
(the full one, 200 slow-header and 50 slow-body connections, runs in `make soak`), and slow requests are cut.

Slow: each test starts the server (a few seconds) and keeps its clients for a few seconds more.
"""

import socket
import time

from bench import slow_clients
from bench.production import ProductionServer
from routes.serving import BODY_SECONDS

KEEPALIVE_S = 5  # gunicorn.conf.py: headers must arrive within it


def test_normal_requests_answer_within_a_second_while_slow_clients_hold_connections():
    result = slow_clients.run(headers=40, bodies=10, seconds=6, ramp=3)
    assert result["slow_open_when_measuring"]["header"] >= 30 and result["slow_open_when_measuring"]["body"] >= 8, result
    under = result["under_slow_clients"]
    assert under["/healthz"]["n"] >= 5 and under["/"]["n"] >= 5
    assert slow_clients.passed(result), f"normal requests failed or took over {slow_clients.LIMIT_S} s: {under}"
    assert not result["server_log_errors"]


def read_until_closed(sock: socket.socket, seconds: float, trickle: bytes) -> tuple[bytes, float]:
    """Everything the server sends until it closes the connection (or ``seconds`` pass), and when it closed."""
    started, data = time.monotonic(), b""
    sock.settimeout(1)
    while time.monotonic() - started < seconds:
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            sock.send(trickle)  # keep trickling, one byte a second, like the attacker
            continue
        if not chunk:
            return data, time.monotonic() - started
        data += chunk
    return data, float("inf")


def test_a_body_that_never_finishes_gets_408_and_headers_that_never_finish_are_cut():
    with ProductionServer(workers=2) as server:
        server.wait_for_workers()
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as body:
            body.sendall(slow_clients.SLOW_BODY_HEAD + b"{")
            answer, closed_after = read_until_closed(body, BODY_SECONDS + 15, b" ")
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        assert b"did not arrive within" in answer
        assert BODY_SECONDS - 1 < closed_after < BODY_SECONDS + 10
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as headers:
            headers.sendall(slow_clients.SLOW_HEADER)  # never the blank line that ends them
            answer, closed_after = read_until_closed(headers, KEEPALIVE_S + 15, b"a")
        assert closed_after < KEEPALIVE_S + 5 and b"200 OK" not in answer
