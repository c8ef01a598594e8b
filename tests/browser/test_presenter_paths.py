"""Every path a presenter or a journalist takes: a scene opened by its link, quick key presses, embeds with a bad
parameter, labels a selection never dims, empty views that fit their chart, readable commitments, names in the CSV,
a year axis that is a number line."""

import csv
import io
import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ascn import filters, wording
from ascn.selection import Selection
from layouts.modes import split_search
from tests.support import LAPTOP, PHONE, click_city, scroll_to, settle, the_query, the_record, view_rows, wait_for_app

# Screenshots for a person to look at: in the system's temporary folder, or where ASCN_SHOTS says.
SHOTS = Path(os.environ.get("ASCN_SHOTS") or tempfile.gettempdir()) / "ascn-shots"
PROJECTOR = {"width": 1280, "height": 720}


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def scene_filters(scene_id: int) -> str:
    """The filters of a scene's view as the API takes them (its network year apart)."""
    params, _ = split_search(the_record().scenes.loc[scene_id, "view"])
    return "&".join(f"{k}={v[-1]}" for k, v in params.items())


def summary_starts(page, text: str) -> None:
    page.wait_for_function("(t) => document.getElementById('summary').textContent.startsWith(t)", arg=text)


def _page_of_size(browser, viewport: dict):
    context = browser.new_context(viewport=viewport)
    yield context.new_page()
    context.close()


def _drawn_on_the_explorer(page, app_url: str, scripts: dict[str, tuple[str, str]], size_name: str) -> dict[str, dict]:
    """What each script (name -> chart, script) reads of its chart of the explorer, once that chart is scrolled into
    view and drawn (with a screenshot of each): several charts from one page load."""
    page.goto(app_url + "/")
    wait_for_app(page)
    drawn = {}
    for name, (chart, script) in scripts.items():
        scroll_to(page, f"#chart-{chart}")
        drawn[name] = page.evaluate(script, f"chart-{chart}")
        shot(page, f"{name}-{size_name}")
    return drawn


@pytest.fixture
def projector(browser):
    yield from _page_of_size(browser, PROJECTOR)


def test_pth001_a_scene_opened_by_its_link_shows_the_scenes_view(projector, app_url):
    scenes = the_record().scenes
    everything = len(view_rows())
    for scene_id in [s for s in scenes.index if scene_filters(s)][:4]:
        projector.goto(app_url + f"/?present=1&scene={scene_id}")
        wait_for_app(projector)
        projector.wait_for_function("(n) => document.getElementById('scene-bar').textContent.includes(n)", arg=scenes.loc[scene_id, "title"])
        summary_starts(projector, f"{len(view_rows(scene_filters(scene_id)))} of {everything}")
        assert projector.locator("#notice .alert").count() == 0
    scene_id = next(s for s in scenes.index if "partner=" in scenes.loc[s, "view"])
    other = next(p for p in ("CHN", "USA", "KOR") if p not in scenes.loc[scene_id, "view"])
    projector.goto(app_url + f"/?present=1&scene={scene_id}&partner={other}")
    wait_for_app(projector)
    summary_starts(projector, f"{len(view_rows(scene_filters(scene_id)))} of {everything}")
    projector.wait_for_selector("#notice .alert")
    assert f"partner={other}" in projector.locator("#notice").inner_text()
    settle(projector)
    shot(projector, "scene-by-link-projector")


def test_pth002_quick_key_presses_each_step_a_scene(projector, app_url):
    projector.goto(app_url + "/?present=1&scene=" + str(the_record().scenes.index[0]))
    wait_for_app(projector)
    settle(projector)
    projector.keyboard.press("ArrowRight")
    projector.wait_for_timeout(150)  # a clicker's double fire
    projector.keyboard.press("ArrowRight")
    projector.wait_for_function("() => document.getElementById('scene-bar').textContent.startsWith('3/')")
    settle(projector)
    for _ in range(3):  # three instant presses
        projector.keyboard.press("ArrowRight")
    projector.wait_for_function("() => document.getElementById('scene-bar').textContent.startsWith('6/')")
    settle(projector)
    assert projector.locator("#scene-bar").inner_text().startswith("6/")
    projector.keyboard.press("ArrowLeft")
    projector.keyboard.press("ArrowLeft")
    projector.wait_for_function("() => document.getElementById('scene-bar').textContent.startsWith('4/')")


FRAME = {"width": 300, "height": 250}


@pytest.fixture
def frame(browser):
    yield from _page_of_size(browser, FRAME)


@pytest.mark.parametrize("search, wrong, correction", [("chart=map&partner=JAP", "partner=JAP", "partner=JPN"),
                                                       ("chart=nope", "chart=nope", "map")])
