"""Hostile requests: garbage to the callback endpoint and the API answers 4xx without a traceback; the server keeps serving."""

import json
import logging
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layouts import inputs
from routes import security
from tests.support import envelope, examples, find_callback, server_callbacks, the_dash_app

CALLBACK = "/_dash-update-component"
FUZZ = settings(max_examples=examples(30, long=150), deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
# What must never reach a client: Python tracebacks, source paths, the werkzeug debugger.
LEAKS = re.compile(rb"Traceback|File \"|site-packages|\.py\", line|Werkzeug Debugger|__debugger__")


def assert_refused(response, *, status: int | None = None) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.data[:300])
    if status is not None:
        assert response.status_code == status
    assert not LEAKS.search(response.data), response.data[:300]


def trend_body() -> dict:
    return envelope(find_callback("trend-cumulative", "value", "chart-trend"), {"view.data": {}, "trend-cumulative.value": True},
                    "trend-cumulative.value")


def garbage_payloads() -> list[tuple[str, dict]]:
    good = trend_body()
    single = good["inputs"][0]
    return [
        ("no body", {}),
        ("empty json", {"data": b"", "content_type": "application/json"}),
        ("broken json", {"data": b'{"output": ', "content_type": "application/json"}),
        ("json with NaN", {"data": b'{"output": NaN}', "content_type": "application/json"}),
        ("text/plain", {"data": json.dumps(good), "content_type": "text/plain"}),
        ("form", {"data": {"output": "chart-trend.figure"}}),
        ("multipart", {"data": {"f": (__import__("io").BytesIO(b"x"), "x.json")}, "content_type": "multipart/form-data"}),
        ("xml", {"data": b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>", "content_type": "application/xml"}),
        ("json null", {"json": None, "data": b"null", "content_type": "application/json"}),
        ("json number", {"json": 1}),
        ("json string", {"json": "output"}),
        ("json list", {"json": [good]}),
        ("empty object", {"json": {}}),
        ("unknown output", {"json": {**good, "output": "nope.children"}}),
        ("output not text", {"json": {**good, "output": ["chart-trend.figure"]}}),
        ("clientside output", {"json": {**good, "output": next((k for k, v in the_dash_app().callback_map.items()
                                                                 if not v.get("callback")), "x.y")}}),
        ("inputs not a list", {"json": {**good, "inputs": "x"}}),
        ("inputs missing one", {"json": {**good, "inputs": good["inputs"][1:]}}),
        ("inputs one too many", {"json": {**good, "inputs": good["inputs"] + [single]}}),
        ("input of another component", {"json": {**good, "inputs": [{**single, "id": "map"}] + good["inputs"][1:]}}),
        ("input of another property", {"json": {**good, "inputs": [{**single, "property": "__class__"}] + good["inputs"][1:]}}),
        ("input id as pattern", {"json": {**good, "inputs": [{**single, "id": {"type": "x"}}] + good["inputs"][1:]}}),
        ("input not an object", {"json": {**good, "inputs": [5] + good["inputs"][1:]}}),
        ("state where none is taken", {"json": {**good, "state": [single]}}),
        ("outputs missing", {"json": {k: v for k, v in good.items() if k != "outputs"}}),
        ("outputs of another callback", {"json": {**good, "outputs": {"id": "map", "property": "figure"}}}),
        ("changedPropIds not a list", {"json": {**good, "changedPropIds": "view.data"}}),
        ("changedPropIds of objects", {"json": {**good, "changedPropIds": [{"a": 1}]}}),
        ("deep nesting", {"data": b"[" * 200_000 + b"]" * 200_000, "content_type": "application/json"}),
        ("body over the limit", {"data": b'{"x": "' + b"a" * (security.MAX_BODY_BYTES + 10) + b'"}', "content_type": "application/json"}),
    ]


@pytest.mark.parametrize("name, kwargs", garbage_payloads(), ids=lambda x: x if isinstance(x, str) else "")
def test_garbage_to_the_callback_endpoint_is_refused_cleanly(client, name, kwargs):
    assert_refused(client.post(CALLBACK, **kwargs))
    assert client.post(CALLBACK, json=trend_body()).status_code == 200  # and the next good request is served


def test_the_good_request_used_above_is_served(client):
    response = client.post(CALLBACK, json=trend_body())
    assert response.status_code == 200 and "chart-trend-next" in response.get_json()["response"]


def test_size_and_type_refusals_say_why(client):
    assert_refused(client.post(CALLBACK, data=b"{}" + b" " * security.MAX_BODY_BYTES, content_type="application/json"), status=413)
    response = client.post(CALLBACK, data=b"x", content_type="text/plain")
    assert_refused(response, status=415)
    assert "application/json" in response.get_json()["error"]


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=20)
KEYS = st.sampled_from(["output", "outputs", "inputs", "state", "changedPropIds", "parsedChangedPropsIds"])


@FUZZ
@given(JSON)
def test_random_json_is_refused(client, body):
    assert_refused(client.post(CALLBACK, json=body))


@FUZZ
@given(st.dictionaries(KEYS, JSON, max_size=6), st.booleans())
def test_random_envelopes_are_refused(client, fields, real_output):
    body = {**fields, "output": "chart-trend.figure"} if real_output else fields
    assert_refused(client.post(CALLBACK, json=body))


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["application/json", "text/plain", "application/octet-stream", "", "application/json; charset=latin-1"]))
def test_random_bytes_are_refused(client, data, content_type):
    assert_refused(client.post(CALLBACK, data=data, content_type=content_type))


