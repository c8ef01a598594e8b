"""The framework floor: the least a Dash page with a map and a callback costs, served exactly as the app is.

- Floor page: an empty dash-bootstrap-components page (the same vendored Bootstrap CSS) with one
  dcc.Graph showing a simple map (a Scattergeo of the 29 cities, d3-geo like the app's map, with the
  same offline topojson), and Dash's own plotly.min.js.
- Floor callback: one trivial callback (text in, text out).

It is registered with the app's serving and security modules (compression, cache headers, security
headers, callback checks), as app.py does, and run by the same gunicorn config: `gunicorn -c gunicorn.conf.py bench.floor_app:server`.
"""

import csv
from pathlib import Path

import dash
import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import Input, Output, dcc, html

from routes import serving

ROOT = Path(__file__).resolve().parent.parent
FLOOR_INPUT, FLOOR_OUTPUT, FLOOR_MAP = "floor-input", "floor-output", "floor-map"


def _cities() -> tuple[list[float], list[float]]:
    with open(ROOT / "data" / "cities.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [float(r["lat"]) for r in rows], [float(r["lon"]) for r in rows]


def create_floor_app() -> dash.Dash:
    app = dash.Dash(__name__, title="Floor", serve_locally=True, update_title=None,
                    # The app's assets folder, but only Bootstrap's CSS in the page (the topojson is fetched by plotly).
                    assets_folder=str(ROOT / "assets"), assets_ignore=r"^(?!0_bootstrap).*")
    lat, lon = _cities()
    figure = go.Figure(go.Scattergeo(lat=lat, lon=lon, mode="markers"))
    figure.update_geos(lonaxis_range=[91, 129], lataxis_range=[-11.5, 24.5], resolution=110)
    figure.update_layout(margin=dict(l=0, r=0, t=0, b=0), height=440)
    app.layout = dbc.Container([
        dcc.Graph(id=FLOOR_MAP, figure=figure, config={"topojsonURL": "/assets/topojson/"}),
        dbc.Input(id=FLOOR_INPUT, value=""),
        html.Div(id=FLOOR_OUTPUT),
    ])

    @app.callback(Output(FLOOR_OUTPUT, "children"), Input(FLOOR_INPUT, "value"))
    def echo(value):
        return value

    serving.register(app, health=dict)
    try:  # the app's HTTP hardening (security headers, callback body checks) is part of how it is served
        from routes import security
    except ImportError:
        return app
    security.register(app)
    return app


app = create_floor_app()
server = app.server