def test_pth003_an_embed_with_a_bad_value_says_so_inside_its_frame(frame, app_url, search, wrong, correction):
    frame.goto(app_url + "/embed?" + search)
    frame.wait_for_function("() => document.getElementById('root')?.className.includes('embed-refused')", timeout=45000)
    notice = frame.locator("#embed-notice")
    notice.wait_for(state="visible")
    settle(frame)
    text = notice.inner_text()
    assert wrong in text and correction in text
    box = notice.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= FRAME["width"] and box["y"] + box["height"] <= FRAME["height"]
    assert not frame.locator("#map").is_visible(), "no view nobody asked for"
    assert frame.locator("#embed-open").is_visible()
    shot(frame, f"embed-bad-{wrong.split('=')[0]}-300x250")


LABEL_STYLES = """() => [...document.querySelectorAll('#map .scattergeo.trace')].slice(-1)[0] ? [...document.querySelectorAll(
    '#map .trace.scattergeo')].filter(t => t.querySelector('text')).flatMap(t => [...t.querySelectorAll('text')]).filter(
    e => e.textContent).map(e => { const s = getComputedStyle(e); return [e.textContent, s.fill, s.fillOpacity, s.opacity]; }) : []"""


def undimmed(page) -> list:
    """City labels drawn with less than full opacity (plotly's selection dimming)."""
    styles = page.evaluate(LABEL_STYLES)
    assert styles, "no city label drawn"
    return [s for s in styles if s[1] not in ("rgb(33, 37, 41)",) or float(s[2]) < 1 or float(s[3]) < 1]


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_pth004_city_names_are_never_dimmed_by_a_selection(browser, app_url, size):
    context = browser.new_context(viewport=size)
    page = context.new_page()
    page.goto(app_url + "/")
    wait_for_app(page)
    settle(page)
    assert undimmed(page) == []
    click_city(page, "phnom-penh")
    page.wait_for_function("() => location.search === '?city=phnom-penh'")
    settle(page)
    assert undimmed(page) == [], "a click dimmed the city names"
    click_city(page, "yangon", shift=True)
    page.wait_for_function("() => location.search === '?city=phnom-penh,yangon'")
    settle(page)
    assert undimmed(page) == [], "a shift-click dimmed the city names"
    shot(page, f"map-after-shift-click-{'phone' if size is PHONE else 'laptop'}")
    page.locator("#clear-selection").click()
    page.wait_for_function("() => location.search === ''")
    settle(page)
    assert undimmed(page) == [], "the names stayed dim after the selection was cleared"
    context.close()


EMPTY_INSIDE = """() => { const g = document.querySelector('#chart-focus .main-svg').getBoundingClientRect();
    return [...document.querySelectorAll('#chart-focus .annotation')].every(a => { const r = a.getBoundingClientRect();
        return r.left >= g.left - 1 && r.right <= g.right + 1 && r.top >= g.top - 1 && r.bottom <= g.bottom + 1; }); }"""
# Profile links after the chips that are cut (by the edge of the chips' line or of the page), by their text.
PROFILES_READABLE = """() => { const page = document.documentElement.clientWidth;
    return [...document.querySelectorAll('#chips .chip-profile')].filter(a => { const r = a.getBoundingClientRect();
        let clip = {left: 0, right: page}; for (let e = a.parentElement; e && e !== document.body; e = e.parentElement) {
            if (getComputedStyle(e).overflowX !== 'visible') { const b = e.getBoundingClientRect();
                clip = {left: Math.max(clip.left, b.left), right: Math.min(clip.right, b.right)}; } }
        return r.width === 0 || r.left < clip.left - 1 || r.right > clip.right + 1; }).map(a => a.textContent); }"""


@pytest.mark.parametrize("name, size, address", [
    ("laptop", LAPTOP, "/?member_state={state}"), ("phone", PHONE, "/?member_state={state}"),
    ("projector", PROJECTOR, "/?member_state={state}&present=1"), ("300x250", FRAME, "/embed?chart=focus&member_state={state}")])
def test_pth013_an_empty_views_message_fits_its_chart(browser, app_url, name, size, address):
    query = the_query()
    state = next(s for s in sorted(query.allowed["member_state"]) if query.count(Selection(member_states=(s,))) == 0)  # Brunei
    context = browser.new_context(viewport=size)
    page = context.new_page()
    page.goto(app_url + address.format(state=state))
    page.wait_for_selector("#chart-focus .js-plotly-plot", state="attached", timeout=45000)
    page.locator("#chart-focus").scroll_into_view_if_needed()  # below the map on a phone: drawn once in view
    page.wait_for_function("() => document.querySelector('#chart-focus .gtitle')?.textContent.includes(':')", timeout=45000)
    page.wait_for_function("() => [...document.querySelectorAll('#chart-focus .annotation')].some(a => a.textContent.startsWith('No '))")
    settle(page)
    try:  # a projector fits the chart to its cell after drawing it: wait for the chart as it stays
        page.wait_for_function(EMPTY_INSIDE, timeout=10000)
        inside = True
    except PlaywrightTimeout:
        inside = False
    shot(page, f"focus-empty-{name}")
    context.close()
    assert inside, "the empty message (and the source) stay inside the chart"



