"""The ASCN partnerships dashboard: `python app.py` serves it; `server` is for gunicorn."""

import os
import sys

import dash
import dash_bootstrap_components as dbc

from ascn import DataError, default_dataset


def create_app() -> dash.Dash:
    """Build the Dash app on the already-validated dataset."""
    dataset = default_dataset()
    app = dash.Dash(__name__, title="ASEAN Smart Cities Network: partnerships", serve_locally=True)
    app.layout = dbc.Container([dash.html.H1("ASEAN Smart Cities Network"), dash.html.P(dataset.summary())])
    return app


try:
    default_dataset()
except DataError as err:
    # Refuse to start: wrong numbers on screen are worse than no screen.
    print(f"The data in {err.data_dir} breaks the contract; the app will not start.",
          file=sys.stderr)
    print(err, file=sys.stderr)
    sys.exit(1)

app = create_app()
server = app.server

if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8050")),
            debug=os.environ.get("ASCN_DEBUG") == "1")
