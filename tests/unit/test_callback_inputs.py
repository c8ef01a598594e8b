"""Forged callback inputs: anything the page's components could not have sent gets a 400 or no update, never a 500."""

import base64
import json
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from components import ids
from layouts import inputs
from tests.support import envelope, examples, find_callback, server_callbacks

CALLBACK = "/_dash-update-component"
FORGE = settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
LEAKS = re.compile(rb"Traceback|File \"|site-packages|\.py\", line")


def _dep_key(dep: dict) -> tuple[str, str]:
    cid = json.loads(dep["id"]) if dep["id"].startswith("{") else dep["id"]
    return (cid["type"] if isinstance(cid, dict) else cid, dep["property"])


DEPS = [(output, f"{dep['id']}.{dep['property']}", _dep_key(dep))
        for output, spec in server_callbacks().items() for dep in spec["inputs"] + spec.get("state", [])]
SINGLE = [(o, prop) for o, prop, _ in DEPS if not prop.startswith("{")]


def test_every_input_of_every_server_callback_has_a_declared_shape():
    missing = sorted({key for _, _, key in DEPS if not inputs.declared(key)})
    assert missing == [], f"add these to layouts/inputs.py SCHEMAS: {missing}"


def update_view() -> str:
    return find_callback("url", "search", "notice.children")


def post(client, prop: str, value, output: str | None = None):
    return client.post(CALLBACK, json=envelope(output or update_view(), {prop: value, "view.data": {}}, prop))


def assert_refused(response):
    assert response.status_code == 400, (response.status_code, response.data[:300])
    assert not LEAKS.search(response.data) and "never" in response.get_json()["error"]


@pytest.mark.parametrize("prop, value", [
    ("map.clickData", {"points": [{"curveNumber": 1, "customdata": 5}]}),  # customdata not what the figure sends
    ("map.clickData", {"points": [{"curveNumber": 0, "location": ["KHM"]}]}),
    ("map.clickData", {"points": "KHM"}),
    ("map.selectedData", {"points": {"0": {"curveNumber": 1}}}),  # points not a list
    ("map.selectedData", {"points": [5]}),
    ("map.selectedData", {"points": [{"curveNumber": 1, "customdata": [["phnom-penh"]]}]}),
    ("map.selectedData", {"points": [{"curveNumber": 1, "customdata": [5]}]}),  # a city id that is a number
    ("map.selectedData", {"points": [{"curveNumber": 1, "customdata": [None, "x"]}]}),
    ("map.selectedData", {"points": [{"curveNumber": 1, "customdata": [True]}]}),
    ("map.clickData", {"points": [{"curveNumber": 1, "customdata": [7, "Hanoi"]}]}),
    ("map.selectedData", {"points": [{"curveNumber": 1, "customdata": []}]}),
    ("chart-trend.clickData", {"points": [{"customdata": "abc"}]}),
    ("chart-trend.clickData", {"points": [{"customdata": 2016}]}),
    ("chart-story.clickData", {"points": [{"customdata": ["2023"]}]}),
    ("chart-story.clickData", {"points": [{"customdata": []}]}),
    ("chart-partners.clickData", {"points": [{"customdata": ["JPN"]}]}),
    ("filter-years.value", [2015]),  # a one-element year range
    ("filter-years.value", [2015, 2016, 2017]),
    ("filter-partner.value", [["JPN"]]),
    ("filter-unknown-year.value", "sometimes"),
    ("trend-cumulative.value", "yes"),
    ("map-shift.data", {"shift": True}),
    ("charts-in-view.data", ["chart-focus", "<img src=x>"]),  # only the ids the page can report
    ("charts-in-view.data", "chart-focus"),
    ("charts-in-view.data", ["chart-focus"] * 50),
    ("clear-all.n_clicks", -1),
])
def test_the_reported_forgeries_are_refused(client, prop, value):
    assert_refused(post(client, prop, value))


