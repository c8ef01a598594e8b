"""URL parameters <-> Selection: what a shared link means, and what a broken one says."""

import pytest

from ascn import load_dataset
from ascn.filters import allowed_values
from ascn.selection import Selection, parse_params


@pytest.fixture(scope="module")
def allowed():
    return allowed_values(load_dataset())  # what parse_params checks values against


def test_round_trip_through_the_url(allowed):
    sel = Selection(member_states=("KHM",), partners=("JPN", "KOR"), focus_areas=("built-infrastructure",),
                    cities=("phnom-penh",), year_from=2016, year_to=2019, unknown_year="exclude")
    qs = sel.to_query_string()
    assert qs == ("?member_state=KHM&partner=JPN,KOR&focus_area=built-infrastructure&city=phnom-penh"
                  "&year_from=2016&year_to=2019&unknown_year=exclude")
    from urllib.parse import parse_qs

    parsed = parse_params(parse_qs(qs[1:]), allowed)
    assert parsed.selection == sel and parsed.problems == []


def test_empty_selection_has_no_query_string():
    assert Selection().to_query_string() == ""


def test_codes_are_case_insensitive_and_repeated_keys_add(allowed):
    parsed = parse_params({"partner": ["jpn", "KOR,jpn"]}, allowed)
    assert parsed.selection.partners == ("JPN", "KOR") and not parsed.problems


@pytest.mark.parametrize("params, param, value", [
    ({"partner": "XXX"}, "partner", "XXX"),
    ({"focus_area": "industry"}, "focus_area", "industry"),
    ({"city": "atlantis,hanoi"}, "city", "atlantis"),
    ({"colour": "red"}, "colour", "red"),
    ({"year_from": "20x9"}, "year_from", "20x9"),
    ({"year_to": "1800"}, "year_to", "1800"),
    ({"unknown_year": "maybe"}, "unknown_year", "maybe"),
])
def test_unknown_values_are_reported_and_ignored(allowed, params, param, value):
    parsed = parse_params(params, allowed)
    assert [(p.param, p.value) for p in parsed.problems] == [(param, value)]
    assert parsed.selection.partners == () and parsed.selection.year_to is None
    if param == "city":
        assert parsed.selection.cities == ("hanoi",)


def test_reversed_years_are_ignored_with_a_notice(allowed):
    parsed = parse_params({"year_from": "2019", "year_to": "2016"}, allowed)
    assert parsed.selection.year_from is None and parsed.selection.year_to is None
    assert "no later than year_to=2016" in str(parsed.problems[0])


@pytest.mark.parametrize("params, suggestion", [
    ({"partner": "JAP"}, "JPN"), ({"partner": "Japan"}, "JPN"), ({"focus_area": "helth"}, "health-wellbeing"),
    ({"focus_area": "industry"}, "industry-innovation"), ({"city": "singapur"}, "singapore"), ({"city": "Phnom Penh"}, "phnom-penh"),
    ({"member_state": "vietnam"}, "VNM"), ({"partner": "qqqqqq"}, ""),
])
def test_a_mistyped_value_gets_the_likely_correction(allowed, params, suggestion):
    problem = parse_params(params, allowed).problems[0]
    assert problem.suggestion == suggestion
    assert (f"did you mean {problem.param}={suggestion}?" in str(problem)) == bool(suggestion)


def test_toggled_adds_then_removes():
    sel = Selection().toggled("partners", "JPN")
    assert sel.partners == ("JPN",)
    assert sel.toggled("partners", "JPN") == Selection()
