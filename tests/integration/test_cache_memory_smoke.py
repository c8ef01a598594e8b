"""`python -m bench.cache_memory`, small: distinct maximum-size callback requests (just under the body limit, every
one schema-valid) are all answered and a worker's memory stays flat. The full run, 500 requests and at most 50 MB of
growth, is `make soak`'s (issue 18, class 1)."""

import json

from bench import cache_memory
from routes.security import MAX_BODY_BYTES

REQUESTS = 8


def test_distinct_maximum_size_callbacks_are_answered_and_the_worker_stays_flat(tmp_path):
    out = tmp_path / "memory.json"
    status = cache_memory.main(["--requests", str(REQUESTS), "--warm", "2", "--json", str(out)])
    result = json.loads(out.read_text())
    assert status == 0, result
    assert result["statuses"] == {"200": REQUESTS}  # view stores and map selections alike: accepted, answered
    assert result["mean_request_kb"] * 1024 > 0.95 * MAX_BODY_BYTES
    assert result["growth_mb"] <= 50 and not result["failures"]
    # What fails the run: growth past the bound, at the end or at the peak, and any answer but 200.
    assert cache_memory.failures({**result, "growth_mb": 50.5}, 50)
    assert cache_memory.failures({**result, "rss_peak_mb": result["rss_before_mb"] + 51}, 50)
    assert cache_memory.failures({**result, "statuses": {"200": REQUESTS - 1, "500": 1}}, 50)
