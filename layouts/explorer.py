"""The explorer page: filters, map, linked charts, city panel and the partnerships table."""

import dash_bootstrap_components as dbc
from dash import dcc, html

from ascn.query import default_query
from ascn.selection import Selection, allowed_values
from components import controls, figures, ids
from components.table import partnerships_grid

GEOMETRY_URL = "/geo/countries.geojson"
GRAPH_CONFIG = {
    "topojsonURL": "/assets/topojson/",  # the default is a CDN: offline the map would draw nothing
    "displaylogo": False,
    "responsive": True,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
MAP_CONFIG = {**GRAPH_CONFIG, "scrollZoom": True, "modeBarButtonsToRemove": ["toImage"]}


def _card(title: str, body, **kwargs) -> dbc.Card:
    return dbc.Card([dbc.CardHeader(html.H2(title, className="h6 mb-0")), dbc.CardBody(body, className="p-2")], className="mb-3", **kwargs)


def _chart(graph_id: str, label: str) -> dcc.Graph:
    return html.Div(dcc.Graph(id=graph_id, config=GRAPH_CONFIG, figure=figures.empty_figure(label, "Loading…", "")),
                    role="figure", **{"aria-label": label})


def layout() -> html.Div:
    """Built per page load from the already-loaded dataset (nothing is read from disk here)."""
    query = default_query()
    dataset = query.dataset
    allowed = allowed_values(dataset)
    years = dataset.partnerships["year"].dropna()
    year_bounds = (int(years.min()), int(years.max())) if len(years) else (2018, 2019)
    economies = dataset.economies
    state_names = allowed["member_state"]
    base_map = figures.map_figure(GEOMETRY_URL, query.countries, query.city_summary(Selection()), state_names)

    header = dbc.Navbar(dbc.Container([
        html.Div([
            html.H1("ASEAN Smart Cities Network", className="h4 mb-0 text-white"),
            html.Div("Who partners with the network's 29 cities, and on what", className="small text-white-50"),
        ]),
        html.Div([
            dbc.Button("Copy link", id=ids.COPY_LINK, color="light", size="sm", className="me-2"),
            dbc.Button("Download CSV", id=ids.DOWNLOAD_CSV, color="light", size="sm", href="/api/partnerships.csv", external_link=True,
                       download="ascn-partnerships.csv"),
        ], className="d-flex align-items-center"),
    ], fluid=True), color="dark", dark=True, className="mb-3")

    return html.Div([
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.VIEW, data={}),
        header,
        dbc.Container([
            html.Div(id=ids.NOTICE, role="status"),
            dbc.Label("Link to this view", html_for=ids.COPY_LINK_TEXT, className="visually-hidden"),
            dbc.Input(id=ids.COPY_LINK_TEXT, readonly=True, size="sm", className="mb-2 d-none"),
            dbc.Row([
                # On a phone the map comes first, the filters under it.
                dbc.Col(controls.filter_panel(allowed, year_bounds, _city_labels(dataset)),
                        xl=3, lg=3, md={"size": 4, "order": 1}, xs={"size": 12, "order": 2}),
                dbc.Col([
                    html.Div([html.Div(id=ids.CHIPS, className="d-flex flex-wrap align-items-center flex-grow-1"),
                              dbc.Button("Clear map selection", id=ids.CLEAR_SELECTION, size="sm", color="link", className="text-nowrap")],
                             className="d-flex align-items-start mb-1"),
                    html.P(id=ids.SUMMARY, className="mb-2 fw-semibold", **{"aria-live": "polite"}),
                    dbc.Card(html.Div(dcc.Graph(id=ids.MAP, figure=base_map, config=MAP_CONFIG, className="map-graph"),
                                      role="figure", **{"aria-label": "Map of ASCN cities; click a city or a member state to filter"}),
                             className="mb-2 overflow-hidden"),
                    html.P("Click a city to select it, shift-click to add more, or drag a box or lasso (map toolbar). "
                           "Click a member state to filter by it.", className="small text-secondary mb-2"),
                    controls.focus_legend(),
                ], xl=6, lg=9, md={"size": 8, "order": 2}, xs={"size": 12, "order": 1}),
                dbc.Col([
                    _card("City", html.Div(id=ids.CITY_PANEL, children=city_hint())),
                    _card("Focus areas", _chart(ids.FOCUS, "Partnerships by focus area")),
                ], xl=3, lg=12, md={"size": 12, "order": 3}, xs={"size": 12, "order": 3}),
            ]),
            dbc.Row([
                dbc.Col(_card("Partnership trends", [
                    dbc.Switch(id=ids.TREND_CUMULATIVE, label="Cumulative", value=False, className="small ms-1"),
                    _chart(ids.TREND, "Partnerships per year"),
                ]), xl=4, lg=6, xs=12),
                dbc.Col(_card("External partners", _chart(ids.PARTNERS, "Partnerships per partner economy")), xl=4, lg=6, xs=12),
                dbc.Col(_card("Commitments of external partners", _chart(ids.COMMITMENTS, "Commitments timeline")), xl=4, lg=12, xs=12),
            ]),
            _card("Partnerships", [
                dbc.Row([
                    dbc.Col([dbc.Label("Search the table", html_for=ids.TABLE_SEARCH, className="visually-hidden"),
                             dbc.Input(id=ids.TABLE_SEARCH, type="search", placeholder="Search the table (title, organisation, city…)",
                                       size="sm")], md=6),
                    dbc.Col(html.Div(id=ids.TABLE_NOTE, className="small text-secondary pt-1"), md=6),
                ], className="mb-2"),
                partnerships_grid(),
            ]),
            html.Footer([
                "Data: the ISEAS paper's Tables 1 and 2 (Martinus 2020) with years from public reporting; ",
                f"data version {dataset.version}. Map: Natural Earth (public domain). Economies: ",
                f"{len(economies)} listed.",
            ], className="small text-secondary my-4"),
        ], fluid=True),
    ])


def city_hint() -> str:
    return "Click a city on the map to see its partnerships."


def _city_labels(dataset) -> dict[str, str]:
    """City id -> 'City (Member state)', by member state then city name."""
    cities = dataset.cities.assign(state=lambda f: f["member_state"].map(dataset.economy_name)).sort_values(["state", "name"])
    return {cid: f"{row['name']} ({row['state']})" for cid, row in cities.iterrows()}
