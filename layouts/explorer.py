"""The explorer page: filters, map, linked charts, city panel and the partnerships table."""

import json

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, dcc, html

from ascn import vocab, wording
from ascn.selection import Selection
from components import charts, controls, figure_base, ids, maps
from components.table import column_chooser, partnerships_grid
from layouts import deck, rowdetail, stage
from layouts.modes import NOW
from layouts.presenter import embed_panel, export_buttons

GEOMETRY_URL = "/geo/countries.geojson"
OFFLINE_CONFIG = {
    "topojsonURL": "/assets/topojson/",  # the default is a CDN: offline the map would draw nothing
    "displaylogo": False,
    "responsive": True,
    "showSendToCloud": False,  # an offline tool uploads nothing: no "Share chart" (a cloud service)
    "showEditInChartStudio": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
# The charts have no toolbar: it came up over their titles on hover, and each card's PNG/SVG buttons export them.
GRAPH_CONFIG = {**OFFLINE_CONFIG, "displayModeBar": False}
# The map keeps its toolbar for pan, box and lasso (it has no title on screen); its card exports it.
MAP_CONFIG = {**OFFLINE_CONFIG, "scrollZoom": True, "modeBarButtonsToRemove": ["toImage", "sendChartToCloud"]}


def _card(title: str, body, chart: str | None = None, graph_id: str | None = None, alt: str | None = None, **kwargs) -> dbc.Card:
    """A titled card; with ``graph_id`` it gets PNG/SVG export buttons and an alt text box (``alt``, else the filter
    change's), with ``chart`` it can be embedded alone."""
    header = [html.H2(title, className="h6 mb-0 flex-grow-1")]
    if graph_id:
        header.append(export_buttons(graph_id))
    extra = {"data-chart": chart} if chart else {}
    if graph_id:
        body = [*(body if isinstance(body, list) else [body]), alt_text(graph_id, alt)]
    return html.Div(dbc.Card([dbc.CardHeader(header, className="d-flex align-items-center"), dbc.CardBody(body, className="p-2")],
                             className="mb-3"), **extra, **kwargs)


def _chart(graph_id: str, label: str) -> html.Div:
    """A chart and, for screen readers, a text summary of what it shows for the current selection."""
    return html.Div([
        *_drawn_in_view(graph_id, label),
        html.P(id={"type": ids.CHART_TEXT, "chart": graph_id}, className="visually-hidden"),
    ], role="figure", **{"aria-label": label})


def _drawn_in_view(graph_id: str, label: str, figure=None) -> list:
    """A chart that shows "Loading" until it is on screen, and its next-figure store (``figure`` to begin with, else
    the filter change's): assets/js/lazy.js hands the store's figure to the chart when it comes into view."""
    return [dcc.Store(id=ids.next_figure(graph_id), data=figure),
            dcc.Graph(id=graph_id, config=GRAPH_CONFIG, figure=figure_base.empty_figure(label, wording.LOADING, ""),
                      className="drawn-in-view")]


def layout(query) -> html.Div:
    """Built per page load from the already-loaded record of ``query`` (nothing is read from disk here)."""
    dataset = query.dataset
    return html.Div([
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.VIEW, data={}),
        dcc.Store(id=ids.MODE, data={}),
        dcc.Store(id=ids.PRESENT_FROM, storage_type="session"),
        dcc.Store(id=ids.DECK, storage_type="local"),  # the presenter's own deck (layouts/deck.py), kept in this browser
        dcc.Store(id=ids.EXPORT_DONE),
        dcc.Store(id=ids.IN_VIEW, data=[]),  # set by assets/js/lazy.js
        dcc.Store(id=ids.SCREEN),  # set by assets/js/ascn.js: a presentation on a phone
        dcc.Store(id=ids.MAP_SHIFT, data=False),  # set by assets/js/selection.js: shift-click and shift-drag add to the selection
        _header(dataset),
        html.Main(dbc.Container([
            html.Div(id=ids.SCENE_BAR, className="scene-bar", **{"aria-live": "polite"}),
            stage.stage(),
            html.Div(id=ids.NOTICE, role="status", className="chrome"),
            html.Div(id=ids.EMBED_NOTICE, role="alert", className="embed-only embed-notice"),
            dbc.Label(wording.LINK_TO_VIEW, html_for=ids.COPY_LINK_TEXT, className="visually-hidden"),
            dbc.Input(id=ids.COPY_LINK_TEXT, readonly=True, size="sm", className="mb-2 d-none"),
            dbc.Row([_filter_column(query), _map_column(query), _side_column()]),
            _charts_row(),
            _matrix_card(),
            _story_card(dataset),
            _table_card(),
            deck.panel(),
            embed_panel(),
            _footer(dataset),
            _embed_foot(),
        ], fluid=True)),
    ], id=ids.ROOT)