def test_pth010_the_downloaded_csv_names_beside_the_codes(browser, app_url):
    context = browser.new_context(viewport=LAPTOP, accept_downloads=True)
    page = context.new_page()
    page.goto(app_url + "/?partner=JPN")
    wait_for_app(page)
    page.wait_for_function("() => document.getElementById('download-csv').getAttribute('href').includes('partner=JPN')")
    with page.expect_download() as info:
        page.locator("#download-csv").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))
    context.close()
    record = the_record()
    assert sorted(int(r["partnership_id"]) for r in rows) == view_rows("partner=JPN")
    header = list(rows[0])
    assert header.index("partner_names") == header.index("partner_economies") + 1
    assert header[header.index("city_ids") + 1:header.index("city_ids") + 3] == ["city_names", "member_state_names"]
    for row in rows:
        assert "Japan" in row["partner_names"].split(";")
        assert row["city_names"].split(";") == [str(record.cities.at[c, "name"]) for c in row["city_ids"].split(";")]


COMMITMENT_BOXES = """() => { const svg = document.querySelector('#chart-commitments .main-svg').getBoundingClientRect();
    const texts = [...document.querySelectorAll('#chart-commitments .scatterlayer text')].filter(t => t.textContent)
        .map(t => { const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.right, r.top, r.bottom]; });
    const points = [...document.querySelectorAll('#chart-commitments .scatterlayer .point')]
        .map(p => { const r = p.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; });
    const ticks = [...document.querySelectorAll('#chart-commitments .xtick text')].map(t => t.getBoundingClientRect().top);
    const group = [...document.querySelectorAll('#chart-commitments .ytick text')].find(t => / partners:/.test(t.textContent));
    const credit = [...document.querySelectorAll('#chart-commitments .annotation')].pop().textContent;
    return { svg: [svg.left, svg.right, svg.top, svg.bottom], texts, points, credit, top_of_years: Math.min(...ticks),
             group: group ? [group.textContent, group.getBoundingClientRect().bottom] : null }; }"""


def _every_commitment_and_amount_is_readable(drawn: dict) -> None:
    """Issue 20, item 7: each amount inside the chart and apart, the grouped row named, the credit per row."""
    commitments = the_query().commitments(Selection())
    left, right, top, bottom = drawn["svg"]
    assert len(drawn["points"]) == len(commitments)
    names = the_query().allowed["partner"]
    grouped = [codes for codes in commitments["partner_economies"] if len(codes) > 2]
    for codes in grouped:  # the grouped Table 1 row names its partners in words, clear of the year labels
        assert drawn["group"] and all(names[c].split()[-1] in drawn["group"][0] for c in codes)
        assert drawn["group"][1] <= drawn["top_of_years"] + 1, "the grouped row's names run into the year labels"
    later = commitments["table1_row"].isna() & ~commitments["source"].str.contains("Martinus")
    assert ("later reports" in drawn["credit"]) == bool(later.any()), "the credit names the later reports it draws on"
    spots = {(round(x), round(y)) for x, y in drawn["points"]}
    assert len(spots) == len(commitments), "two commitments share one spot"
    assert len(drawn["texts"]) == int(commitments["amount"].notna().sum())
    for text, x0, x1, y0, y1 in drawn["texts"]:
        assert x0 >= left - 1 and x1 <= right + 1 and y0 >= top - 1 and y1 <= bottom + 1, f"{text} cut at the chart's edge"
    boxes = drawn["texts"]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[1] or b[2] <= a[1] or a[4] <= b[3] or b[4] <= a[3], f"{a[0]} over {b[0]}"


YEAR_TICKS = """() => [...document.querySelectorAll('#chart-trend .xtick text')].filter(t => t.textContent)
    .map(t => { const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.right, r.width]; })"""


def test_pth009_the_trend_is_a_number_line_with_year_unknown_apart(browser, app_url):
    by_year = the_query().by_year(Selection(partners=("JPN",)))
    known = sorted(int(y) for y in by_year.index if y != "unknown")
    context = browser.new_context(viewport=FRAME)  # the narrowest plot: labels that fit here fit everywhere
    page = context.new_page()
    page.goto(app_url + "/embed?chart=trend&partner=JPN")
    page.wait_for_function("() => document.querySelector('#chart-trend .gtitle')?.textContent.includes('Japan')", timeout=45000)
    settle(page)
    trace = page.evaluate("() => { const d = document.querySelector('#chart-trend .js-plotly-plot').data[0]; return [d.x, d.customdata]; }")
    ticks = page.evaluate(YEAR_TICKS)
    shot(page, "trend-japan-300x250")
    context.close()
    years = [x for x, c in zip(*trace) if c != "unknown"]
    assert years == list(range(known[0], known[-1] + 1)), "every year a slot, the empty ones empty"
    assert all(w > 0 for *_, w in ticks), "no label hidden"
    assert all(a[2] <= b[1] for a, b in zip(ticks, ticks[1:])), f"labels run into each other: {ticks}"
    if "unknown" in by_year.index:
        assert ticks[-1][0] == "yearunknown" and ticks[-2][2] < ticks[-1][1], "year unknown named, apart from the years"


