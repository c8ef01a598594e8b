"""Callbacks of the explorer: thin wiring between controls, the Selection, queries and figures."""

import functools
from dataclasses import replace

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, Patch, State, callback, clientside_callback, ctx, html, no_update
from dash.exceptions import PreventUpdate

from ascn import vocab
from ascn.query import default_query
from ascn.selection import LIST_PARAMS, Selection, parse_params
from components import controls, figures, ids, text
from components.table import TABLE_LIMIT, rows_for_grid
from layouts import provenance  # noqa: F401  (registers the provenance filter's callbacks)
from layouts.city import city_panel
from layouts.matrix import matrix_view
from layouts.modes import NOW, is_cumulative, is_present, network_year, page_search, parse_page, read_search, split_search
from routes.api import file_name


def selection_from_view(view: dict | None) -> Selection:
    """The Selection held in the view store (its URL parameters; already validated)."""
    try:
        return _parse_view(tuple(sorted((view or {}).items())))
    except (TypeError, AttributeError):  # not a cache key (a list), or not a dict at all: parse it as it is
        return parse_params(view or {}, default_query().dataset).selection


@functools.lru_cache(maxsize=1024)
def _parse_view(items: tuple) -> Selection:
    # Every callback of one filter change parses the same view; parsing checks each value against the record.
    return parse_params(dict(items), default_query().dataset).selection


def notice(problems) -> list:
    """What the link carried that the page did not understand, each with a likely correction when there is one."""
    if not problems:
        return []
    items = []
    for p in problems:
        hint = [" Did you mean ", html.Strong(f"{p.param}={p.suggestion}"), "?"] if p.suggestion else []
        items.append(html.Li([html.Code(f"{p.param}={p.value}"), f" was ignored: {p.allowed}.", *hint]))
    return [dbc.Alert([html.Strong("Part of this link was not understood and was ignored:"), html.Ul(items, className="mb-0")],
                      color="warning", dismissable=True, className="py-2 small text-break")]


def canonical(selection: Selection) -> Selection:
    """The selection with every value checked against the record again: a forged click cannot put an unknown id in the URL."""
    return selection_from_view(selection.to_params())


def next_selection(trigger: str | None, props: set[str], current: Selection, values: dict, members: set[str]) -> Selection | None:
    """How one user action changes the selection; None when it changes nothing.

    ``props`` are the properties of ``trigger`` that fired together: a click on the map fires
    clickData and selectedData at once. ``values["map_add"]`` is true when shift was held on the map:
    a click then adds (or removes) one city, a box or lasso adds its cities to those already selected.
    """
    if trigger in (ids.FILTER_MEMBER_STATE, ids.FILTER_PARTNER, ids.FILTER_FOCUS, ids.FILTER_YEARS, ids.FILTER_UNKNOWN_YEAR):
        low, high = values["years"] or (None, None)
        return replace(current, member_states=tuple(values["states"] or ()), partners=tuple(values["partners"] or ()),
                       focus_areas=tuple(values["focus"] or ()),
                       year_from=None if low == values["year_min"] else low, year_to=None if high == values["year_max"] else high,
                       unknown_year=values["unknown"] or "include")
    if trigger == ids.FILTER_CITIES:
        return replace(current, cities=tuple(values["cities"] or ()))
    if trigger == ids.MAP:
        add = values.get("map_add") is True
        if "clickData" in props:
            state = figures.clicked_member_state(values["map_click"], members)
            if state:
                return current.toggled("member_states", state)
            city = clicked_city(values["map_click"])
            if city:
                if add or current.cities == (city,):  # shift-click toggles one city; a click on the only one clears it
                    return current.toggled("cities", city)
                return replace(current, cities=(city,))
        if "selectedData" in props:
            chosen = figures.selected_city_ids(values["map_selected"])
            return replace(current, cities=tuple(dict.fromkeys((*current.cities, *chosen))) if add else chosen)
        return None
    clicked = figures.clicked_value(values[trigger]) if trigger in (ids.TREND, ids.PARTNERS, ids.FOCUS, ids.STORY) else None
    if trigger == ids.STORY and clicked:
        # The network as it was then: every partnership known to date from before the milestone (a year of its own
        # may have none: the 2023 meeting), with the map showing the cities that had joined (network_year).
        return replace(current, year_from=None, year_to=int(clicked), unknown_year="exclude")
    if trigger == ids.TREND and clicked:
        if clicked == "unknown":
            return replace(current, year_from=None, year_to=None, unknown_year="only")
        return replace(current, year_from=int(clicked), year_to=int(clicked), unknown_year="exclude")
    if trigger == ids.MATRIX:  # a cell of who-works-with-whom: that partner in that city
        cell = figures.clicked_cell(values[ids.MATRIX])
        return replace(current, partners=(cell[0],), cities=(cell[1],)) if cell else None
    if trigger == ids.PARTNERS and clicked:
        return current.toggled("partners", clicked)
    if trigger == ids.FOCUS and clicked:
        return current.toggled("focus_areas", clicked)
    if trigger == ids.CLEAR_ALL:
        return Selection()
    if trigger == ids.CLEAR_SELECTION:
        return replace(current, cities=(), member_states=())  # everything the map can select: cities and member states
    if isinstance(trigger, dict) and trigger.get("type") == ids.CHIP:
        if trigger["param"] == "years":
            return replace(current, year_from=None, year_to=None, unknown_year="include")
        kind = LIST_PARAMS.get(trigger.get("param"))
        return current.toggled(kind, trigger["value"]) if kind and isinstance(trigger.get("value"), str) else None
    return None


