"""The ASCN partnerships dashboard. ``create_app(record, settings)`` builds one app on one record; ``python app.py``
serves it for development and gunicorn (``make serve``) takes ``app:server``, both from the environment's settings."""

import os

import dash

from ascn import DataError, Dataset, load_dataset
from ascn.query import Query
from ascn.settings import Settings, settings_from_env
from ascn.wording import SITE_DESCRIPTION, SITE_NAME

EXTENSION = "ascn"  # server.extensions[EXTENSION]: the app's record (its Query) and settings


def create_app(record: Dataset, settings: Settings) -> dash.Dash:
    """Build the Dash app on an already-validated record. Everything the app answers comes from ``record`` and
    ``settings``: two apps built in one process answer each from its own."""
    from layouts import explorer, inputs, wiring
    from layouts.profile_figures import profile_figures
    from routes import about, api, export, pages, previews, profiles, security, serving

    query = Query(record)
    app = dash.Dash(__name__, title=SITE_NAME, serve_locally=True, update_title=None, description=SITE_DESCRIPTION)
    app.server.extensions[EXTENSION] = {"query": query, "settings": settings}
    app.index_string = app.index_string.replace("<html>", '<html lang="en">', 1)  # WCAG 3.1.1
    app.layout = lambda: explorer.layout(query)
    wiring.register(app, query)
    api.register(app.server, query)
    export.register(app.server, query, settings)
    about.register(app.server, record, settings)
    profiles.register(app.server, query, settings, figures=lambda sel: profile_figures(query, sel))
    previews.register(app, query)  # each explorer view's title and description in its page head
    serving.register(app, health=lambda: {"data_version": record.version, "partnerships": len(record.partnerships)})
    pages.register(app)  # / and /embed are pages; any other path is a 404 page, not the explorer
    security.register(app)  # last: the CSP lists the hash of every inline script registered above
    inputs.register(app)  # after security's shape check: the values each callback input may hold
    serving.prepare(app)  # Dash's per-process setup now, not racing the first requests (Dash 4.4.1; see there)
    return app


def app_from_env(environ=os.environ) -> dash.Dash:
    """The app of this environment's settings and data, or exit 1 with a report a person can act on: wrong numbers
    are worse than none, and a malformed public address would be printed in every citation."""
    try:
        settings = settings_from_env(environ)
    except ValueError as err:
        raise SystemExit(f"The dashboard will not start: {err}") from err  # printed to stderr, exit status 1
    try:
        record = load_dataset(settings.data_dir)
    except DataError as err:
        raise SystemExit(f"The data in {err.data_dir} breaks the contract; the app will not start.\n{err}") from err
    app = create_app(record, settings)
    from layouts.filter_change import warm_the_deck

    warm_the_deck(app.server.extensions[EXTENSION]["query"])  # the deck's first steps do not wait (see there)
    return app


def __getattr__(name: str):
    """``app:server`` (gunicorn) builds the environment's app on first use, not on import: tests import this module to
    build apps of their own."""
    if name in ("app", "server"):
        built = globals().setdefault("app", app_from_env())
        globals()["server"] = built.server
        return globals()[name]
    raise AttributeError(name)


if __name__ == "__main__":
    dashboard = app_from_env()
    dashboard.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8050")), debug=os.environ.get("ASCN_DEBUG") == "1")
