"""Callbacks called as plain functions: what a user action does to the view and the page."""

from contextvars import copy_context

from dash._callback_context import context_value
from dash._utils import AttributeDict

import app as dashboard  # noqa: F401  (registers the callbacks)
from ascn.query import default_query
from ascn.selection import Selection
from components import ids
from layouts import callbacks
from layouts.explorer import layout


def _walk_ids(component, found):
    if isinstance(component, (list, tuple)):
        for child in component:
            _walk_ids(child, found)
        return
    if hasattr(component, "to_plotly_json"):
        if getattr(component, "id", None) is not None:
            found.add(component.id if isinstance(component.id, str) else str(component.id))
        _walk_ids(getattr(component, "children", None), found)


def test_every_id_is_in_the_layout():
    found = set()
    _walk_ids(layout(), found)
    assert set(ids.ALL) - found == set()


def run_update_view(triggered: list[dict], **inputs):
    """Call update_view as Dash would, with ``triggered`` as the callback context."""
    args = dict(search="", states=None, partners=None, focus=None, years=[2013, 2019], unknown="include", ticked_cities=[], map_selected=None,
                map_click=None, trend_click=None, partner_click=None, focus_click=None, story_click=None, network_year="", cumulative=False, _chips=[],
                _clear_all=None,
                _clear_selection=None, view={}, year_min=2013, year_max=2019)
    args.update(inputs)

    def call():
        context_value.set(AttributeDict(triggered_inputs=triggered))
        return callbacks.update_view(**args)

    return copy_context().run(call)


def test_page_load_reads_the_url_and_sets_the_controls():
    out = run_update_view([], search="?partner=JPN&year_from=2016")
    view, search, notice, states, partners, focus, years, unknown, cities, network_year, cumulative, provenances = out
    assert view == {"partner": "JPN", "year_from": "2016"}
    assert partners == ["JPN"] and years == [2016, 2019] and notice == []


def test_a_bad_url_value_gives_a_notice():
    out = run_update_view([], search="?partner=XXX")
    assert out[0] == {} and out[2] != []


def test_a_filter_change_writes_the_url():
    out = run_update_view([{"prop_id": f"{ids.FILTER_PARTNER}.value", "value": ["KOR"]}], partners=["KOR"])
    assert out[1] == "?partner=KOR"


def test_ticking_cities_in_the_list_selects_them():
    out = run_update_view([{"prop_id": f"{ids.FILTER_CITIES}.value", "value": ["hanoi"]}], ticked_cities=["hanoi"])
    assert out[0] == {"city": "hanoi"} and out[1] == "?city=hanoi"


def test_page_parameters_survive_a_selection_change():
    out = run_update_view([{"prop_id": f"{ids.FILTER_PARTNER}.value", "value": ["KOR"]}], partners=["KOR"], search="?present=1&scene=2")
    assert out[1] == "?partner=KOR&present=1&scene=2"


def test_selecting_cities_on_the_map():
    selected = {"points": [{"curveNumber": 1, "customdata": ["phnom-penh"]}, {"curveNumber": 1, "customdata": ["hanoi"]}]}
    out = run_update_view([{"prop_id": f"{ids.MAP}.selectedData", "value": selected}], map_selected=selected)
    assert out[0] == {"city": "phnom-penh,hanoi"}


def test_story_click_shows_the_network_as_it_was_then():
    # The 2023 milestone year has no partnerships of its own: the view is every partnership known up to then.
    click = {"points": [{"customdata": [2023, "6th ASCN annual meeting"]}]}
    out = run_update_view([{"prop_id": f"{ids.STORY}.clickData", "value": click}], story_click=click)
    assert out[1] == "?year_to=2023&unknown_year=exclude&network_year=2023"
    assert out[9] == "2023"
    years = default_query().dataset.partnerships["year"]
    known = int((years.notna() & (years <= 2023)).sum())
    assert known > 0 and callbacks.render(out[0])[8].startswith(f"{known} of {len(years)} partnerships")


def test_next_selection_for_chart_clicks():
    values = {ids.TREND: {"points": [{"customdata": "unknown"}]}, ids.PARTNERS: {"points": [{"customdata": "JPN"}]},
              ids.FOCUS: {"points": [{"customdata": "civic-social"}]}}
    assert callbacks.next_selection(ids.TREND, set(), Selection(), values, set()).unknown_year == "only"
    assert callbacks.next_selection(ids.PARTNERS, set(), Selection(), values, set()).partners == ("JPN",)
    assert callbacks.next_selection(ids.FOCUS, set(), Selection(focus_areas=("civic-social",)), values, set()).focus_areas == ()


