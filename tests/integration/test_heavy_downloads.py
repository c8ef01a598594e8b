"""Under gunicorn's gevent worker, a worker streams at most HEAVY_DOWNLOADS heavy downloads (CSV, JSON or ZIP) at once,
answers the next 503 with Retry-After, and keeps answering /healthz promptly while the heavy ones are held open by slow readers."""

import http.client
import sys
import time

from bench.generate_data import generate
from routes import api
from tests.support import start_server

ROWS = 30_000  # heavy (over api.HEAVY_ROWS) and several MB of JSON: more than the sockets' buffers hold


def _open(port: int, path: str) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    return connection, connection.getresponse()


def test_heavy_downloads_are_bounded_per_worker_and_health_answers_meanwhile(tmp_path):
    data = generate(tmp_path / "data", rows=ROWS)
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:server"]
    with start_server(command, env={"ASCN_DATA_DIR": str(data), "WEB_CONCURRENCY": "1"}, ready="/healthz", timeout=120) as server:
        held = []
        try:
            for _ in range(api.HEAVY_DOWNLOADS):  # slow readers: one chunk read, the rest left waiting
                connection, response = _open(server.port, "/api/partnerships.json")
                assert response.status == 200
                response.read(1024)
                held.append(connection)
            for path in ("/api/partnerships.csv", "/api/partnerships.zip"):  # the ZIP counts in the same slots
                connection, busy = _open(server.port, path)
                assert busy.status == 503 and int(busy.getheader("Retry-After")) >= 1, (path, busy.status)
                assert b"error" in busy.read()
                connection.close()
            started = time.monotonic()
            connection, health = _open(server.port, "/healthz")
            assert health.status == 200
            health.read()
            connection.close()
            assert time.monotonic() - started < 1.0
        finally:
            for connection in held:
                connection.close()
        deadline = time.monotonic() + 30
        while True:  # the held downloads end as their sockets close; then a new one is served
            connection, again = _open(server.port, "/api/partnerships.csv")
            status = again.status
            again.read()
            connection.close()
            if status == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert status == 200
