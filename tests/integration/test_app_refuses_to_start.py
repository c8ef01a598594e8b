"""The app and the command line refuse to start as processes (exit status 1, the reason on stderr, files untouched): on
cases of the corpus of broken data marked `app` spread over it (tests/validation_corpus.py; every app case goes through
app_from_env, what the process runs, in tests/unit/test_validate_corpus.py), and on a bad ASCN_PUBLIC_URL."""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from ascn.settings import PUBLIC_URL_ENV
from ascn.validate import validate_dir
from tests.support import ROOT
from tests.validation_corpus import APP_CASES, CASES
from tests.validation_helpers import copy_data, snapshot

TIMEOUT = 120  # generous: a process that imports Dash on a loaded 2-core machine; only a hang should hit it
AT_ONCE = 4
PROCESS_CASES = APP_CASES[::-(-len(APP_CASES) // AT_ONCE)]  # one round of starts, spread over the corpus


def run_python(*args: str, data_dir) -> subprocess.CompletedProcess:
    env = {**{k: v for k, v in os.environ.items() if k != "ASCN_DATA_DIR"}, "ASCN_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT)


@pytest.fixture(scope="module")
def app_runs(tmp_path_factory):
    """`python app.py` on a copy of data/ with each app case's mistake: all started when the module starts."""
    copies = {}
    for case in PROCESS_CASES:
        data_dir = copy_data(tmp_path_factory.mktemp(case.id))
        case.mutate(data_dir)
        copies[case.id] = (data_dir, snapshot(data_dir))
    with ThreadPoolExecutor(AT_ONCE) as pool:
        done = dict(zip(copies, pool.map(lambda d: run_python("app.py", data_dir=d[0]), copies.values())))
    return {case_id: (*copies[case_id], done[case_id]) for case_id in copies}


@pytest.mark.parametrize("case", PROCESS_CASES, ids=[c.id for c in PROCESS_CASES])
def test_app_refuses_to_start_and_says_why(case, app_runs):
    data_dir, before, done = app_runs[case.id]
    assert done.returncode == 1, done.stderr
    expected_lines = {str(p) for p in validate_dir(data_dir).problems}
    assert len(expected_lines) == len(case.expect)
    assert expected_lines <= set(done.stderr.splitlines()), done.stderr
    assert snapshot(data_dir) == before


def test_cli_process_exits_1_on_the_acceptance_case(tmp_path):
    data_dir = copy_data(tmp_path)
    CASES[0].mutate(data_dir)
    done = run_python("-m", "ascn", "validate", str(data_dir), data_dir=data_dir)
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == "2 problems found; nothing was changed."
    assert done.stdout == ""


def test_the_app_refuses_to_start_on_a_bad_public_address():
    env = {**os.environ, PUBLIC_URL_ENV: "ascn.example.org"}
    done = subprocess.run([sys.executable, "app.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 1
    assert "will not start" in done.stderr and "ASCN_PUBLIC_URL='ascn.example.org'" in done.stderr and "Traceback" not in done.stderr
