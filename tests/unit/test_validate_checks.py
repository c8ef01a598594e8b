"""Edge values of the cell checks: the column-at-once checks must accept and reject exactly what
the contract says, with the gist of the message, one problem per slip."""

import pytest

from ascn import vocab
from ascn.rules import References
from ascn.schemas import cities_schema, commitments_schema, economies_schema, events_schema, partnerships_schema
from ascn.validate import check_frame, validate_dir
from tests.validation_helpers import DATA


@pytest.fixture(scope="module")
def real():
    """The real files as text frames, and the schemas built against their references."""
    report = validate_dir(DATA)
    assert report.ok
    frames = report.frames
    economies, cities = frames[vocab.ECONOMIES], frames[vocab.CITIES]
    refs = References(
        economies=frozenset(economies["code"]),
        members=frozenset(economies.loc[economies["asean_member"] == "true", "code"]),
        city_ids=frozenset(cities["city_id"]),
        city_names={n.lower(): i for i, n in zip(cities["city_id"], cities["name"])},
        partnership_ids=frozenset(frames[vocab.PARTNERSHIPS]["partnership_id"]),
        economy_names={n.lower(): c for c, n in zip(economies["code"], economies["name"])},
    )
    schemas = {
        vocab.ECONOMIES: economies_schema(),
        vocab.CITIES: cities_schema(refs),
        vocab.PARTNERSHIPS: partnerships_schema(refs),
        vocab.COMMITMENTS: commitments_schema(refs),
        vocab.EVENTS: events_schema(),
    }
    return frames, schemas


def _problems(real, name: str, line: int, column: str, value: str):
    frames, schemas = real
    frame = frames[name].copy()
    frame.loc[line, column] = value
    return check_frame(name, frame, schemas[name])


ACCEPTED = [
    (vocab.PARTNERSHIPS, 6, "title", "Pnom Penh \u1797\u17d2\u1793\u17c6\u200b\u1796\u17c1\u1789"),  # Khmer's zero-width space between words
    (vocab.PARTNERSHIPS, 6, "title", "Café Ñandú 日本"),
    (vocab.PARTNERSHIPS, 5, "year", ""),
    (vocab.PARTNERSHIPS, 5, "year", str(vocab.YEAR_MAX)),
    (vocab.PARTNERSHIPS, 5, "year", str(vocab.YEAR_MIN)),
    (vocab.PARTNERSHIPS, 10, "partner_economies", "CHE;SWE;FRA"),
    (vocab.PARTNERSHIPS, 10, "source_url", ""),
    (vocab.PARTNERSHIPS, 10, "source_url", "http://example.org/a?b=c"),
    (vocab.COMMITMENTS, 2, "date", "2020-02-29"),
    (vocab.COMMITMENTS, 2, "date", "2018-11"),
    (vocab.COMMITMENTS, 3, "amount", "10000000.50"),
    (vocab.CITIES, 2, "geonames_id", ""),
    (vocab.CITIES, 2, "lat", "-6.2"),
    (vocab.CITIES, 2, "aliases", "Bandar;BSB"),
]


@pytest.mark.parametrize(("name", "line", "column", "value"), ACCEPTED, ids=[f"{c}={v!r}" for _n, _l, c, v in ACCEPTED])
def test_accepted(real, name, line, column, value):
    assert _problems(real, name, line, column, value) == []