def test_a_store_holding_a_list_is_refused_by_every_callback_that_reads_it(client):
    for output, prop, key in DEPS:
        if key in ((ids.VIEW, "data"), (ids.MODE, "data")):
            assert_refused(client.post(CALLBACK, json=envelope(output, {prop: [1, 2]}, prop)))


def _chip_body(chip_id: dict, trigger: dict | None = None) -> dict:
    body = envelope(update_view(), {"view.data": {"partner": "JPN"}})
    key = '{"param":["ALL"],"type":"chip","value":["ALL"]}.n_clicks'
    position = [f"{d['id']}.{d['property']}" for d in server_callbacks()[update_view()]["inputs"]].index(key)
    body["inputs"][position] = [{"id": chip_id, "property": "n_clicks", "value": 1}]
    body["changedPropIds"] = [json.dumps(trigger or chip_id, sort_keys=True, separators=(",", ":")) + ".n_clicks"]
    return body


def test_a_chip_naming_an_unknown_parameter_is_refused(client):
    assert_refused(client.post(CALLBACK, json=_chip_body({"type": "chip", "param": "nope", "value": "x"})))
    assert_refused(client.post(CALLBACK, json=_chip_body({"type": "chip", "param": "partner", "value": 5})))


def test_a_trigger_that_is_not_an_input_of_the_request_is_refused(client):
    body = _chip_body({"type": "chip", "param": "partner", "value": "JPN"}, trigger={"type": "chip", "param": "nope", "value": "x"})
    response = client.post(CALLBACK, json=body)
    assert response.status_code == 400 and "changedPropIds" in response.get_json()["error"]


def test_a_real_chip_click_is_served(client):
    response = client.post(CALLBACK, json=_chip_body({"type": "chip", "param": "partner", "value": "JPN"}))
    assert response.status_code == 200
    assert response.get_json()["response"]["view"]["data"] == {}


def test_what_the_figures_really_send_is_served(client):
    city = {"points": [{"curveNumber": 1, "pointNumber": 3, "pointIndex": 3, "lon": 104.9, "lat": 11.55,
                        "customdata": ["phnom-penh", "Phnom Penh", "Cambodia", 4, "Japan (1)", "partnerships"],
                        "bbox": {"x0": 1, "x1": 2, "y0": 1, "y1": 2}}]}
    response = post(client, "map.clickData", city)
    assert response.status_code == 200 and response.get_json()["response"]["view"]["data"] == {"city": "phnom-penh"}
    story = {"points": [{"curveNumber": 0, "x": "2023-07-28", "y": "2023-07 · 6th meeting", "customdata": [2023, "t", "w", "l", "s"]}]}
    assert post(client, "chart-story.clickData", story).status_code == 200
    trend = {"points": [{"curveNumber": 0, "x": "2016", "y": 2, "customdata": "2016", "label": "2016", "value": 2}]}
    assert post(client, "chart-trend.clickData", trend).get_json()["response"]["view"]["data"] == {
        "year_from": "2016", "year_to": "2016", "unknown_year": "exclude"}
    box = {"points": [{"curveNumber": 1, "customdata": ["hanoi", "Hanoi", "Viet Nam", 1, "x", "partnership"]},
                      {"curveNumber": 0, "location": "VNM", "customdata": ["VNM", "Viet Nam", "member"]}],
           "range": {"geo": [[100, 20], [110, 10]]}}
    assert post(client, "map.selectedData", box).status_code == 200


def test_a_click_naming_an_id_not_in_the_record_changes_nothing(client):
    forged = {"points": [{"curveNumber": 1, "customdata": ["atlantis", "Atlantis"]}]}
    assert post(client, "map.clickData", forged).status_code == 204  # no update: the id is not in the record
    assert post(client, "chart-partners.clickData", {"points": [{"customdata": "XXX"}]}).status_code == 204


