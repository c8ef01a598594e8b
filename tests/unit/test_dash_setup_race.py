"""Whether Dash still needs routes.serving.prepare: its per-process setup, run lazily by the first request, marks
itself done before it has registered the component files, so a request arriving meanwhile fails (Dash 4.4.1).

If the first test fails after a Dash upgrade, Dash fixed the race: prepare() may then be unnecessary (keep the
first-visit test in tests/integration, which shows it either way).
"""

import threading

import dash
import pytest
from dash import _get_app, dcc, html

from routes import serving
from tests.support import the_dash_app

PAUSE = 10  # seconds a test waits at most for the paused first request


@pytest.fixture(autouse=True)
def keep_the_current_app():
    """Each new Dash app makes itself ``dash.get_app()``: give the dashboard its place back afterwards."""
    current = _get_app.APP
    yield
    _get_app.APP = current


def plain_app() -> dash.Dash:
    """A Dash app as Dash leaves it: set up lazily by its first request."""
    app = dash.Dash(__name__, serve_locally=True)
    app.layout = html.Div([dcc.Graph(id="g"), dcc.Dropdown(id="d")])
    return app


def renderer_path(app: dash.Dash) -> str:
    with app.server.test_request_context("/"):
        scripts = app._generate_scripts_html()  # registers them: a throwaway app, only to learn the URL
    return next(part.split('"')[0] for part in scripts.split('src="')[1:] if "dash_renderer" in part)


def test_dash_answers_requests_that_arrive_during_its_lazy_setup_with_500():
    url = renderer_path(plain_app())
    app = plain_app()
    in_setup, release = threading.Event(), threading.Event()
    walk = app._walk_assets_directory

    def slow_walk():  # the first request's setup pauses here, after Dash has marked the setup done
        in_setup.set()
        release.wait(PAUSE)
        walk()

    app._walk_assets_directory = slow_walk
    first = threading.Thread(target=lambda: app.server.test_client().get("/"))
    first.start()
    try:
        assert in_setup.wait(PAUSE)
        second: dict = {}
        meanwhile = threading.Thread(target=lambda: second.update(r=app.server.test_client().get(url)))
        meanwhile.start()
        meanwhile.join(2)
        # Fixed upstream if the second request waited for the setup, or ran it and got its file.
        assert not meanwhile.is_alive(), "Dash now waits for its setup: the workaround in routes.serving.prepare may go"
        assert second["r"].status_code == 500, "Dash now finishes its setup first: the workaround may go"
    finally:
        release.set()
        first.join(PAUSE)


def test_the_dashboard_is_set_up_before_its_first_request():
    app = the_dash_app()
    assert serving.readiness_problem(app) is None
    assert app._got_first_request["setup_server"] and "dash" in app.registered_paths
    files = app.server.extensions[serving.READY]
    assert any("dash_renderer" in path for _, path in files) and len(files) >= 8


def test_healthz_says_not_ready_until_prepared():
    app = plain_app()
    serving.register(app, health=dict)
    client = app.server.test_client()
    before = client.get("/healthz")
    assert before.status_code == 503 and "setup" in before.get_json()["problem"]
    serving.prepare(app)
    after = client.get("/healthz")
    assert after.status_code == 200 and after.get_json()["status"] == "ok"


def test_unknown_component_files_are_404_without_a_traceback(caplog):
    client = the_dash_app().server.test_client()
    for path in ["/_dash-component-suites/nope/x.js", "/_dash-component-suites/dash/nope.js",
                 "/_dash-component-suites/dash/deps/react@18.v9_9_9m1.3.1.min.js.map", "/_dash-component-suites/dash/../../etc/passwd"]:
        response = client.get(path)
        assert response.status_code == 404, path
    assert "Traceback" not in caplog.text and not [r for r in caplog.records if r.levelname == "ERROR"]