REJECTED = [
    (vocab.PARTNERSHIPS, 6, "title", "Pundi X and City of Phnom Penh\u00a0", "ends with a space"),  # a no-break space pasted from the web
    (vocab.PARTNERSHIPS, 6, "title", "Pundi X  and City", "has a double space"),
    (vocab.PARTNERSHIPS, 6, "title", "Pundi X\nand City", "has a line break"),
    (vocab.PARTNERSHIPS, 6, "title", " ", "a value is required"),
    (vocab.PARTNERSHIPS, 5, "year", "２０１９", "not a four-digit year"),  # full-width digits
    (vocab.PARTNERSHIPS, 5, "year", "19", "not a four-digit year"),
    (vocab.PARTNERSHIPS, 10, "partner_economies", "CHE;;SWE", "an empty item"),
    (vocab.PARTNERSHIPS, 10, "partner_economies", ";CHE", "an empty item"),
    (vocab.PARTNERSHIPS, 10, "partner_economies", "CHE;SWE;CHE", "a repeated item: 'CHE'"),
    (vocab.PARTNERSHIPS, 10, "partner_economies", "CHE;XXX", "unknown: 'XXX'"),
    (vocab.PARTNERSHIPS, 10, "source_url", "ftp://example.org", "a full http(s):// address"),
    (vocab.PARTNERSHIPS, 10, "source_url", "https://example.org/a b", "a full http(s):// address"),
    (vocab.PARTNERSHIPS, 10, "partnership_id", "09", "not a whole number; a whole number from 1 to"),
    (vocab.PARTNERSHIPS, 10, "partnership_id", "9.0", "not a whole number; a whole number from 1 to"),
    (vocab.PARTNERSHIPS, 10, "partnership_id", "9007199254740992", "too large; a whole number from 1 to 9007199254740991"),
    # Decision (issue 9): a tab is a control character too; exports and terminals show it as a jump.
    (vocab.PARTNERSHIPS, 6, "title", "Pundi X and City of Phnom Penh\tCambodia", "a control character (U+0009)"),
    (vocab.PARTNERSHIPS, 6, "notes", "see \u202eevil", "a control character (U+202E)"),
    (vocab.PARTNERSHIPS, 6, "title", "\ufeff\u200d", "only invisible characters"),
    (vocab.PARTNERSHIPS, 10, "focus_area", "Industry and Innovation", "must be one of: civic-social"),
    (vocab.COMMITMENTS, 2, "date", "2019-02-29", "no such day in the calendar"),
    (vocab.COMMITMENTS, 2, "date", "1989-06-01", "year 1989 is out of range"),
    (vocab.COMMITMENTS, 2, "date", "11/15/2018", "month/day/year; write 2018-11-15"),
    (vocab.COMMITMENTS, 2, "date", "2018-11-15T00:00:00", "not a date in the form YYYY-MM-DD"),
    (vocab.COMMITMENTS, 3, "amount", "0", "a positive number"),
    (vocab.COMMITMENTS, 3, "amount", "1e7", "digits only"),
    (vocab.COMMITMENTS, 3, "currency", "usd", "write currency codes in capitals (did you mean 'USD'?)"),
    (vocab.COMMITMENTS, 2, "kind", "Statement", "must be one of: statement, funding"),
    (vocab.COMMITMENTS, 2, "table1_row", "7", "Table 1's row number, 1 to 6"),
    (vocab.CITIES, 2, "lat", "4,89035", "not a decimal number"),
    (vocab.CITIES, 2, "city_id", "Bandar Seri Begawan", "a lowercase ascii slug"),
    (vocab.ECONOMIES, 2, "code", "BN", "an ISO 3166-1 alpha-3 code in capitals"),
]


@pytest.mark.parametrize(("name", "line", "column", "value", "phrase"), REJECTED, ids=[f"{c}={v!r}" for _n, _l, c, v, _p in REJECTED])
def test_rejected_with_one_problem_at_the_cell(real, name, line, column, value, phrase):
    problems = _problems(real, name, line, column, value)
    assert [(p.file, p.line, p.column, p.value) for p in problems] == [(name, line, column, value)], problems
    assert phrase in problems[0].message


def _reworded(fs, check):
    """``check`` with its message changed, as an edit of the wording would change it."""
    check.error = "reworded: " + check.error
    return fs


def test_explainers_follow_the_check_code_not_its_message(real):
    frames, _schemas = real
    fs = partnerships_schema(References())
    focus = next(c for c in fs.schema.columns["focus_area"].checks if c.name == "focus-area")
    trimmed = next(c for c in fs.schema.columns["title"].checks if c.name == "trimmed")
    _reworded(_reworded(fs, focus), trimmed)
    frame = frames[vocab.PARTNERSHIPS].copy()
    frame.loc[4, "focus_area"] = "industry-inovation"
    frame.loc[6, "title"] = frame.loc[6, "title"] + " "
    messages = {p.column: p.message for p in check_frame(vocab.PARTNERSHIPS, frame, fs)}
    assert "(did you mean 'industry-innovation'?)" in messages["focus_area"]
    assert messages["title"].startswith("ends with a space")


def test_row_checks_keep_their_column_and_twins_when_reworded(real):
    frames, _schemas = real
    fs = partnerships_schema(References())
    for check in fs.schema.checks:
        _reworded(fs, check)
    frame = frames[vocab.PARTNERSHIPS].copy()
    frame.loc[4, "year"], frame.loc[4, "year_source"] = "2019", ""
    frame.loc[6, frame.columns[1:]] = frame.loc[7, frame.columns[1:]]
    problems = {(p.line, p.column): p.message for p in check_frame(vocab.PARTNERSHIPS, frame, fs)}
    assert problems[(4, "year_source")].startswith("reworded: a year needs a year_source")
    assert problems[(6, "")].endswith("(lines 6, 7)")
