"""Unknown paths (issue 9.6): unknown pages get a real 404 page linking home, never the explorer; unknown files are
404 without a traceback in the log; every page that exists keeps working."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import examples


@pytest.mark.parametrize("path", ["/", "/?partner=JPN", "/?present=1", "/?present=1&scene=2", "/embed", "/embed?chart=trend&partner=JPN",
                                  "/about", "/healthz", "/favicon.ico", "/api/partnerships.csv", "/geo/countries.geojson", "/_dash-layout"])
def test_the_pages_and_files_that_exist_are_served(client, path):
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/nonexistent", "/index.html", "/wp-login.php", "/about/x", "/embed/", "/embed/map", "/x/embed",
                                  "/api", "/api/partnerships.xml", "/assets/nope.css", "/.env", "/_dash-layout/x"])
def test_unknown_paths_get_a_404_page_that_links_home(client, path):
    response = client.get(path)
    page = response.get_data(as_text=True)
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "Page not found" in page and re.search(r'<a [^>]*href="/"', page)
    assert "_dash-config" not in page and "_dash-renderer" not in page  # not the explorer


@pytest.mark.parametrize("path", ["/_dash-component-suites/nope/x.js", "/_dash-component-suites/dash/nope.js",
                                  "/_dash-component-suites/dash/dcc/async-mathjax.js.map", "/_dash-component-suites/dash_ag_grid/x.css",
                                  "/_dash-component-suites/plotly/../../../etc/passwd"])
def test_unknown_component_files_are_404_and_log_no_traceback(client, path, caplog):
    response = client.get(path)
    assert response.status_code == 404
    assert not [r for r in caplog.records if r.levelname == "ERROR"] and "Traceback" not in caplog.text


@settings(max_examples=examples(30, long=150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(st.characters(codec="utf-8", exclude_characters="?#"), max_size=12), min_size=1, max_size=4))
def test_any_path_answers_without_a_server_error(client, segments):
    path = "/" + "/".join(segments)
    # As a WSGI server hands it over (the raw bytes as latin-1), so that '//x' stays a path, not a host.
    response = client.get("/", environ_overrides={"PATH_INFO": path.encode().decode("latin-1")})
    assert response.status_code < 500
