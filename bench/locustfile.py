"""Load for `make bench`: simulated users that post one Dash callback after another, without pause, to 127.0.0.1.

BENCH_BODIES names a JSON file holding a list of request bodies (strings) for /_dash-update-component;
each user cycles through them from its own starting point. Any answer but 200 is an error.
"""

import itertools
import json
import os
import random

from locust import FastHttpUser, constant, events, task

BODIES = json.loads(open(os.environ["BENCH_BODIES"], encoding="utf-8").read())
NAME = os.environ.get("BENCH_NAME", "callback")
HEADERS = {"Content-Type": "application/json", "Accept-Encoding": "gzip, deflate, br"}


class DashUser(FastHttpUser):
    wait_time = constant(0)  # each user issues its next filter change as soon as the last one is answered

    def on_start(self):
        start = random.randrange(len(BODIES))
        self.bodies = itertools.cycle(BODIES[start:] + BODIES[:start])

    @task
    def callback(self):
        with self.client.post("/_dash-update-component", data=next(self.bodies), headers=HEADERS, name=NAME,
                              catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")


@events.init.add_listener
def loopback_only(environment, **_kwargs):
    if not (environment.host or "").startswith("http://127.0.0.1:"):
        raise SystemExit(f"the benchmark's load goes to 127.0.0.1 only, not {environment.host!r}")