MATRIX_BOXES = """() => { const names = [...document.querySelectorAll('#chart-matrix .xtick text')].map(t => t.getBoundingClientRect());
    const notes = [...document.querySelectorAll('#chart-matrix .annotation')].map(a => [a.textContent, a.getBoundingClientRect()]);
    const source = notes.find(n => n[0].startsWith('Source'))[1];
    const box = document.querySelector('[role="figure"]:has(> #chart-matrix)'), hint = document.getElementById('matrix-scroll-hint');
    return { lowest_name: Math.max(...names.map(r => r.bottom)), source_top: source.top, notes: notes.map(n => n[0]),
             scrolls: box.scrollWidth > box.clientWidth + 1, hint: hint.getBoundingClientRect().height > 0 }; }"""


def _the_matrix_source_sits_below_the_city_names_and_says_what_it_leaves_out(drawn: dict, name: str) -> None:
    """Issue 20, item 8."""
    counts = the_query().partner_city_counts(Selection())
    assert drawn["lowest_name"] <= drawn["source_top"] + 1, "the source line sits on city names"
    assert drawn["hint"] == drawn["scrolls"] == (name == "phone"), "a phone's sideways scroll is announced above the chart"
    capped = counts.shape != (counts.attrs["partners"], counts.attrs["cities"])
    assert any(f"of {counts.attrs['cities']} cities shown" in n for n in drawn["notes"]) == capped


SOURCE_LINE = """(c) => {
        const box = document.querySelector('#' + c + ' .main-svg').getBoundingClientRect();
        const text = [...document.querySelectorAll('#' + c + ' .annotation-text')].find(a => a.textContent.startsWith('Source'));
        if (!text) { return null; }
        const r = text.getBoundingClientRect();
        return [r.left >= box.left - 1, r.right <= box.right + 1, r.bottom <= box.bottom + 1]; }"""
SOURCED = ("focus", "trend", "partners", "commitments", "story")  # the charts whose source line is inside the figure
ONE_COLUMN = """() => { const box = (s) => document.querySelector(s).getBoundingClientRect();
    return { page: document.documentElement.scrollWidth, map_above_filters: box('#map').y < box('#filter-partner').y,
             widths: ['#filter-member-state', '#chart-trend', '#chart-commitments', '#table', '#download-csv'].map(s => box(s).width),
             // the map's own controls (the network year and its player) inside the map's card, none cut at its edge
             controls_inside: ['#network-year', '#player-play', '#player-step'].every(s => box(s).right <= box('#map').right + 1) }; }"""


@pytest.mark.parametrize("name, size", [("laptop", LAPTOP), ("phone", PHONE)])
def test_pth007_pth008_exp009_the_explorers_charts_read_in_full(browser, app_url, name, size):
    """One load per size: every chart's whole source line (exp009), the commitments (item 7), the matrix (item 8),
    and on a phone one column without sideways scroll (exp007)."""
    context = browser.new_context(viewport=size)
    try:
        page = context.new_page()
        drawn = _drawn_on_the_explorer(page, app_url, {**{f"source-{c}": (c, SOURCE_LINE) for c in SOURCED},
                                                       "commitments": ("commitments", COMMITMENT_BOXES),
                                                       "matrix": ("matrix", MATRIX_BOXES)}, name)
        columns = page.evaluate(ONE_COLUMN)
    finally:
        context.close()
    for chart in SOURCED:
        inside = drawn[f"source-{chart}"]
        assert inside == [True, True, True], f"{chart}: the source line runs off the chart (left, right, bottom inside: {inside})"
    _every_commitment_and_amount_is_readable(drawn["commitments"])
    _the_matrix_source_sits_below_the_city_names_and_says_what_it_leaves_out(drawn["matrix"], name)
    if name == "phone":
        assert columns["page"] <= PHONE["width"] and columns["map_above_filters"], columns  # the map first on a phone
        assert all(w <= PHONE["width"] for w in columns["widths"]), columns
        assert columns["controls_inside"], "a control above the map is cut at the phone's edge"


EMBED_LABELS = """(id) => { const texts = (sel) => [...document.querySelectorAll('#' + id + ' ' + sel)].filter(t => t.textContent)
        .map(t => { const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.right, r.top, r.bottom]; })
        .filter(r => r[2] > r[1]);  // drawn (plotly leaves a tick label that would not fit the figure undrawn)
    return { y: texts('.ytick text'), x: texts('.xtick text'), notes: texts('.annotation'), title: texts('.gtitle'),
             marks: texts('.scatterlayer text') }; }"""


