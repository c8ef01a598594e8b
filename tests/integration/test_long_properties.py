"""The unit tier's property tests (hypothesis) again, with their long runs: the example counts the unit tier cuts to
stay inside its 30 s (tests.support.examples). A pytest process of its own, so the counts are read fresh."""

import os
import subprocess
import sys

from tests.support import LONG_EXAMPLES_ENV, ROOT

TIMEOUT = 600  # bounded; a hang, not a slow machine, should reach it


def test_the_property_tests_pass_with_their_long_runs():
    env = {**os.environ, LONG_EXAMPLES_ENV: "1"}
    # -m hypothesis: hypothesis marks every @given test; -p no:cacheprovider: nothing written into the repository.
    done = subprocess.run([sys.executable, "-m", "pytest", "tests/unit", "-m", "hypothesis", "-q", "-p", "no:cacheprovider", "-p", "no:xdist"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-2000:]
    assert " passed" in done.stdout.splitlines()[-1]
