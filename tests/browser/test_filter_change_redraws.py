"""A filter change as a user makes it, in Chromium: each chart redraws once (no second, resize redraw after it),
and the page shows the new selection."""

from collections import Counter

from ascn import wording
from ascn.selection import Selection
from bench.browser import APP_DRAWN, ON_SCREEN_JS
from bench.felt import FeltSession, presentation_steps
from components import ids
from components.table import PAGE_SIZE, TABLE_LIMIT
from tests.support import LAPTOP, PHONE, click_city, go, scroll_to, settle, the_query, view_rows, wait_for_app, wait_for_table


def test_choosing_a_partner_redraws_each_chart_once(browser, app_url):
    """...and each user action is one request: a partner choice, a city clicked on the map, the Present button and a
    step through the scenes are each answered by the filter change alone (what follows the address comes with it)."""
    session = FeltSession(browser, app_url + "/", APP_DRAWN, timeout_ms=60_000)
    try:
        in_view = set(session.page.evaluate(CHARTS_IN_VIEW))
        assert {"map", "chart-focus"} <= in_view and "chart-matrix" not in in_view  # the first screen of a laptop
        for name in ("Japan", "Japan"):  # chosen, then unchosen: the partners and commitments charts change height both ways
            change = session.choose(name, limit=False)
            draws = Counter(e["what"] for e in change.timeline if e["kind"] == "afterplot")
            assert draws and set(draws.values()) == {1}, change.timeline
            assert set(draws) == in_view, change.timeline  # each chart in view once; those below the fold wait
            assert len(change.requests) == 1, [r["name"] for r in change.requests]
        query = the_query()
        total, japan = len(query.dataset.partnerships), query.count(Selection(partners=("JPN",)))
        summary = session.page.locator("#summary").inner_text()
        assert summary.startswith(f"{total} of {total} partnerships")
        session.choose("Japan", limit=False)
        assert session.page.locator("#summary").inner_text().startswith(f"{japan} of {total} partnerships")
        _one_request_each_for_a_city_the_present_button_and_a_scene(session, query)
    finally:
        session.close()


# The ids of the map and the charts on screen now.
CHARTS_IN_VIEW = f"""() => [...document.querySelectorAll('#map, .drawn-in-view')].filter({ON_SCREEN_JS}).map(el => el.id)"""
# Each chart's title and, for the matrix, its partner economies (rows).
CHART_STATE = """() => Object.fromEntries([...document.querySelectorAll('.drawn-in-view')].map(el => [el.id,
    { title: (el.querySelector('.gtitle') || {}).textContent || '', rows: [...el.querySelectorAll('.ytick text')].map(t => t.textContent) }]))"""


def test_a_chart_scrolled_into_view_after_several_changes_shows_the_latest_view(browser, app_url):
    """Charts below the fold are not redrawn by a change of view; scrolled to after three changes, each is drawn
    once, with the last view (its title and marks), never an earlier one."""
    session = FeltSession(browser, app_url + "/", APP_DRAWN, timeout_ms=60_000)
    try:
        page = session.page
        before = page.evaluate(CHART_STATE)
        session.choose("Japan", limit=False)
        session.choose("China", limit=False)
        session.choose("Japan", limit=False)  # unchosen: the view is China alone
        after_changes = page.evaluate(CHART_STATE)
        for chart in ("chart-trend", "chart-partners", "chart-commitments", "chart-matrix"):
            assert after_changes[chart] == before[chart], chart  # below the fold: left as it was
        page.evaluate("window.__bench.arm()")  # its log from here: every drawing and request
        scroll_to(page, "#chart-matrix")
        log = page.evaluate("window.__bench.log")
        draws = Counter(e["what"] for e in log if e["kind"] == "afterplot")
        assert draws["chart-matrix"] == 1 and not [e for e in log if e["kind"] == "request"], log  # once, from the browser
        shown = page.evaluate(CHART_STATE)
        assert "China" in shown["chart-matrix"]["title"] and "Japan" not in shown["chart-matrix"]["title"]
        assert "China" in shown["chart-matrix"]["rows"] and shown["chart-matrix"]["rows"] != before["chart-matrix"]["rows"]
        for chart in ("chart-trend", "chart-partners", "chart-commitments"):
            page.locator(f"#{chart}").scroll_into_view_if_needed()
            page.wait_for_function("(id) => !window.ascnChartsBehind().includes(id)", arg=chart)
            title = page.evaluate(CHART_STATE)[chart]["title"]
            assert "China" in title and "Japan" not in title, (chart, title)
    finally:
        session.close()


