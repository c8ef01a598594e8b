"""The validator and start-up are one check: whatever the validator accepts, the app starts on and serves every page;
whatever it refuses, it says why. Records are generated from the committed one: files with only a header, one row,
some rows, optional columns left empty (docs/data-contract.md says what an empty file means, file by file)."""

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from app import create_app
from ascn import DataError, load_dataset, vocab, wording
from ascn.query import Query
from ascn.settings import Settings
from tests.support import DATA, examples, filter_change
from tests.validation_helpers import read_rows, write_rows

PAGES = ("/", "/_dash-layout", "/about", "/api/partnerships.csv", "/api/partnerships.json")
SCENES = "scenes.csv"
ROWS_OF = (vocab.PARTNERSHIPS, vocab.COMMITMENTS, vocab.EVENTS, vocab.NETWORK_SIZE, SCENES)  # files whose rows may go
OPTIONAL = {  # columns the contract lets be empty
    vocab.CITIES: ("aliases", "geonames_id"),
    vocab.PARTNERSHIPS: ("year", "year_source", "year_source_url", "notes"),
    vocab.COMMITMENTS: ("end_date", "table1_row", "partnership_ids", "notes"),
    vocab.EVENTS: ("end_date", "location", "notes"),
    vocab.NETWORK_SIZE: ("notes",),
}
# What the contract says of a file with a header and no rows: refused (the message names the file), or served.
REFUSED_EMPTY = {vocab.ECONOMIES, vocab.CITIES, vocab.PARTNERSHIPS, vocab.EVENTS}
SERVED_EMPTY = {vocab.COMMITMENTS, vocab.NETWORK_SIZE, SCENES}


def serves(data_dir: Path) -> dict:
    """Build the app in-process on ``data_dir`` and ask for every page, the API and one filter change."""
    record = load_dataset(data_dir)
    app = create_app(record, Settings(data_dir=data_dir))
    client = app.server.test_client()
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code, response.data[:300])
    years = record.partnerships["year"].dropna()
    search = f"?year_from={int(years.min())}" if len(years) else "?unknown_year=only"
    answer = filter_change(search=search, query=Query(record))
    assert answer["table_rows"] is not None and answer["map"] is not None
    return answer


def agrees(data_dir: Path) -> bool:
    """Either the validator refuses (saying what is wrong), or the app serves everything; True when served."""
    try:
        serves(data_dir)
    except DataError as err:
        assert str(err).strip() and "problem" in str(err), str(err)
        return False
    return True


def _copy(root: Path) -> Path:
    return Path(shutil.copytree(DATA, root / "data"))


def _keep_rows(data: Path, name: str, keep) -> list[str]:
    rows = read_rows(data / name)
    kept = [row for i, row in enumerate(rows[1:]) if keep(i, len(rows) - 1)]
    write_rows(data / name, [rows[0], *kept])
    return [row[0] for row in kept]


@pytest.mark.parametrize("name", sorted(REFUSED_EMPTY | SERVED_EMPTY))
def test_a_file_with_only_its_header_is_refused_or_served_as_the_contract_says(tmp_path, name):
    data = _copy(tmp_path)
    _keep_rows(data, name, lambda i, n: False)
    if name == vocab.PARTNERSHIPS:  # commitments may not point at partnerships that are gone
        _blank(data, vocab.COMMITMENTS, "partnership_ids")
    if name in REFUSED_EMPTY:
        with pytest.raises(DataError) as err:
            load_dataset(data)
        assert f"{name}: file has a header but no rows" in str(err.value)
    else:
        answer = serves(data)
        if name == vocab.COMMITMENTS:
            shown = json.dumps(answer["commitments"]["layout"]["annotations"]).replace("<br>", " ")
            assert wording.NO_COMMITMENTS in shown  # an empty chart that says so


@pytest.mark.parametrize("name", ROWS_OF)
@pytest.mark.parametrize("which", ["first", "last"])
def test_a_file_with_one_row_is_served(tmp_path, name, which):
    data = _copy(tmp_path)
    kept = _keep_rows(data, name, lambda i, n: i == (0 if which == "first" else n - 1))
    if name == vocab.PARTNERSHIPS:
        _only_partnerships(data, set(kept))
    if name in (vocab.PARTNERSHIPS, vocab.COMMITMENTS, vocab.EVENTS):
        serves(data)  # the rest stays valid
    else:
        agrees(data)  # a scene may name what is gone; one size fact may count fewer cities than cities.csv names


def _blank(data: Path, name: str, column: str) -> None:
    rows = read_rows(data / name)
    at = rows[0].index(column)
    for row in rows[1:]:
        row[at] = ""
    write_rows(data / name, rows)


def _only_partnerships(data: Path, kept: set[str]) -> None:
    rows = read_rows(data / vocab.COMMITMENTS)
    at = rows[0].index("partnership_ids")
    for row in rows[1:]:
        row[at] = ";".join(p for p in row[at].split(";") if p in kept)
    write_rows(data / vocab.COMMITMENTS, rows)


CHOICE = st.sampled_from(["all", "header", "one", "some"])
BLANKS = st.sets(st.sampled_from([(name, col) for name, cols in OPTIONAL.items() for col in cols]), max_size=4)


@settings(max_examples=examples(6, long=60), deadline=None, derandomize=True, suppress_health_check=list(HealthCheck),
          phases=(Phase.explicit, Phase.generate))  # each example builds an app: no shrinking, the failing draw is printed
@given(choices=st.tuples(*[CHOICE] * len(ROWS_OF)), seeds=st.lists(st.integers(0, 2**16), min_size=len(ROWS_OF), max_size=len(ROWS_OF)),
       blanks=BLANKS)
def test_whatever_the_validator_accepts_the_app_serves(choices, seeds, blanks):
    with tempfile.TemporaryDirectory() as root:
        data = _copy(Path(root))
        for name, choice, seed in zip(ROWS_OF, choices, seeds):
            keep = {"all": lambda i, n: True, "header": lambda i, n: False, "one": lambda i, n, s=seed: i == s % n,
                    "some": lambda i, n, s=seed: (s >> (i % 16)) & 1}[choice]
            kept = _keep_rows(data, name, keep)
            if name == vocab.PARTNERSHIPS:
                _only_partnerships(data, set(kept))
        for name, column in sorted(blanks):
            _blank(data, name, column)
        agrees(data)
