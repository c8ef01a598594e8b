"""Callbacks called as plain functions: what a user action does to the view and the page."""

from contextvars import copy_context

from dash._callback_context import context_value
from dash._utils import AttributeDict

import app as dashboard  # noqa: F401  (registers the callbacks)
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
                map_click=None, trend_click=None, partner_click=None, focus_click=None, story_click=None, network_year="", _chips=[],
                _clear_all=None,
                _clear_selection=None, view={}, year_min=2013, year_max=2019)
    args.update(inputs)

    def call():
        context_value.set(AttributeDict(triggered_inputs=triggered))
        return callbacks.update_view(**args)

    return copy_context().run(call)


def test_page_load_reads_the_url_and_sets_the_controls():
    out = run_update_view([], search="?partner=JPN&year_from=2016")
    view, search, notice, states, partners, focus, years, unknown, cities, network_year = out
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


def test_story_click_sets_the_year_and_the_network_year():
    click = {"points": [{"customdata": [2023, "6th ASCN annual meeting"]}]}
    out = run_update_view([{"prop_id": f"{ids.STORY}.clickData", "value": click}], story_click=click)
    assert out[1] == "?year_from=2023&year_to=2023&unknown_year=exclude&network_year=2023"
    assert out[-1] == "2023"


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
