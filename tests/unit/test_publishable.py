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
