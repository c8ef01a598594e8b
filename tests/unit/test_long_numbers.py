"""Numbers of any length from outside (the address, the API, a callback, a data file) are refused like any bad value.

Python refuses to turn text of more than 4,300 digits into an int (ValueError); every number from outside goes
through ascn.numbers.whole, which refuses text longer than the bound it is checked against before converting it.
"""

import pytest

from ascn import numbers, vocab
from ascn.validate import validate_dir
from tests.support import envelope, filter_change, find_callback
from tests.validation_helpers import copy_data, read_rows, write_rows

LONG = "1" * 5000
HUGE = "9" * 100_000
CALLBACK = "/_dash-update-component"


@pytest.mark.parametrize("text", [LONG, HUGE, "0" * 5000 + "2020", "2020" + "0" * 5000], ids=["5000", "100000", "zeros-first", "zeros-after"])
def test_the_parser_refuses_text_longer_than_its_bound(text):
    assert numbers.whole(text, vocab.YEAR_MIN, vocab.YEAR_MAX) is None


@pytest.mark.parametrize("text, expected", [("2020", 2020), (str(vocab.YEAR_MIN), vocab.YEAR_MIN), ("1", None), ("", None),
                                            ("２０２０", None), ("+2020", None), ("-2020", None), (" 2020", None), ("20_20", None),
                                            ("2020.0", None), (2020, None), (None, None), (str(vocab.YEAR_MAX + 1), None)])
def test_the_parser_reads_ascii_digits_within_bounds_only(text, expected):
    assert numbers.whole(text, vocab.YEAR_MIN, vocab.YEAR_MAX) == expected


@pytest.mark.parametrize("param", ["year_from", "year_to"])
@pytest.mark.parametrize("extension", ["csv", "json"])
def test_the_api_answers_a_long_year_with_the_same_400_as_a_bad_one(client, param, extension):
    bad = client.get(f"/api/partnerships.{extension}?{param}=abc")
    response = client.get(f"/api/partnerships.{extension}?{param}={LONG}")
    assert response.status_code == bad.status_code == 400, response.data[:300]
    assert response.get_json()["error"].replace(LONG[:80], "abc") == bad.get_json()["error"]


@pytest.mark.parametrize("param", ["year_from", "year_to", "network_year"])
def test_a_long_year_in_the_address_is_a_notice_like_a_bad_one(query, param):
    bad = filter_change(search=f"?{param}=abc", query=query)
    long = filter_change(search=f"?{param}={LONG}", query=query)
    assert bad["notice"] and long["notice"]
    assert str(long["notice"]).replace(LONG[:80], "abc") == str(bad["notice"])
    assert long["table_rows"] == bad["table_rows"]


@pytest.mark.parametrize("param", ["year_from", "year_to", "network_year"])
def test_the_callback_endpoint_answers_a_long_year_without_failing(client, param):
    output = find_callback("url", "search", "chart-trend")
    response = client.post(CALLBACK, json=envelope(output, {"url.search": f"?{param}={LONG}"}, "url.search"))
    assert response.status_code == 200, response.data[:300]


@pytest.mark.parametrize("name, column", [("partnerships.csv", "partnership_id"), ("commitments.csv", "table1_row"),
                                          ("network_size.csv", "count")])
def test_the_validator_reports_a_long_number_in_a_data_file(tmp_path, name, column):
    data = copy_data(tmp_path)
    rows = read_rows(data / name)
    rows[-1][rows[0].index(column)] = LONG
    write_rows(data / name, rows)
    problems = validate_dir(data).problems
    assert any(p.column == column for p in problems), problems[:5]
