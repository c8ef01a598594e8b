"""The ASCN partnerships dashboard: `python app.py` serves it; `server` is for gunicorn."""

import os
import sys

import dash

from ascn import DataError, default_dataset


def _dataset_or_exit() -> None:
    """Refuse to start on data that breaks the contract: wrong numbers are worse than none."""
    try:
        default_dataset()
    except DataError as err:
        print(f"The data in {err.data_dir} breaks the contract; the app will not start.", file=sys.stderr)
        print(err, file=sys.stderr)
        sys.exit(1)


def _public_url_or_exit() -> None:
    """Refuse to start on a public address (ASCN_PUBLIC_URL) that is not one: it would be printed in every citation."""
    from routes.site import public_url

    try:
        public_url()
    except ValueError as err:
        print(f"The dashboard will not start: {err}", file=sys.stderr)
        sys.exit(1)


def create_app() -> dash.Dash:
    """Build the Dash app on the already-validated dataset."""
    import layouts.callbacks  # noqa: F401  (registers the callbacks)
    from layouts import inputs
    from layouts.explorer import layout
    from routes import about, api, export, pages, security, serving

    app = dash.Dash(__name__, title="ASEAN Smart Cities Network: partnerships", serve_locally=True, update_title=None,
                    description="Interactive map of the ASEAN Smart Cities Network's cities and external partnerships.")
    app.index_string = app.index_string.replace("<html>", '<html lang="en">', 1)  # WCAG 3.1.1
    app.layout = layout
    api.register(app.server)
    export.register(app.server)
    about.register(app.server)
    serving.register(app)  # compression, cache lifetimes, /healthz
    pages.register(app)  # / and /embed are pages; any other path is a 404 page, not the explorer
    security.register(app)  # last: the CSP lists the hash of every inline script registered above
    inputs.register(app)  # after security's shape check: the values each callback input may hold
    serving.prepare(app)  # Dash's per-process setup now, not racing the first requests (Dash 4.4.1; see there)
    return app


_dataset_or_exit()
_public_url_or_exit()
app = create_app()
server = app.server

if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8050")), debug=os.environ.get("ASCN_DEBUG") == "1")