def _one_request_each_for_a_city_the_present_button_and_a_scene(session, query) -> None:
    page = session.page
    rows = query.dataset.partnerships
    city = next(c for codes, cities in zip(rows["partner_economies"], rows["city_ids"]) if "JPN" in codes for c in cities)
    first_scene = f"1/{len(query.dataset.scenes)}"
    actions = (
        ("city", lambda p: click_city(p, city), lambda: f"city={city}" in page.url),
        ("present", lambda p: p.locator("#present-link").click(), lambda: "present=1" in page.url),
        ("scene", lambda p: p.keyboard.press("ArrowRight"),
         lambda: page.locator("#scene-bar").inner_text().startswith(first_scene)),
    )
    for label, action, shown in actions:
        change = session.act(label, action)
        assert shown(), label
        assert len(change.requests) == 1, (label, [r["name"] for r in change.requests])
        assert "url.search" in change.requests[0]["name"], label
    first = str(query.dataset.scenes.index[0])
    assert page.url.endswith(f"present=1&scene={first}")  # the scene's own view, its link from the answer's scene bar
    assert "mode-present" in page.locator("#root").get_attribute("class")


def test_charts_still_follow_the_window_width(browser, app_url):
    """Skipping the height-only redraw must not stop a chart from fitting a narrower window (a phone turned)."""
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    try:
        page.goto(app_url + "/")
        page.wait_for_function(APP_DRAWN, polling=100, timeout=60_000)
        scroll_to(page, "#chart-partners")  # drawn when in view
        width = "() => document.querySelector('#chart-partners .main-svg').getBoundingClientRect().width"
        wide = page.evaluate(width)
        page.set_viewport_size(PHONE)
        page.wait_for_function(f"() => ({width})() < {wide}", polling=100, timeout=10_000)
        assert page.evaluate(width) <= PHONE["width"]
    finally:
        context.close()


def test_a_presentation_step_draws_the_map_and_each_chart_of_the_scene_once(browser, app_url):
    """The bench's presentation step (bench/felt.presentation_steps), as a presenter makes it: the right arrow is one
    request, the next scene's caption, and one drawing of the map and of each chart the scene shows, at its cell's
    size at once (not drawn first at another size and fitted after, nor redrawn when the browser next measures)."""
    session = FeltSession(browser, app_url + "/?present=1&scene=1", APP_DRAWN, timeout_ms=60_000)
    try:
        total = len(the_query().dataset.scenes)
        for number in range(2, 5):
            step = presentation_steps(session, 1)[0]
            assert step.label == f"{number}/{total}" and len(step.requests) == 1, (step.label, step.requests)
            shown = set(session.page.evaluate(CHARTS_IN_VIEW))
            draws = Counter(e["what"] for e in step.timeline if e["kind"] == "afterplot")
            assert "map" in shown and len(shown) >= 2, shown  # the map and the scene's charts
            assert draws == Counter(shown), step.timeline  # each once, nothing hidden drawn
            assert session.page.evaluate(SIZES_FIT) == [], number  # every chart shown fills its cell
    finally:
        session.close()


# The charts shown in presentation whose drawing does not fill their cell (ascn.js's fit would draw them again).
SIZES_FIT = """() => [...document.querySelectorAll('.mode-present [data-chart]')].filter(b => b.offsetParent !== null).map(b => {
    const gd = b.querySelector('.js-plotly-plot'), size = window.ascnCellSize(gd);
    return size && (Math.abs(gd._fullLayout.height - size.height) > 2 || Math.abs(gd._fullLayout.width - size.width) > 2) ? b.dataset.chart : null;
}).filter(Boolean)"""


# Asks for the chart "as the view is now" (what an export does first) at the moment dcc.Graph starts drawing the figure
# the chart was handed on being scrolled to: the answer must wait for that drawing. Before the fix, a handed figure
# counted as shown, and an export in the gap (seen in CI) pictured the chart's previous view.
EXPORT_WHILE_DRAWING = """(id) => new Promise(resolve => {
    const gd = document.querySelector('#' + id + ' .js-plotly-plot');
    const watch = new MutationObserver(() => {
        if (!gd.classList.contains('dash-graph--pending')) { return; }
        watch.disconnect();
        let drawn = false;
        gd.on('plotly_afterplot', () => { drawn = true; });
        window.ascnDrawnNow(id).then(() => resolve({drawn: drawn, title: gd.layout.title.text}));
    });
    watch.observe(gd, { attributes: true, attributeFilter: ['class'] });
    document.getElementById(id).scrollIntoView();
})"""