def _header(dataset) -> dbc.Navbar:
    """The site's name, what it shows, and the page's actions (present, copy link, downloads, about)."""
    return dbc.Navbar(dbc.Container([
        html.Div([
            html.H1(wording.SITE_SHORT, className="h4 mb-0 text-white"),
            html.Div(wording.tagline(len(dataset.cities)), className="small text-white-50"),
        ]),
        html.Nav([
            dbc.Button(wording.PRESENT, id=ids.PRESENT_LINK, color="light", size="sm", className="me-2", href="/?present=1", external_link=False),
            dbc.Button(wording.COPY_LINK, id=ids.COPY_LINK, color="light", size="sm", className="me-2"),
            dbc.Button(wording.DOWNLOAD_CSV, id=ids.DOWNLOAD_CSV, color="light", size="sm", href="/api/partnerships.csv", external_link=True,
                       download="ascn-partnerships.csv", className="me-2"),
            dbc.Button(wording.DOWNLOAD_ZIP, id=ids.DOWNLOAD_ZIP, color="light", size="sm", href="/api/partnerships.zip", external_link=True,
                       className="me-2"),
            dbc.Button(wording.PROFILES_LINK, href="/profiles", color="light", size="sm", external_link=True, className="me-2"),
            dbc.Button(wording.ABOUT_LINK, href="/about", color="light", size="sm", external_link=True),
        ], className="d-flex align-items-center flex-wrap gap-1", **{"aria-label": wording.ACTIONS}),
    ], fluid=True), color="dark", dark=True, className="mb-3 chrome")


def year_bounds(dataset) -> tuple[int, int]:
    """The year slider's ends: the record's first and last known years (a record with none: a range of its own)."""
    years = dataset.partnerships["year"].dropna()
    return (int(years.min()), int(years.max())) if len(years) else (2018, 2019)


def _filter_column(query) -> dbc.Col:
    """The filter panel. On a phone the map comes first, the filters under it."""
    dataset = query.dataset
    return dbc.Col(controls.filter_panel(query.allowed, year_bounds(dataset), {"city": _city_labels(dataset)}), className="chrome",
                   xl=3, lg=3, md={"size": 4, "order": 1}, xs={"size": 12, "order": 2})


def _map_column(query) -> dbc.Col:
    """The chips and summary of the view, the map, what the map shows and how to use it, the focus legend."""
    dataset = query.dataset
    return dbc.Col(html.Div([
        html.Div([html.Div(id=ids.CHIPS, className="d-flex flex-wrap align-items-center flex-grow-1"),
                  dbc.Button(wording.CLEAR_MAP_SELECTION, id=ids.CLEAR_SELECTION, size="sm", color="link", className="text-nowrap")],
                 className="d-flex align-items-start mb-1 chrome"),
        html.P(id=ids.SUMMARY, className="mb-2 fw-semibold", **{"aria-live": "polite"}),
        _map_card(query),
        alt_text(ids.MAP),
        html.P(wording.network_size(dataset.size_by_year()), id=ids.NETWORK_SIZE_NOTE, className="small text-secondary mb-2"),
        html.P(wording.MAP_HOW_TO, className="small text-secondary mb-2 chrome"),
        controls.focus_legend(),
    ], **{"data-chart": "map"}), xl=6, lg=9, md={"size": 8, "order": 2}, xs={"size": 12, "order": 1}, className="map-col")