JSON = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**20) | st.floats(allow_nan=False) | st.text(max_size=15),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=15)
EVENTS = st.one_of(JSON, st.fixed_dictionaries({"points": JSON}),
                   st.fixed_dictionaries({"points": st.lists(st.dictionaries(st.sampled_from(
                       ["curveNumber", "customdata", "location", "pointNumber", "x"]), JSON, max_size=4), max_size=3)}))


@FORGE
@given(st.sampled_from(SINGLE), EVENTS)
def test_any_value_for_any_input_gets_a_4xx_or_an_answer_never_a_500(client, dep, value):
    output, prop = dep
    response = client.post(CALLBACK, json=envelope(output, {prop: value}, prop))
    assert response.status_code in (200, 204, 400), (prop, value, response.status_code, response.data[:300])
    assert not LEAKS.search(response.data)


# -- schema-valid but meaningless: values of the declared shape that name nothing in the record ---------------------

WORDS = st.sampled_from(["", "atlantis", "JPN", "hanoi", "phnom-penh", "KHM", "unknown", "2016", "9" * 5000, "0", "-1",
                         "civic-social", "<b>", "JPN,XXX", "%00", "\u202e", "ＪＰＮ"])
TEXT = WORDS | st.text(max_size=12)
SCALAR = st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats(allow_nan=False, allow_infinity=False) | TEXT
QUERY = st.lists(st.tuples(st.sampled_from(["partner", "city", "member_state", "focus_area", "provenance", "year_from", "year_to",
                                            "unknown_year", "network_year", "scene", "chart", "present", "cumulative", "x"]),
                           WORDS | st.integers(-5, 3000).map(str)), max_size=4).map(lambda pairs: "?" + "&".join(f"{k}={v}" for k, v in pairs))


def _events(customdata):
    point = st.fixed_dictionaries({"curveNumber": st.sampled_from([1, 0, 2, -1]), "customdata": customdata},  # plotly sends curveNumber
                                  optional={"location": st.none() | TEXT, "pointNumber": st.integers(0, 10**6)})
    return st.fixed_dictionaries({"points": st.lists(point, min_size=1, max_size=3)}) | st.none() | st.just({"points": []})


