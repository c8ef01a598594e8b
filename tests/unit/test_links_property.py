"""Broken links, generated: any page URL answers 200 (a notice names what was ignored), any API query 200 or 400, never 500."""

import csv
import io
import json
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ascn import filters, vocab
from ascn.filters import allowed_values
from ascn.selection import MAX_VALUES, parse_params
from tests.support import envelope, examples, find_callback, the_record

# derandomize: the same examples on every run, so CI cannot pass today and fail tomorrow.
LINK_SETTINGS = settings(max_examples=examples(25, long=150), deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
API_SETTINGS = settings(LINK_SETTINGS, max_examples=examples(50, long=300))  # one request each: cheap
ALLOWED = allowed_values(the_record())
LIST_PARAMS = [k.param for k in filters.list_kinds()]
PARAMS = filters.params()
FOLDED = {key: {code.casefold() for code in values} for key, values in ALLOWED.items()}


def enc(text: str) -> str:
    """A query-string component as a browser writes it: reserved characters percent-encoded."""
    return quote(text, safe="")


# -- parts of a link: each is (raw text, expected effect); bad parts always cause at least one problem --------

def _list_part(key: str):
    codes = list(ALLOWED[key])
    values = st.lists(st.sampled_from(codes).flatmap(lambda c: st.sampled_from([c, c.lower(), f" {c} "])), min_size=1, max_size=4)
    return values.map(lambda vs: (f"{key}={enc(','.join(vs))}", ("list", key, {v.strip().casefold() for v in vs})))


GOOD_LIST = st.sampled_from(list(LIST_PARAMS)).flatmap(_list_part)
# Many values, repeated, under the limit: still a good link (at most one per link, with 4 short lists beside it).
LONG_LIST = st.integers(50, MAX_VALUES - 20).map(lambda n: (f"partner={','.join(['JPN'] * n)}", ("list", "partner", {"jpn"})))


@st.composite
def good_years(draw):
    low = draw(st.none() | st.integers(vocab.YEAR_MIN, vocab.YEAR_MAX))
    high = draw(st.none() | st.integers(low or vocab.YEAR_MIN, vocab.YEAR_MAX))
    return [(f"{k}={v}", ("year", k, v)) for k, v in (("year_from", low), ("year_to", high)) if v is not None]


def _not_allowed(key: str):
    return lambda text: text.strip() != "" and text.strip().casefold() not in FOLDED[key] and "," not in text


JUNK_TEXT = st.text(min_size=1, max_size=30)  # any unicode: control characters, emoji, right-to-left marks
PERCENT_JUNK = st.sampled_from(["%", "%%", "%zz", "%f", "%ff%fe", "%00", "%u0041", "%C3%28", "%E2%82", "%2", "%%41", "+%+"])
BAD = st.one_of(
    # an unknown parameter, plain or percent-junk
    st.tuples(JUNK_TEXT.filter(lambda k: k not in PARAMS), JUNK_TEXT).map(lambda kv: f"{enc(kv[0])}={enc(kv[1])}"),
    st.tuples(PERCENT_JUNK, PERCENT_JUNK).map(lambda kv: f"x{kv[0]}={kv[1]}"),
    # an unknown value for a known list parameter
    st.sampled_from(list(LIST_PARAMS)).flatmap(lambda k: JUNK_TEXT.filter(_not_allowed(k)).map(lambda v: f"{k}={enc(v)}")),
    st.sampled_from(list(LIST_PARAMS)).flatmap(lambda k: PERCENT_JUNK.map(lambda v: f"{k}=JPN{v}")),
    # too many values
    st.integers(MAX_VALUES + 1, MAX_VALUES + 300).map(lambda n: "city=" + ",".join(["singapore"] * n)),
    # negative, out of range, not a number, reversed
    st.sampled_from(["year_from", "year_to"]).flatmap(lambda k: st.one_of(
        st.integers(-100000, vocab.YEAR_MIN - 1), st.integers(vocab.YEAR_MAX + 1, 10**12)).map(lambda y: f"{k}={y}")),
    st.sampled_from(["year_from", "year_to"]).flatmap(lambda k: JUNK_TEXT.filter(lambda t: not t.strip().isdigit()).map(lambda v: f"{k}={enc(v)}")),
    st.tuples(st.integers(vocab.YEAR_MIN + 1, vocab.YEAR_MAX), st.integers(1, 30)).map(
        lambda t: f"year_from={t[0]}&year_to={max(vocab.YEAR_MIN, t[0] - t[1])}"),
).map(lambda raw: (raw, ("bad",)))
UNKNOWN_YEAR_GOOD = st.sampled_from(["include", "exclude", "only", "ONLY"]).map(lambda v: (f"unknown_year={v}", ("unknown", v.lower())))
UNKNOWN_YEAR_BAD = JUNK_TEXT.filter(lambda t: t.strip().lower() not in ("include", "exclude", "only")).map(
    lambda v: (f"unknown_year={enc(v)}", ("bad",)))


@st.composite
def links(draw):
    """(query string, bad?, expected selection params) with good and bad parts shuffled, keys repeated."""
    parts = draw(st.lists(GOOD_LIST, max_size=4)) + draw(st.lists(LONG_LIST, max_size=1)) + draw(good_years())
    parts += draw(st.lists(BAD, max_size=3))
    unknown = draw(st.none() | UNKNOWN_YEAR_GOOD | UNKNOWN_YEAR_BAD)  # at most once: the last one wins
    parts += [unknown] if unknown else []
    parts = draw(st.permutations(parts))
    return "&".join(raw for raw, _ in parts), [effect for _, effect in parts]


def expected_params(effects) -> dict[str, str]:
    """What a link of only good parts must become: the URL parameters of its selection."""
    sel: dict[str, object] = {}
    for effect in effects:
        if effect[0] == "list":
            sel.setdefault(effect[1], set()).update(effect[2])
        elif effect[0] == "year":
            sel[effect[1]] = str(effect[2])
        elif effect[0] == "unknown" and effect[1] != "include":
            sel["unknown_year"] = effect[1]
    return sel


def view_callback_body(search: str) -> dict:
    """The request the page makes when it opens a link: the callback whose input is url.search."""
    return envelope(find_callback("url", "search", "notice.children"), {"url.search": search}, "url.search")


def as_browser_sends(query: str) -> str:
    """Browsers percent-encode what is not printable ASCII in a query and leave the rest (junk '%' included)."""
    return "".join(c if 32 < ord(c) < 127 and c not in '"<>`#' else quote(c, safe="") for c in query)


@LINK_SETTINGS
@given(links())
def test_any_link_opens_the_page_with_a_notice_for_what_was_ignored(client, link):
    query, effects = link
    bad = any(e[0] == "bad" for e in effects)
    sent = as_browser_sends(query)
    page = client.get("/", environ_overrides={"QUERY_STRING": sent})
    assert page.status_code == 200 and b"_dash-config" in page.data

    answer = client.post("/_dash-update-component", json=view_callback_body("?" + sent))
    assert answer.status_code == 200, answer.data[:300]
    response = answer.get_json()["response"]
    notice = json.dumps(response["notice"]["children"])
    view = response["view"]["data"]
    assert parse_params(view, ALLOWED).problems == []  # the page keeps only what it understood
    if bad:
        assert "was ignored" in notice
    else:
        assert response["notice"]["children"] == []
        got = {k: ({v.casefold() for v in val.split(",")} if k in LIST_PARAMS else val) for k, val in view.items()}
        assert got == expected_params(effects)

    # The API reads the same link the same way: 400 exactly when the page shows a notice, else the page's filters.
    api = client.get("/api/partnerships.json", environ_overrides={"QUERY_STRING": sent})
    assert api.status_code == (400 if bad else 200), api.data[:300]
    if not bad:
        assert api.get_json()["filters"] == view


@API_SETTINGS
@given(st.lists(st.one_of(GOOD_LIST, BAD, UNKNOWN_YEAR_GOOD, UNKNOWN_YEAR_BAD), max_size=6), st.sampled_from(["csv", "json"]))
def test_any_api_query_answers_200_or_400_with_a_message(client, parts, extension):
    query = "&".join(raw for raw, _ in parts)
    response = client.get(f"/api/partnerships.{extension}", environ_overrides={"QUERY_STRING": as_browser_sends(query)})
    assert response.status_code in (200, 400), response.data[:300]
    if response.status_code == 400:
        body = response.get_json()
        assert body["error"].startswith("bad request: ") and body["problems"]
        assert all({"param", "value", "allowed"} <= set(p) for p in body["problems"])
    elif extension == "json":
        body = response.get_json()
        assert body["count"] == len(body["rows"])
    else:
        rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
        assert all(r["partnership_id"].isdigit() for r in rows)