def _map_card(query) -> dbc.Card:
    """The map of every city for the whole record (a filter change patches it), with the network-year choice."""
    dataset = query.dataset
    joined = (int(dataset.cities["joined"].min()), vocab.YEAR_MAX - 1)
    base_map = maps.map_figure(GEOMETRY_URL, query.countries, query.city_summary(Selection()), query.allowed["member_state"])
    return dbc.Card([
        dbc.CardHeader([html.H2(wording.MAP_HEADING, className="visually-hidden"), network_year_control(joined), export_buttons(ids.MAP)],
                       className="d-flex align-items-center gap-2 py-1 map-header"),
        # The box has the height (css .map-graph) and the responsive graph fills it: dcc.Graph's own
        # inline height beats a class on it, and once autosized it would collapse to 0 in a box without one.
        html.Div([dcc.Graph(id=ids.MAP, figure=base_map, config=MAP_CONFIG, style={"height": "100%"}),
                  html.P(id={"type": ids.CHART_TEXT, "chart": ids.MAP}, className="visually-hidden")],
                 role="figure", className="map-graph",
                 **{"aria-label": wording.MAP_ARIA}),
    ], className="mb-2 overflow-hidden")


def _side_column() -> dbc.Col:
    """Beside the map: the clicked city's panel and the focus areas."""
    return dbc.Col([
        html.Div(_card(wording.CITY_CARD, html.Div(id=ids.CITY_PANEL, children=wording.CITY_HINT)), className="chrome"),
        _card(wording.FOCUS_CARD, _chart(ids.FOCUS, wording.FOCUS_CHART), chart="focus", graph_id=ids.FOCUS),
    ], xl=3, lg=12, md={"size": 12, "order": 3}, xs={"size": 12, "order": 3}, className="side-col")


def _charts_row() -> dbc.Row:
    """Trends, partner economies and commitments, side by side on a wide screen."""
    return dbc.Row([
        dbc.Col(_card(wording.TREND_CARD, [
            dbc.Switch(id=ids.TREND_CUMULATIVE, label=wording.CUMULATIVE, value=False, className="small ms-1 chrome"),
            _chart(ids.TREND, wording.TREND_CHART),
        ], chart="trend", graph_id=ids.TREND), xl=4, lg=6, xs=12),
        dbc.Col(_card(wording.PARTNERS_CARD, _chart(ids.PARTNERS, wording.PARTNERS_CHART), chart="partners",
                      graph_id=ids.PARTNERS), xl=4, lg=6, xs=12),
        dbc.Col(_card(wording.COMMITMENTS_CARD, _chart(ids.COMMITMENTS, wording.COMMITMENTS_CHART), chart="commitments",
                      graph_id=ids.COMMITMENTS), xl=4, lg=12, xs=12),
    ])


def _matrix_card() -> html.Div:
    """Who works with whom: partner economies by city, following the filters."""
    return _card(wording.MATRIX_CARD, [
        html.P(wording.MATRIX_HOW_TO, className="small text-secondary mb-1 chrome"),
        html.P(wording.MATRIX_SCROLL_HINT, id="matrix-scroll-hint", className="small fw-semibold mb-1 chrome phone-only"),
        _chart(ids.MATRIX, wording.MATRIX_CHART),
    ], chart="matrix", graph_id=ids.MATRIX)


def _story_card(dataset) -> html.Div:
    """The milestones of the network (they do not follow the filters), with their list for screen readers."""
    story = charts.story_figure(dataset.events, wording.STORY_TITLE, wording.EVENT_SOURCE)
    summary = wording.story_summary(dataset.events)
    return _card(wording.STORY_CARD, [
        html.P(wording.STORY_HOW_TO, className="small text-secondary mb-1 chrome"),
        html.Div([*_drawn_in_view(ids.STORY, wording.STORY_ARIA, story),
                  html.P(summary, id={"type": ids.CHART_TEXT, "chart": ids.STORY}, className="visually-hidden")],
                 role="figure", **{"aria-label": wording.STORY_ARIA}),
        html.Ul([html.Li(wording.milestone(row["date"], row["title"])) for _, row in dataset.events.sort_values("date").iterrows()],
                className="visually-hidden"),
    ], chart="story", graph_id=ids.STORY, alt=summary)