def clicked_city(click_data) -> str | None:
    """The city id of a clicked map marker (the figure carries it first in customdata), or None."""
    for point in (click_data or {}).get("points") or []:
        data = point.get("customdata")
        if point.get("curveNumber") == figures.MAP_CITIES and isinstance(data, list) and data and isinstance(data[0], str):
            return data[0]
    return None


# update_view's outputs, inputs and state (it runs inside filter_change, below).
VIEW_SPEC = (
    Output(ids.VIEW, "data"), Output(ids.URL, "search"), Output(ids.NOTICE, "children"),
    Output(ids.FILTER_MEMBER_STATE, "value"), Output(ids.FILTER_PARTNER, "value"), Output(ids.FILTER_FOCUS, "value"),
    Output(ids.FILTER_YEARS, "value"), Output(ids.FILTER_UNKNOWN_YEAR, "value"), Output(ids.FILTER_CITIES, "value"),
    Output(ids.NETWORK_YEAR, "value"), Output(ids.TREND_CUMULATIVE, "value"), Output(ids.FILTER_PROVENANCE, "value"),
    Input(ids.URL, "search"),
    Input(ids.FILTER_MEMBER_STATE, "value"), Input(ids.FILTER_PARTNER, "value"), Input(ids.FILTER_FOCUS, "value"),
    Input(ids.FILTER_YEARS, "value"), Input(ids.FILTER_UNKNOWN_YEAR, "value"), Input(ids.FILTER_CITIES, "value"),
    Input(ids.MAP, "selectedData"), Input(ids.MAP, "clickData"),
    Input(ids.TREND, "clickData"), Input(ids.PARTNERS, "clickData"), Input(ids.FOCUS, "clickData"), Input(ids.STORY, "clickData"),
    Input(ids.NETWORK_YEAR, "value"), Input(ids.TREND_CUMULATIVE, "value"),
    Input({"type": ids.CHIP, "param": ALL, "value": ALL}, "n_clicks"),
    Input(ids.CLEAR_ALL, "n_clicks"), Input(ids.CLEAR_SELECTION, "n_clicks"),
    Input(ids.MATRIX, "clickData"),
    State(ids.VIEW, "data"), State(ids.FILTER_YEARS, "min"), State(ids.FILTER_YEARS, "max"), State(ids.MAP_SHIFT, "data"),
)


