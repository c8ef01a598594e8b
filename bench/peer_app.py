"""The conventional peer: the same dashboard written as Dash's gallery apps are, to measure the app against.

Same data (the CSVs of ASCN_DATA_DIR or data/), same controls (member state, partner, focus area, year
range, unknown years, cities), same charts (map, focus areas, trend, partners, commitments), a table and a
summary line. Written the usual way: one callback per chart, each filtering the frame itself and rebuilding
its plotly.express figure on every change; the choropleth carries the country GeoJSON in every answer.

Served exactly as the app is (`gunicorn -c gunicorn.conf.py bench.peer_app:server`, the app's compression and
security headers), so the comparison is of the callback design alone. Nothing here is used by the app.
"""

import json
import os
import threading
from pathlib import Path

import dash
import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
import plotly.express as px
from dash import Input, Output, dcc, html

from routes import serving

ROOT = Path(__file__).resolve().parent.parent
FOCUS_AREAS = ["civic-social", "health-wellbeing", "safety-security", "quality-environment", "built-infrastructure",
               "industry-innovation"]
CONTROLS = [Input("filter-member-state", "value"), Input("filter-partner", "value"), Input("filter-focus", "value"),
            Input("filter-years", "value"), Input("filter-unknown-year", "value"), Input("filter-cities", "value")]
GRAPH_CONFIG = {"topojsonURL": "/assets/topojson/", "displaylogo": False}  # offline: the app's own world topojson
# plotly.express reads the shared default template lazily and fails ("Invalid value") when two threads of a
# gunicorn worker build figures at once: a threaded deployment of such an app needs this lock.
PX_LOCK = threading.Lock()


def read(data_dir: Path) -> dict:
    """The CSVs as pandas frames, lists split on ';' (as the data contract writes them)."""
    split = lambda s: [v for v in str(s).split(";") if v] if pd.notna(s) else []  # noqa: E731
    partnerships = pd.read_csv(data_dir / "partnerships.csv", dtype=str, keep_default_na=False)
    partnerships["partner_economies"] = partnerships["partner_economies"].map(split)
    partnerships["city_ids"] = partnerships["city_ids"].map(split)
    partnerships["year"] = pd.to_numeric(partnerships["year"], errors="coerce")
    commitments = pd.read_csv(data_dir / "commitments.csv", dtype=str, keep_default_na=False)
    commitments["partner_economies"] = commitments["partner_economies"].map(split)
    return {
        "partnerships": partnerships,
        "commitments": commitments,
        "cities": pd.read_csv(data_dir / "cities.csv", dtype={"city_id": str}),
        "economies": pd.read_csv(data_dir / "economies.csv", dtype=str),
        "geojson": json.loads((data_dir / "geo" / "countries.geojson").read_text(encoding="utf-8")),
    }


DATA = read(Path(os.environ.get("ASCN_DATA_DIR") or ROOT / "data"))
NAMES = dict(zip(DATA["economies"]["code"], DATA["economies"]["name"]))
MEMBERS = DATA["economies"][DATA["economies"]["asean_member"] == "true"]["code"].tolist()


def filtered(states, partners, focus, years, unknown, cities) -> pd.DataFrame:
    """The partnerships under the filters, recomputed by each callback (no shared state between callbacks)."""
    frame = DATA["partnerships"]
    city_state = dict(zip(DATA["cities"]["city_id"], DATA["cities"]["member_state"]))
    if states:
        frame = frame[frame["city_ids"].apply(lambda ids: any(city_state.get(c) in states for c in ids))]
    if partners:
        frame = frame[frame["partner_economies"].apply(lambda ps: any(p in partners for p in ps))]
    if focus:
        frame = frame[frame["focus_area"].isin(focus)]
    if cities:
        frame = frame[frame["city_ids"].apply(lambda ids: any(c in cities for c in ids))]
    unknown = unknown or "include"
    if unknown == "only":
        return frame[frame["year"].isna()]
    known = frame["year"].notna()
    if years:
        known &= frame["year"].between(years[0], years[1])
    return frame[known | (frame["year"].isna() & (unknown == "include"))]