def _table_card() -> html.Div:
    """The partnerships table, its search and the chosen row's details."""
    return html.Div(_card(wording.TABLE_CARD, [
        dbc.Row([
            dbc.Col([dbc.Label(wording.SEARCH_TABLE, html_for=ids.TABLE_SEARCH, className="visually-hidden"),
                     dbc.Input(id=ids.TABLE_SEARCH, type="search", placeholder=wording.SEARCH_PLACEHOLDER,
                               size="sm")], md=6),
            dbc.Col(html.Div(id=ids.TABLE_NOTE, className="small text-secondary pt-1"), md=6),
        ], className="mb-2"),
        html.P(wording.TABLE_HOW_TO, className="small text-secondary mb-1 table-how-to"),
        column_chooser(),
        dcc.Store(id=ids.TABLE_ROWS_NEXT),
        partnerships_grid(),
        rowdetail.panel(),
    ]), className="chrome")


def _footer(dataset) -> html.Footer:
    """Where the data comes from, its version, and the way to the about page."""
    economies = dataset.economies
    return html.Footer([
        wording.FOOTER_SOURCES, wording.footer_version(dataset.version), wording.footer_economies(len(economies)),
        html.A(wording.ABOUT_AND_CITE, href="/about"), ".",
    ], className="small text-secondary my-4 chrome")


def _embed_foot() -> html.Div:
    """Under an embedded chart: the focus colours (for the charts that use them), the source and the way back.
    assets/js/ascn.js fits the chart to the frame's height above these and fills in the chart's source."""
    return html.Div([html.Div(controls.focus_legend(None), className="embed-legend"),
                     html.P([html.Span(html.Span(id=ids.MAP_CREDIT), id="embed-source"), " ",
                             html.A(wording.OPEN_FULL, href="/", target="_blank", id=ids.EMBED_OPEN)],
                            className="small mb-0 embed-foot")],
                    className="embed-only")


def alt_text(graph_id: str, text: str | None = None) -> html.Details:
    """The sentence to paste beside an exported image as its alt text: the chart's summary for the current view
    (``text``, or the filter change's, which writes it with the screen-reader summary)."""
    return html.Details([
        html.Summary(wording.ALT_TEXT_SUMMARY, className="small text-secondary"),
        html.Label([html.Span(wording.ALT_TEXT_LABEL, className="visually-hidden"),  # labels the box (implicitly)
                    dbc.Textarea(id={"type": ids.ALT_TEXT, "chart": graph_id}, value=text, readonly=True, rows=3, className="small mt-1")],
                   className="w-100"),
    ], className="chrome export-alt mt-1")


def network_year_control(joined: tuple[int, int]) -> html.Div:
    """Show the network as it was in a year: cities appear in the year they joined."""
    first, last = joined
    return html.Div([
        dbc.Label(wording.NETWORK_IN, html_for=ids.NETWORK_YEAR, className="small mb-0 me-2 text-nowrap"),
        dbc.Select(id=ids.NETWORK_YEAR, value=NOW, size="sm", className="w-auto",
                   options=[{"label": wording.NETWORK_TODAY, "value": NOW}] + [{"label": str(y), "value": str(y)} for y in range(first, last + 1)]),
        html.Button(wording.PLAY, id=ids.PLAYER_PLAY, className="btn btn-sm btn-outline-secondary ms-2 text-nowrap", title=wording.PLAY_HOW,
                    **{"aria-pressed": "false"}),
        html.Button(wording.STEP, id=ids.PLAYER_STEP, className="btn btn-sm btn-outline-secondary ms-1 text-nowrap"),
        dcc.Interval(id=ids.PLAYER_TICK, interval=PLAYER_MS, disabled=True),
    ], className="d-flex flex-wrap row-gap-1 align-items-center me-auto")  # a phone: the buttons take a second line, never cut


