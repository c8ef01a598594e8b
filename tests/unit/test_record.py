"""The facts of the record (Martinus 2020, Tables 1 and 2, and /work/shared/notes/data-notes.md) as data/ holds them."""

import re

import pandas as pd
import pytest

from ascn.__main__ import main as cli
from tests.validation_helpers import DATA, snapshot

THAI_2023 = {"chiang-mai": "Chiang Mai", "khon-kaen": "Khon Kaen", "rayong": "Rayong"}
JOINED_2024 = {"sumedang": ("Sumedang", "IDN", 1626103), "sihanoukville": ("Sihanoukville", "KHM", 1831142)}
JOINED_2025 = {"cauayan-city": ("Cauayan City", "PHL", 1717729)}  # named at the 8th annual meeting (Manila Bulletin)
# The network's size as dated sources state it (data-sources.md section 2): year -> counts stated that year.
SIZES = {2018: [26], 2023: [26, 29], 2024: [31], 2025: [34]}
TABLE_2 = list(range(1, 21))
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


def table_2(record) -> pd.DataFrame:
    """The paper's own rows: everything the paper counted is counted over these."""
    p = record.partnerships
    return p[p["provenance"] == "table-2"]


def test_named_cities_26_from_2018_three_thai_from_2023_two_from_2024_cauayan_city_from_2025(record):
    cities = record.cities
    assert len(cities) >= 26 + 3 + 2 + 1  # a city a source names later may join them
    assert (cities["joined"] == 2018).sum() == 26
    joined_2023 = cities[cities["joined"] == 2023]
    assert dict(joined_2023["name"]) == THAI_2023
    assert set(joined_2023["member_state"]) == {"THA"}
    joined_2024 = cities[cities["joined"] == 2024]
    assert {cid: (row["name"], row["member_state"], int(row["geonames_id"])) for cid, row in joined_2024.iterrows()} == JOINED_2024
    assert {2018, 2023, 2024, 2025} <= set(cities["joined"])
    for cid in JOINED_2024:  # coordinates from the offline GeoNames data, cited
        assert "GeoNames" in cities.at[cid, "source"] and "mid-2024" in cities.at[cid, "source"]
    for cid, (name, state, geonames) in JOINED_2025.items():
        row = cities.loc[cid]
        assert (row["name"], row["member_state"], int(row["geonames_id"]), row["joined"]) == (name, state, geonames, 2025)
        assert f"GeoNames {geonames}" in row["source"] and "in 2025" in row["source"]


def test_network_size_by_year_follows_the_dated_facts(record):
    sizes = record.size_by_year()
    assert {year: row.counts_stated for year, row in sizes.iterrows() if row.counts_stated} == SIZES
    assert sizes.at[2025, "count"] == 34 and 32 <= sizes.at[2025, "named"] < 34  # Cauayan City named, two not
    assert sizes.at[2024, "count"] == sizes.at[2024, "named"] == 31
    assert sizes.at[2018, "named"] == 26
    facts = record.network_size
    assert (facts["quote"] != "").all() and facts["source_url"].str.startswith("http").all()
    # The disagreement about the Thai cities is recorded, not hidden.
    assert facts["notes"].str.contains("mid-2024").any() and facts["quote"].str.contains("candidature").any()


def test_aliases_name_no_other_place(record):
    cities = record.cities
    assert "Siem Reab" not in cities.at["siem-reap", "aliases"]
    assert "Ho Chi Minh" in cities.at["ho-chi-minh-city", "aliases"]


def test_ten_member_states_each_with_cities(record):
    members = set(record.economies.index[record.economies["asean_member"]])
    assert members == ASEAN
    assert set(record.cities["member_state"]) == ASEAN


def test_partnerships_1_to_20_are_table_2s_rows_and_only_they(record):
    assert list(table_2(record).index) == TABLE_2
    assert set(record.partnerships["provenance"]) == {"table-2", "later-reporting"}


def test_table_2_partner_counts(record):
    codes = [c for codes in table_2(record)["partner_economies"] for c in codes]
    assert (codes.count("JPN"), codes.count("CHN"), codes.count("USA")) == (4, 4, 3)


