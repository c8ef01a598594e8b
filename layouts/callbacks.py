"""Callbacks of the explorer: thin wiring between controls, the Selection, queries and figures."""

import functools
from dataclasses import replace

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, Patch, State, callback, clientside_callback, ctx, html, no_update
from dash.exceptions import PreventUpdate

from ascn import vocab
from ascn.query import default_query
from ascn.selection import Selection, parse_params
from components import controls, figures, ids, text
from components.table import TABLE_LIMIT, rows_for_grid
from layouts.city import city_panel
from layouts.modes import NOW, is_present, network_year, page_search, split_search
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
    if not problems:
        return []
    return [dbc.Alert([html.Strong("Part of this link was not understood and was ignored: "),
                       html.Ul([html.Li(str(p)) for p in problems], className="mb-0")],
                      color="warning", dismissable=True, className="py-2 small")]


def next_selection(trigger: str | None, props: set[str], current: Selection, values: dict, members: set[str]) -> Selection | None:
    """How one user action changes the selection; None when it changes nothing.

    ``props`` are the properties of ``trigger`` that fired together: a click on the map fires
    clickData and selectedData at once.
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
        state = figures.clicked_member_state(values["map_click"], members) if "clickData" in props else None
        if state:
            return current.toggled("member_states", state)
        if "selectedData" in props:
            return replace(current, cities=figures.selected_city_ids(values["map_selected"]))
        return None
    clicked = figures.clicked_value(values[trigger]) if trigger in (ids.TREND, ids.PARTNERS, ids.FOCUS, ids.STORY) else None
    if trigger == ids.STORY and clicked:
        return replace(current, year_from=int(clicked), year_to=int(clicked), unknown_year="exclude")
    if trigger == ids.TREND and clicked:
        if clicked == "unknown":
            return replace(current, year_from=None, year_to=None, unknown_year="only")
        return replace(current, year_from=int(clicked), year_to=int(clicked), unknown_year="exclude")
    if trigger == ids.PARTNERS and clicked:
        return current.toggled("partners", clicked)
    if trigger == ids.FOCUS and clicked:
        return current.toggled("focus_areas", clicked)
    if trigger == ids.CLEAR_ALL:
        return Selection()
    if trigger == ids.CLEAR_SELECTION:
        return replace(current, cities=())
    if isinstance(trigger, dict) and trigger.get("type") == ids.CHIP:
        if trigger["param"] == "years":
            return replace(current, year_from=None, year_to=None, unknown_year="include")
        kind = {"member_state": "member_states", "partner": "partners", "focus_area": "focus_areas", "city": "cities"}[trigger["param"]]
        return current.toggled(kind, trigger["value"])
    return None


# update_view's outputs, inputs and state (it runs inside filter_change, below).
VIEW_SPEC = (
    Output(ids.VIEW, "data"), Output(ids.URL, "search"), Output(ids.NOTICE, "children"),
    Output(ids.FILTER_MEMBER_STATE, "value"), Output(ids.FILTER_PARTNER, "value"), Output(ids.FILTER_FOCUS, "value"),
    Output(ids.FILTER_YEARS, "value"), Output(ids.FILTER_UNKNOWN_YEAR, "value"), Output(ids.FILTER_CITIES, "value"),
    Output(ids.NETWORK_YEAR, "value"),
    Input(ids.URL, "search"),
    Input(ids.FILTER_MEMBER_STATE, "value"), Input(ids.FILTER_PARTNER, "value"), Input(ids.FILTER_FOCUS, "value"),
    Input(ids.FILTER_YEARS, "value"), Input(ids.FILTER_UNKNOWN_YEAR, "value"), Input(ids.FILTER_CITIES, "value"),
    Input(ids.MAP, "selectedData"), Input(ids.MAP, "clickData"),
    Input(ids.TREND, "clickData"), Input(ids.PARTNERS, "clickData"), Input(ids.FOCUS, "clickData"), Input(ids.STORY, "clickData"),
    Input(ids.NETWORK_YEAR, "value"),
    Input({"type": ids.CHIP, "param": ALL, "value": ALL}, "n_clicks"),
    Input(ids.CLEAR_ALL, "n_clicks"), Input(ids.CLEAR_SELECTION, "n_clicks"),
    State(ids.VIEW, "data"), State(ids.FILTER_YEARS, "min"), State(ids.FILTER_YEARS, "max"),
)


def update_view(search, states, partners, focus, years, unknown, ticked_cities, map_selected, map_click, trend_click, partner_click, focus_click,
                story_click, network_year, _chips, _clear_all, _clear_selection, view, year_min, year_max):
    """The one place the selection changes: from the URL (load, back, forward) or from a user action."""
    query = default_query()
    trigger = ctx.triggered_id
    props = {t["prop_id"].rsplit(".", 1)[-1] for t in ctx.triggered} if trigger == ids.MAP else set()
    problems = []
    params, page = split_search(search)
    if trigger is None or trigger == ids.URL:
        parsed = parse_params(params, query.dataset)
        selection, problems, new_search = parsed.selection, parsed.problems, no_update
    else:
        if isinstance(trigger, dict) and not ctx.triggered[0]["value"]:
            raise PreventUpdate  # chips re-rendered, not clicked
        if trigger == ids.NETWORK_YEAR:
            page = {**page, "network_year": network_year or NOW}
        elif trigger == ids.STORY and figures.clicked_value(story_click):
            page = {**page, "network_year": figures.clicked_value(story_click)}
        values = dict(states=states, partners=partners, focus=focus, years=years, unknown=unknown, cities=ticked_cities, year_min=year_min,
                      year_max=year_max, map_selected=map_selected, map_click=map_click,
                      **{ids.TREND: trend_click, ids.PARTNERS: partner_click, ids.FOCUS: focus_click, ids.STORY: story_click})
        selection = next_selection(trigger, props, selection_from_view(view), values, set(query.members))
        if selection is None and trigger != ids.NETWORK_YEAR:
            raise PreventUpdate
        selection = selection or selection_from_view(view)
        new_search = page_search(selection, page)
        new_search = no_update if new_search == (search or "") else new_search
    low = selection.year_from if selection.year_from is not None else year_min
    high = selection.year_to if selection.year_to is not None else year_max
    return (selection.to_params(), new_search, notice(problems), list(selection.member_states), list(selection.partners),
            list(selection.focus_areas), [low, high], selection.unknown_year, list(selection.cities), page.get("network_year") or NOW)


CHART_TEXTS = (ids.MAP, ids.FOCUS, ids.TREND, ids.PARTNERS, ids.COMMITMENTS)


# render's outputs (it runs inside filter_change, below).
RENDER_SPEC = (
    Output(ids.MAP, "figure"), Output(ids.CITY_PANEL, "children"), Output(ids.FOCUS, "figure"), Output(ids.PARTNERS, "figure"),
    Output(ids.COMMITMENTS, "figure"), Output(ids.TABLE, "rowData"), Output(ids.TABLE_NOTE, "children"), Output(ids.CHIPS, "children"),
    Output(ids.SUMMARY, "children"), Output(ids.FILTER_MEMBER_STATE, "options"), Output(ids.FILTER_PARTNER, "options"),
    Output(ids.FILTER_FOCUS, "options"), Output(ids.DOWNLOAD_CSV, "href"), Output(ids.DOWNLOAD_CSV, "download"),
    Output(ids.DOWNLOAD_ZIP, "href"), Output(ids.TREND, "figure"),
    *[Output({"type": ids.CHART_TEXT, "chart": chart}, "children") for chart in CHART_TEXTS],
)


@callback(*[d for d in VIEW_SPEC if isinstance(d, Output)], *RENDER_SPEC, *[d for d in VIEW_SPEC if isinstance(d, Input)],
          *[d for d in VIEW_SPEC if isinstance(d, State)], State(ids.TREND_CUMULATIVE, "value"))
def filter_change(*args):
    """A user's action (or a new address) and everything that follows it, in one answer: one round trip per change.
    update_view decides the selection, render draws it; the page mode comes from the address update_view writes."""
    *view_args, cumulative = args
    chosen = list(update_view(*view_args))
    search = view_args[0] if chosen[1] is no_update else chosen[1]
    # A control keeps the value the user just gave it: sending it back would only re-render it (an open dropdown too).
    for out, given in ((3, 1), (4, 2), (5, 3), (6, 4), (7, 5), (8, 6), (9, 13)):
        if chosen[out] == view_args[given]:
            chosen[out] = no_update
    drawn = list(render(chosen[0], search, cumulative))
    if ctx.triggered_id not in (None, ids.URL):  # a change on this page: what it left as it was is not sent again
        before, after = selection_from_view(view_args[17]), selection_from_view(chosen[0])
        if before.partners == after.partners:
            drawn[4] = no_update  # the commitments timeline follows the partner filter only
        # A dropdown's counts are under all the other filters: unchanged when only its own kind changed.
        for index, kind in ((9, "member_states"), (10, "partners"), (11, "focus_areas")):
            if replace(before, **{kind: ()}) == replace(after, **{kind: ()}):
                drawn[index] = no_update
    return (*chosen, *drawn)


@callback(Output(ids.TREND, "figure", allow_duplicate=True), Input(ids.TREND_CUMULATIVE, "value"), State(ids.VIEW, "data"),
          State(ids.URL, "search"), prevent_initial_call=True)
def switch_cumulative(cumulative, view, search):
    """The cumulative switch redraws the trend chart only."""
    query = default_query()
    sel = selection_from_view(view)
    return _trend(query, sel, text.describe(sel, query.dataset), cumulative, is_present(split_search(search)[1]))


def render(view, search=None, cumulative=False):
    """Everything that follows the selection, from one query object, in one answer: map, charts, their text
    summaries for screen readers, table, chips, facet counts and download links. ``search`` is the page's address
    (its mode: presentation, network year)."""
    query = default_query()
    dataset, sel = query.dataset, selection_from_view(view)
    _, page = split_search(search)
    big = is_present(page)
    what = text.describe(sel, dataset)
    once = _Once(query)  # the summaries use the aggregates the charts were drawn from, not a second computation
    allowed = query.allowed
    names = allowed["partner"]
    count = query.count(sel)
    rows = query.columns(sel, limit=TABLE_LIMIT)
    facets = query.facet_counts(sel)
    table_note = f"{count} partnerships" if count <= TABLE_LIMIT else (
        f"Showing the first {TABLE_LIMIT:,} of {count:,} partnerships (by number): download the CSV for all of them.")
    as_of = network_year(page, *_join_years(dataset))
    return (
        figures.map_patch(once.city_summary(sel), allowed["member_state"], sel.cities, query.countries, sel.member_states, as_of),
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
        *text.chart_summaries(once, sel),
    )


def _trend(query, sel: Selection, what: str, cumulative, big: bool):
    title = ("Cumulative partnerships" if cumulative else "Partnerships per year") + f": {what}"
    return figures.presentable(figures.trend_figure(query.by_year(sel), title, text.PARTNERSHIP_SOURCE, cumulative=bool(cumulative)), big)


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
    function(n) {
        // The address bar, not url.href: a callback that sets url.search does not update href.
        var href = window.location.href;
        if (!n) { return [window.dash_clientside.no_update, window.dash_clientside.no_update, window.dash_clientside.no_update]; }
        var ok = navigator.clipboard && window.isSecureContext;
        if (ok) { navigator.clipboard.writeText(href).catch(function () {}); }
        return [href, "mb-2", ok ? "Link copied" : "Copy the link below"];
    }
    """,
    Output(ids.COPY_LINK_TEXT, "value"), Output(ids.COPY_LINK_TEXT, "className"), Output(ids.COPY_LINK, "children"),
    Input(ids.COPY_LINK, "n_clicks"),
)
