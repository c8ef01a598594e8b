"""Callbacks called as plain functions: what a user action does to the view and the page (named outputs)."""

from ascn.selection import Selection
from components import ids
from layouts import filter_change as change
from layouts.explorer import layout
from layouts.selection_change import next_selection
from tests.support import filter_change, the_query


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
    _walk_ids(layout(the_query()), found)
    assert set(ids.ALL) - found == set()


def test_page_load_reads_the_url_and_sets_the_controls():
    out = filter_change(search="?partner=JPN&year_from=2016")
    last = int(the_query().dataset.partnerships["year"].max())
    assert out["view"] == {"partner": "JPN", "year_from": "2016"}
    assert out["values"]["partner"] == ["JPN"] and out["years"] == [2016, last] and out["notice"] == []


def test_a_bad_url_value_gives_a_notice():
    out = filter_change(search="?partner=XXX")
    assert out["view"] == {} and out["notice"] != []


def test_a_filter_change_writes_the_url():
    out = filter_change(f"{ids.FILTER_PARTNER}.value", ["KOR"])
    assert out["search"] == "?partner=KOR"


def test_ticking_cities_in_the_list_selects_them():
    out = filter_change(f"{ids.FILTER_CITIES}.value", ["hanoi"])
    assert out["view"] == {"city": "hanoi"} and out["search"] == "?city=hanoi"


def test_page_parameters_survive_a_selection_change():
    out = filter_change(f"{ids.FILTER_PARTNER}.value", ["KOR"], search="?present=1&scene=2")
    assert out["search"] == "?partner=KOR&present=1&scene=2"


def test_selecting_cities_on_the_map():
    selected = {"points": [{"curveNumber": 1, "customdata": ["phnom-penh"]}, {"curveNumber": 1, "customdata": ["hanoi"]}]}
    out = filter_change(f"{ids.MAP}.selectedData", selected)
    assert out["view"] == {"city": "phnom-penh,hanoi"}


def test_story_click_shows_the_network_as_it_was_then():
    # The 2023 milestone year has no partnerships of its own: the view is every partnership known up to then.
    click = {"points": [{"customdata": [2023, "6th ASCN annual meeting"]}]}
    out = filter_change(f"{ids.STORY}.clickData", click)
    assert out["search"] == "?year_to=2023&unknown_year=exclude&network_year=2023"
    assert out["network_year"] == "2023"
    years = the_query().dataset.partnerships["year"]
    known = int((years.notna() & (years <= 2023)).sum())
    assert known > 0 and out["summary"].startswith(f"{known} of {len(years)} partnerships")


def test_next_selection_for_chart_clicks():
    values = {"trend_click": {"points": [{"customdata": "unknown"}]}, "partners_click": {"points": [{"customdata": "JPN"}]},
              "focus_click": {"points": [{"customdata": "civic-social"}]}}
    assert next_selection(ids.TREND, set(), Selection(), values, set()).unknown_year == "only"
    assert next_selection(ids.PARTNERS, set(), Selection(), values, set()).partners == ("JPN",)
    assert next_selection(ids.FOCUS, set(), Selection(focus_areas=("civic-social",)), values, set()).focus_areas == ()


def test_render_follows_the_selection():
    out = change.render(the_query(), {"city": "phnom-penh"})
    partnerships = the_query().dataset.partnerships
    expected = sorted(int(i) for i in partnerships.index[partnerships["city_ids"].map(lambda c: "phnom-penh" in c)])
    assert {4, 5, 6, 7} <= set(expected)  # Table 2's rows in Phnom Penh, and whatever later reporting adds
    assert sorted(r["partnership_id"] for r in out["table_rows"]) == expected
    assert out["summary"].startswith(f"{len(expected)} of {len(partnerships)} partnerships")
    assert "Phnom Penh" in out["focus"].layout.title.text
    assert out["csv_href"] == "/api/partnerships.csv?city=phnom-penh" and out["csv_name"] == "ascn-partnerships_city-phnom-penh.csv"
    assert out["zip_href"] == "/api/partnerships.zip?city=phnom-penh"
    member_options = {o["value"]: o["label"] for o in out["options"]["member_state"]}
    assert member_options["KHM"] == f"Cambodia ({len(expected)})"


def test_filter_change_response_is_small():
    """A filter change sends sizes and ids, never the country geometry."""
    import json

    import plotly.utils

    out = change.render(the_query(), {"partner": "JPN"})
    payload = json.dumps(out["map"].to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder)
    assert "coordinates" not in payload and len(payload) < 12_000  # hover data twice (circles, centres), the size legend, the leader lines


def _city_click(city_id: str) -> dict:
    return {"points": [{"curveNumber": 1, "customdata": [city_id, "name", "state", 1, "x", "partnership"]}]}


def test_map_selection_model():
    both = {"clickData", "selectedData"}
    start = Selection(cities=("phnom-penh",), member_states=("KHM",))

    def step(props, current, add=False, click=None, selected=None):
        values = {"map_click": click, "map_selected": selected, "map_add": add}
        return next_selection(ids.MAP, props, current, values, {"KHM", "VNM"})

    assert step(both, start, click=_city_click("hanoi")).cities == ("hanoi",)  # a click replaces
    assert step(both, start, add=True, click=_city_click("hanoi")).cities == ("phnom-penh", "hanoi")  # shift-click adds
    assert step(both, start, add=True, click=_city_click("phnom-penh")).cities == ()  # ... or takes out
    assert step(both, Selection(cities=("hanoi",)), click=_city_click("hanoi")).cities == ()  # a click on the only one clears
    box = {"points": [{"curveNumber": 1, "customdata": ["bangkok"]}, {"curveNumber": 0, "location": "THA"}]}
    assert step({"selectedData"}, start, selected=box).cities == ("bangkok",)  # a box replaces
    assert step({"selectedData"}, start, add=True, selected=box).cities == ("phnom-penh", "bangkok")  # shift-box adds
    state = {"points": [{"curveNumber": 0, "location": "VNM"}]}
    assert step(both, start, click=state).member_states == ("KHM", "VNM")
    cleared = next_selection(ids.CLEAR_SELECTION, set(), Selection(cities=("hanoi",), member_states=("VNM",), partners=("JPN",)),
                                       {}, set())
    assert cleared == Selection(partners=("JPN",))  # everything the map selects goes; other filters stay


def test_clear_all_resets_the_network_year_and_keeps_the_cumulative_switch():
    out = filter_change(f"{ids.CLEAR_ALL}.n_clicks", 1, search="?partner=JPN&network_year=2018&cumulative=1", view={"partner": "JPN"})
    assert out["search"] == "?cumulative=1" and out["network_year"] == "now" and out["cumulative"] is True


def test_the_cumulative_switch_is_kept_in_the_url():
    out = filter_change(f"{ids.TREND_CUMULATIVE}.value", True, search="?partner=JPN", view={"partner": "JPN"})
    assert out["search"] == "?partner=JPN&cumulative=1"


def test_a_link_with_unknown_page_values_gets_a_notice_and_they_never_reach_the_url():
    out = filter_change(search="?partner=JPN&present=%3Cb%3E&network_year=1999&chart=mapp")
    notice = str(out["notice"])
    assert "present=<b>" in notice and "network_year=1999" in notice and "Did you mean " in notice and "chart=map" in notice
    changed = filter_change(f"{ids.FILTER_PARTNER}.value", ["KOR"], search="?partner=JPN&present=%3Cb%3E&network_year=1999&x=1")
    assert changed["search"] == "?partner=KOR"
