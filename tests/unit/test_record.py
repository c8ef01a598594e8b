"""The facts of the record (Martinus 2020, Tables 1 and 2, and /work/shared/notes/data-notes.md) as data/ holds them."""

import re

import pandas as pd
import pytest
from validation_helpers import DATA, run_python, snapshot

from ascn import load_dataset

THAI_2023 = {"chiang-mai": "Chiang Mai", "khon-kaen": "Khon Kaen", "rayong": "Rayong"}
ASEAN = {"BRN", "IDN", "KHM", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "VNM"}
# Years found in public reporting (data-notes.md); the table itself gives none.
YEARS = {1: 2018, 2: 2018, 4: 2019, 6: 2016, 7: 2019, 8: 2018, 11: 2018, 12: 2014, 14: 2013, 16: 2016, 18: 2019, 19: 2019, 20: 2019}
NO_YEAR = {3, 5, 9, 10, 13, 15, 17}
# Table 1: row -> (partner economies, date, end date)
TABLE_1 = {
    1: ("AUS;CHN;IND;JPN;KOR;NZL;RUS;USA", "2018-11-15", ""),
    2: ("USA", "2018-11-15", ""),
    3: ("AUS", "2019-04", ""),
    4: ("JPN", "2019-10-08", "2019-10-11"),
    5: ("CHN", "2019-11-03", ""),
    6: ("KOR", "2019-11-25", ""),
}


@pytest.fixture(scope="module")
def record():
    return load_dataset(DATA)


def test_29_cities_26_from_2018_and_three_thai_cities_from_2023(record):
    cities = record.cities
    assert len(cities) == 29
    assert (cities["joined"] == 2018).sum() == 26
    joined_2023 = cities[cities["joined"] == 2023]
    assert dict(joined_2023["name"]) == THAI_2023
    assert set(joined_2023["member_state"]) == {"THA"}
    assert set(cities["joined"]) == {2018, 2023}


def test_ten_member_states_each_with_cities(record):
    members = set(record.economies.index[record.economies["asean_member"]])
    assert members == ASEAN
    assert set(record.cities["member_state"]) == ASEAN


def test_partnerships_are_table_2_rows_1_to_20(record):
    assert list(record.partnerships.index) == list(range(1, 21))


def test_focus_area_counts_are_table_2s(record):
    counts = record.partnerships["focus_area"].value_counts().to_dict()
    assert counts == {
        "industry-innovation": 7, "safety-security": 6, "built-infrastructure": 4,
        "civic-social": 1, "quality-environment": 1, "health-wellbeing": 1,
    }


def test_table_1_has_six_dated_statements(record):
    statements = record.commitments[record.commitments["kind"] == "statement"]
    assert sorted(statements["table1_row"]) == [1, 2, 3, 4, 5, 6]
    for row in statements.itertuples():
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", row.date), row
        assert (";".join(row.partner_economies), row.date, row.end_date) == TABLE_1[row.table1_row]
    assert record.commitments.loc[record.commitments["kind"] != "statement", "table1_row"].isna().all()


def test_only_rows_5_16_20_are_between_asean_parties_and_say_so(record):
    partnerships = record.partnerships
    intra = {pid for pid, codes in partnerships["partner_economies"].items() if set(codes) <= ASEAN}
    assert intra == {5, 16, 20}
    for pid in intra:
        assert "Partnership between ASEAN parties" in partnerships.at[pid, "notes"]


def test_years_known_and_unknown(record):
    years = record.partnerships["year"]
    assert {pid: int(years[pid]) for pid in YEARS} == YEARS
    assert years[sorted(NO_YEAR)].isna().all()
    assert set(YEARS) | NO_YEAR == set(years.index)
    sources = record.partnerships["year_source"]
    assert (sources[list(YEARS)] != "").all() and (sources[sorted(NO_YEAR)] == "").all()


@pytest.mark.parametrize("table", ["cities", "partnerships", "commitments", "events"])
def test_every_record_has_a_source(record, table):
    frame = getattr(record, table)
    assert len(frame) > 0
    assert (frame["source"].str.strip() != "").all()


def test_money_stays_in_its_own_currency(record):
    commitments = record.commitments
    by_title = commitments.set_index("title")
    assert (by_title.at["US-ASEAN Smart Cities Partnership", "amount"], by_title.at["US-ASEAN Smart Cities Partnership", "currency"]) \
        == (10_000_000.0, "USD")
    assert (by_title.at["ASEAN Australia Smart Cities Trust Fund", "amount"], by_title.at["ASEAN Australia Smart Cities Trust Fund", "currency"]) \
        == (20_000_000.0, "AUD")
    # Nothing is converted without saying at what rate and when.
    assert commitments["usd_rate"].isna().all() or (commitments.loc[commitments["usd_rate"].notna(), "usd_rate_date"] != "").all()
    assert set(commitments.loc[commitments["amount"].notna(), "currency"]) == {"USD", "AUD"}
    assert pd.isna(commitments.loc[commitments["currency"] == "", "amount"]).all()


def test_cli_validates_the_record_prints_the_summary_and_never_writes():
    before = snapshot(DATA)
    done = run_python("-m", "ascn", "validate", "data")
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(
        r"ok: data: 29 cities in 10 member states, 20 partnerships, \d+ commitments, \d+ events, "
        r"\d+ economies \(10 ASEAN members\), \d+ country shapes(, [^\n]+)?\n",  # the summary may grow more counts
        done.stdout,
    ), done.stdout
    assert done.stderr == ""
    assert snapshot(DATA) == before