def _apart(boxes, horizontal: bool) -> bool:
    a, b = (1, 2) if horizontal else (3, 4)
    ordered = sorted(boxes, key=lambda r: r[a])
    return all(p[b] <= q[a] + 0.5 for p, q in zip(ordered, ordered[1:]))


@pytest.mark.parametrize("chart", ["focus", "partners", "matrix", "story"])
def test_pth006_a_300x250_embed_names_what_it_shows_and_cuts_nothing(frame, app_url, chart):
    by_partner = the_query().by_partner(Selection())
    frame.goto(app_url + f"/embed?chart={chart}")
    # The embed's script has moved the chart's own source line into the footer: the chart is fitted to the frame.
    frame.wait_for_function("""() => { const t = document.getElementById('embed-source')?.textContent || '';
        return t.startsWith('Source') && !t.includes('Natural Earth'); }""", timeout=45000)
    settle(frame)
    drawn = frame.evaluate(EMBED_LABELS, f"chart-{chart}")
    shot(frame, f"embed-{chart}-300x250")
    labels = drawn["y"] + drawn["x"] + drawn["notes"] + drawn["title"] + (drawn["marks"] if chart == "story" else [])
    for text, left, right, top, bottom in labels:
        assert left >= -1 and right <= FRAME["width"] + 1 and top >= -1 and bottom <= FRAME["height"] + 1, f"{text} cut"
    assert _apart(drawn["y"], horizontal=False) and _apart(drawn["x"], horizontal=True), "labels run into each other"
    if chart == "story":  # a few milestones named (every one in the hover), no two names on each other
        marks = drawn["marks"]
        assert 2 <= len(marks) < len(the_record().events)
        assert all(a[2] <= b[1] or b[2] <= a[1] or a[4] <= b[3] or b[4] <= a[3] for i, a in enumerate(marks) for b in marks[i + 1:])
    elif chart == "focus":
        assert len(drawn["y"]) == 6, "every focus area named"
    else:
        assert len(drawn["y"]) >= 2 and any(" of " in n[0] for n in drawn["notes"]) == (len(by_partner) > len(drawn["y"]))


CIRCLES = """() => { const gd = document.querySelector('#map .js-plotly-plot');
    const points = [...document.querySelectorAll('#map .trace.scattergeo')][0].querySelectorAll('.point');
    return gd.data[1].customdata.map((row, i) => { const r = points[i].getBoundingClientRect();
        return {id: row[0], name: row[1], x: r.left + r.width / 2, y: r.top + r.height / 2, r: r.width / 2}; }).filter(c => c.r > 0); }"""
HOVER_TEXT = "() => document.querySelector('#map .hoverlayer')?.textContent || ''"


def _empty_pair() -> tuple[str, str]:
    """A member state and a city of another state that each have partnerships, and none together (from the record)."""
    query = the_query()
    cities = query.city_summary(Selection())
    return next((s, c) for s in sorted(query.members) if query.count(Selection(member_states=(s,)))
                for c in cities.index[(cities["count"] > 0) & (cities["member_state"] != s)]
                if not query.count(Selection(member_states=(s,), cities=(c,))))


def test_pth005_a_click_beside_the_cities_is_the_states_and_every_circle_is_reached(browser, app_url):
    query = the_query()
    state, city = _empty_pair()
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    page.goto(app_url + f"/?member_state={state}")
    wait_for_app(page)
    settle(page)
    click_city(page, city)  # an empty AND: the summary says why
    page.wait_for_function("(c) => location.search.includes('city=' + c)", arg=city)
    settle(page)
    names = query.allowed["member_state"][state], query.allowed["city"][city]
    assert page.locator("#summary").inner_text().endswith(f"No partnership is both in {names[0]} and in {names[1]}.")
    shot(page, "map-after-click-laptop")
    # The focus chart, changed from bars to the empty message by the click, keeps the message inside its box.
    page.wait_for_function("() => [...document.querySelectorAll('#chart-focus .annotation')].some(a => a.textContent.startsWith('No '))")
    assert page.evaluate(EMPTY_INSIDE), "the empty message stays inside the focus chart"
    assert page.evaluate(PROFILES_READABLE) == [], "every profile link after the chips is whole"
    page.locator("#clear-selection").click()
    page.wait_for_function("() => location.search === ''")
    settle(page)
    circles = page.evaluate(CIRCLES)
    # Every circle that overlaps another names its own city at its centre (the nearest centre takes the hover).
    overlapping = [c for c in circles if any(o is not c and (o["x"] - c["x"]) ** 2 + (o["y"] - c["y"]) ** 2 < (o["r"] + c["r"]) ** 2
                                             for o in circles)]
    assert len(overlapping) >= 2
    for c in overlapping:
        page.mouse.move(c["x"], c["y"])
        page.wait_for_function(f"() => ({HOVER_TEXT})().startsWith(arguments[0])".replace("arguments[0]", repr(c["name"])))
    # A click inside a member state farther than a circle's radius and 6 px from every circle selects the state.
    home = next(c for c in circles if c["id"] == city)
    home_state = str(query.dataset.cities.at[city, "member_state"])
    spots = [(home["x"] + dx, home["y"] + dy) for dx, dy in ((0, -40), (0, 40), (-40, 0), (40, 0), (30, -30), (-30, 30), (30, 30), (-30, -30))]
    for x, y in (spot for spot in spots if all((spot[0] - c["x"]) ** 2 + (spot[1] - c["y"]) ** 2 > (c["r"] + 6) ** 2 for c in circles)):
        page.mouse.move(x, y)
        try:  # the hover names what a click there picks: the state, when the spot is in it
            page.wait_for_function(f"() => ({HOVER_TEXT})().startsWith({query.allowed['member_state'][home_state]!r})", timeout=2000)
            break
        except PlaywrightTimeout:
            continue
    else:
        raise AssertionError(f"no spot of {home_state} 40 px from {city} and clear of every circle")
    page.mouse.click(x, y)
    page.wait_for_function("(s) => location.search === '?member_state=' + s", arg=home_state)
    context.close()


