"""Issue 11 pure parts: the responsive embed snippet, a scene's charts, the table's row detail."""

from components.embed import origin_of, responsive_snippet
from layouts.stage import charts_for
from tests.support import the_query


def test_the_responsive_snippet_trusts_only_the_dashboards_origin():
    iframe = '<iframe src="https://ascn.example/embed?chart=map" title="Map" width="800" height="520"></iframe>'
    snippet = responsive_snippet(iframe, origin_of("https://ascn.example/?partner=JPN"))
    assert snippet.startswith(iframe) and 'var o="https://ascn.example"' in snippet
    assert "e.origin!==o" in snippet and 'd.type!=="ascn-embed-height"' in snippet and "src=" not in snippet.split("<script>")[1]
    for bad in ("javascript:alert(1)", 'https://a.b"></script><script>alert(1)//', "https://a.b\\@c", "ftp://x.org", ""):
        assert origin_of(bad) is None, bad
        assert responsive_snippet(iframe, origin_of(bad)) == ""
    assert origin_of("http://127.0.0.1:8050/embed") == "http://127.0.0.1:8050"


def test_a_scene_names_its_charts_or_gets_them_from_its_view():
    assert charts_for("", "matrix, story") == ["matrix", "story"]
    assert charts_for("partner=JPN", "nonsense") == ["partners"]
    assert charts_for("focus_area=safety-security") == ["focus"]
    assert charts_for("unknown_year=only") == ["trend"]
    assert charts_for("", "focus trend partners") == ["focus", "trend"]  # at most two beside the map


def test_row_detail_reads_the_record_and_ignores_what_it_does_not_hold():
    from layouts.rowdetail import show_rows

    query = the_query()
    shown = str(show_rows(query, [{"partnership_id": 15}, {"partnership_id": True}, {"partnership_id": "7"}, "x"]))
    assert "No. 15" in shown and "Year source" in shown and "No. 7" not in shown
    assert "Pick a row" in str(show_rows(query, None))


def test_a_picked_rows_detail_links_to_the_profiles_of_its_partners_cities_and_member_states():
    from ascn import profiles
    from layouts.rowdetail import show_rows

    query = the_query()
    rows = query.dataset.partnerships
    for pid in rows.index[:10]:
        row = rows.loc[pid]
        hrefs = {link.href for link in _links(show_rows(query, [{"partnership_id": int(pid)}]))}
        states = {str(query.dataset.cities.at[c, "member_state"]) for c in row["city_ids"]}
        expected = {profiles.profile_path("city", c) for c in row["city_ids"]} | {profiles.profile_path("member-state", s) for s in states}
        expected |= {profiles.profile_path("partner", p) for p in row["partner_economies"] if p in profiles.subjects(query, "partner")}
        assert {h for h in hrefs if h.startswith("/profile/")} == expected, pid
        for href in expected:  # each link is a profile the app serves
            kind, code = href.split("/")[2:]
            assert profiles.canonical(query, kind, code) == code


def _links(node):
    from dash import html

    if isinstance(node, list):
        return [link for child in node for link in _links(child)]
    if isinstance(node, html.A):
        return [node]
    return _links(getattr(node, "children", None)) if getattr(node, "children", None) is not None else []
