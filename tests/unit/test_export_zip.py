"""The ZIP download: the view's CSV, byte for byte, plus a README that says what it is and how to cite it."""

import datetime
import io
import zipfile

import pandas as pd
import pytest

from ascn import columns
from ascn.filters import PROVENANCE_LABELS
from ascn.query import CONTRACT_COLUMNS
from routes.export import sources


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


@pytest.mark.parametrize("params", [
    "",
    "partner=JPN",
    "focus_area=built-infrastructure&unknown_year=exclude",
    "member_state=KHM&year_from=2016&year_to=2019",
    "city=singapore,yangon&partner=chn",
    "unknown_year=only",
    "partner=FRA&unknown_year=only",  # no rows: the header alone
])
def test_csv_in_the_zip_is_exactly_the_csv_endpoints(client, params):
    from_zip = open_zip(client.get(f"/api/partnerships.zip?{params}")).read("partnerships.csv")
    assert from_zip == client.get(f"/api/partnerships.csv?{params}").data


def test_readme_names_the_view_filters_rows_columns_sources_citation_licence_and_time(public_address, record):
    client = public_address("https://ascn.example.org")
    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    # The link names the configured address, never the Host the request claims.
    response = client.get("/api/partnerships.zip?focus_area=built-infrastructure&partner=JPN", base_url="https://evil.example")
    after = datetime.datetime.now(datetime.timezone.utc)
    readme = open_zip(response).read("README.txt").decode("utf-8")
    flat = " ".join(readme.split())  # the README wraps long lines
    version = record.version

    url = "https://ascn.example.org/?partner=JPN&focus_area=built-infrastructure"
    assert f"View (link): {url}" in flat
    assert "Filters: Partner: Japan; Focus: Built infrastructure" in flat
    rows = record.partnerships
    shown = sum(1 for _, r in rows.iterrows() if "JPN" in r["partner_economies"] and r["focus_area"] == "built-infrastructure")
    assert shown >= 2  # Table 2's rows 7 and 15 at least
    assert f"Rows: {shown} of the {len(rows)} partnerships in the record" in flat and "evil" not in flat
    assert f"Data version: {version} (edition of {columns.DATA_DATE})" in flat
    for column, meaning in columns.PARTNERSHIP_COLUMNS.items():
        assert f"{column} {' '.join(meaning.split())}" in flat
    assert f"Main source: {columns.ISEAS_PAPER} (Table 2, rows 7, 15)." in flat
    # The other sources are the ones these rows name: row 7's year, not row 1's.
    assert "first platform meeting 27 February 2019: MLIT white paper (2019), column on the Japan-Cambodia platform [partnership 7]" in flat
    in_view = rows[rows["partner_economies"].map(lambda codes: "JPN" in codes) & (rows["focus_area"] == "built-infrastructure")]
    for pid, row in in_view.iterrows():  # each row's own year source, whatever rows the record adds
        if row["year_source"]:
            assert f"{' '.join(row['year_source'].split())} [partnership" in flat, pid
    assert "signed 12 July 2018 in Singapore" not in flat
    assert columns.LICENCE == "CC BY 4.0" and " ".join(columns.LICENCE_STATEMENT.split()) in flat
    assert "Natural Earth" in flat and "public domain" in flat

    stamp = flat.split("Exported: ", 1)[1].split(" ", 1)[0]
    exported = datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    assert before <= exported <= after
    assert " ".join(columns.citation(version, url, stamp).split()) in flat
    assert columns.citation(version, url, stamp).startswith(
        f"ASEAN Smart Cities Network partnerships dashboard, data version {version}, exported {stamp}, {url}. Based on Martinus, M. (2020), ")


def test_readme_of_the_whole_record_says_no_filters(public_address, record):
    client = public_address("http://127.0.0.1:8050")
    readme = open_zip(client.get("/api/partnerships.zip", base_url="http://evil.example")).read("README.txt").decode("utf-8")
    assert "View (link):   http://127.0.0.1:8050/\n" in readme and "evil" not in readme
    assert "Filters:       none (the whole record)" in readme
    total = len(record.partnerships)
    assert f"Rows:          {total} of the {total} partnerships" in readme


@pytest.mark.parametrize("params", ["partner=XXX", "colour=red", "year_from=abc", "year_from=2019&year_to=2016"])
def test_bad_parameters_answer_the_same_400_as_the_csv(client, params):
    response = client.get(f"/api/partnerships.zip?{params}")
    assert response.status_code == 400 and response.headers["Content-Type"] == "application/json"
    assert response.get_json() == client.get(f"/api/partnerships.csv?{params}").get_json()


def test_sources_are_deduplicated_and_the_paper_is_listed_once():
    rows = pd.DataFrame([
        [1, "table-2", "a", (), (), (), "civic-social", 2018, "Report X, 2018", "", columns.ISEAS_PAPER + ", Table 2, row 1", "", ""],
        [2, "table-2", "b", (), (), (), "civic-social", 2018, "Report X, 2018", "", columns.ISEAS_PAPER + ", Table 2, row 2", "", ""],
        [3, "later-reporting", "c", (), (), (), "civic-social", None, "", "", "A newspaper, 2019", "", ""],
    ], columns=CONTRACT_COLUMNS)
    paper, others = sources(rows)
    assert paper == {"2": ["1", "2"]}
    assert others == {"Report X, 2018": [1, 2], "A newspaper, 2019": [3]}


def test_readme_says_the_data_version_and_what_changed(client, record):
    from ascn.changelog import read_changelog

    readme = open_zip(client.get("/api/partnerships.zip?provenance=later-reporting")).read("README.txt").decode("utf-8")
    edition = read_changelog(record.data_dir)[0]
    assert f"What changed in this edition ({edition.date}: {edition.title})" in readme
    assert f"Filters:       Source: {PROVENANCE_LABELS['later-reporting']}" in readme  # the provenance filter, in words
    flat = " ".join(readme.split())
    assert " ".join(edition.items[0].split())[:60] in flat


def test_a_source_behind_many_rows_lists_its_first_ids_and_counts_the_rest():
    from ascn import wording

    few = wording.readme_other_source("Report X", [3, 5])
    assert few == "Report X [partnerships 3, 5]"
    many = wording.readme_other_source("Report X", list(range(1, 150_001)))
    listed = wording.README_IDS_LISTED
    assert many.startswith("Report X [partnerships 1, 2, 3") and f", {listed}, " not in many and f", {listed} and" in many
    assert many.endswith(f"and {150_000 - listed:,} more]") and len(many) < 1000
