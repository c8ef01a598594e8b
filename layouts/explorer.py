"""The explorer page: filters, map, linked charts, city panel and the partnerships table."""

import dash_bootstrap_components as dbc
from dash import MATCH, Input, Output, dcc, html

from ascn import vocab, wording
from ascn.selection import Selection
from components import charts, controls, figure_base, ids, maps
from components.table import partnerships_grid
from layouts import rowdetail, stage
from layouts.modes import NOW
from layouts.presenter import embed_panel, export_buttons

GEOMETRY_URL = "/geo/countries.geojson"
ALT_TEXT = "alt-text"  # pattern-matching: {"type": ALT_TEXT, "chart": <graph id>}: alt text offered with a chart's export
GRAPH_CONFIG = {
    "topojsonURL": "/assets/topojson/",  # the default is a CDN: offline the map would draw nothing
    "displaylogo": False,
    "responsive": True,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
MAP_CONFIG = {**GRAPH_CONFIG, "scrollZoom": True, "modeBarButtonsToRemove": ["toImage"]}


def _card(title: str, body, chart: str | None = None, graph_id: str | None = None, **kwargs) -> dbc.Card:
    """A titled card; with ``graph_id`` it gets PNG/SVG export buttons, with ``chart`` it can be embedded alone."""
    header = [html.H2(title, className="h6 mb-0 flex-grow-1")]
    if graph_id:
        header.append(export_buttons(graph_id))
    extra = {"data-chart": chart} if chart else {}
    if graph_id:
        body = [*(body if isinstance(body, list) else [body]), alt_text(graph_id)]
    return html.Div(dbc.Card([dbc.CardHeader(header, className="d-flex align-items-center"), dbc.CardBody(body, className="p-2")],
                             className="mb-3"), **extra, **kwargs)


def _chart(graph_id: str, label: str) -> html.Div:
    """A chart and, for screen readers, a text summary of what it shows for the current selection."""
    return html.Div([
        dcc.Graph(id=graph_id, config=GRAPH_CONFIG, figure=figure_base.empty_figure(label, "Loading…", "")),
        html.P(id={"type": ids.CHART_TEXT, "chart": graph_id}, className="visually-hidden"),
    ], role="figure", **{"aria-label": label})


def layout(query) -> html.Div:
    """Built per page load from the already-loaded record of ``query`` (nothing is read from disk here)."""
    dataset = query.dataset
    return html.Div([
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.VIEW, data={}),
        dcc.Store(id=ids.MODE, data={}),
        dcc.Store(id=ids.EXPORT_DONE),
        dcc.Store(id=ids.MAP_SHIFT, data=False),  # set by assets/js/selection.js: shift-click and shift-drag add to the selection
        _header(dataset),
        html.Main(dbc.Container([
            html.Div(id=ids.SCENE_BAR, className="scene-bar", **{"aria-live": "polite"}),
            stage.stage(),
            html.Div(id=ids.NOTICE, role="status", className="chrome"),
            dbc.Label("Link to this view", html_for=ids.COPY_LINK_TEXT, className="visually-hidden"),
            dbc.Input(id=ids.COPY_LINK_TEXT, readonly=True, size="sm", className="mb-2 d-none"),
            dbc.Row([_filter_column(query), _map_column(query), _side_column()]),
            _charts_row(),
            _matrix_card(),
            _story_card(dataset),
            _table_card(),
            embed_panel(),
            _footer(dataset),
            _embed_foot(),
        ], fluid=True)),
    ], id=ids.ROOT)


def _header(dataset) -> dbc.Navbar:
    """The site's name, what it shows, and the page's actions (present, copy link, downloads, about)."""
    return dbc.Navbar(dbc.Container([
        html.Div([
            html.H1("ASEAN Smart Cities Network", className="h4 mb-0 text-white"),
            html.Div(f"Who partners with the network's {len(dataset.cities)} named cities, and on what", className="small text-white-50"),
        ]),
        html.Nav([
            dbc.Button("Present", id=ids.PRESENT_LINK, color="light", size="sm", className="me-2", href="/?present=1", external_link=False),
            dbc.Button("Copy link", id=ids.COPY_LINK, color="light", size="sm", className="me-2"),
            dbc.Button("Download CSV", id=ids.DOWNLOAD_CSV, color="light", size="sm", href="/api/partnerships.csv", external_link=True,
                       download="ascn-partnerships.csv", className="me-2"),
            dbc.Button("Download ZIP", id=ids.DOWNLOAD_ZIP, color="light", size="sm", href="/api/partnerships.zip", external_link=True,
                       className="me-2"),
            dbc.Button("About the data", href="/about", color="light", size="sm", external_link=True),
        ], className="d-flex align-items-center flex-wrap gap-1", **{"aria-label": "Actions"}),
    ], fluid=True), color="dark", dark=True, className="mb-3 chrome")


