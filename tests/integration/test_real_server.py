"""`python app.py` as a person runs it, on 127.0.0.1: hostile requests to a real server are refused without a leak and
it keeps serving with debug off whatever Dash's and Flask's switches say; only ASCN_DEBUG=1 turns debug on. (The same
requests in process: tests/unit/test_hostile_requests.py.)"""

import json
import re
import socket
import urllib.error
import urllib.request

from tests.support import envelope, find_callback, start_server

CALLBACK = "/_dash-update-component"
# What must never reach a client: Python tracebacks, source paths, the werkzeug debugger.
LEAKS = re.compile(rb"Traceback|File \"|site-packages|\.py\", line|Werkzeug Debugger|__debugger__")


def trend_body() -> dict:
    return envelope(find_callback("trend-cumulative", "value", "chart-trend"), {"view.data": {}, "trend-cumulative.value": True},
                    "trend-cumulative.value")


def _status(base: str, path: str, data: bytes | None = None, content_type: str = "application/json") -> tuple[int, bytes]:
    request = urllib.request.Request(base + path, data=data, headers={"Content-Type": content_type} if data is not None else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def _raw_get(base: str, target: bytes) -> bytes:
    """A request line with bytes no HTTP library would send (scanners do)."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def _dash_config(page: bytes) -> dict:
    return json.loads(re.search(rb'<script id="_dash-config" type="application/json">(.*?)</script>', page).group(1))


def test_a_real_server_refuses_hostile_requests_and_keeps_serving_with_debug_off():
    # Debug switches of Dash and Flask in the environment must not turn debug on: only ASCN_DEBUG=1 does.
    with start_server(env={"ASCN_DEBUG": None, "DASH_DEBUG": "true", "FLASK_DEBUG": "1"}) as server:
        base = server.base
        body = json.dumps(trend_body()).encode()
        hostile = [
            _status(base, CALLBACK, b"{not json"),
            _status(base, CALLBACK, json.dumps({"output": "nope.children"}).encode()),
            _status(base, CALLBACK, json.dumps({**trend_body(), "inputs": "x"}).encode()),
            _status(base, CALLBACK, bytes(range(256)) * 4, "application/octet-stream"),
            _status(base, CALLBACK, b"[" * 100_000 + b"]" * 100_000),
            _status(base, "/api/partnerships.json?" + "partner=" + "X" * 3000),
            _status(base, "/api/partnerships.csv?year_from=2019&year_to=1990&%zz=%ff"),
        ]
        for status, data in hostile:
            assert 400 <= status < 500 and not LEAKS.search(data), (status, data[:200])
        raw = _raw_get(base, b"/api/partnerships.json?partner=\xff\xfe")
        assert raw.startswith(b"HTTP/1.1 400") and not LEAKS.search(raw)
        status, page = _status(base, "/")
        assert status == 200
        config = _dash_config(page)
        assert config["ui"] is False and config["props_check"] is False
        assert _status(base, CALLBACK, body)[0] == 200  # still serving
        assert _status(base, "/api/partnerships.json?partner=JPN")[0] == 200


def test_debug_comes_on_only_when_asked_for():
    with start_server(env={"ASCN_DEBUG": "1"}) as server:
        assert _dash_config(_status(server.base, "/")[1])["ui"] is True
