"""Profiles: every fact's numbers are the Query's answers and its row ids the rows it rests on (on generated records),
every number a sentence states is in it; the pages, the index and /api/profile/...json answer from the record."""

import dataclasses
import re

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ascn import profiles, vocab
from ascn.query import FOCUS_ORDER, Query
from ascn.selection import Selection
from layouts.city import city_panel
from tests.support import examples, filter_change, the_record

RECORD = the_record()
ECONOMIES = list(RECORD.economies.index)
CITIES = list(RECORD.cities.index)
PROPERTY = settings(max_examples=examples(15, long=150), deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def partnerships(draw) -> list[dict]:
    """1 to 40 partnerships over the real record's economies and cities."""
    n = draw(st.integers(1, 40))  # the contract asks for at least one row
    rows = []
    for pid in range(1, n + 1):
        rows.append({
            "partnership_id": pid, "provenance": draw(st.sampled_from(["table-2", "later-reporting"])), "title": f"Partnership {pid}",
            "organisations": (), "partner_economies": tuple(draw(st.lists(st.sampled_from(ECONOMIES), min_size=1, max_size=3, unique=True))),
            "city_ids": tuple(draw(st.lists(st.sampled_from(CITIES), min_size=1, max_size=3, unique=True))),
            "focus_area": draw(st.sampled_from(list(vocab.FOCUS_AREAS))),
            "year": draw(st.none() | st.integers(2010, 2025)), "year_source": "", "year_source_url": "", "source": "s",
            "source_url": "https://example.org/x", "notes": "",
        })
    return rows


def record_with(rows: list[dict]):
    """The real record's economies, cities and commitments with these partnerships."""
    frame = pd.DataFrame(rows, columns=list(RECORD.partnerships.reset_index().columns)).set_index("partnership_id")
    frame["year"] = pd.array(frame["year"].tolist(), dtype="Int64")
    return dataclasses.replace(RECORD, _partnerships=frame.astype({c: object for c in frame.columns if c != "year"}))


def oracle(dataset, kind: str, code: str) -> pd.DataFrame:
    """The profile's rows, read straight off the record's frames (not through the Query)."""
    p = dataset.partnerships
    if kind == "partner":
        hit = p["partner_economies"].map(lambda codes: code in codes)
    elif kind == "city":
        hit = p["city_ids"].map(lambda ids: code in ids)
    else:
        state = dataset.cities["member_state"]
        hit = p["city_ids"].map(lambda ids: any(state[c] == code for c in ids))
    return p[hit.astype(bool)]


def ids(frame: pd.DataFrame) -> tuple[int, ...]:
    return tuple(int(i) for i in frame.index)


def check_fact(query: Query, kind: str, code: str, fact: profiles.Fact, rows: pd.DataFrame) -> None:
    sel = profiles.selection_of(kind, code)
    n, everywhere, here = fact.numbers, query.by_focus(Selection()), query.by_focus(sel)
    if fact.key == "count":
        cities = query.city_summary(sel)
        assert n["count"] == query.count(sel) == len(rows) and n["total"] == query.n and fact.ids == ids(rows)
        assert n.get("cities", (cities["count"] > 0).sum()) == (cities["count"] > 0).sum()
        assert n.get("member_states", cities.loc[cities["count"] > 0, "member_state"].nunique()) == cities.loc[cities["count"] > 0, "member_state"].nunique()
        assert n.get("partner_economies", 0) == (len([c for c in query.by_partner(sel).index if c != code]) if "partner_economies" in n else 0)
    elif fact.key == "focus":
        assert n["count"] == here.max() and n["focus_areas"] == [f for f in FOCUS_ORDER if here[f] == here.max()]
        assert n["record_count"] == everywhere.max() and n["record_total"] == query.n and n["of"] == query.count(sel)
        assert fact.ids == ids(rows[rows["focus_area"].isin(n["focus_areas"])])
    elif fact.key == "compare":
        f = n["focus_area"]
        assert n["share"] == round(100 * here[f] / here.sum()) and n["record_share"] == round(100 * everywhere[f] / everywhere.sum())
        assert here[f] / here.sum() - everywhere[f] / everywhere.sum() == max(here / here.sum() - everywhere / everywhere.sum()) > 0
        assert fact.ids == ids(rows[rows["focus_area"] == f])
    elif fact.key == "span":
        dated = rows[rows["year"].notna()]
        assert n["earliest"] == dated["year"].min() and n["latest"] == dated["year"].max()
        assert rows.at[n["earliest_id"], "year"] == n["earliest"] and rows.at[n["latest_id"], "year"] == n["latest"]
    elif fact.key == "unknown_year":
        assert n["unknown"] == rows["year"].isna().sum() > 0 and fact.ids == ids(rows[rows["year"].isna()])
    elif fact.key == "commitments":
        listed = query.dataset.commitments
        assert n["commitments"] == len(query.commitments(Selection(partners=(code,))))
        assert fact.ids == tuple(int(i) for i in listed[listed["partner_economies"].map(lambda c: code in c)].sort_values(["date", "title"]).index)
    else:
        assert fact.key == "empty" and len(rows) == 0 and fact.ids == () and n == {}
    # Every whole number the fact states is in its sentence.
    for value in n.values():
        if isinstance(value, int) and not isinstance(value, bool):
            written = "|".join({re.escape(f"{value:,}"), str(value)})  # counts with a thousands comma, years without
            assert re.search(rf"(?<!\d)(?<!\d,)({written})(?!\d|,\d)", fact.text), (value, fact.text)


@PROPERTY
@given(partnerships(), st.data())
def test_every_fact_is_the_querys_answer_on_generated_records(rows, data):
    dataset = record_with(rows)
    query = Query(dataset)
    for kind in profiles.KINDS:
        codes = list(profiles.subjects(query, kind))
        for code in data.draw(st.lists(st.sampled_from(codes), min_size=1, max_size=3, unique=True)):
            profile = profiles.build(query, kind, code)
            mine = oracle(dataset, kind, code)
            assert profile.count == len(mine)
            keys = [f.key for f in profile.facts]
            assert len(keys) == len(set(keys)) and (keys[0] == "count") == bool(len(mine))
            for fact in profile.facts:
                check_fact(query, kind, code, fact, mine)


# -- the pages and the API on the real record ---------------------------------------------------------------------------

def test_api_gives_each_fact_with_its_rows_for_every_profile(client, query):
    for kind, items in profiles.index(query).items():
        for code, name, count in items:
            answer = client.get(f"/api/profile/{kind}/{code.lower()}.json")  # codes match without regard to case
            assert answer.status_code == 200 and answer.mimetype == "application/json"
            body = answer.get_json()
            assert (body["kind"], body["code"], body["name"], body["partnerships"]) == (kind, code, name, count)
            assert body["facts"] == [f.as_json() for f in profiles.build(query, kind, code).facts]
            assert body["total"] == query.n and body["data_version"] == query.dataset.version and body["path"] == f"/profile/{kind}/{code}"
            assert query.count(Selection(**{profiles.KINDS[kind]: (code,)})) == count


def test_api_refuses_an_unknown_profile_with_json(client):
    for path in ("/api/profile/partner/XXX.json", "/api/profile/country/JPN.json", "/api/profile/member-state/JPN.json"):
        answer = client.get(path)
        assert answer.status_code == 404 and "error" in answer.get_json() and "/profiles" in answer.get_json()["error"]


def test_the_empty_profile_says_so(client, query):
    body = client.get("/api/profile/member-state/BRN.json").get_json()
    assert body["partnerships"] == 0 == query.count(Selection(member_states=("BRN",)))
    assert [f["key"] for f in body["facts"]] == ["empty"] and "no partnership" in body["facts"][0]["text"]
    assert "Bandar Seri Begawan" in body["facts"][0]["text"]


def test_profile_page_head_facts_links_and_no_inline_script(client, query):
    for kind, code in (("partner", "JPN"), ("member-state", "VNM"), ("city", "phnom-penh"), ("member-state", "BRN")):
        page = client.get(f"/profile/{kind}/{code}")
        text = page.get_data(as_text=True)
        profile = profiles.build(query, kind, code)
        assert page.status_code == 200 and "default-src 'self'" in page.headers["Content-Security-Policy"]
        assert re.search(rf"<title>{re.escape(profile.name)}: [^<]*profile", text)
        assert '<meta name="description"' in text and '<meta property="og:title"' in text and '<meta property="og:description"' in text
        for fact in profile.facts:
            assert f'data-key="{fact.key}" data-ids="{",".join(map(str, fact.ids))}"' in text
        assert f'href="/{profile.selection.to_query_string()}"' in text  # the explorer with the profile's filter
        scripts = re.findall(r"<script([^>]*)>", text)
        assert scripts and all("src=" in attrs or 'type="application/json"' in attrs for attrs in scripts)  # none runs inline
    assert client.get("/profile/partner/jpn").headers["Location"].endswith("/profile/partner/JPN")
    assert client.get("/profile/partner/NOPE").status_code == 404 and client.get("/profile/planet/JPN").status_code == 404


def test_the_index_lists_every_profile_with_its_count(client, query):
    text = client.get("/profiles").get_data(as_text=True)
    listed = re.findall(r'<a href="/profile/([^/]+)/([^"]+)">[^<]*</a> <span class="text-secondary">\((\d+) partnerships?\)', text)
    expected = [(kind, code, str(count)) for kind, items in profiles.index(query).items() for code, _, count in items]
    assert listed == expected and len(listed) == len(query.cities) + len(query.members) + len(profiles.subjects(query, "partner"))


def test_explorer_views_name_what_they_show_in_the_page_head(client, query):
    text = client.get("/?partner=JPN&present=1").get_data(as_text=True)
    count = query.count(Selection(partners=("JPN",)))
    assert "<title>Partner Japan · " in text
    assert re.search(rf'<meta name="description" content="[^"]*partner Japan: {count} partnerships of the {query.n} ', text)
    assert re.search(r'<meta property="og:title" content="Partner Japan', text)
    plain = client.get("/?partner=NOPE").get_data(as_text=True)  # what the page does not understand names nothing
    assert f"all partnerships: {query.n} partnerships of the {query.n}" in plain


def test_the_about_page_and_the_city_panel_link_to_the_profiles(client, query):
    about = client.get("/about").get_data(as_text=True)
    section = about[about.index('id="profiles"'):about.index('id="cite"')]
    linked = re.findall(r'<a href="/profile/([^/"]+)/([^"]+)">', section)
    assert sorted(linked) == sorted((kind, code) for kind, items in profiles.index(query).items() for code, _, _ in items)
    assert 'href="/profiles"' in section
    panel = str(city_panel(  # the city panel links the selected city's profile
        query, Selection(cities=("phnom-penh",))))
    assert "'/profile/city/phnom-penh'" in panel


def test_the_chips_link_the_profiles_of_what_they_filter_by(query):
    out = filter_change("url.search", "?partner=JPN,SGP&city=phnom-penh&member_state=KHM&focus_area=built-infrastructure")
    line = [c for c in out["chips"] if "chip-profiles" in (getattr(c, "className", "") or "")]
    links = [c.href for c in line[0].children if getattr(c, "href", None)]
    # Singapore as a partner is a member state: its profile is the member state's, not linked from a partner chip.
    assert links == ["/profile/partner/JPN", "/profile/member-state/KHM", "/profile/city/phnom-penh"]