def _filter_column(query) -> dbc.Col:
    """The filter panel. On a phone the map comes first, the filters under it."""
    dataset = query.dataset
    years = dataset.partnerships["year"].dropna()
    year_bounds = (int(years.min()), int(years.max())) if len(years) else (2018, 2019)
    return dbc.Col(controls.filter_panel(query.allowed, year_bounds, {"city": _city_labels(dataset)}), className="chrome",
                   xl=3, lg=3, md={"size": 4, "order": 1}, xs={"size": 12, "order": 2})


def _map_column(query) -> dbc.Col:
    """The chips and summary of the view, the map, what the map shows and how to use it, the focus legend."""
    dataset = query.dataset
    return dbc.Col(html.Div([
        html.Div([html.Div(id=ids.CHIPS, className="d-flex flex-wrap align-items-center flex-grow-1"),
                  dbc.Button("Clear map selection", id=ids.CLEAR_SELECTION, size="sm", color="link", className="text-nowrap")],
                 className="d-flex align-items-start mb-1 chrome"),
        html.P(id=ids.SUMMARY, className="mb-2 fw-semibold", **{"aria-live": "polite"}),
        _map_card(query),
        alt_text(ids.MAP),
        html.P(dataset.size_sentence(), id=ids.NETWORK_SIZE_NOTE, className="small text-secondary mb-2"),
        html.P("Click a city to select it, shift-click to add more, or drag a box or lasso (map toolbar). "
               "Click a member state to filter by it. Keyboard: tick cities in the filter panel.",
               className="small text-secondary mb-2 chrome"),
        controls.focus_legend(),
    ], **{"data-chart": "map"}), xl=6, lg=9, md={"size": 8, "order": 2}, xs={"size": 12, "order": 1}, className="map-col")


def _map_card(query) -> dbc.Card:
    """The map of every city for the whole record (a filter change patches it), with the network-year choice."""
    dataset = query.dataset
    joined = (int(dataset.cities["joined"].min()), vocab.YEAR_MAX - 1)
    base_map = maps.map_figure(GEOMETRY_URL, query.countries, query.city_summary(Selection()), query.allowed["member_state"])
    return dbc.Card([
        dbc.CardHeader([html.H2("Map", className="visually-hidden"), network_year_control(joined), export_buttons(ids.MAP)],
                       className="d-flex align-items-center gap-2 py-1 map-header"),
        # The box has the height (css .map-graph) and the responsive graph fills it: dcc.Graph's own
        # inline height beats a class on it, and once autosized it would collapse to 0 in a box without one.
        html.Div([dcc.Graph(id=ids.MAP, figure=base_map, config=MAP_CONFIG, style={"height": "100%"}),
                  html.P(id={"type": ids.CHART_TEXT, "chart": ids.MAP}, className="visually-hidden")],
                 role="figure", className="map-graph",
                 **{"aria-label": "Map of ASCN cities; click a city or a member state to filter"}),
    ], className="mb-2 overflow-hidden")


def _side_column() -> dbc.Col:
    """Beside the map: the clicked city's panel and the focus areas."""
    return dbc.Col([
        html.Div(_card("City", html.Div(id=ids.CITY_PANEL, children=city_hint())), className="chrome"),
        _card("Focus areas", _chart(ids.FOCUS, "Partnerships by focus area"), chart="focus", graph_id=ids.FOCUS),
    ], xl=3, lg=12, md={"size": 12, "order": 3}, xs={"size": 12, "order": 3}, className="side-col")


def _charts_row() -> dbc.Row:
    """Trends, partner economies and commitments, side by side on a wide screen."""
    return dbc.Row([
        dbc.Col(_card("Partnership trends", [
            dbc.Switch(id=ids.TREND_CUMULATIVE, label="Cumulative", value=False, className="small ms-1 chrome"),
            _chart(ids.TREND, "Partnerships per year"),
        ], chart="trend", graph_id=ids.TREND), xl=4, lg=6, xs=12),
        dbc.Col(_card("External partners", _chart(ids.PARTNERS, "Partnerships per partner economy"), chart="partners",
                      graph_id=ids.PARTNERS), xl=4, lg=6, xs=12),
        dbc.Col(_card("Commitments of external partners", _chart(ids.COMMITMENTS, "Commitments timeline"), chart="commitments",
                      graph_id=ids.COMMITMENTS), xl=4, lg=12, xs=12),
    ])


def _matrix_card() -> html.Div:
    """Who works with whom: partner economies by city, following the filters."""
    return _card("Who works with whom", [
        html.P("Partner economies (rows) in the network's cities (columns); a circle's number is their partnerships. "
               "Click a circle to filter by that partner and city.", className="small text-secondary mb-1 chrome"),
        _chart(ids.MATRIX, "Partner economies by city"),
    ], chart="matrix", graph_id=ids.MATRIX)