NUMBER = st.integers(-10**6, 10**6) | st.floats(-1e9, 1e9, allow_nan=False)
ID_FIRST = st.tuples(TEXT, st.lists(SCALAR, max_size=5)).map(lambda t: [t[0], *t[1]])
VALID = {  # (component id, property) -> values of the declared shape (layouts/inputs.py), meaning anything or nothing
    (ids.URL, "search"): st.none() | TEXT | QUERY, (ids.URL, "href"): st.none() | TEXT, (ids.URL, "pathname"): st.none() | TEXT,
    (ids.URL, "hash"): st.none() | TEXT,
    (ids.PRESENT_FROM, "data"): st.none() | TEXT | QUERY,
    (ids.DECK, "data"): st.none() | st.lists(st.dictionaries(st.sampled_from(["title", "caption", "view", "charts", "x"]), st.none() | TEXT | QUERY,
                                                             max_size=5), max_size=4),
    (ids.DECK_ADD, "n_clicks"): st.none() | st.integers(0, 10**12), (ids.DECK_SAVE, "n_clicks"): st.none() | st.integers(0, 10**12),
    (ids.DECK_MOVE, "data"): st.none() | st.lists(st.integers(-5, 40), min_size=2, max_size=2),
    (ids.DECK_OPEN, "contents"): st.none() | TEXT | st.binary(max_size=300).map(lambda b: "data:text/csv;base64," + base64.b64encode(b).decode()),
    (ids.DECK_OPEN, "filename"): st.none() | TEXT,
    (ids.VIEW, "data"): st.none() | st.dictionaries(TEXT.filter(lambda t: len(t) <= 50), TEXT, max_size=4),
    (ids.MODE, "data"): st.none() | st.dictionaries(st.sampled_from(["present", "scene", "chart", "network_year", "x"]),
                                                    st.booleans() | TEXT.filter(lambda t: len(t) <= 50), max_size=3),
    (ids.MAP_SHIFT, "data"): st.none() | st.booleans(),
    (ids.SCREEN, "data"): st.none() | st.sampled_from(["narrow", "wide"]),
    (ids.IN_VIEW, "data"): st.none() | st.lists(st.sampled_from([*ids.LAZY_CHARTS, ids.TABLE]), unique=True),
    (ids.FILTER_YEARS, "value"): st.none() | st.tuples(NUMBER, NUMBER).map(list),
    (ids.FILTER_YEARS, "min"): st.none() | NUMBER, (ids.FILTER_YEARS, "max"): st.none() | NUMBER,
    (ids.FILTER_UNKNOWN_YEAR, "value"): st.none() | st.sampled_from(["include", "exclude", "only"]),
    (ids.NETWORK_YEAR, "value"): st.none() | TEXT.filter(lambda t: len(t) <= 10),
    (ids.TREND_CUMULATIVE, "value"): st.none() | st.booleans(),
    (ids.MAP, "clickData"): _events(st.lists(SCALAR, min_size=1, max_size=4) | ID_FIRST | st.none()),
    (ids.MAP, "selectedData"): _events(st.lists(SCALAR, min_size=1, max_size=4) | ID_FIRST | st.none()),
    (ids.TREND, "clickData"): _events(st.none() | st.sampled_from(["unknown", "0000", "1900", "2016", "9999"])),
    (ids.PARTNERS, "clickData"): _events(st.none() | TEXT), (ids.FOCUS, "clickData"): _events(st.none() | TEXT),
    (ids.STORY, "clickData"): _events(st.none() | st.tuples(st.integers(1900, 2200), st.lists(SCALAR, max_size=4)).map(lambda t: [t[0], *t[1]])),
    (ids.MATRIX, "clickData"): _events(st.none() | st.tuples(TEXT, TEXT, st.lists(SCALAR, max_size=3)).map(lambda t: [t[0], t[1], *t[2]])),
    (ids.CLEAR_ALL, "n_clicks"): st.none() | st.integers(0, 10**12), (ids.CLEAR_SELECTION, "n_clicks"): st.none() | st.integers(0, 10**12),
    (ids.EMBED_CHART, "value"): st.none() | TEXT, (ids.EMBED_SNIPPET, "value"): st.none() | TEXT,
    (ids.TABLE, "selectedRows"): st.none() | st.lists(st.dictionaries(st.sampled_from(["partnership_id", "city_ids", "x"]),
                                                                     SCALAR | st.lists(SCALAR, max_size=3), max_size=3), max_size=3),
    (ids.TABLE_SEARCH, "value"): st.none() | TEXT,
}
CODES = st.none() | st.lists(TEXT, max_size=4)  # every list filter's control


def _valid(key: tuple[str, str]):
    return VALID.get(key, CODES)


INPUTS = {(output, f"{dep['id']}.{dep['property']}") for output, spec in server_callbacks().items() for dep in spec["inputs"]}
SINGLE_KEYS = [(o, prop, key) for o, prop, key in DEPS if not prop.startswith("{")]


def test_every_input_has_a_strategy_of_valid_values():
    assert all(key in VALID or key[1] == "value" for _, _, key in SINGLE_KEYS)


@pytest.mark.parametrize("output, prop, key", SINGLE_KEYS, ids=[f"{prop}>{o[:30]}" for o, prop, key in SINGLE_KEYS])
@settings(max_examples=examples(10, long=150), deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_schema_valid_values_that_mean_nothing_are_answered_never_a_500(client, output, prop, key, data):
    value = data.draw(_valid(key))
    assume(inputs.entry_problem(key[0], key[1], value) is None)  # the declared shape holds: only the meaning is wrong
    trigger = prop if (output, prop) in INPUTS else None  # a state is sent along with the callback's first input
    response = client.post(CALLBACK, json=envelope(output, {prop: value}, trigger))
    assert response.status_code in (200, 204), (prop, value, response.status_code, response.data[:300])