def test_render_follows_the_selection():
    out = callbacks.render({"city": "phnom-penh"})
    map_patch, city, focus_fig, partners_fig, commitments_fig, rows, note, chips, summary = out[:9]
    assert sorted(r["partnership_id"] for r in rows) == [4, 5, 6, 7]
    assert summary.startswith(f"4 of {len(callbacks.default_query().dataset.partnerships)} partnerships")
    assert "Phnom Penh" in focus_fig.layout.title.text
    assert out[12] == "/api/partnerships.csv?city=phnom-penh" and out[13] == "ascn-partnerships_city-phnom-penh.csv"
    assert out[14] == "/api/partnerships.zip?city=phnom-penh"
    member_options = {o["value"]: o["label"] for o in out[9]}
    assert member_options["KHM"] == "Cambodia (4)"


def test_filter_change_response_is_small():
    """A filter change sends sizes and ids, never the country geometry."""
    import json

    import plotly.utils

    out = callbacks.render({"partner": "JPN"})
    payload = json.dumps(out[0].to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder)
    assert "coordinates" not in payload and len(payload) < 10_000


def _city_click(city_id: str) -> dict:
    return {"points": [{"curveNumber": 1, "customdata": [city_id, "name", "state", 1, "x", "partnership"]}]}


def test_map_selection_model():
    both = {"clickData", "selectedData"}
    start = Selection(cities=("phnom-penh",), member_states=("KHM",))

    def step(props, current, add=False, click=None, selected=None):
        values = {"map_click": click, "map_selected": selected, "map_add": add}
        return callbacks.next_selection(ids.MAP, props, current, values, {"KHM", "VNM"})

    assert step(both, start, click=_city_click("hanoi")).cities == ("hanoi",)  # a click replaces
    assert step(both, start, add=True, click=_city_click("hanoi")).cities == ("phnom-penh", "hanoi")  # shift-click adds
    assert step(both, start, add=True, click=_city_click("phnom-penh")).cities == ()  # ... or takes out
    assert step(both, Selection(cities=("hanoi",)), click=_city_click("hanoi")).cities == ()  # a click on the only one clears
    box = {"points": [{"curveNumber": 1, "customdata": ["bangkok"]}, {"curveNumber": 0, "location": "THA"}]}
    assert step({"selectedData"}, start, selected=box).cities == ("bangkok",)  # a box replaces
    assert step({"selectedData"}, start, add=True, selected=box).cities == ("phnom-penh", "bangkok")  # shift-box adds
    state = {"points": [{"curveNumber": 0, "location": "VNM"}]}
    assert step(both, start, click=state).member_states == ("KHM", "VNM")
    cleared = callbacks.next_selection(ids.CLEAR_SELECTION, set(), Selection(cities=("hanoi",), member_states=("VNM",), partners=("JPN",)),
                                       {}, set())
    assert cleared == Selection(partners=("JPN",))  # everything the map selects goes; other filters stay


def test_clear_all_resets_the_network_year_and_keeps_the_cumulative_switch():
    out = run_update_view([{"prop_id": f"{ids.CLEAR_ALL}.n_clicks", "value": 1}], search="?partner=JPN&network_year=2018&cumulative=1",
                          view={"partner": "JPN"})
    assert out[1] == "?cumulative=1" and out[9] == "now" and out[10] is True


def test_the_cumulative_switch_is_kept_in_the_url():
    out = run_update_view([{"prop_id": f"{ids.TREND_CUMULATIVE}.value", "value": True}], cumulative=True, search="?partner=JPN",
                          view={"partner": "JPN"})
    assert out[1] == "?partner=JPN&cumulative=1"


def test_a_link_with_unknown_page_values_gets_a_notice_and_they_never_reach_the_url():
    out = run_update_view([], search="?partner=JPN&present=%3Cb%3E&network_year=1999&chart=mapp")
    notice = str(out[2])
    assert "present=<b>" in notice and "network_year=1999" in notice and "Did you mean " in notice and "chart=map" in notice
    changed = run_update_view([{"prop_id": f"{ids.FILTER_PARTNER}.value", "value": ["KOR"]}], partners=["KOR"],
                              search="?partner=JPN&present=%3Cb%3E&network_year=1999&x=1")
    assert changed[1] == "?partner=KOR"