def _declared_type_cases():
    """One request per input and state of every server callback, with a value of a type its declared shape never holds."""
    wrong = [12345, "text", [1, "x"], {"a": 1}, True, -0.5]
    cases = []
    for output, spec in server_callbacks().items():
        for dep in spec["inputs"] + spec.get("state", []):
            if dep["id"].startswith("{"):
                continue  # pattern ids (the chips): tests/unit/test_callback_inputs.py
            bad = next((v for v in wrong if inputs.entry_problem(dep["id"], dep["property"], v)), None)
            if bad is not None:
                cases.append((output, f"{dep['id']}.{dep['property']}", bad))
    return cases


DECLARED = _declared_type_cases()


@pytest.mark.parametrize("output, prop, value", DECLARED, ids=[f"{c[1]}={c[2]!r}" for c in DECLARED])
def test_values_of_the_wrong_type_are_refused_before_the_callback(client, output, prop, value):
    response = client.post(CALLBACK, json=envelope(output, {prop: value}, prop))
    assert_refused(response, status=400)
    assert prop in response.get_json()["error"]


def test_declared_types_cover_the_explorer():
    checked = {case[1] for case in DECLARED}
    assert {"url.search", "map.clickData", "map.selectedData", "table.selectedRows", "filter-years.value"} <= checked


def test_an_input_with_no_declared_shape_is_refused_whatever_it_holds(client, monkeypatch):
    monkeypatch.delitem(inputs._ADAPTERS, ("trend-cumulative", "value"))  # as if a new input had been added without one
    for value in (True, None):
        response = client.post(CALLBACK, json=envelope(find_callback("trend-cumulative", "value", "chart-trend"),
                                                       {"view.data": {}, "trend-cumulative.value": value}, "trend-cumulative.value"))
        assert_refused(response, status=400)
        assert "trend-cumulative.value" in response.get_json()["error"] and "no shape is declared" in response.get_json()["error"]


@pytest.mark.parametrize("view", [[], 7, "partner=JPN", {"partner": 5}, {"partner": ["JPN", 3]}, {"year_from": {"a": 1}},
                                  {"partner": [[["JPN"]]]}, {"city": None}, {"": ""}, {"partner": "JPN" * 10_000}])