def test_pth010_the_table_reads_on_a_laptop_and_a_phone_and_files_are_named_in_words(browser, app_url):
    partner = "USA"
    context = browser.new_context(viewport=LAPTOP, accept_downloads=True)
    page = context.new_page()
    page.goto(app_url + f"/?partner={partner}")
    wait_for_app(page)
    page.locator(".table-columns").scroll_into_view_if_needed()
    settle(page)
    headers = page.evaluate("() => [...document.querySelectorAll('#table .ag-header-cell-text')].map(e => e.textContent)")
    assert {"Source", "Link", "Reported in"} <= set(headers) and "Notes" not in headers
    widths = page.evaluate("() => { const v = document.querySelector('#table .ag-center-cols-viewport'); return [v.scrollWidth, v.clientWidth]; }")
    assert widths[0] <= widths[1] + 1, "the grid fits the laptop: nothing off to the right"
    shot(page, "table-laptop")
    page.locator(".table-columns label", has_text="Notes").click()  # one click away
    page.wait_for_function("() => [...document.querySelectorAll('#table .ag-header-cell-text')].some(e => e.textContent === 'Notes')")
    name = the_record().economies.at[partner, "name"]
    for chart in ("partners", "map"):
        with page.expect_download() as info:
            page.locator(f"[data-chart='{chart}'] .export-buttons button", has_text="PNG").click()
        file_name = info.value.suggested_filename
        assert file_name.startswith("ascn-") and not file_name.startswith("ascn-ascn"), file_name
        assert name.lower().replace(" ", "-") in file_name, file_name  # 'united-states', not 'unitedstates'
    context.close()
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(app_url + f"/?partner={partner}")
    wait_for_app(page)
    scroll_to(page, "#table")  # its rows are handed to it when it is in view
    page.locator("#table .partnership-card").first.scroll_into_view_if_needed()
    settle(page)
    cards = page.locator("#table .partnership-card")
    first = the_query().columns(Selection(partners=(partner,)), limit=1)
    text = cards.first.inner_text()
    assert first["title"][0] in text and name in text and str(first["source"][0])[:20] in text
    box, frame = cards.first.bounding_box(), page.locator("#table").bounding_box()
    assert box["x"] >= frame["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"] + 1, "a card fits the phone"
    assert page.evaluate("() => document.querySelectorAll('#table .ag-header-cell-text').length") == 1
    shot(page, "table-phone")
    context.close()


# Pairs of city names on the map whose drawn boxes overlap.
NAMES_MEET = """() => { const boxes = [...document.querySelectorAll('#map .scattergeo.trace text')].filter(t => t.textContent.trim())
    .map(t => [t.textContent, t.getBoundingClientRect()]);
    return boxes.flatMap(([a, r], i) => boxes.slice(i + 1).filter(([, q]) => r.left < q.right && q.left < r.right
        && r.top < q.bottom && q.top < r.bottom).map(([b]) => [a, b])); }"""


