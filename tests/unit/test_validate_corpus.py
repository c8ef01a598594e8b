"""The corpus of broken data (tests/validation_corpus.py) through the validator, in process: the exact problems reported
(file, line, column, value, the gist of the message), the files untouched; and the command line's report, through its
main(). The app refusing to start on the same cases: tests/integration/test_app_refuses_to_start.py."""

import os
import re
from pathlib import Path

import pytest

from app import app_from_env
from ascn import DataError
from ascn.__main__ import main as cli
from ascn.validate import validate_dir
from tests.validation_corpus import CASES, ECON, HUGE, C, E, G, M, P, matches
from tests.validation_helpers import copy_data, set_cell, snapshot


@pytest.fixture
def broken(request, tmp_path):
    """A copy of data/ with the case's mistake in it, and the copy's files as they are then."""
    case = request.param
    data_dir = copy_data(tmp_path)
    case.mutate(data_dir)
    return case, data_dir, snapshot(data_dir)


def test_corpus_is_large_and_ids_are_unique():
    assert len(CASES) >= 32
    assert len({c.id for c in CASES}) == len(CASES)
    assert sum(c.app for c in CASES) >= 8


@pytest.mark.parametrize("broken", CASES, ids=[c.id for c in CASES], indirect=True)
def test_validator_reports_exactly_the_mistake(broken):
    case, data_dir, before = broken
    if case.app:
        # As the app starts (app_from_env, what `python app.py` and gunicorn run): it refuses the data and exits 1,
        # printing a report that names each problem (a real process refusing: tests/integration/test_app_refuses_to_start.py).
        with pytest.raises(SystemExit) as exited:
            app_from_env({"ASCN_DATA_DIR": str(data_dir)})
        assert isinstance(exited.value.__cause__, DataError)  # the loader refused the data
        problems = exited.value.__cause__.report.problems
        assert isinstance(exited.value.code, str)  # a message: the interpreter prints it to stderr and exits with status 1
        assert {str(p) for p in problems} <= set(exited.value.code.splitlines()), exited.value.code
    else:
        problems = validate_dir(data_dir).problems
    report = "\n".join(map(str, problems))
    assert len(problems) == len(case.expect), report
    for expect in case.expect:
        assert any(matches(p, expect) for p in problems), f"{expect} not in:\n{report}"
    assert snapshot(data_dir) == before, "the validator changed a file"


def test_cli_exits_1_and_names_both_rows_of_the_acceptance_case(tmp_path, capsys):
    data_dir = copy_data(tmp_path)
    CASES[0].mutate(data_dir)
    assert cli(["validate", str(data_dir)]) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert any(re.match(r"partnerships\.csv:4: column 'focus_area': value 'industry-inovation': ", line) for line in lines), err
    assert any(re.match(r"partnerships\.csv:12: column 'city_ids': value 'kuala-lumpor': ", line) for line in lines), err
    assert lines[-1] == "2 problems found; nothing was changed."
    assert out == ""


@pytest.mark.parametrize("name", [P, C, M, E, ECON, G])
def test_a_file_the_process_may_not_read_is_reported_not_raised(tmp_path, monkeypatch, name):
    # Tests run as root, whom a file's mode bits do not stop: make the read itself fail, as it does for other users.
    data_dir = copy_data(tmp_path)
    target = data_dir / name
    real = os.open

    def opened(path, *args, **kwargs):
        if Path(path) == target:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)
    monkeypatch.setattr(os, "open", opened)  # how ascn.csvread.read_bytes opens a file
    problems = validate_dir(data_dir).problems
    assert [str(p) for p in problems] == [f"{name}: cannot be read: permission denied"]


def test_scene_file_with_a_huge_id_and_a_nul_is_reported_by_the_cli(tmp_path, capsys):
    data_dir = copy_data(tmp_path)
    set_cell(data_dir, "scenes.csv", "9", "scene_id", HUGE)
    set_cell(data_dir, "scenes.csv", "2", "title", "Who partners\x00 with the network")
    status = cli(["validate", str(data_dir)])  # an exception here would be the traceback a user sees
    out, err = capsys.readouterr()
    assert status == 1, out
    assert "Traceback" not in err
    lines = err.splitlines()
    assert f"scenes.csv:10: column 'scene_id': value '{HUGE}': a whole number from 1 to 9007199254740991" in lines, err
    assert any(line.startswith("scenes.csv:3: column 'title': value 'Who partners\\x00 with the network': text without control")
               for line in lines), err