def _story_card(dataset) -> html.Div:
    """The milestones of the network (they do not follow the filters), with their list for screen readers."""
    story = charts.story_figure(dataset.events, "Milestones of the network", wording.EVENT_SOURCE)
    return _card("The story of the network", [
        html.P("Click a milestone to see that year's partnerships and the network as it was then.",
               className="small text-secondary mb-1 chrome"),
        html.Div([dcc.Graph(id=ids.STORY, figure=story, config=GRAPH_CONFIG),
                  html.P(story_summary(dataset.events), id={"type": ids.CHART_TEXT, "chart": ids.STORY}, className="visually-hidden")],
                 role="figure", **{"aria-label": "Timeline of the network's milestones"}),
        html.Ul([html.Li(f"{row['date']}: {row['title']}") for _, row in dataset.events.sort_values("date").iterrows()],
                className="visually-hidden"),
    ], chart="story", graph_id=ids.STORY)


def _table_card() -> html.Div:
    """The partnerships table, its search and the chosen row's details."""
    return html.Div(_card("Partnerships", [
        dbc.Row([
            dbc.Col([dbc.Label("Search the table", html_for=ids.TABLE_SEARCH, className="visually-hidden"),
                     dbc.Input(id=ids.TABLE_SEARCH, type="search", placeholder="Search the table (title, organisation, city…)",
                               size="sm")], md=6),
            dbc.Col(html.Div(id=ids.TABLE_NOTE, className="small text-secondary pt-1"), md=6),
        ], className="mb-2"),
        html.P("Click a row to read its full source, year source and notes below (and to ring its cities on the map).",
               className="small text-secondary mb-1"),
        partnerships_grid(),
        rowdetail.panel(),
    ]), className="chrome")


def _footer(dataset) -> html.Footer:
    """Where the data comes from, its version, and the way to the about page."""
    economies = dataset.economies
    return html.Footer([
        "Data: the ISEAS paper's Tables 1 and 2 (Martinus 2020), rows added from later reporting, each year's report named in the table; ",
        f"data version {dataset.version}. Map: Natural Earth (public domain). Economies: ",
        f"{len(economies)} listed. ", html.A("About the data and how to cite", href="/about"), ".",
    ], className="small text-secondary my-4 chrome")


def _embed_foot() -> html.Div:
    """Under an embedded chart: the focus colours (for the charts that use them), the source and the way back.
    assets/js/ascn.js fits the chart to the frame's height above these and fills in the chart's source."""
    return html.Div([html.Div(controls.focus_legend(None), className="embed-legend"),
                     html.P([html.Span(html.Span(id=ids.MAP_CREDIT), id="embed-source"), " ",
                             html.A("Open the full dashboard", href="/", target="_blank", id=ids.EMBED_OPEN)],
                            className="small mb-0 embed-foot")],
                    className="embed-only")


def alt_text(graph_id: str) -> html.Details:
    """The sentence to paste beside an exported image as its alt text: the chart's summary for the current view
    (filled from the screen-reader summary by a clientside callback)."""
    return html.Details([
        html.Summary("Alt text for the exported image", className="small text-secondary"),
        html.Label([html.Span("Alt text: paste it beside the image", className="visually-hidden"),  # labels the box (implicitly)
                    dbc.Textarea(id={"type": ALT_TEXT, "chart": graph_id}, readonly=True, rows=3, className="small mt-1")],
                   className="w-100"),
    ], className="chrome export-alt mt-1")


def story_summary(events) -> str:
    """The story chart's summary (it does not change with the filters)."""
    rows = events.sort_values("date")
    return (f"Timeline of {len(rows)} milestones of the network, from {rows['date'].iloc[0]} to {rows['date'].iloc[-1]}: "
            + "; ".join(f"{d} {t}" for d, t in zip(rows["date"], rows["title"])) + ".")


def network_year_control(joined: tuple[int, int]) -> html.Div:
    """Show the network as it was in a year: cities appear in the year they joined."""
    first, last = joined
    return html.Div([
        dbc.Label("Network in", html_for=ids.NETWORK_YEAR, className="small mb-0 me-2 text-nowrap"),
        dbc.Select(id=ids.NETWORK_YEAR, value=NOW, size="sm", className="w-auto",
                   options=[{"label": "today", "value": NOW}] + [{"label": str(y), "value": str(y)} for y in range(first, last + 1)]),
    ], className="d-flex align-items-center me-auto")


def city_hint() -> str:
    return "Click a city on the map to see its partnerships."


def _city_labels(dataset) -> dict[str, str]:
    """City id -> 'City (Member state)', by member state then city name."""
    cities = dataset.cities.assign(state=lambda f: f["member_state"].map(dataset.economy_name)).sort_values(["state", "name"])
    return {cid: f"{row['name']} ({row['state']})" for cid, row in cities.iterrows()}


def register(app) -> None:
    """The explorer's own clientside wiring."""
    # The alt text is the chart's screen-reader summary, which the server already writes for the current view.
    app.clientside_callback(
        "function(text) { return Array.isArray(text) ? text.join('') : (text || ''); }",
        Output({"type": ALT_TEXT, "chart": MATCH}, "value"), Input({"type": ids.CHART_TEXT, "chart": MATCH}, "children"))