PLAYER_MS = 1100  # a year about a second: the map's answer and its drawing fit in it on a busy laptop
# Play, pause and step the network year: the select's value changes, and the filter change draws the network of that
# year as for a person's choice. Stepping pauses; the last year stops; reduced motion steps one year a press.
PLAYER = """
function(play, step, tick, value, options, paused) {
    const nu = window.dash_clientside.no_update, t = window.dash_clientside.callback_context.triggered_id;
    const years = (options || []).map(o => o.value).filter(v => v !== %(now)s);
    const i = years.indexOf(value), last = years.length - 1;
    const next = i < 0 ? years[0] : years[Math.min(i + 1, last)];
    const reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    if (t === %(play)s) {
        if (!paused) { return [nu, true, %(play_label)s, "false"]; }
        if (reduce) { return [next, true, %(play_label)s, "false"]; }
        return [i < 0 || i === last ? years[0] : next, false, %(pause_label)s, "true"];
    }
    if (t === %(step)s) { return [next, true, %(play_label)s, "false"]; }
    if (t === %(tick)s && !paused) {
        if (i >= last) { return [nu, true, %(play_label)s, "false"]; }
        const done = i + 1 >= last;
        return [next, done, done ? %(play_label)s : %(pause_label)s, done ? "false" : "true"];
    }
    return [nu, nu, nu, nu];
}
""" % {k: json.dumps(v) for k, v in dict(now=NOW, play=ids.PLAYER_PLAY, step=ids.PLAYER_STEP, tick=ids.PLAYER_TICK,
                                            play_label=wording.PLAY, pause_label=wording.PAUSE).items()}


def _city_labels(dataset) -> dict[str, str]:
    """City id -> 'City (Member state)', by member state then city name."""
    cities = dataset.cities.assign(state=lambda f: f["member_state"].map(dataset.economy_name)).sort_values(["state", "name"])
    return {cid: f"{row['name']} ({row['state']})" for cid, row in cities.iterrows()}


def register(app) -> None:
    """The explorer's own clientside wiring."""
    app.clientside_callback(PLAYER, Output(ids.NETWORK_YEAR, "value", allow_duplicate=True), Output(ids.PLAYER_TICK, "disabled"),
                            Output(ids.PLAYER_PLAY, "children"), Output(ids.PLAYER_PLAY, "aria-pressed"),
                            Input(ids.PLAYER_PLAY, "n_clicks"), Input(ids.PLAYER_STEP, "n_clicks"), Input(ids.PLAYER_TICK, "n_intervals"),
                            State(ids.NETWORK_YEAR, "value"), State(ids.NETWORK_YEAR, "options"), State(ids.PLAYER_TICK, "disabled"),
                            prevent_initial_call=True)
    # Each chart but the map is drawn with its latest figure when it is in view (assets/js/lazy.js): a change of
    # view redraws what the user sees, and a chart below the fold when it is scrolled to; the table's rows the same
    # way (far below the map). One callback for all: each one the browser runs after an answer costs it a few ms.
    app.clientside_callback(ClientsideFunction("ascn", "drawInView"), [*(Output(graph, "figure") for graph in ids.LAZY_CHARTS),
                                                                       Output(ids.TABLE, "rowData")],
                            [*(Input(ids.next_figure(graph), "data") for graph in ids.LAZY_CHARTS), Input(ids.TABLE_ROWS_NEXT, "data"),
                             Input(ids.IN_VIEW, "data")])
    # The table's columns: the chooser's on a laptop, one card a row on a phone (assets/js/ascn.js).
    app.clientside_callback(ClientsideFunction("ascn", "tableColumns"), Output(ids.TABLE, "columnDefs"),
                            Input(ids.TABLE_COLUMNS, "value"), State(ids.TABLE_COLUMNS, "options"), State(ids.TABLE, "columnDefs"))
