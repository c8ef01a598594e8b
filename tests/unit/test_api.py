"""The data API: same parameters and query code as the page; 400 with a reason on bad input."""

import csv
import io

import pytest


def test_csv_for_japan_has_its_four_rows_and_a_named_file(client):
    response = client.get("/api/partnerships.csv?partner=JPN&provenance=table-2")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert 'filename="ascn-partnerships_partner-JPN_provenance-table-2.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [int(r["partnership_id"]) for r in rows] == [7, 8, 14, 15]
    assert list(rows[0]) == ["partnership_id", "provenance", "title", "organisations", "partner_economies", "partner_names",
                             "city_ids", "city_names", "member_state_names", "focus_area",
                             "year", "year_source", "year_source_url", "source", "source_url", "notes"]
    assert {r["provenance"] for r in rows} == {"table-2"}
    assert rows[3]["year"] == ""  # row 15: year unknown stays empty


def test_json_matches_csv_and_keeps_lists(client):
    body = client.get("/api/partnerships.json?partner=JPN&focus_area=built-infrastructure&provenance=table-2").get_json()
    assert body["count"] == 2 and [r["partnership_id"] for r in body["rows"]] == [7, 15]
    assert body["rows"][0]["partner_economies"] == ["JPN"] and body["rows"][1]["year"] is None
    assert body["filters"] == {"partner": "JPN", "focus_area": "built-infrastructure", "provenance": "table-2"}


def test_no_parameters_returns_the_whole_record(client):
    from ascn import load_dataset

    assert client.get("/api/partnerships.json").get_json()["count"] == len(load_dataset().partnerships)


def test_provenance_filter_in_the_api_and_each_row_says_where_it_comes_from(client):
    later = client.get("/api/partnerships.json?provenance=later-reporting").get_json()
    assert later["count"] >= 9 and {r["provenance"] for r in later["rows"]} == {"later-reporting"}
    assert all(r["source_url"].startswith("http") for r in later["rows"])
    table = client.get("/api/partnerships.json?provenance=table-2").get_json()
    assert [r["partnership_id"] for r in table["rows"]] == list(range(1, 21))
    assert table["rows"][0]["year_source_url"].startswith("https://")  # each row links to its own item
    bad = client.get("/api/partnerships.json?provenance=rumour")
    assert bad.status_code == 400 and bad.get_json()["problems"][0]["param"] == "provenance"


@pytest.mark.parametrize("query, param", [
    ("partner=XXX", "partner"),
    ("colour=red", "colour"),
    ("year_from=abc", "year_from"),
    ("year_from=2019&year_to=2016", "year_from"),
])
def test_bad_parameters_answer_400_naming_the_parameter(client, query, param):
    for path in ("/api/partnerships.csv", "/api/partnerships.json"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400
        body = response.get_json()
        assert body["problems"][0]["param"] == param and "allowed" in body["problems"][0]


def test_formula_cells_are_neutralised_in_csv():
    from routes.api import neutralise

    assert neutralise("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert neutralise("+1") == "'+1" and neutralise("@SUM") == "'@SUM" and neutralise("\tx") == "'\tx"
    assert neutralise("Japan") == "Japan"


def test_geometry_is_served_once_with_an_etag(client):
    first = client.get("/geo/countries.geojson")
    assert first.status_code == 200 and first.headers["Cache-Control"].startswith("public")
    again = client.get("/geo/countries.geojson", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_a_refused_request_says_refused_and_suggests_the_likely_value(client):
    body = client.get("/api/partnerships.json?partner=JAP&focus_area=helth").get_json()
    assert "was ignored" not in body["error"] and body["error"].count("was refused") == 2
    assert "did you mean partner=JPN?" in body["error"]
    assert [p["suggestion"] for p in body["problems"]] == ["JPN", "health-wellbeing"]


def test_the_csv_names_beside_the_codes(client, record):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/partnerships.csv").get_data(as_text=True))))
    assert len(rows) == len(record.partnerships)
    cities = record.cities
    for row in rows:
        codes, cities_of_row = row["partner_economies"].split(";"), row["city_ids"].split(";")
        assert row["partner_names"].split(";") == [record.economy_name(c) for c in codes]
        assert row["city_names"].split(";") == [str(cities.at[c, "name"]) for c in cities_of_row]
        states = list(dict.fromkeys(cities.at[c, "member_state"] for c in cities_of_row))
        assert row["member_state_names"].split(";") == [record.economy_name(s) for s in states]
    japan = next(r for r in rows if r["partner_economies"] == "JPN")
    assert japan["partner_names"] == "Japan"
