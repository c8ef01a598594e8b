"""The validator never crashes or hangs on what it reads: a report orders problems whatever their values, and the
reader refuses what is not a regular file (a FIFO, a device, a socket) or is larger than it states, before reading."""

import os
import socket
import threading

import pytest

from ascn import csvread, vocab
from ascn.problems import Problem, format_report
from ascn.validate import validate_dir
from tests.validation_helpers import copy_data, edit_geometry, feature

SECONDS = 20  # a hang is a failure, not a stuck test run


def _validate_within(data) -> list[Problem]:
    result: dict = {}
    worker = threading.Thread(target=lambda: result.update(report=validate_dir(data)), daemon=True)
    worker.start()
    worker.join(SECONDS)
    assert not worker.is_alive(), "the validator hung"
    return result["report"].problems


def test_problems_with_text_and_none_values_sort():
    problems = [Problem("geo/countries.geojson", 0, "feature 3 (SGP)", "[1.3, 103.8]", "lat and lon swapped?"),
                Problem("geo/countries.geojson", 0, "feature 3 (SGP)", None, "the outline crosses itself"),
                Problem("a.csv", 2, "x", None, "m", label=""), Problem("a.csv", 2, "x", "v", "m")]
    assert [p.value for p in sorted(problems)][:2] == [None, "v"]
    assert "4 problems found" in format_report(problems)


def test_a_ring_written_lat_lon_that_also_crosses_itself_is_reported(tmp_path):
    data = copy_data(tmp_path)

    def swapped_bow_tie(collection):
        feature(collection, "SGP")["geometry"] = {"type": "Polygon", "coordinates": [[
            [1.2, 103.6], [1.45, 104.0], [1.2, 104.0], [1.45, 103.6], [1.2, 103.6]]]}

    edit_geometry(data, swapped_bow_tie)
    problems = _validate_within(data)
    assert any(p.file == vocab.GEOMETRY for p in problems)
    format_report(problems)


def _fifo(path):
    path.unlink()
    os.mkfifo(path)


def _device(path):
    path.unlink()
    path.symlink_to("/dev/zero")


def _socket(path):
    path.unlink()
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    return server


@pytest.mark.parametrize("make, says", [(_fifo, "FIFO"), (_device, "device"), (_socket, "socket")])
@pytest.mark.parametrize("name", [vocab.PARTNERSHIPS, vocab.GEOMETRY])
def test_what_is_not_a_regular_file_is_refused_before_reading(tmp_path, make, says, name):
    data = copy_data(tmp_path)
    if make is _socket and len(str(data / name)) > 100:
        pytest.skip("a socket path this long cannot be bound")
    keep = make(data / name)
    try:
        problems = _validate_within(data)
    finally:
        if keep is not None:
            keep.close()
    mine = [p for p in problems if p.file == name]
    assert mine and says in mine[0].message and "not a regular file" in mine[0].message, problems


def test_a_file_over_the_stated_size_is_refused_before_reading(tmp_path, monkeypatch):
    data = copy_data(tmp_path)
    size = (data / vocab.PARTNERSHIPS).stat().st_size
    monkeypatch.setattr(csvread, "MAX_FILE_BYTES", size - 1)
    problems = _validate_within(data)
    mine = [p for p in problems if p.file == vocab.PARTNERSHIPS]
    assert mine and f"more than the {size - 1:,} bytes" in mine[0].message, problems


def test_the_stated_size_holds_a_million_rows():
    assert csvread.MAX_FILE_BYTES >= 1 << 30  # the scale bench's 1,000,000-row record is about 477 MB