def test_a_view_store_holding_nonsense_is_refused_or_shows_everything_never_fails(client, view):
    trigger = "clear-selection.n_clicks"  # the view store is a state of the filter change: a click reads it
    response = client.post(CALLBACK, json=envelope(find_callback("clear-selection", "n_clicks", "chart-trend"), {"view.data": view, trigger: 1}, trigger))
    if isinstance(view, dict) and all(isinstance(v, str) and len(v) < 1000 for v in view.values()):
        assert response.status_code in (200, 204), response.data[:300]  # the right shape: unknown values left out (or nothing changes)
    else:
        assert_refused(response, status=400)  # a shape or a size the store never holds


def test_table_rows_that_are_not_rows_never_fail(client):
    output = find_callback("table", "selectedRows")
    for rows in ([1, "x", None], [{"city_ids": 5}], [{"city_ids": [["phnom-penh"]]}], {"ids": ["1"]}, [{"city_ids": ["phnom-penh"]}]):
        # Refused at the door (not a list of rows) or skipped by the callback: never a failure.
        assert client.post(CALLBACK, json=envelope(output, {"table.selectedRows": rows})).status_code in (200, 400)


def test_a_genuine_error_is_logged_whole_and_answered_500_without_it(client, dash_app, monkeypatch, caplog):
    output = find_callback("trend-cumulative", "value", "chart-trend")

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail of a bug")

    monkeypatch.setitem(dash_app.callback_map[output], "callback", broken)
    with caplog.at_level(logging.ERROR):
        response = client.post(CALLBACK, json=trend_body())
    assert response.status_code == 500 and response.get_json() == {"error": "internal error"}
    assert b"secret detail" not in response.data and not LEAKS.search(response.data)
    logged = [r for r in caplog.records if r.exc_info and r.exc_info[0] is RuntimeError]
    assert logged and "secret detail of a bug" in str(logged[0].exc_info[1])


# -- the API ------------------------------------------------------------------------------------------

@FUZZ
@given(st.binary(max_size=600), st.sampled_from(["csv", "json"]))
def test_random_bytes_as_api_query_strings_answer_200_or_400(client, raw, extension):
    # QUERY_STRING as a server hands it over: the raw bytes, latin-1 decoded (what gunicorn and werkzeug do).
    response = client.get(f"/api/partnerships.{extension}", environ_overrides={"QUERY_STRING": raw.decode("latin-1")})
    assert response.status_code in (200, 400), response.data[:300]
    assert not LEAKS.search(response.data)
    if response.status_code == 400:
        assert response.get_json()["error"]


@pytest.mark.parametrize("query", [
    b"x=\xff\xfe", "partner=%ff", "partner=JPN&partner=%C0%AF", "%", "=&=&", "a" * 100_000, "partner=" + "J" * 100_000,
    "&".join(f"k{i}=v" for i in range(5000)), "partner=" + ",".join(["JPN"] * 20_000), "year_from=9" * 50, "year_from=-1e309",
    "year_from=0x7E3", "year_from=２０１９", "unknown_year=include\x00", "city=../../etc/passwd", "partner={{7*7}}",
    "partner='%20OR%201=1--", "focus_area=<script>alert(1)</script>",
], ids=lambda q: repr(q[:40]) + (f"...({len(q)} chars)" if len(q) > 40 else ""))  # a readable name, not 100,000 characters
def test_absurd_api_query_strings_answer_400_with_a_message(client, query):
    raw = query if isinstance(query, bytes) else query.encode()  # text as UTF-8; bytes as they are, even when not UTF-8
    for extension in ("csv", "json"):
        response = client.get(f"/api/partnerships.{extension}", environ_overrides={"QUERY_STRING": raw.decode("latin-1")})
        assert_refused(response, status=400)
        assert response.get_json()["error"]
        assert response.headers["Content-Type"].startswith("application/json")  # never text/html: nothing to render


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_the_api_takes_only_get(client, method):
    assert_refused(client.open("/api/partnerships.json", method=method, data=b"x"), status=405)


def test_other_methods_on_the_callback_endpoint(client):
    for method in ("PUT", "DELETE", "PATCH"):
        assert_refused(client.open(CALLBACK, method=method, json={}), status=405)
