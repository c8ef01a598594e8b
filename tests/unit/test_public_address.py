"""The Host header is never trusted (issue 9.8): the about page's citation and the ZIP README name the address the
operator configured (ASCN_PUBLIC_URL), or no address at all; a bad ASCN_PUBLIC_URL stops the app at start-up
(the process: tests/integration/test_app_refuses_to_start.py)."""

import io
import re
import zipfile
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ascn import settings as site
from tests.support import examples

# (Host header, the text that must not appear): werkzeug refuses some hosts itself with 400.
HOSTS = [("evil.example", "evil.example"), ("evil.example:8050", "evil.example"), ("127.0.0.1:1", "127.0.0.1"), ("[::1]", "::1"),
         ("a" * 200, "a" * 50)]


def about_and_readme(client, host: str) -> tuple[str, str]:
    about = client.get("/about", headers={"Host": host}).get_data(as_text=True)
    response = client.get("/api/partnerships.zip?partner=JPN", headers={"Host": host})
    if response.status_code == 400:  # a host werkzeug refuses
        return about, response.get_data(as_text=True)
    readme = zipfile.ZipFile(io.BytesIO(response.data)).read("README.txt").decode()
    return about, readme


def test_without_a_public_address_the_readme_links_a_path_and_cites_no_address(public_address):
    client = public_address(None)
    about, readme = about_and_readme(client, "evil.example")
    assert "View (link):   /?partner=JPN  (on the dashboard's site)" in readme
    assert "http" not in readme.split("How to cite", 1)[1].split("Licence", 1)[0]


@pytest.mark.parametrize("host, needle", HOSTS)
def test_an_unknown_host_never_appears_without_a_public_address(public_address, host, needle):
    client = public_address(None)
    about, readme = about_and_readme(client, host)
    assert needle not in about and needle not in readme


@pytest.mark.parametrize("host, needle", HOSTS)
def test_the_configured_address_is_cited_whatever_the_host(public_address, host, needle):
    client = public_address("https://ascn.example.org/dashboard")
    about, readme = about_and_readme(client, host)
    assert needle not in about and needle not in readme
    if "400 Bad Request" not in about:  # werkzeug refuses the longest host itself
        assert "https://ascn.example.org/dashboard/. Based on" in about
    if not readme.startswith("<"):
        assert "View (link):   https://ascn.example.org/dashboard/?partner=JPN\n" in readme


@pytest.mark.parametrize("value, expected", [
    ("https://ascn.example.org", "https://ascn.example.org/"), ("http://10.0.0.5:8050/", "http://10.0.0.5:8050/"),
    ("https://example.org/ascn", "https://example.org/ascn/"), ("  https://example.org/  ", "https://example.org/"), ("", None),
])
def test_public_addresses_are_normalised(value, expected):
    assert site.parse_public_url(value) == expected


@pytest.mark.parametrize("value", ["example.org", "ftp://example.org/", "https://", "https://example.org/?x=1", "https://example.org/#top",
                                   "https://user:pw@example.org/", "https://example.org:99999/", 'https://example.org/"><script>',
                                   "javascript:alert(1)", "https://exa mple.org/"])
def test_bad_public_addresses_are_refused_with_a_reason(value):
    with pytest.raises(ValueError, match=site.PUBLIC_URL_ENV):
        site.parse_public_url(value)


@settings(max_examples=examples(30, long=100))
@given(st.text(max_size=60))
def test_any_accepted_address_is_a_plain_http_url(text):
    try:
        url = site.parse_public_url(text)
    except ValueError:
        return
    assert url is None or (url.startswith(("http://", "https://")) and url.endswith("/") and not any(c in url for c in " <>\"'`?#"))


@pytest.mark.parametrize("value, says", [
    ("https://example\u3002org/", "host"),  # an ideographic full stop: browsers read it as a dot, so another site
    ("https://example\uff0eorg/", "host"), ("https://example\uff61org/", "host"),
    ("https://example.org\\@evil.example/", ""), ("https://example.org/a\\b/", "path"),  # a backslash
    ("https://exa\u202emple.org/", "host"), ("https://example.org/\u202egpj/", "path"),  # bidi controls
    ("https://exa\u200bmple.org/", "host"), ("https://example.org/a\u200db/", "path"),  # zero-width characters
    ("https://example.org/\x1b[31m/", "path"), ("https://exa\x1bmple.org/", "host"),  # escape codes
    ("https://a..b/", "empty label"), ("https://-/", "hyphen"), ("https://.example.org/", "empty label"),
    ("https://example.org./x", ""), ("https://-example.org/", "hyphen"), ("https://example-.org/", "hyphen"),
    ("https://exa_mple.org/", "host"), ("https://[::1]/", "host"), ("https://example.org:0/", "port"),
    ("https://example.org:+80/", "port"), ("https://example.org:８０/", "port"), ("https://" + "a" * 64 + ".org/", "63"),
    ("https://example.org/caf\u00e9/", "path"), ("https://example.org/a\tb/", ""),
])
def test_addresses_that_are_not_plain_are_refused_with_the_reason(value, says):
    with pytest.raises(ValueError, match=site.PUBLIC_URL_ENV) as err:
        site.parse_public_url(value)
    assert says in str(err.value)


@pytest.mark.parametrize("value, expected", [
    ("https://b\u00fccher.example/", "https://xn--bcher-kva.example/"),  # an international name, in its IDNA form
    ("https://EXAMPLE.org/ASCN/", "https://example.org/ASCN/"), ("https://example.org/a%20b/", "https://example.org/a%20b/"),
    ("https://my-site.example.org:8443/d/", "https://my-site.example.org:8443/d/"),
])
def test_plain_and_international_addresses_are_accepted(value, expected):
    assert site.parse_public_url(value) == expected


PLAIN_HOST = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*")


@settings(max_examples=examples(100, long=1000))
@given(st.text(max_size=30), st.sampled_from(["https://", "http://", "https://example.org/", "https://ex"]))
def test_an_accepted_address_has_a_plain_host_and_a_printable_path(text, start):
    try:
        url = site.parse_public_url(start + text)
    except ValueError:
        return
    parts = urlsplit(url)
    assert PLAIN_HOST.fullmatch(parts.hostname), url
    assert all(0x21 <= ord(c) <= 0x7e and c not in "\\<>\"'`" for c in parts.path), url
