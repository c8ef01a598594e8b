"""The unit tier's guard (tests/unit/conftest.py): a unit test cannot start a process, by any of the usual ways."""

import multiprocessing
import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize("start", [
    lambda: subprocess.run([sys.executable, "-c", "pass"], check=False),
    lambda: subprocess.Popen(["true"]),
    lambda: os.fork(),
    lambda: os.system("true"),
    lambda: multiprocessing.get_context("spawn").Process(target=print).start(),
], ids=["subprocess.run", "Popen", "fork", "system", "multiprocessing"])
def test_starting_a_process_fails_the_test(start):
    with pytest.raises(AssertionError, match="a unit test started a process"):
        start()
