"""`make soak`'s heavy phase, small: full-record downloads at once against a real gunicorn, refusals by design asked
again, the health check timed meanwhile (the full run, twelve downloads of 150,000 rows on two workers, is
`make soak`'s)."""

import json

from bench import soak
from routes import api

ROWS = 12_000  # over api.HEAVY_ROWS: each download takes a slot
DOWNLOADS = api.HEAVY_DOWNLOADS + 2  # one worker: two of them are refused at first


def test_the_heavy_phase_reads_every_download_whole_and_times_the_health_check(tmp_path):
    out = tmp_path / "soak.json"
    status = soak.main(["--heavy-only", "--heavy-rows", str(ROWS), "--heavy-downloads", str(DOWNLOADS), "--heavy-workers", "1",
                        "--max-health-ms", "5000", "--json", str(out)])  # loose: other tiers run meanwhile
    heavy = json.loads(out.read_text())["heavy"]
    assert status == 0, heavy
    assert heavy["completed"] == DOWNLOADS and heavy["errors"] == 0 and heavy["rows"] == ROWS
    assert heavy["refused_by_design"] >= 1  # the 503s with Retry-After were counted and asked again, not errors
    assert heavy["healthz"]["checks"] >= 3 and heavy["healthz"]["failed"] == 0
    # What fails the run: any other error, a download not read whole, a slow or failed health check.
    assert soak.heavy_failures({**heavy, "errors": 1}, 1000)
    assert soak.heavy_failures({**heavy, "completed": DOWNLOADS - 1}, 1000)
    assert soak.heavy_failures({**heavy, "healthz": {**heavy["healthz"], "max_ms": 1000.5}}, 1000)
    assert soak.heavy_failures({**heavy, "healthz": {**heavy["healthz"], "failed": 1}}, 1000)
