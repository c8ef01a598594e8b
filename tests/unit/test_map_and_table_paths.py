"""Issue 20's map and table items checked in process (their browser tests are in tests/browser/test_presenter_paths.py):
a click away from every circle is the member state's, an empty combination of filters says why, the size legend
follows the view, no toolbar offers a cloud upload, the table's sources fit a laptop."""

from dash import dcc

from ascn import filters, wording
from ascn.selection import Selection
from components import clicks, maps
from components.table import COLUMNS, FIRST_SHOWN, OPTIONAL_COLUMNS, partnerships_grid
from layouts import explorer, filter_change, selection_change
from tests.support import the_query


def _map(query, sel: Selection) -> dict:
    names = {c: query.dataset.economy_name(c) for c in query.members}
    return maps.map_patch(query.city_summary(sel), names, sel.cities, query.countries, sel.member_states).to_plotly_json()["operations"]


def _empty_pair(query) -> tuple[str, str]:
    """A member state and a city (of another state) that each have partnerships and none together."""
    cities = query.city_summary(Selection())
    for state in sorted(query.members):
        if not query.count(Selection(member_states=(state,))):
            continue
        for city in cities.index[(cities["count"] > 0) & (cities["member_state"] != state)]:
            if not query.count(Selection(member_states=(state,), cities=(city,))):
                return state, city
    raise AssertionError("the record has no such pair")


def test_a_click_counts_for_a_city_only_near_its_circle_and_its_centre_reads_back():
    query = the_query()
    fig = maps.map_figure("/g", query.countries, query.city_summary(Selection()), query.allowed["member_state"])
    assert fig["layout"]["hoverdistance"] == maps.HOVER_PX <= 5  # plotly's default, 20 px, reached into the states
    centre = {"points": [{"curveNumber": maps.MAP_CENTRES, "customdata": ["bangkok", "Bangkok"]}]}
    assert clicks.selected_city_ids(centre) == ("bangkok",) and selection_change.clicked_city(centre) == "bangkok"
    assert fig["data"][maps.MAP_CENTRES]["marker"]["size"] == 1  # a point, not a circle: the nearest centre wins


def test_an_empty_combination_of_filters_says_why():
    query = the_query()
    state, city = _empty_pair(query)
    out = filter_change.render(query, {"member_state": state, "city": city})
    names = (query.allowed["member_state"][state], query.allowed["city"][city])
    assert out["summary"].startswith(f"0 of {len(query.dataset.partnerships)} partnerships")
    assert out["summary"].endswith(f"No partnership is both in {names[0]} and in {names[1]}.")
    nothing = next(s for s in sorted(query.members) if not query.count(Selection(member_states=(s,))))  # Brunei
    assert "No partnership is" not in filter_change.render(query, {"member_state": nothing, "city": city})["summary"]
    together = query.city_summary(Selection()).query("count > 0").iloc[0]
    sel = {"member_state": together["member_state"], "city": together.name}
    assert "No partnership is" not in filter_change.render(query, sel)["summary"]


def _legend(operations: list) -> tuple[list[str], list]:
    notes = next(op["params"]["value"] for op in operations if op["location"] == ["layout", "annotations"])
    shapes = next(op["params"]["value"] for op in operations if op["location"] == ["layout", "shapes"])
    return [n["text"] for n in notes], shapes


def test_the_size_legend_follows_the_view_and_names_the_small_dot():
    query = the_query()
    for sel in (Selection(), Selection(partners=("JPN",)), Selection(member_states=("KHM",))):
        largest = int(query.city_summary(sel)["count"].max())
        texts, shapes = _legend(_map(query, sel))
        counts = [int(t) for t in texts if t.isdigit()]
        assert counts == list(maps.legend_counts(largest)) and max(counts) == largest, sel
        assert wording.MAP_LEGEND in texts and wording.MAP_LEGEND_NONE in texts
        assert len(shapes) == len(counts) + 2  # the frame, the small dot, a circle a count
    assert maps.legend_counts(4) == (1, 2, 4) and maps.legend_counts(9) == (1, 3, 9) and maps.legend_counts(1) == (1,)


def _graphs(component) -> list:
    found = [component] if isinstance(component, dcc.Graph) else []
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children] if children is not None else []:
        found += _graphs(child)
    return found


def test_no_toolbar_offers_a_cloud_and_only_the_map_has_one():
    graphs = _graphs(explorer.layout(the_query()))
    assert len(graphs) >= 7
    for graph in graphs:
        assert graph.config["showSendToCloud"] is False and "plotly.com" not in str(graph.config)
        if graph.id == "map":
            assert "sendChartToCloud" in graph.config["modeBarButtonsToRemove"]
        else:
            assert graph.config["displayModeBar"] is False, graph.id  # it came up over the chart's title


def test_the_tables_sources_fit_a_laptop_and_the_rest_is_one_switch_away():
    defs = {c.get("colId", c["field"]): c for c in partnerships_grid().columnDefs}
    shown = [c for c in defs.values() if not c["hide"]]
    assert {"source", "link", "provenance"} <= {c["field"] for c in shown} and defs["card"]["hide"]
    assert sum(c.get("width") or c["minWidth"] for c in shown) <= 1322 - 40  # a laptop's grid, a scroll bar's room
    assert set(FIRST_SHOWN) <= set(OPTIONAL_COLUMNS) and {"year_source", "notes", "item"} <= set(OPTIONAL_COLUMNS)
    assert [c for c in COLUMNS if c.get("colId") == "card"][0]["cellRendererParams"]["labels"] == wording.TABLE_CARD_LABELS


def test_the_provenance_control_speaks_plainly():
    kind = filters.kind("provenance")
    words = " ".join([kind.label, kind.placeholder, *filters.PROVENANCE_LABELS.values()])
    assert "2020 paper" in words and "since" in words and "Table 2 and later reporting" not in words
