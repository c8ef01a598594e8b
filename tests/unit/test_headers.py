"""Security headers: a CSP that admits only Dash's own inline scripts, nosniff, a referrer policy, framing only under /embed."""

import base64
import hashlib
import json
import re

import pytest

from routes import security
from tests.support import the_dash_app

PATHS = ["/", "/?partner=JPN", "/_dash-layout", "/_dash-dependencies", "/api/partnerships.csv", "/api/partnerships.json?partner=XXX",
         "/geo/countries.geojson", "/assets/topojson/world_110m.json", "/no/such/page", "/embed/x", "/assets//css/1_app.css",
         "/_dash-component-suites/nope/x.js"]


def directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def inline_scripts(page: str) -> list[str]:
    """Bodies of the inline scripts a browser runs: not src=, not JSON data blocks, not inside HTML comments."""
    page = re.sub(r"<!--.*?-->", "", page, flags=re.S)
    out = []
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.S):
        if "src=" not in attrs and "application/json" not in attrs:
            out.append(body)
    return out


@pytest.mark.parametrize("encoding", ["identity", "br, gzip"])
@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_the_headers(client, path, encoding):
    response = client.get(path, headers={"Accept-Encoding": encoding})  # compressed answers keep them too
    assert response.status_code in (200, 400, 404)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]


def test_script_src_admits_exactly_the_inline_scripts_the_page_has(client):
    response = client.get("/")
    page = response.get_data(as_text=True)
    scripts = inline_scripts(page)
    assert len(scripts) >= 2  # the renderer's start-up and the clientside callbacks
    script_src = directives(response)["script-src"]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    hashes = {f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts}
    assert hashes <= set(script_src), "an inline script is missing from the CSP: register callbacks before security.register"
    assert set(script_src) == {"'self'"} | set(the_dash_app().csp_hashes())
    # Every external script comes from this host.
    assert all(src.startswith("/") and not src.startswith("//") for src in re.findall(r'<script[^>]*src="([^"]+)"', page))


def test_other_sources_are_this_host_only(client):
    policy = directives(client.get("/"))
    assert policy["connect-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["form-action"] == ["'self'"]
    assert not any(source.startswith(("http:", "https:", "*")) for sources in policy.values() for source in sources)


@pytest.mark.parametrize("path", ["/embed", "/embed?partner=JPN", "/embed?chart=trend&present=1"])
def test_embed_may_be_framed_by_any_site_and_by_decks_opened_from_disk(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "X-Frame-Options" not in response.headers
    policy = directives(response)
    assert policy["frame-ancestors"] == ["*", "file:"]  # Chromium's * leaves file: out (tests/browser/test_framing.py)
    others = {k: v for k, v in policy.items() if k != "frame-ancestors"}
    assert others == {k: v for k, v in directives(client.get("/")).items() if k != "frame-ancestors"}
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/embedded", "/embedx", "/api/embed", "/x/embed", "/embed/", "/embed/map", "/embed/x/y", "/embed//"])
def test_paths_that_only_look_like_embed_stay_unframeable_and_are_not_pages(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["X-Frame-Options"] == "DENY"
    assert directives(response)["frame-ancestors"] == ["'none'"]


def test_is_embed():
    assert security.is_embed("/embed")
    assert not any(security.is_embed(p) for p in ["/embedded", "/", "/api/embed", "/embed/chart", "/embed/", "/x/embed"])


def test_plain_http_is_served_not_redirected_and_hsts_only_behind_tls(client):
    response = client.get("/")
    assert response.status_code == 200 and "Strict-Transport-Security" not in response.headers
    behind_proxy = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert behind_proxy.status_code == 200
    assert behind_proxy.headers["Strict-Transport-Security"].startswith("max-age=")


def test_debug_is_off_in_the_imported_app(client):
    assert the_dash_app().server.debug is False
    config = json.loads(re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', client.get("/").get_data(as_text=True)).group(1))
    assert config["ui"] is False and config["props_check"] is False  # no dev-tools overlay showing tracebacks