def test_an_export_asked_for_while_a_scrolled_to_chart_is_drawing_waits_for_the_latest_view(page, app_url):
    page.goto(app_url + "/?partner=USA")
    wait_for_app(page)
    name = the_query().dataset.economy_name("USA")
    title = "() => document.querySelector('#chart-partners .js-plotly-plot').layout.title.text || ''"
    assert name not in page.evaluate(title)  # below the fold: drawn when scrolled to
    seen = page.evaluate(EXPORT_WHILE_DRAWING, "chart-partners")
    assert seen["drawn"] and name in seen["title"], seen


def test_a_figure_that_arrives_while_its_chart_has_no_height_yet_is_drawn(page, app_url):
    """An embed's chart may be shown but not yet sized (the frame's fit comes after) when its figure arrives, and the
    observer already counts it in view: it must be drawn then (it once waited for ever, 'Loading…', in one test run
    in three)."""
    page.goto(app_url + "/")
    wait_for_app(page)
    page.evaluate(f"""() => {{ document.getElementById('chart-focus').style.height = '0px';
        window.dash_clientside.set_props('{ids.next_figure(ids.FOCUS)}', {{data: {{data: [{{type: 'bar', x: ['a'], y: [1]}}],
            layout: {{title: {{text: 'The next view'}}}}}}}}); }}""")
    page.wait_for_function("() => document.querySelector('#chart-focus .js-plotly-plot').layout.title.text === 'The next view'",
                           timeout=10_000)


def test_the_table_says_it_is_loading_until_its_rows_come_and_no_match_only_when_none_do(page, app_url):
    """Below the fold the table has no rows yet (they are handed to it when it is scrolled to): till then it says
    so, never "no partnerships match", which find-in-page or a screen reader would read as a false answer. And it
    says so without a spinning icon: nothing on the page animates while it waits, which may be for as long as the
    page stays open (a spinner below the fold kept a page that nobody touched drawing frames, about 5% of a core).
    The pager shows only while there are rows: "0 to 0 of 0 · Page 0 of 0", read aloud too, told nobody anything.
    And the rows' coming does not push away what the reader jumped to below the table."""
    query = the_query()
    japan = view_rows("partner=JPN")
    empty = next((f"member_state={state}&partner={partner}" for state in query.allowed["member_state"]
                  for partner in query.allowed["partner"] if not view_rows(f"member_state={state}&partner={partner}")), None)
    assert empty, "every member state works with every partner in the record: this test needs another empty view"
    page.goto(app_url + "/?partner=JPN")
    wait_for_app(page)
    waiting = page.locator("#table").inner_text()
    assert wording.TABLE_LOADING in waiting and wording.NO_ROWS not in waiting, waiting
    pager, spoken = page.locator("#table .ag-paging-panel"), page.locator("#table .ag-aria-description-container")
    assert not pager.is_visible() and "0 of 0" not in spoken.text_content(), spoken.text_content()  # no "0 to 0 of 0"
    # an animation with no end (a spinner), not a transition of a few frames
    running = page.evaluate("""() => document.getAnimations()
        .filter(a => a.playState === 'running' && a.effect.getTiming().iterations === Infinity)
        .map(a => `${a.animationName || a.transitionProperty} on ${a.effect.target.className}`)""")
    assert running == [], f"the page animates while nobody touches it: {running}"
    # A keyboard jump to the deck below the table (Tab to "Add to my deck") brings the table near the screen, and it
    # gets its rows and grows above the deck: the button stays where the reader found it.
    before = page.evaluate("(id) => { const b = document.getElementById(id); b.focus(); return b.getBoundingClientRect().y; }",
                           ids.DECK_ADD)  # where the jump put it, read before the rows can come
    page.wait_for_function("() => document.querySelectorAll('#table .ag-row').length > 0")
    settle(page)
    after = page.locator(f"#{ids.DECK_ADD}").bounding_box()["y"]
    assert abs(after - before) <= 2 and 0 <= after < page.viewport_size["height"], (before, after)
    wait_for_table(page, japan)  # scrolled to, it shows the view's rows
    assert wording.TABLE_LOADING not in page.locator("#table").inner_text()
    shown = min(len(japan), TABLE_LIMIT)  # the first page's count, and the rows the grid holds
    assert pager.is_visible() and " ".join(pager.inner_text().split()).startswith(f"1 to {min(shown, PAGE_SIZE)} of {shown} "), pager.inner_text()
    go(page, empty)
    wait_for_table(page, [])
    page.wait_for_function("(t) => document.getElementById('table').innerText.includes(t)", arg=wording.NO_ROWS)
    assert page.evaluate("() => document.querySelectorAll('#table .ag-row').length") == 0
    assert not pager.is_visible()  # the overlay says there are none; a pager of "Page 0 of 0" would add nothing