def update_view(search, states, partners, focus, years, unknown, ticked_cities, map_selected, map_click, trend_click, partner_click, focus_click,
                story_click, network_year, cumulative, _chips, _clear_all, _clear_selection, matrix_click=None, view=None, year_min=None,
                year_max=None, map_add=False):
    """The one place the selection changes: from the URL (load, back, forward) or from a user action.

    The URL it writes holds only what was validated: the selection, checked again against the record, and the
    page parameters, checked by ``parse_page`` (nothing a link carried that the page did not understand).
    """
    query = default_query()
    trigger = ctx.triggered_id
    props = {t["prop_id"].rsplit(".", 1)[-1] for t in ctx.triggered} if trigger == ids.MAP else set()
    scenes = query.dataset.scenes.index
    selection, page, problems = read_search(search, query.dataset)
    if trigger is None or trigger == ids.URL:
        new_search = no_update
    else:
        if isinstance(trigger, dict) and not ctx.triggered[0]["value"]:
            raise PreventUpdate  # chips re-rendered, not clicked
        problems = []
        if trigger == ids.NETWORK_YEAR:
            page = parse_page({**page, "network_year": network_year if isinstance(network_year, str) else NOW}, scenes)
        elif trigger == ids.TREND_CUMULATIVE:
            page = {**page, "cumulative": "1" if cumulative is True else ""}
        elif trigger == ids.STORY and figures.clicked_value(story_click):
            page = parse_page({**page, "network_year": figures.clicked_value(story_click)}, scenes)
        elif trigger == ids.CLEAR_ALL:
            page = {k: v for k, v in page.items() if k != "network_year"}  # the network as it is now, like the filters
        values = dict(states=states, partners=partners, focus=focus, years=years, unknown=unknown, cities=ticked_cities, year_min=year_min,
                      year_max=year_max, map_selected=map_selected, map_click=map_click, map_add=map_add,
                      **{ids.TREND: trend_click, ids.PARTNERS: partner_click, ids.FOCUS: focus_click, ids.STORY: story_click,
                         ids.MATRIX: matrix_click})
        current = selection_from_view(view)
        selection = next_selection(trigger, props, current, values, set(query.members))
        if selection is None and trigger not in (ids.NETWORK_YEAR, ids.TREND_CUMULATIVE):
            raise PreventUpdate
        selection = canonical(selection or current)
        new_search = page_search(selection, page)
        if new_search == (search or "") and selection == current:
            raise PreventUpdate  # nothing changed (a forged click naming no known id, a repeated event)
        new_search = no_update if new_search == (search or "") else new_search
    low = selection.year_from if selection.year_from is not None else year_min
    high = selection.year_to if selection.year_to is not None else year_max
    return (selection.to_params(), new_search, notice(problems), list(selection.member_states), list(selection.partners),
            list(selection.focus_areas), [low, high], selection.unknown_year, list(selection.cities), page.get("network_year") or NOW,
            is_cumulative(page), list(selection.provenances))


CHART_TEXTS = (ids.MAP, ids.FOCUS, ids.TREND, ids.PARTNERS, ids.COMMITMENTS)


# render's outputs (it runs inside filter_change, below).
RENDER_SPEC = (
    Output(ids.MAP, "figure"), Output(ids.CITY_PANEL, "children"), Output(ids.FOCUS, "figure"), Output(ids.PARTNERS, "figure"),
    Output(ids.COMMITMENTS, "figure"), Output(ids.TABLE, "rowData"), Output(ids.TABLE_NOTE, "children"), Output(ids.CHIPS, "children"),
    Output(ids.SUMMARY, "children"), Output(ids.FILTER_MEMBER_STATE, "options"), Output(ids.FILTER_PARTNER, "options"),
    Output(ids.FILTER_FOCUS, "options"), Output(ids.DOWNLOAD_CSV, "href"), Output(ids.DOWNLOAD_CSV, "download"),
    Output(ids.DOWNLOAD_ZIP, "href"), Output(ids.TREND, "figure"),
    *[Output({"type": ids.CHART_TEXT, "chart": chart}, "children") for chart in CHART_TEXTS],
    Output(ids.MATRIX, "figure"), Output({"type": ids.CHART_TEXT, "chart": ids.MATRIX}, "children"),
)


@callback(*[d for d in VIEW_SPEC if isinstance(d, Output)], *RENDER_SPEC, *[d for d in VIEW_SPEC if isinstance(d, Input)],
          *[d for d in VIEW_SPEC if isinstance(d, State)])