def test_pth011_the_first_view_on_a_laptop(browser, app_url):
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    page.goto(app_url + "/")
    wait_for_app(page)
    settle(page)
    shot(page, "first-view-laptop")
    cities = the_query().city_summary(Selection())
    named = page.evaluate("() => [...document.querySelectorAll('#map .scattergeo text')].filter(t => t.textContent).length")
    assert named >= min(16, int((cities["count"] > 0).sum())), named  # 8 before
    assert page.evaluate(NAMES_MEET) == []
    legend = page.evaluate("() => [...document.querySelectorAll('#map .annotation-text')].map(t => t.textContent)")
    assert max(int(t) for t in legend if t.isdigit()) == int(cities["count"].max()) and wording.MAP_LEGEND_NONE in legend
    card, geo = (page.locator(s).first.bounding_box() for s in ("#map", "#map .geo .bg, #map .geo"))
    assert geo["width"] >= card["width"] - 4, "no blank strips beside the map"
    assert page.locator("#filter-provenance").inner_text() == filters.kind("provenance").placeholder
    assert page.locator("#map .modebar-btn[data-title^='Share']").count() == 0
    assert page.locator("#chart-focus .modebar").count() == 0  # no toolbar over a chart's title
    # A box drawn over the map keeps it where it is: the chips that come keep their one line.
    top = page.locator("#map").bounding_box()["y"]
    page.locator("#map .modebar-btn[data-attr='dragmode'][data-val='select']").click()
    x0, y0 = card["x"] + card["width"] * 0.25, card["y"] + card["height"] * 0.2
    page.mouse.move(x0, y0)
    page.mouse.down()
    for step in range(1, 9):
        page.mouse.move(x0 + step * 25, y0 + step * 25)
        assert page.locator("#map").bounding_box()["y"] == top
    page.mouse.up()
    page.wait_for_function("() => location.search.split(',').length > 3")
    settle(page)
    # Once the box is drawn, the chosen cities' profile links come in a line of their own under the chips, each whole.
    assert page.evaluate(PROFILES_READABLE) == [], "a profile link is cut"
    assert page.evaluate(NAMES_MEET) == [], "the crowded cities the box chose are each named apart (moved with a leader line)"
    profiles = page.locator("#chips .chip-profiles").bounding_box()
    assert page.locator("#chips .chip-profile").count() == len(page.evaluate("location.search").split(","))
    shot(page, "chips-after-a-box-laptop")
    assert page.locator("#map").bounding_box()["y"] - top <= 40 + profiles["height"] + 4, "the summary's second line and the profiles' line"
    context.close()


PROJECTOR_TYPE = """() => {
    const px = (el) => parseFloat(el.style.fontSize || getComputedStyle(el).fontSize);
    const labels = [...document.querySelectorAll('#map .scattergeo.trace text')].filter(t => t.textContent.trim());
    const legend = [...document.querySelectorAll('#map .annotation-text')];
    const sources = [...document.querySelectorAll('[data-chart]:not([data-chart="map"]) .main-svg .annotation-text')]
        .filter(t => t.getBoundingClientRect().width > 0);
    const boxes = labels.map(t => [t.textContent, t.getBoundingClientRect()]);
    const meet = boxes.flatMap(([a, r], i) => boxes.slice(i + 1).filter(([, q]) => r.left < q.right && q.left < r.right
        && r.top < q.bottom && q.top < r.bottom).map(([b]) => [a, b]));
    const map = document.querySelector('#map .main-svg').getBoundingClientRect(), geo = document.querySelector('#map .geo .bg').getBoundingClientRect();
    return { labels: labels.map(t => t.textContent), labelPx: Math.min(...labels.map(px)), legendPx: Math.min(...legend.map(px)),
             sourcePx: Math.min(...sources.map(px)), sources: sources.length, meet, mapWidth: map.width, geoWidth: geo.width,
             outside: boxes.filter(([, r]) => r.left < map.left || r.right > map.right || r.top < map.top || r.bottom > map.bottom).map(([n]) => n) };
}"""


MAP_FITS = """() => { const box = document.getElementById('map').getBoundingClientRect(),
    svg = document.querySelector('#map .main-svg').getBoundingClientRect();
    return Math.abs(box.height - svg.height) < 2 && Math.abs(box.width - svg.width) < 2; }"""


