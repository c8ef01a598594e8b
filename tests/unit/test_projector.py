"""Issue 20, item 12: presentation on a projector. Type sizes, the charts a scene chooses, the network as of a year,
every city named, and where leaving presentation goes. Checked on the record, in process."""

from ascn import scenes, vocab
from ascn.selection import parse_params
from components import maps
from layouts import filter_change as change
from layouts.modes import split_search
from layouts.presenter import leave_href
from layouts.stage import charts_for, marks, scene_chart_names
from tests.unit.test_filter_change import QUERY, _assigned


def test_the_scenes_charts_column_is_optional_and_checked_with_its_line():
    frame, problems = scenes.read_scenes_text("scene_id,title,caption,view\n1,A,,partner=JPN\n")
    assert problems == [] and frame["charts"].tolist() == [""]  # an old scenes file, without the column, still reads
    text = "scene_id,title,caption,view,charts\n1,A,,partner=JPN,focus\n2,B,,,trend pie\n3,C,,,focus trend partners\n4,D,,,trend trend\n"
    frame, problems = scenes.read_scenes_text(text)
    assert sorted((p.line, p.column, p.value) for p in problems) == [
        (3, "charts", "trend pie"), (4, "charts", "focus trend partners"), (5, "charts", "trend trend")]
    assert all(p.message == scenes.CHARTS_RULE for p in problems)
    _, problems = scenes.read_scenes_text("scene_id,title,caption,view,chart\n1,A,,,\n")
    assert [(p.line, p.column) for p in problems] == [(1, "chart")]  # a misspelt column is named


def test_every_scene_shows_charts_with_something_to_show():
    for scene_id, scene in QUERY.dataset.scenes.iterrows():
        params, _ = split_search(scene["view"])
        aggregates = QUERY.charts(parse_params(params, QUERY.allowed).selection)
        for chart in scene_chart_names(QUERY, scene):
            assert marks(aggregates, chart) > 1, f"scene {scene_id} ({scene['title']}) shows {chart} with one bar or none"


def test_a_guessed_chart_with_a_single_bar_gives_way():
    japan = QUERY.charts(parse_params({"partner": ["JPN"]}, QUERY.allowed).selection)
    assert marks(japan, "partners") == 1
    chosen = charts_for("partner=JPN", "", japan)
    assert chosen != ["partners"] and marks(japan, chosen[0]) > 1
    assert charts_for("partner=JPN", "partners", japan) == ["partners"]  # a scene's own choice is kept (the test above checks it)


def test_the_network_in_a_year_sizes_circles_by_the_partnerships_known_then():
    record = QUERY.dataset.partnerships
    dated = record[record["year"].notna() & (record["year"] <= 2018)]
    expected = {c: 0 for c in QUERY.dataset.cities.index}
    for cities in dated["city_ids"]:
        for c in cities:
            expected[c] += 1
    then = change.render(QUERY, {}, "?network_year=2018&present=1")
    sizes = _assigned(then["map"], ["data", 1, "marker", "size"])
    joined = QUERY.dataset.cities["joined"].tolist()
    assert sizes == [s if j <= 2018 else 0 for s, j in zip(maps.marker_sizes(list(expected.values())), joined)]
    now = _assigned(change.render(QUERY, {}, "?present=1")["map"], ["data", 1, "marker", "size"])
    assert now != sizes  # partnerships from after 2018 count today
    assert str(int((QUERY.dataset.cities["joined"] <= 2018).sum())) in then["texts"]["map"]


def test_in_presentation_every_city_is_named_in_large_type_and_the_legend_and_sources_are_large():
    present = change.render(QUERY, {}, "?present=1")
    labels = _assigned(present["map"], ["data", maps.MAP_LABELS, "text"])
    assert all(labels) and len(labels) == len(QUERY.dataset.cities)
    assert _assigned(present["map"], ["data", maps.MAP_LABELS, "textfont", "size"]) >= 20
    assert min(n["font"]["size"] for n in _assigned(present["map"], ["layout", "annotations"])) >= 16
    for chart in ("focus", "partners", "trend", "commitments"):
        assert min(n.font.size for n in present[chart].layout.annotations) >= 16, chart
    plain = change.render(QUERY, {}, "")
    assert sum(map(bool, _assigned(plain["map"], ["data", maps.MAP_LABELS, "text"]))) < len(labels)
    # Outside presentation the legend's notes take the map template's type size.
    assert max(n.get("font", {}).get("size", maps.LEGEND_SIZE) for n in _assigned(plain["map"], ["layout", "annotations"])) < 16


def test_a_scene_on_a_phone_is_redrawn_whole_with_the_explorers_type_and_names():
    """A phone's width cannot hold a projector's type and every city's name: told "narrow" (assets/js/ascn.js), the
    scene is drawn again, whole, as the explorer draws it; told "wide" again, as the projector draws it."""
    from components import ids
    from tests.support import filter_change

    search = f"?present=1&scene={QUERY.dataset.scenes.index[0]}"
    projector = filter_change(f"{ids.URL}.search", search, search=search, pathname="/")
    phone = filter_change(f"{ids.SCREEN}.data", "narrow", search=search, pathname="/")
    wide = filter_change(f"{ids.SCREEN}.data", "wide", search=search, pathname="/")
    plain = change.render(QUERY, phone["view"], "")  # the explorer, same view
    for name in ("map", "texts", "table_rows", "summary"):  # everything sent again, as on the address
        assert phone[name] is not change.no_update, name
    assert phone["mode"]["scene_bar"] is not change.no_update and phone["view"] == projector["view"]
    label_size = ["data", maps.MAP_LABELS, "textfont", "size"]
    assert _assigned(phone["map"], label_size) == _assigned(plain["map"], label_size) < _assigned(projector["map"], label_size)
    names = ["data", maps.MAP_LABELS, "text"]
    assert _assigned(phone["map"], names) == _assigned(plain["map"], names) != _assigned(projector["map"], names)
    def focus(out):  # drawn in the answer when the scene shows it, else sent to its store
        return out["in_view"]["focus"] if out["focus"] == change.DRAWN else out["focus"]
    assert focus(phone).layout.font.size == plain["focus"].layout.font.size < focus(projector).layout.font.size
    assert _assigned(wide["map"], label_size) == _assigned(projector["map"], label_size)
    assert focus(wide).layout.font.size == focus(projector).layout.font.size


def test_leaving_presentation_returns_to_the_view_it_started_from():
    japan = parse_params({"partner": ["JPN"]}, QUERY.allowed).selection
    assert leave_href(QUERY, japan, {"present": "1", "scene": "3"}, "?member_state=KHM&network_year=2018") == \
        "/?member_state=KHM&network_year=2018"
    assert leave_href(QUERY, japan, {"present": "1", "scene": "3"}, None) == "/?partner=JPN"  # opened by a scene's link
    assert leave_href(QUERY, japan, {}, "?partner=NOPE&present=1&x=<b>") == "/"  # kept text is read again, never passed on
    assert vocab.MAX_SCENE_CHARTS == 2
