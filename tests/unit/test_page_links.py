"""Every link and snippet the page builds comes from the validated view: no markup, no unknown parameter, ever."""

from html.parser import HTMLParser
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ascn import filters
from ascn.selection import parse_params
from layouts.modes import EMBED_CHARTS, PAGE_PARAMS, parse_page
from layouts.presenter import embed_snippet, page_mode
from tests.support import examples, the_query

LINKS = settings(max_examples=examples(50, long=300), deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
QUERY = the_query()
DATASET = QUERY.dataset
ALLOWED = QUERY.allowed
LIST_PARAMS = [k.param for k in filters.list_kinds()]
PARAMS = filters.params()
SCENES = [str(s) for s in DATASET.scenes.index]
HOSTILE = ['"><script>alert(1)</script>', '" onload="alert(1)', "JPN\" onload=\"alert(1)", "'", "<", "&amp;", "%26present=1",
           "JPN&x=1", "javascript:alert(1)", "\u202e", "\x00", "JPN#frag", "JPN?x=1", "//evil.example"]


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _value(key: str):
    good = st.sampled_from(list(ALLOWED[key])) if key in ALLOWED else st.nothing()
    page_good = {"present": st.sampled_from(["1", "true", "0"]), "scene": st.sampled_from(SCENES or ["1"]),
                 "chart": st.sampled_from(list(EMBED_CHARTS)), "network_year": st.sampled_from(["2018", "2020", "now"]),
                 "cumulative": st.sampled_from(["1", "0"]), "year_from": st.sampled_from(["2015", "2016"]),
                 "year_to": st.sampled_from(["2019", "2020"]), "unknown_year": st.sampled_from(["exclude", "only"])}.get(key, st.nothing())
    return st.one_of(good, page_good, st.sampled_from(HOSTILE), st.text(max_size=12))


PART = st.one_of(
    st.sampled_from([*PARAMS, *PAGE_PARAMS]).flatmap(lambda k: _value(k).map(lambda v: (k, v))),
    st.tuples(st.sampled_from(["x", "embed", "href", "onload", "partner\"", "present&x"]) | st.text(max_size=8), st.sampled_from(HOSTILE)),
)
ENCODING = st.sampled_from(["quoted", "raw"])  # raw: a hand-made link with its markup unencoded


def search_of(parts, encoding) -> str:
    enc = (lambda t: quote(t, safe="")) if encoding == "quoted" else (lambda t: t.replace("&", "%26").replace("#", "%23"))
    return "?" + "&".join(f"{enc(k)}={enc(v)}" for k, v in parts)


def assert_validated_link(href: str, *, origin: str = "") -> None:
    """A relative page link (or one on ``origin``) whose every parameter is known and valid."""
    assert href.startswith(origin + "/") and not href.startswith("//"), href
    for bad in '"<>\'` \\':
        assert bad not in href, href
    query = urlsplit(href).query
    params = parse_qs(query, keep_blank_values=True)
    assert set(params) <= set(PARAMS) | set(PAGE_PARAMS), href
    assert all(len(v) == 1 for v in params.values()), href  # nothing smuggled in twice
    selection = {k: v for k, v in params.items() if k in PARAMS}
    assert parse_params(selection, ALLOWED).problems == [], href
    problems: list = []
    parse_page({k: v[0] for k, v in params.items() if k in PAGE_PARAMS}, DATASET.scenes.index, problems)
    assert problems == [], href


def assert_safe_snippet(snippet: str, origin: str) -> None:
    parser = Tags()
    parser.feed(snippet)
    assert [t for t, _ in parser.tags] == ["iframe"], snippet
    attrs = parser.tags[0][1]
    assert set(attrs) == {"src", "title", "width", "height", "style", "loading"}, snippet
    assert snippet.count("<") == 2 and snippet.endswith("</iframe>"), snippet
    assert urlsplit(attrs["src"]).path == "/embed"
    assert_validated_link(attrs["src"], origin=origin)
    assert "chart" in parse_qs(urlsplit(attrs["src"]).query)


@LINKS
@given(st.lists(PART, max_size=8), ENCODING, st.sampled_from(["/", "/embed"]), st.sampled_from([*EMBED_CHARTS, "nope", None]))
def test_no_link_or_snippet_carries_markup_or_an_unknown_parameter(parts, encoding, pathname, chart):
    search = search_of(parts, encoding)
    _, mode, scene_bar, present_href, full_view, _ = page_mode(QUERY, pathname, search)
    assert_validated_link(present_href)
    assert_validated_link(full_view)
    assert set(mode) <= set(PAGE_PARAMS) | {"embed"}
    for link in _links(scene_bar):
        assert_validated_link(link)
    origin = "http://127.0.0.1:8050"
    assert_safe_snippet(embed_snippet(QUERY, search, chart, origin + "/" + search), origin)


def _links(children) -> list[str]:
    found = []
    for child in children if isinstance(children, list) else [children]:
        href = getattr(child, "href", None)
        if isinstance(href, str):
            found.append(href)
        inner = getattr(child, "children", None)
        if inner is not None and not isinstance(inner, str):
            found += _links(inner)
    return found


@pytest.mark.parametrize("search", [
    "?partner=JPN&x=%22%3E%3C%2Fiframe%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "?partner=JPN%22%20onload%3D%22alert(1)",
    "?partner=JPN%26present%3D1%26x%3D2",
    "?chart=%22%3E%3Cscript%3E&network_year=%3Cb%3E&scene=1%22",
])
def test_the_reported_links_give_clean_snippets_and_links(search):
    snippet = embed_snippet(QUERY, search, "map", "http://127.0.0.1:8050/" + search)
    assert "<script" not in snippet and "onload" not in snippet and "x=" not in snippet
    _, _, _, present_href, full_view, _ = page_mode(QUERY, "/", search)
    assert "x=" not in present_href + full_view and "%22" not in present_href + full_view
    assert present_href.count("present=") == 1


def test_a_good_view_travels_whole():
    search = "?partner=jpn&focus_area=built-infrastructure&network_year=2018&cumulative=1"
    snippet = embed_snippet(QUERY, search, "trend", "https://example.org/?partner=jpn")
    assert ('src="https://example.org/embed?partner=JPN&amp;focus_area=built-infrastructure&amp;chart=trend'
            '&amp;network_year=2018&amp;cumulative=1"') in snippet
    _, _, _, present_href, full_view, _ = page_mode(QUERY, "/", search)
    assert present_href == "/?partner=JPN&focus_area=built-infrastructure&present=1&network_year=2018&cumulative=1"
    assert full_view == "/?partner=JPN&focus_area=built-infrastructure&network_year=2018&cumulative=1"


@pytest.mark.parametrize("href", ['http://a.example"><script>/', "javascript:alert(1)//x/", "http://[::1/", None, 5, "file:///etc/x"])
def test_a_strange_page_address_gives_a_relative_snippet(href):
    snippet = embed_snippet(QUERY, "?partner=JPN", "map", href)
    assert 'src="/embed?partner=JPN&amp;chart=map"' in snippet


def test_list_params_are_all_covered():
    assert set(LIST_PARAMS) <= set(ALLOWED)


def test_an_embed_with_a_bad_value_draws_no_chart_and_says_the_correction():
    for search, wrong, correction in (("?chart=map&partner=JAP", "partner=JAP", "partner=JPN"), ("?chart=nope", "chart=nope", "map")):
        root, _, _, _, _, notice = page_mode(QUERY, "/embed", search)
        text = str(notice)
        assert "embed-refused" in root and wrong in text and correction in text
    root, _, _, _, _, notice = page_mode(QUERY, "/embed", "?chart=map&partner=JPN")
    assert "embed-refused" not in root and notice == []
    root, _, _, _, _, notice = page_mode(QUERY, "/", "?partner=JAP")  # the page itself keeps its own notice
    assert root == "" and notice == []
