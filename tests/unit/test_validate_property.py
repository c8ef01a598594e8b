"""Property tests: whatever a person pastes into a cell or a file, the validator reports it and never raises."""

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ascn import DataError, load_dataset, vocab
from ascn.csvread import read_csv_text
from ascn.schemas import partnerships_schema
from ascn.validate import check_frame, validate_dir
from tests.support import examples
from tests.validation_helpers import copy_data, read_rows, write_rows

# Text of every kind: control characters, zero-width characters, quotes, line breaks, huge digit runs, lone surrogates
# left out (a UTF-8 file cannot hold them).
CELL = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    st.text(string.digits, min_size=1, max_size=420),
    st.sampled_from(["\u200b", "\x00", "1" + "0" * 400, "-0", "nan", "inf", "1e309", "9" * 25, '"', ";;", "\r\n"]),
)
COLUMN = st.sampled_from(["partnership_id", "title", "organisations", "partner_economies", "city_ids", "focus_area",
                          "year", "year_source", "source", "source_url", "notes"])
SETTINGS = settings(max_examples=examples(8, long=60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def frame():
    from tests.validation_helpers import DATA
    table = read_csv_text(DATA / vocab.PARTNERSHIPS, vocab.PARTNERSHIPS, list(read_rows(DATA / vocab.PARTNERSHIPS)[0]))
    return table.frame


@SETTINGS
@given(column=COLUMN, row=st.integers(0, 19), value=CELL)
def test_any_text_in_any_partnership_cell_is_judged_never_raises(frame, column, row, value):
    edited = frame.copy()
    edited.iloc[row, edited.columns.get_loc(column)] = value
    problems = check_frame(vocab.PARTNERSHIPS, edited, partnerships_schema(_refs()))
    for problem in problems:
        assert problem.file == vocab.PARTNERSHIPS and problem.message
        str(problem)  # every problem prints


def _refs():
    from ascn.rules import References
    return References()


@SETTINGS
@given(rows=st.lists(st.lists(CELL, min_size=1, max_size=12), min_size=0, max_size=4), raw_tail=st.binary(max_size=30))
def test_any_commitments_file_is_reported_and_load_never_raises(tmp_path_factory, rows, raw_tail):
    """A whole file of arbitrary records (and arbitrary trailing bytes): the loader loads it or raises DataError."""
    data_dir = copy_data(tmp_path_factory.mktemp("prop"))
    path = data_dir / vocab.COMMITMENTS
    header = read_rows(path)[0]
    write_rows(path, [header, *rows])
    path.write_bytes(path.read_bytes() + raw_tail)
    report = validate_dir(data_dir)
    assert all(str(p) for p in report.problems)
    try:
        load_dataset(data_dir)
    except DataError as err:
        assert str(err).endswith("nothing was changed.")