def filter_change(*args):
    """A user's action (or a new address) and everything that follows it, in one answer: one round trip per change.
    update_view decides the selection, render draws it; the page mode comes from the address update_view writes."""
    view_args = args  # VIEW_SPEC lists its inputs before its states, so these are update_view's arguments in order
    chosen = list(update_view(*view_args))
    search = view_args[0] if chosen[1] is no_update else chosen[1]
    # A control keeps the value the user just gave it: sending it back would only re-render it (an open dropdown too).
    for out, given in ((3, 1), (4, 2), (5, 3), (6, 4), (7, 5), (8, 6), (9, 13), (10, 14)):
        if chosen[out] == view_args[given]:
            chosen[out] = no_update
    drawn = list(render(chosen[0], search))
    if ctx.triggered_id not in (None, ids.URL):  # a change on this page: what it left as it was is not sent again
        before, after = selection_from_view(view_args[19]), selection_from_view(chosen[0])
        if before.partners == after.partners:
            drawn[4] = no_update  # the commitments timeline follows the partner filter only
        # A dropdown's counts are under all the other filters: unchanged when only its own kind changed.
        for index, kind in ((9, "member_states"), (10, "partners"), (11, "focus_areas")):
            if replace(before, **{kind: ()}) == replace(after, **{kind: ()}):
                drawn[index] = no_update
    return (*chosen, *drawn)


def render(view, search=None):
    """Everything that follows the selection, from one query object, in one answer: map, charts, their text
    summaries for screen readers, table, chips, facet counts and download links. ``search`` is the page's address
    (its mode: presentation, network year)."""
    query = default_query()
    dataset, sel = query.dataset, selection_from_view(view)
    _, page = split_search(search)
    big, cumulative = is_present(page), is_cumulative(page)  # the cumulative switch lives in the URL too
    what = text.describe(sel, dataset)
    once = _Once(query)  # the summaries use the aggregates the charts were drawn from, not a second computation
    allowed = query.allowed
    names = allowed["partner"]
    count = query.count(sel)
    rows = query.columns(sel, limit=TABLE_LIMIT)
    facets = query.facet_counts(sel)
    table_note = text.count_of(count, "partnership") if count <= TABLE_LIMIT else (
        f"Showing the first {TABLE_LIMIT:,} of {count:,} partnerships (by number): download the CSV for all of them.")
    as_of = network_year(page, *_join_years(dataset))
    return (
        map_selection(figures.map_patch(once.city_summary(sel), allowed["member_state"], sel.cities, query.countries, sel.member_states,
                                        as_of, every=big), sel),
        city_panel(query, sel),
        figures.presentable(figures.focus_figure(once.by_focus(sel), f"Focus areas: {what}", text.PARTNERSHIP_SOURCE), big),
        figures.presentable(figures.partners_figure(once.by_partner(sel), names, f"Partner economies: {what}", text.PARTNERSHIP_SOURCE), big),
        commitments_figure(sel.partners, big),
        rows_for_grid(rows, dataset),
        table_note,
        controls.chip_row(text.chips(sel, dataset)),
        f"{count} of {len(dataset.partnerships)} partnerships: {what}.",
        controls.options(allowed["member_state"], facets["member_state"]),
        controls.options(allowed["partner"], facets["partner"]),
        controls.options(allowed["focus_area"], facets["focus_area"]),
        "/api/partnerships.csv" + sel.to_query_string(),
        file_name(sel, "csv"),  # the name the API gives the same file
        "/api/partnerships.zip" + sel.to_query_string(),
        _trend(once, sel, what, cumulative, big),
        *text.chart_summaries(once, sel, as_of),
        *matrix_view(query, sel, what, big),
    )


def _trend(query, sel: Selection, what: str, cumulative, big: bool):
    title = ("Cumulative partnerships" if cumulative else "Partnerships per year") + f": {what}"
    return figures.presentable(figures.trend_figure(query.by_year(sel), title, text.PARTNERSHIP_SOURCE, cumulative=bool(cumulative)), big)


def map_selection(patch: Patch, sel: Selection) -> Patch:
    """The selection on the map is the view's alone. Plotly keeps what a click, box or lasso selected (dimmed
    countries, an outline) across updates while ``selectionrevision`` stays the same: a new one per view drops
    it, so a cleared selection leaves nothing dimmed or outlined, and the cities drawn selected are the view's."""
    patch["layout"]["selectionrevision"] = sel.to_query_string() or "none"
    patch["data"][figures.MAP_COUNTRIES]["selectedpoints"] = None  # plotly wrote its own selection into the trace itself
    return patch


