"""A filter change is answered by one callback, and what the page shows for a view is what the API and the exports
give for the same view: one meaning of a selection, checked on generated views."""

import csv
import io
import json
import re
from urllib.parse import urlencode

from dash import no_update
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ascn import filters, wording
from ascn.vocab import FOCUS_AREAS
from components import ids
from components.table import TABLE_LIMIT
from layouts import filter_change as change
from layouts.presenter import embed_snippet, page_mode
from layouts.stage import scene_charts
from tests.support import examples, filter_change, the_query

QUERY = the_query()
YEARS = QUERY.dataset.partnerships["year"].dropna()
FIRST_YEAR, LAST_YEAR = int(YEARS.min()), int(YEARS.max())
VIEW_SETTINGS = settings(max_examples=examples(15, long=40), deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def _some(key: str):
    return st.lists(st.sampled_from(sorted(QUERY.allowed[key])), min_size=1, max_size=2, unique=True).map(",".join)


@st.composite
def views(draw) -> dict[str, str]:
    """Views as the page's URL carries them (valid ones: the link tests cover the broken), over every filter kind
    and the record's own years."""
    view = {}
    for kind in filters.list_kinds():
        if draw(st.booleans()):
            view[kind.param] = draw(_some(kind.param))
    if draw(st.booleans()):
        low = draw(st.integers(FIRST_YEAR, LAST_YEAR))
        view["year_from"], view["year_to"] = str(low), str(draw(st.integers(low, LAST_YEAR)))
    unknown = draw(st.sampled_from(["include", "include", "exclude", "only"]))
    if unknown != "include":
        view["unknown_year"] = unknown
    return view


def _api_ids(client, href: str) -> list[int]:
    answer = client.get(href)
    assert answer.status_code == 200, answer.data[:300]
    return [int(r["partnership_id"]) for r in csv.DictReader(io.StringIO(answer.data.decode("utf-8-sig")))]


def _bar_total(figure) -> int:
    return int(sum(sum(trace.y) for trace in figure.data if trace.y is not None))


@VIEW_SETTINGS
@given(view=views())
def test_the_page_the_api_and_the_exports_agree_on_a_view(client, view):
    search = "?" + urlencode(view, safe=",") if view else ""
    out = change.render(QUERY, view, search)
    api = _api_ids(client, out["csv_href"])  # the page's own CSV link
    count = int(re.match(r"(\d+) of ", out["summary"]).group(1))
    assert count == len(api)
    assert [r["partnership_id"] for r in out["table_rows"]] == api[:TABLE_LIMIT]
    assert out["zip_href"] == out["csv_href"].replace("/api/partnerships.csv", "/api/partnerships.zip")  # the ZIP export: the same query
    assert _bar_total(out["trend"]) == count  # the trend chart: one bar segment per partnership, unknown years included
    focus_text = out["texts"]["focus"]  # the focus chart's summary for screen readers: "…: Civic and social 2, …"
    assert sum(int(re.search(rf"{re.escape(name)} (\d+)", focus_text).group(1)) for name in FOCUS_AREAS.values()) == count


def test_one_answer_carries_the_charts_and_their_summaries():
    view = {"partner": "JPN"}
    out = change.render(QUERY, view, "?partner=JPN")
    assert set(out["texts"]) == set(change.CHART_TEXTS)  # every chart's summary, the who-works-with-whom matrix's too
    sel = change.selection_from_view(view, QUERY)
    summaries = wording.chart_summaries(QUERY.charts(sel), wording.describe(sel, QUERY.allowed), QUERY.dataset.economy_name)
    assert {k: out["texts"][k] for k in summaries} == summaries  # the words of the aggregates the charts were drawn from
    assert out["trend"].layout.title.text.startswith("Partnerships per year: ")


def _assigned(patch, location: list) -> object:
    """The value a Patch assigns at ``location``."""
    for operation in patch.to_plotly_json()["operations"]:
        if operation["location"] == location:
            return operation["params"]["value"]
    raise AssertionError(f"the patch sets nothing at {location}")


def test_the_page_mode_comes_from_the_address_with_the_view():
    plain = change.render(QUERY, {"partner": "JPN"}, "?partner=JPN")
    present = change.render(QUERY, {"partner": "JPN"}, "?partner=JPN&present=1")
    assert present["focus"].layout.font.size > plain["focus"].layout.font.size  # presentation type is larger
    # The map shows the network as it was in 2018: the cities that had joined by then, and no others.
    joined = QUERY.dataset.cities["joined"]
    drawn = [opacity > 0 for opacity in _assigned(change.render(QUERY, {}, "?network_year=2018")["map"], ["data", 1, "marker", "opacity"])]
    assert sum(drawn) == int((joined <= 2018).sum()) < len(joined)
    assert all(opacity > 0 for opacity in _assigned(change.render(QUERY, {}, "")["map"], ["data", 1, "marker", "opacity"]))


def test_a_filter_change_is_one_request(dash_app):
    """The control's change and everything that follows it are answered together: no callback waits for another
    (nothing reads the view store or page_mode's store as an input), whatever the filter kind."""
    specs = dash_app.callback_map
    for spec in specs.values():
        assert {"id": ids.VIEW, "property": "data"} not in spec["inputs"]
        assert {"id": ids.MODE, "property": "data"} not in spec["inputs"]
    for kind in filters.list_kinds():
        answering = [key for key, spec in specs.items() if {"id": kind.control, "property": "value"} in spec["inputs"]]
        assert len(answering) == 1, kind.param
        for output in ("view.data", "url.search", "map.figure", "chart-trend-next.data", "chart-partners-next.data", "summary.children",
                       "table-next.data", '"chart":"chart-focus"'):
            assert output in answering[0]
        assert not any({"id": ids.URL, "property": "search"} in spec["inputs"] and key != answering[0] and "url.search" in key
                       for key, spec in specs.items())  # no second writer of the address (provenance had one)
        # Nothing on the server follows the address the answer writes (page mode, snippets, scene charts did): the
        # answer carries them, so a change of view is one request (a clientside callback makes none).
        following = [key for key, spec in specs.items() if key != answering[0] and "callback" in spec  # on the server
                     and any(i["id"] == ids.URL and i["property"] in ("search", "pathname", "href") for i in spec["inputs"])]
        assert following == [], following
        for output in ("root.className", "scene-bar.children", "scene-charts.className", "embed-snippet.value",
                       "embed-snippet-responsive.value", "present-link.href", "embed-open.href", "chart-story-next.data"):
            assert output in answering[0], output


def test_the_charts_below_the_map_and_the_table_are_drawn_from_their_stores_in_the_browser(dash_app):
    """Every chart but the map takes its figure from its next-figure store, and the table its rows from theirs, in
    clientside callbacks (drawn when in view, assets/js/lazy.js) that no server callback answers; the filter change
    writes the stores, and a chart's figure only when the browser reported that chart in view."""
    drawing = {key: spec for key, spec in dash_app.callback_map.items() if {"id": ids.IN_VIEW, "property": "data"} in spec["inputs"]}
    key = ".." + "...".join([*(f"{graph}.figure" for graph in ids.LAZY_CHARTS), f"{ids.TABLE}.rowData"]) + ".."
    assert set(drawing) == {key}  # one clientside callback for every chart and the table: no request
    assert "callback" not in drawing[key]
    assert [i["id"] for i in drawing[key]["inputs"]] == [*map(ids.next_figure, ids.LAZY_CHARTS), ids.TABLE_ROWS_NEXT, ids.IN_VIEW]
    change_key = next(k for k in dash_app.callback_map if f"{ids.SUMMARY}.children" in k)
    for graph in ids.LAZY_CHARTS:
        writers = [k for k in dash_app.callback_map if f"{graph}.figure" in k]
        assert set(writers) == ({key, change_key} if graph in change.LAZY_FIGURES.values() else {key}), graph
    assert [k for k in dash_app.callback_map if f"{ids.TABLE}.rowData" in k] == [key]


def test_the_answer_carries_the_alt_texts_and_the_explorers_last_address():
    """What the browser would otherwise compute in callbacks of its own after each answer comes with it: each chart's
    alt text (its screen-reader summary) and, outside presentation, the address to return to on leaving it."""
    out = filter_change(f"{ids.FILTER_PARTNER}.value", ["JPN"])
    assert out["alt_texts"] == out["texts"] and all(out["alt_texts"].values())
    assert out["present_from"] == "?partner=JPN"
    assert filter_change(None, search="?partner=JPN&present=1&scene=1")["present_from"] is no_update
    assert filter_change(None, search="?partner=CHN")["present_from"] == "?partner=CHN"


def test_a_chart_in_view_gets_its_figure_in_the_answer_and_one_below_the_fold_through_its_store():
    """The browser reports the charts in view: their figures come in the answer itself (drawn with the map), and
    their stores say so (nothing left to hand them); every other chart's figure goes to its store, to be drawn when
    scrolled to."""
    out = filter_change(f"{ids.FILTER_PARTNER}.value", ["JPN"], in_view=[ids.FOCUS, ids.TABLE])
    assert out["in_view"]["focus"]["layout"]["title"]["text"] and out["focus"] == change.DRAWN
    for name in ("partners", "trend", "matrix", "commitments"):
        assert out["in_view"][name] is no_update and out[name] is not no_update and out[name] != change.DRAWN, name
    assert out["in_view"]["focus"] == filter_change(f"{ids.FILTER_PARTNER}.value", ["JPN"])["focus"]  # the same figure either way
    unchanged = filter_change(f"{ids.FILTER_FOCUS}.value", ["health-wellbeing"], view={"focus_area": "civic-social"},
                           in_view=[ids.COMMITMENTS])
    assert unchanged["in_view"]["commitments"] is no_update and unchanged["commitments"] is no_update  # nothing new to draw


def test_a_scene_draws_its_own_charts_in_the_answer():
    """A presentation step shows and hides charts in its own answer: the charts the scene shows are drawn in it, at
    once, whatever the browser reported in view before; the others wait in their stores."""
    for scene in QUERY.dataset.scenes.index[:4]:
        search = f"?present=1&scene={scene}"
        out = filter_change(f"{ids.URL}.search", search, search=search, pathname="/", in_view=[ids.MATRIX])
        shown = {name for name in change.LAZY_FIGURES if f"show-{name}" in out["mode"]["scene_charts"].split()}
        assert shown, scene
        assert {name for name, fig in out["in_view"].items() if fig is not no_update} == shown, scene
        assert all(out[name] == change.DRAWN for name in shown) and out["matrix"] != change.DRAWN, scene


def test_a_warmed_deck_answers_every_scene_without_placing_names_again():
    """``warm_the_deck`` (run before serving) leaves every scene's names placed: a presenter's first step to any scene
    asks the placement cache and finds it there."""
    from components import maps

    maps._city_labels.cache_clear()
    change.warm_the_deck(QUERY)
    warmed = maps._city_labels.cache_info()
    assert warmed.misses >= 1
    for scene in QUERY.dataset.scenes.index:
        search = f"?present=1&scene={scene}"
        filter_change(f"{ids.URL}.search", search, search=search, pathname="/")
    after = maps._city_labels.cache_info()
    assert after.misses == warmed.misses and after.hits >= warmed.hits + len(QUERY.dataset.scenes)


def test_no_callback_has_more_than_eight_positional_outputs(dash_app):
    """Callbacks with more than a few outputs name them (dict outputs): no answer is read by position."""
    for key, spec in dash_app.callback_map.items():
        if len(key.strip(".").split("...")) > 8:
            assert isinstance(spec["outputs_indices"], dict), key


def test_a_control_keeps_the_value_the_user_gave_it():
    """The answer to a partner choice does not send the dropdown its own value back (that would re-render it open)."""
    out = filter_change(f"{ids.FILTER_PARTNER}.value", ["JPN"], years=[FIRST_YEAR, LAST_YEAR])
    assert out["view"] == {"partner": "JPN"} and out["search"] == "?partner=JPN"
    assert out["values"]["partner"] is no_update and out["years"] is no_update  # partner dropdown, year slider: as the user left them
    japan = f"{QUERY.count(change.selection_from_view({'partner': 'JPN'}, QUERY))} of {len(QUERY.dataset.partnerships)} partnerships"
    assert out["summary"].startswith(japan)  # the summary, in the same answer
    assert out["options"]["partner"] is no_update  # the partner dropdown's counts are under the other filters: unchanged
    assert out["options"]["member_state"] is not no_update and out["options"]["focus_area"] is not no_update  # the others follow
    assert out["commitments"] is not no_update  # the commitments of Japan


def test_credits_follow_the_rows_shown():
    """A view of Table 2 rows credits the paper's table; one holding later-reporting rows says so, on every chart and the map."""
    table_2 = change.render(QUERY, {"provenance": "table-2"}, "?provenance=table-2")
    later = change.render(QUERY, {"provenance": "later-reporting"}, "?provenance=later-reporting")
    both = change.render(QUERY, {}, "")
    for out, credit in ((table_2, wording.TABLE_2_SOURCE), (later, wording.LATER_SOURCE), (both, wording.PARTNERSHIP_SOURCE)):
        for chart in ("focus", "partners", "trend"):
            assert any(a.text == wording.safe(credit) for a in out[chart].layout.annotations), chart
    assert "Table 2" in table_2["map_credit"] and "later" not in table_2["map_credit"]
    assert "reporting after 2020" in later["map_credit"] and "reporting" in both["map_credit"]


def test_an_embed_is_sent_its_one_chart_and_what_frames_it():
    """An embed shows one chart: the others, the table, the city panel and the dropdown counts are not sent (a frame
    on a news page draws one chart, not six), while the title, summary, text and source of that chart are."""
    for chart in change.FIGURES:
        out = filter_change(search=f"?partner=JPN&chart={chart}", pathname="/embed")
        assert out[chart] is not no_update and out[chart]  # the embedded chart, drawn for Japan
        assert all(out[other] is no_update for other in change.FIGURES if other != chart), chart
        assert out["table_rows"] is no_update and out["city_panel"] is no_update
        assert all(value is no_update for value in out["options"].values())
        assert "Japan" in str(out["summary"]) and out["map_credit"] and out["texts"][chart]
    whole = filter_change(search="?partner=JPN&chart=trend", pathname="/")  # the same link on the explorer draws everything
    assert all(whole[name] is not no_update for name in change.FIGURES) and whole["table_rows"]


ORIGIN = "http://127.0.0.1:8050"


def test_a_change_of_view_brings_its_links_and_snippets_in_the_same_answer():
    """A partner chosen on the explorer: the Present link, "Open the full dashboard" and both embed snippets of the new
    view come with it, as the address it writes would give them; the mode of the page, unchanged, is not sent."""
    out = filter_change(f"{ids.FILTER_PARTNER}.value", ["JPN"], years=[FIRST_YEAR, LAST_YEAR], pathname="/",
                        href=ORIGIN + "/", embed_chart="trend")
    mode = out["mode"]
    _, _, _, present_href, full_view, _ = page_mode(QUERY, "/", out["search"])
    assert (mode["present_href"], mode["full_view"]) == (present_href, full_view) == ("/?partner=JPN&present=1", "/?partner=JPN")
    assert mode["snippet"] == embed_snippet(QUERY, out["search"], "trend", ORIGIN + "/?partner=JPN")
    assert f'src="{ORIGIN}/embed?partner=JPN&amp;chart=trend"' in mode["snippet"]
    assert mode["responsive"].startswith(mode["snippet"] + "\n<script>") and json.dumps(ORIGIN) in mode["responsive"]
    assert all(mode[name] is no_update for name in change.MODE_OF_PAGE) and mode["story"] is no_update


def test_an_address_brings_the_page_mode_it_asks_for():
    """Opened (or stepped to) by its address: a scene draws its bar and its charts, an embed its frame and, for the
    story, the compact story, all in the one answer; what the link got wrong never reaches a link or a snippet."""
    scene = filter_change(search="?present=1&scene=1", pathname="/", href=ORIGIN + "/?present=1&scene=1")["mode"]
    root, page, bar, present_href, _, _ = page_mode(QUERY, "/", "?present=1&scene=1")
    assert scene["root"] == root == "mode-present" and scene["store"] == page
    assert str(scene["scene_bar"]) == str(bar) and scene["scene_charts"] == scene_charts(QUERY, "?present=1&scene=1")
    assert scene["scene_charts"].startswith("show-") and scene["story"] is no_update
    story = filter_change(search="?chart=story", pathname="/embed", href=ORIGIN + "/embed?chart=story")["mode"]
    assert story["root"] == "mode-embed embed-story" and story["story"] is not no_update and story["story"].data
    bad = filter_change(search="?partner=JAP&x=%22%3E%3Cscript%3E", pathname="/embed", href=ORIGIN + "/embed")["mode"]
    assert "embed-refused" in bad["root"] and "partner=JPN" in str(bad["embed_notice"])  # the likely correction
    for text in (bad["snippet"], bad["responsive"], bad["present_href"], bad["full_view"]):
        assert "JAP" not in text and "x=" not in text and "%22" not in text and "<script>alert" not in text


def test_a_map_click_in_presentation_redraws_the_scene_bar_with_the_view():
    """In presentation the scene bar's Leave and the scene's charts follow the view: an action there sends them again."""
    city = sorted(QUERY.allowed["city"])[0]
    click = {"points": [{"curveNumber": 1, "customdata": [city, "name", "state", 1, "x", "partnership"]}]}
    out = filter_change(f"{ids.MAP}.clickData", click, search="?present=1", pathname="/", href=ORIGIN + "/?present=1")
    assert out["search"] == f"?city={city}&present=1"
    assert out["mode"]["root"] == "mode-present" and out["mode"]["scene_bar"] is not no_update
    assert out["mode"]["present_href"] == f"/?city={city}&present=1"