def create_peer_app() -> dash.Dash:
    app = dash.Dash(__name__, title="Peer", serve_locally=True, update_title=None,
                    assets_folder=str(ROOT / "assets"), assets_ignore=r"^(?!0_bootstrap).*")
    years = DATA["partnerships"]["year"].dropna()
    low, high = int(years.min()), int(years.max())
    cities = DATA["cities"].sort_values("name")
    app.layout = dbc.Container([
        html.H1("ASEAN Smart Cities Network", className="h4 my-2"),
        dbc.Row([
            dbc.Col([
                dbc.Label("Member state"),
                dcc.Dropdown(id="filter-member-state", options=[{"label": NAMES[c], "value": c} for c in MEMBERS], multi=True),
                dbc.Label("Partner economy"),
                dcc.Dropdown(id="filter-partner", options=[{"label": n, "value": c} for c, n in NAMES.items()], multi=True),
                dbc.Label("Focus area"),
                dcc.Dropdown(id="filter-focus", options=FOCUS_AREAS, multi=True),
                dbc.Label("Year"),
                dcc.RangeSlider(id="filter-years", min=low, max=high, step=1, value=[low, high]),
                dbc.RadioItems(id="filter-unknown-year", value="include", options=["include", "exclude", "only"], inline=True),
                dbc.Label("Cities"),
                dcc.Dropdown(id="filter-cities", options=[{"label": n, "value": c} for c, n in zip(cities["city_id"], cities["name"])],
                             multi=True),
            ], md=3),
            dbc.Col([html.P(id="summary"), dcc.Graph(id="map", config=GRAPH_CONFIG)], md=6),
            dbc.Col(dcc.Graph(id="chart-focus", config=GRAPH_CONFIG), md=3),
        ]),
        dbc.Row([dbc.Col(dcc.Graph(id=g, config=GRAPH_CONFIG), md=4) for g in ("chart-trend", "chart-partners", "chart-commitments")]),
        dag.AgGrid(id="table", dashGridOptions={"pagination": True, "paginationPageSize": 10}),
    ], fluid=True)

    @app.callback(Output("summary", "children"), *CONTROLS)
    def summary(*filters):
        return f"{len(filtered(*filters))} of {len(DATA['partnerships'])} partnerships"

    @app.callback(Output("map", "figure"), *CONTROLS)
    def map_figure(*filters):
        frame = filtered(*filters)
        city_state = dict(zip(DATA["cities"]["city_id"], DATA["cities"]["member_state"]))
        per_city = frame.explode("city_ids")["city_ids"].value_counts()
        per_state = frame.explode("city_ids")["city_ids"].map(city_state).value_counts()
        states = pd.DataFrame({"code": MEMBERS, "partnerships": [int(per_state.get(c, 0)) for c in MEMBERS],
                               "name": [NAMES[c] for c in MEMBERS]})
        with PX_LOCK:
            fig = px.choropleth(states, geojson=DATA["geojson"], locations="code", featureidkey="properties.adm0_a3",
                                color="partnerships", hover_name="name", color_continuous_scale="Blues")
            points = DATA["cities"].assign(partnerships=DATA["cities"]["city_id"].map(per_city).fillna(0))
            fig.add_trace(px.scatter_geo(points, lat="lat", lon="lon", size=points["partnerships"] + 1, hover_name="name").data[0])
        fig.update_geos(fitbounds="locations", visible=False)
        fig.update_layout(margin=dict(l=0, r=0, t=0, b=0), height=440)
        return fig

    @app.callback(Output("chart-focus", "figure"), *CONTROLS)
    def focus_figure(*filters):
        counts = filtered(*filters)["focus_area"].value_counts().reindex(FOCUS_AREAS, fill_value=0).reset_index()
        with PX_LOCK:
            return px.bar(counts, x="count", y="focus_area", orientation="h", color="focus_area", title="Focus areas")

    @app.callback(Output("chart-trend", "figure"), *CONTROLS)
    def trend_figure(*filters):
        frame = filtered(*filters)
        years = frame["year"].map(lambda y: "unknown" if pd.isna(y) else str(int(y)))
        counts = pd.crosstab(years, frame["focus_area"]).reset_index().melt(id_vars="year", value_name="partnerships")
        with PX_LOCK:
            return px.bar(counts, x="year", y="partnerships", color="focus_area", title="Partnerships per year")

    @app.callback(Output("chart-partners", "figure"), *CONTROLS)
    def partners_figure(*filters):
        frame = filtered(*filters).explode("partner_economies")
        counts = frame.groupby(["partner_economies", "focus_area"]).size().reset_index(name="partnerships")
        counts["partner"] = counts["partner_economies"].map(NAMES)
        with PX_LOCK:
            return px.bar(counts, x="partnerships", y="partner", color="focus_area", orientation="h", title="Partner economies")

    @app.callback(Output("chart-commitments", "figure"), *CONTROLS)
    def commitments_figure(states, partners, *_rest):
        frame = DATA["commitments"].explode("partner_economies")
        if partners:
            frame = frame[frame["partner_economies"].isin(partners)]
        frame = frame.assign(partner=frame["partner_economies"].map(NAMES))
        with PX_LOCK:
            return px.scatter(frame, x="date", y="partner", color="kind", hover_name="title", title="Commitments")

    @app.callback(Output("table", "rowData"), Output("table", "columnDefs"), *CONTROLS)
    def table(*filters):
        frame = filtered(*filters)[["partnership_id", "title", "partner_economies", "city_ids", "focus_area", "year", "source"]]
        frame = frame.assign(partner_economies=frame["partner_economies"].str.join(", "), city_ids=frame["city_ids"].str.join(", "))
        return frame.to_dict("records"), [{"field": c} for c in frame.columns]

    serving.register(app, health=dict)
    try:  # the app's HTTP hardening, as the floor app has it
        from routes import security
    except ImportError:
        return app
    security.register(app)
    return app


app = create_peer_app()
server = app.server