class _Once:
    """A query whose per-selection aggregates are computed once for the answer being built (then shared by the
    charts and their text summaries); everything else is the query's own."""

    SHARED = ("city_summary", "by_focus", "by_partner", "by_year", "commitments")

    def __init__(self, query):
        self._query, self._memo = query, {}

    def __getattr__(self, name):
        found = getattr(self._query, name)
        if name not in self.SHARED:
            return found

        def once(sel):
            if (name, sel) not in self._memo:
                self._memo[(name, sel)] = found(sel)
            return self._memo[(name, sel)]

        return once


def _join_years(dataset) -> tuple[int, int]:
    return int(dataset.cities["joined"].min()), vocab.YEAR_MAX


@callback(Output(ids.MAP, "figure", allow_duplicate=True), Input(ids.TABLE, "selectedRows"), prevent_initial_call=True)
def highlight_rows(selected_rows):
    """Rings on the map around the cities of the rows picked in the table (not a filter)."""
    # The rows come back from the browser: skip anything that is not a row the grid was given.
    rows = selected_rows if isinstance(selected_rows, list) else []
    city_ids = [c for row in rows if isinstance(row, dict) and isinstance(row.get("city_ids"), list) for c in row["city_ids"] if isinstance(c, str)]
    return figures.highlight_patch(default_query().cities, list(dict.fromkeys(city_ids)))


@callback(Output(ids.TABLE, "dashGridOptions"), Input(ids.TABLE_SEARCH, "value"), prevent_initial_call=True)
def search_table(value):
    patch = Patch()
    patch["quickFilterText"] = value or ""
    return patch


# The table's search filters in the browser: the count beside it says how many rows the search leaves
# ("4 partnerships · 1 matches the search"), and goes back to the plain count when the search is cleared.
clientside_callback(
    """
    function(rows, search, note) {
        var base = Array.isArray(note) ? note[0] : note;
        if (!search || !String(search).trim() || !Array.isArray(rows)) { return base; }
        var n = rows.length;
        return [base, " · ", n + (n === 1 ? " matches" : " match") + " the search"];
    }
    """,
    Output(ids.TABLE_NOTE, "children", allow_duplicate=True),
    Input(ids.TABLE, "virtualRowData"), State(ids.TABLE_SEARCH, "value"), State(ids.TABLE_NOTE, "children"),
    prevent_initial_call=True,
)


@functools.lru_cache(maxsize=64)
def commitments_figure(partners: tuple[str, ...], big: bool):
    """The commitments timeline follows the partner filter only: built once per partner set (treat as read-only)."""
    query = default_query()
    sel = Selection(partners=partners)
    return figures.presentable(figures.commitments_figure(query.commitments(sel), query.allowed["partner"],
                                                          _commitments_title(sel, query.dataset), text.COMMITMENT_SOURCE), big)


def _commitments_title(sel: Selection, dataset) -> str:
    if not sel.partners:
        return "Commitments: all external partners"
    return "Commitments: " + ", ".join(dataset.economy_name(c) for c in sel.partners)


clientside_callback(
    """
    function(n, view) {
        // The validated view (the link "Open the full dashboard" holds), never the address bar as typed:
        // what the page did not understand in a link does not travel on.
        if (!n) { return [window.dash_clientside.no_update, window.dash_clientside.no_update, window.dash_clientside.no_update]; }
        var href = window.location.origin + (view || "/");
        var ok = navigator.clipboard && window.isSecureContext;
        if (ok) { navigator.clipboard.writeText(href).catch(function () {}); }
        return [href, "mb-2", ok ? "Link copied" : "Copy the link below"];
    }
    """,
    Output(ids.COPY_LINK_TEXT, "value"), Output(ids.COPY_LINK_TEXT, "className"), Output(ids.COPY_LINK, "children"),
    Input(ids.COPY_LINK, "n_clicks"), State(ids.EMBED_OPEN, "href"),
)
