"""The README's balancer setup says what the app does behind one: FORWARDED_ALLOW_IPS, and the HSTS header as sent."""

import re

from tests.support import ROOT

HSTS = "Strict-Transport-Security"


def _balancer_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("### Several machines behind a load balancer")
    end = readme.find("\n#", start + 10)
    return readme[start:end if end != -1 else None]


def test_the_balancer_setup_names_forwarded_allow_ips_and_hsts():
    section = _balancer_section()
    assert "FORWARDED_ALLOW_IPS" in section and "X-Forwarded-Proto" in section
    assert f"`{HSTS}: " in section


def test_the_hsts_header_the_readme_quotes_is_the_one_sent_over_https_only(client):
    stated = re.search(rf"`{HSTS}: ([^`]+)`", _balancer_section()).group(1)
    over_https = client.get("/healthz", environ_overrides={"wsgi.url_scheme": "https"})
    forwarded = client.get("/healthz", headers={"X-Forwarded-Proto": "https"})
    plain = client.get("/healthz")
    assert over_https.headers.get(HSTS) == forwarded.headers.get(HSTS) == stated
    assert HSTS not in plain.headers
