"""Load for `make bench`: simulated users making one whole filter change after another, without pause, on 127.0.0.1.

BENCH_CHANGES names a JSON file holding a list of changes, each the list of request bodies (strings) the
browser posted to /_dash-update-component for it, in the order it sent them. One task is one whole change:
its requests one after another, reported together under BENCH_NAME (type CHANGE), so the rate is changes per
second. Any answer but 200 or 204 fails the change.
"""

import itertools
import json
import os
import random
import time

from locust import FastHttpUser, constant, events, task

CHANGES = json.loads(open(os.environ["BENCH_CHANGES"], encoding="utf-8").read())
NAME = os.environ.get("BENCH_NAME", "change")
HEADERS = {"Content-Type": "application/json", "Accept-Encoding": "gzip, deflate, br"}


class DashUser(FastHttpUser):
    wait_time = constant(0)  # each user makes its next change as soon as the last one is answered

    def on_start(self):
        start = random.randrange(len(CHANGES))
        self.changes = itertools.cycle(CHANGES[start:] + CHANGES[:start])

    @task
    def change(self):
        started, size, error = time.perf_counter(), 0, None
        for body in next(self.changes):
            with self.client.post("/_dash-update-component", data=body, headers=HEADERS, name=f"{NAME} (one request)",
                                  catch_response=True) as response:
                size += len(response.content or b"")
                if response.status_code not in (200, 204):
                    error = RuntimeError(f"status {response.status_code}")
                    response.failure(str(error))
                    break
        self.environment.events.request.fire(request_type="CHANGE", name=NAME, response_time=(time.perf_counter() - started) * 1000,
                                             response_length=size, exception=error, context={})


@events.init.add_listener
def loopback_only(environment, **_kwargs):
    if not (environment.host or "").startswith("http://127.0.0.1:"):
        raise SystemExit(f"the benchmark's load goes to 127.0.0.1 only, not {environment.host!r}")
