"""The unit tier runs in this process only: a unit test that starts a process (subprocess, fork, spawn) fails."""

import multiprocessing.util
import os
import subprocess
from pathlib import Path

import pytest

UNIT = Path(__file__).resolve().parent


class ProcessStarted(AssertionError):
    pass


def _refuse(*_args, **_kwargs):
    raise ProcessStarted("a unit test started a process: tests that need one belong in tests/integration")


GUARDED = [(subprocess.Popen, "_execute_child"), (multiprocessing.util, "spawnv_passfds")] + \
    [(os, name) for name in ("fork", "forkpty", "posix_spawn", "posix_spawnp", "system", "execv", "execve") if hasattr(os, name)]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Around each unit test's set-up, call and tear-down (fixtures of any scope included): no process may start.
    (pytest calls this hook of every conftest for every test: only the unit tier's tests are guarded.)"""
    if UNIT not in item.path.parents:
        return (yield)
    saved = [(owner, name, getattr(owner, name)) for owner, name in GUARDED]
    for owner, name, _ in saved:
        setattr(owner, name, _refuse)
    try:
        return (yield)
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)