def test_focus_area_counts_are_table_2s(record):
    counts = table_2(record)["focus_area"].value_counts().to_dict()
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
    partnerships = table_2(record)
    intra = {pid for pid, codes in partnerships["partner_economies"].items() if set(codes) <= ASEAN}
    assert intra == {5, 16, 20}
    for pid in intra:
        assert "Partnership between ASEAN parties" in partnerships.at[pid, "notes"]


def test_years_known_and_unknown(record):
    years = table_2(record)["year"]
    assert {pid: int(years[pid]) for pid in YEARS} == YEARS
    assert years[sorted(NO_YEAR)].isna().all()
    assert set(YEARS) | NO_YEAR == set(years.index)
    sources = table_2(record)["year_source"]
    assert (sources[list(YEARS)] != "").all() and (sources[sorted(NO_YEAR)] == "").all()


def test_every_year_has_a_followable_source_with_its_date_and_address(record):
    dated = record.partnerships[record.partnerships["year"].notna()]
    assert len(dated) >= 13
    for pid, row in dated.iterrows():
        assert "public reporting" not in row.year_source, pid
        assert str(row.year) in row.year_source, (pid, row.year_source)  # the source's date names the year
        assert row.year_source_url.startswith("http"), pid


def test_rows_older_than_the_network_say_so(record):
    partnerships = record.partnerships
    older = set(partnerships.index[partnerships["year"].fillna(9999) < 2018])
    assert older == {6, 12, 14, 16}
    for pid in older:
        assert "Older than the network" in partnerships.at[pid, "notes"], pid


def test_titles_are_as_printed_in_the_table(record):
    titles = record.partnerships["title"]
    assert titles[4] == "ING Holdings Cambodia, Causeway Bay Group HK, Sino Bay Construction HK"
    assert titles[7].startswith("Cambodia\u2019s Ministry of Land Management, Urban Planning and Construction (MLMUPC) Japan\u2019s")
    assert titles[8] == "Amata City Chonburi, Hitachi. City of Yokohama, and Yokohama Urban Solution Alliance"
    assert titles[12] == "Dassault Syst\u00e8mes and Virtual 3d Singapore"
    assert titles[14] == "Jakarta Regional Disaster Management Agency (BNPB) and Fujitsu"
    # Corrections live in organisations and notes.
    assert "BPBD DKI Jakarta" in ";".join(record.partnerships.at[14, "organisations"])
    assert "it is read here" in record.partnerships.at[20, "notes"]
    assert "Switzerland, Sweden" not in record.partnerships.at[9, "notes"]


def test_every_added_row_quotes_its_source_and_has_an_address(record):
    added = record.partnerships[record.partnerships["provenance"] == "later-reporting"]
    assert len(added) >= 9
    assert (added.index > 20).all()
    for pid, row in added.iterrows():
        assert re.search(r'"[^"]{20,}"', row.notes), pid
        assert row.source_url.startswith("http"), pid
    assert (added["year"].dropna() > 2019).all()


def test_partners_that_are_not_countries_are_organisations(record):
    economies = record.economies
    assert economies.at["eu", "kind"] == "organisation" and not economies.at["eu", "asean_member"]
    eu = record.commitments[record.commitments["partner_economies"].map(lambda codes: "eu" in codes)]
    assert list(eu["currency"]) == ["EUR"] and list(eu["amount"]) == [5_100_000.0]


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
    assert set(commitments.loc[commitments["amount"].notna(), "currency"]) == {"USD", "AUD", "JPY", "EUR"}
    assert pd.isna(commitments.loc[commitments["currency"] == "", "amount"]).all()


def test_cli_validates_the_record_prints_the_summary_and_never_writes(capsys, monkeypatch):
    before = snapshot(DATA)
    monkeypatch.chdir(DATA.parent)
    monkeypatch.delenv("ASCN_DATA_DIR", raising=False)
    status = cli(["validate", "data"])  # `python -m ascn validate data`, in process (the process: tests/integration)
    out, err = capsys.readouterr()
    assert status == 0, err
    assert re.fullmatch(
        r"ok: data: \d+ cities in 10 member states, \d+ partnerships \(20 from Table 2, \d+ added from later reporting\), \d+ commitments, \d+ events, "
        r"\d+ economies \(10 ASEAN members\), \d+ country shapes(, [^\n]+)?\n",  # the summary may grow more counts
        out,
    ), out
    assert err == ""
    assert snapshot(DATA) == before