def test_pth012_a_projector_names_every_city_in_large_type_and_escape_returns_to_the_start(projector, app_url):
    """Issue 20, item 12: labels at least 20 px, legend and sources 16 px at 1280x720, every city named and no two
    names meeting, the map as wide as its box; Escape returns to the explorer's view presentation was started from
    (not the last scene's)."""
    record = the_record()
    start = "?member_state=KHM"
    projector.goto(app_url + "/" + start)
    wait_for_app(projector)
    settle(projector)
    projector.locator("#present-link").click()
    projector.wait_for_function("() => document.getElementById('root').classList.contains('mode-present')")
    projector.locator("#scene-next").click()  # the first scene: the whole network
    projector.wait_for_function("() => document.getElementById('scene-bar').textContent.startsWith('1/')")
    projector.wait_for_function(f"() => document.querySelectorAll('#map .scattergeo.trace text').length >= {len(record.cities)}")
    settle(projector)
    projector.wait_for_function(MAP_FITS)  # the map redraws at its box's size once the scene's caption is in
    seen = projector.evaluate(PROJECTOR_TYPE)
    shot(projector, "projector-scene-1280x720")
    assert sorted(seen["labels"]) == sorted(record.cities["name"]), "every city is named"
    assert seen["labelPx"] >= 20 and seen["legendPx"] >= 16, seen
    assert seen["sources"] >= 1 and seen["sourcePx"] >= 16, seen
    assert seen["meet"] == [] and seen["outside"] == [], seen  # no two city names overlap; none is cut at the edge
    assert seen["geoWidth"] >= seen["mapWidth"] - 8, seen  # the map fills its box: no blank strips (455 of 712 px before)
    projector.keyboard.press("ArrowRight")
    projector.wait_for_function("() => document.getElementById('scene-bar').textContent.startsWith('2/')")
    settle(projector)
    projector.wait_for_function(MAP_FITS)
    second = projector.evaluate(PROJECTOR_TYPE)  # another scene, another caption: the map's box has another height
    shot(projector, "projector-scene-2-1280x720")
    assert second["meet"] == [] and second["outside"] == [] and second["labelPx"] >= 20, second
    projector.keyboard.press("Escape")
    projector.wait_for_function("() => !document.getElementById('root').classList.contains('mode-present')")
    assert projector.evaluate("location.search") == start
    summary_starts(projector, f"{len(view_rows('member_state=KHM'))} of {len(view_rows())}")


PHONE_SCENE = """() => {
    const box = (sel) => document.querySelector(sel).getBoundingClientRect();
    const apart = (a, b) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
    const buttons = ['#scene-prev', '#scene-next', '#scene-exit'].map(s => document.querySelector(s))
        .filter(b => b && b.getClientRects().length);
    const title = box('#scene-bar h2'), caption = box('#scene-bar .lead');
    const chart = [...document.querySelectorAll('[data-chart]:not([data-chart="map"])')].find(c => c.getClientRects().length);
    const gd = chart && chart.querySelector('.js-plotly-plot');
    const h2 = document.querySelector('#scene-bar h2');
    return { sideways: document.documentElement.scrollWidth - innerWidth, titleWhole: h2.scrollWidth <= h2.clientWidth,
             buttonsClear: buttons.every(b => apart(b.getBoundingClientRect(), title) && apart(b.getBoundingClientRect(), caption)),
             buttonsWhole: buttons.every(b => b.scrollWidth <= b.clientWidth), buttons: buttons.length,
             captionInside: caption.left >= 0 && caption.right <= innerWidth,
             map: [box('#map').width, box('#map').height], chart: chart ? [chart.getBoundingClientRect().width, chart.getBoundingClientRect().height] : null,
             chartType: gd && gd.layout.font.size };
}"""


def test_a_scene_opened_on_a_phone_reads_in_one_column_with_the_explorers_type(browser, app_url):
    """A scene's link opened on a phone: a projector's one-screen grid at a phone's width overlapped the buttons and the
    title, ran the caption off the screen, drew a 190 px map naming every city in 20 px type and cut the charts'
    titles. Now one column that scrolls, the buttons clear of the title, and the map and charts as the explorer draws
    them on a phone (the page tells the server it is narrow), scene after scene, and with the phone on its side (the
    grid squeezed the map to 60 px there)."""
    from components import maps

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    scene = the_record().scenes.index[0]
    page.goto(app_url + f"/?present=1&scene={scene}")
    wait_for_app(page)
    explorer_type = f"() => document.querySelector('#map .js-plotly-plot').data[{maps.MAP_LABELS}].textfont.size === {maps.LABEL_SIZE}"

    def reads(name: str) -> dict:
        """The scene as it is now, once drawn in the explorer's type: in one column, whole, nothing off the screen."""
        page.wait_for_function(explorer_type)
        settle(page)
        seen = page.evaluate(PHONE_SCENE)
        shot(page, name)
        assert seen["sideways"] <= 0 and seen["captionInside"] and seen["titleWhole"], seen
        assert seen["buttons"] >= 2 and seen["buttonsClear"] and seen["buttonsWhole"], seen
        assert min(seen["map"]) >= 300 and seen["chart"] and min(seen["chart"]) >= 300, seen
        return seen

    for step in range(2):
        seen = reads(f"scene-on-a-phone-{step + 1}")
        assert seen["chartType"] is None or seen["chartType"] < 17, seen  # the projector's 17 px is not sent to a phone
        labels = page.evaluate(PROJECTOR_TYPE)  # the explorer's names: the largest circles and the chosen, in its type
        assert labels["labelPx"] <= maps.LABEL_SIZE and len(labels["labels"]) < len(the_record().cities), labels
        page.locator("#scene-next").click()
        page.wait_for_function("(n) => document.getElementById('scene-bar').textContent.startsWith(n + '/')", arg=str(scene + step + 1))
    page.set_viewport_size({"width": PHONE["height"], "height": PHONE["width"]})  # the phone on its side: 390 px high
    reads("scene-on-a-phone-on-its-side")
    context.close()
