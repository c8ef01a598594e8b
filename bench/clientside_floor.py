"""Dash's own floor for a filter change drawn in the browser, to read the redraw-limit target against.

The page holds the partner dropdown and the graphs the app had in view, at their sizes, showing the app's own
figures as the app drew them (captured by bench/felt.py in the same run, ``FeltSession.views_drawn``). One clientside
callback hands the graphs the next figures from a store: no request, no server work, a handful of components. Whatever
a Dash page does between a click and a redraw (the dropdown's own update, the renderer's dispatch, the callback), this
page does the least of it, so its felt latency over its redraw limit is the lowest ratio any Dash design could reach.

    ASCN_BENCH_FIGURES=views.json gunicorn -c gunicorn.conf.py bench.clientside_floor:server
"""

import json
import os
from pathlib import Path

import dash
from dash import Input, Output, State, dcc, html
from flask import send_file

from ascn.vocab import GEOMETRY
from layouts.explorer import GEOMETRY_URL  # where the app's map figure fetches its countries
from routes import serving

ROOT = Path(__file__).resolve().parent.parent
FIGURES_ENV = "ASCN_BENCH_FIGURES"
DROPDOWN, STORE = "filter-partner", "figures-of-views"
# The figures of the view the dropdown names (its values sorted, comma-joined; none chosen: ""), one per graph.
PICK = """(chosen, views) => { const view = views[(chosen || []).slice().sort().join(',')];
    return view ? GRAPHS.map(id => view[id]) : GRAPHS.map(() => window.dash_clientside.no_update); }"""


def create_app(captured: dict) -> dash.Dash:
    """The page for ``captured``: {"sizes": {graph id: [width, height]}, "views": {chosen names: {graph id: figure}}}."""
    graphs = list(captured["sizes"])
    app = dash.Dash(__name__, title="Dash clientside floor", serve_locally=True, update_title=None,
                    assets_folder=str(ROOT / "assets"), assets_ignore=r".*\.js$")  # the app's CSS and topojson, none of its scripts
    data_dir = Path(os.environ.get("ASCN_DATA_DIR") or ROOT / "data")
    app.server.add_url_rule(GEOMETRY_URL, "geometry", lambda: send_file(data_dir / GEOMETRY))
    names = sorted({name for view in captured["views"] for name in view.split(",") if name})
    first = captured["views"][""]
    config = {"topojsonURL": "/assets/topojson/", "displaylogo": False}
    app.layout = html.Div([
        dcc.Dropdown(id=DROPDOWN, options=[{"label": n, "value": n} for n in names], value=[], multi=True),
        dcc.Store(id=STORE, data=captured["views"]),
        html.Div([dcc.Graph(id=g, figure=first[g], config=config, style={"width": w, "height": h})
                  for g, (w, h) in captured["sizes"].items()], style={"display": "flex", "flexWrap": "wrap"}),
    ])
    app.clientside_callback(PICK.replace("GRAPHS", json.dumps(graphs)), [Output(g, "figure") for g in graphs],
                            Input(DROPDOWN, "value"), State(STORE, "data"), prevent_initial_call=True)
    serving.register(app, health=dict)
    return app


def __getattr__(name: str):
    """``bench.clientside_floor:server`` (gunicorn) builds the page of the figures file named by ASCN_BENCH_FIGURES."""
    if name in ("app", "server"):
        built = globals().setdefault("app", create_app(json.loads(Path(os.environ[FIGURES_ENV]).read_text(encoding="utf-8"))))
        globals()["server"] = built.server
        return globals()[name]
    raise AttributeError(name)
