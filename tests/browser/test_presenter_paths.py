"""Every path a presenter or a journalist takes: a scene opened by its link, quick key presses, embeds with a bad
parameter, labels a selection never dims, empty views that fit their chart, readable commitments, names in the CSV."""

import csv
import io
import os
import tempfile
from pathlib import Path

import pytest

from ascn.selection import Selection
from layouts.modes import split_search
from tests.support import LAPTOP, PHONE, click_city, settle, the_query, the_record, view_rows, wait_for_app

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


@pytest.mark.parametrize("name, size, address", [
    ("laptop", LAPTOP, "/?member_state={state}"), ("phone", PHONE, "/?member_state={state}"),
    ("projector", PROJECTOR, "/?member_state={state}&present=1"), ("300x250", FRAME, "/embed?chart=focus&member_state={state}")])
def test_pth013_an_empty_views_message_fits_its_chart(browser, app_url, name, size, address):
    query = the_query()
    state = next(s for s in sorted(query.allowed["member_state"]) if query.count(Selection(member_states=(s,))) == 0)  # Brunei
    context = browser.new_context(viewport=size)
    page = context.new_page()
    page.goto(app_url + address.format(state=state))
    page.wait_for_function("() => document.querySelector('#chart-focus .gtitle')?.textContent.includes(':')", timeout=45000)
    page.wait_for_function("() => [...document.querySelectorAll('#chart-focus .annotation')].some(a => a.textContent.startsWith('No '))")
    settle(page)
    page.locator("#chart-focus").scroll_into_view_if_needed()
    inside = page.evaluate("""() => { const g = document.querySelector('#chart-focus .main-svg').getBoundingClientRect();
        return [...document.querySelectorAll('#chart-focus .annotation')].every(a => { const r = a.getBoundingClientRect();
            return r.left >= g.left - 1 && r.right <= g.right + 1 && r.top >= g.top - 1 && r.bottom <= g.bottom + 1; }); }""")
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
    return { svg: [svg.left, svg.right, svg.top, svg.bottom], texts, points }; }"""


@pytest.mark.parametrize("name, size", [("laptop", LAPTOP), ("phone", PHONE)])
def test_pth007_every_commitment_and_amount_is_readable(browser, app_url, name, size):
    commitments = the_query().commitments(Selection())
    context = browser.new_context(viewport=size)
    page = context.new_page()
    page.goto(app_url + "/")
    wait_for_app(page)
    page.locator("#chart-commitments").scroll_into_view_if_needed()
    settle(page)
    drawn = page.evaluate(COMMITMENT_BOXES)
    shot(page, f"commitments-{name}")
    context.close()
    left, right, top, bottom = drawn["svg"]
    assert len(drawn["points"]) == len(commitments)
    spots = {(round(x), round(y)) for x, y in drawn["points"]}
    assert len(spots) == len(commitments), "two commitments share one spot"
    assert len(drawn["texts"]) == int(commitments["amount"].notna().sum())
    for text, x0, x1, y0, y1 in drawn["texts"]:
        assert x0 >= left - 1 and x1 <= right + 1 and y0 >= top - 1 and y1 <= bottom + 1, f"{text} cut at the chart's edge"
    boxes = drawn["texts"]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[1] or b[2] <= a[1] or a[4] <= b[3] or b[4] <= a[3], f"{a[0]} over {b[0]}"


PROJECTOR_TYPE = """() => {
    const px = (el) => parseFloat(el.style.fontSize || getComputedStyle(el).fontSize);
    const labels = [...document.querySelectorAll('#map .scattergeo.trace text')].filter(t => t.textContent.trim());
    const legend = [...document.querySelectorAll('#map .annotation-text')];
    const sources = [...document.querySelectorAll('[data-chart]:not([data-chart="map"]) .main-svg .annotation-text')]
        .filter(t => t.getBoundingClientRect().width > 0);
    return { labels: labels.map(t => t.textContent), labelPx: Math.min(...labels.map(px)), legendPx: Math.min(...legend.map(px)),
             sourcePx: Math.min(...sources.map(px)), sources: sources.length };
}"""


def test_pth012_a_projector_names_every_city_in_large_type_and_escape_returns_to_the_start(projector, app_url):
    """Issue 20, item 12: labels at least 20 px, legend and sources 16 px at 1280x720, every city named; Escape
    returns to the explorer's view presentation was started from (not the last scene's)."""
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
    seen = projector.evaluate(PROJECTOR_TYPE)
    shot(projector, "projector-scene-1280x720")
    assert sorted(seen["labels"]) == sorted(record.cities["name"]), "every city is named"
    assert seen["labelPx"] >= 20 and seen["legendPx"] >= 16, seen
    assert seen["sources"] >= 1 and seen["sourcePx"] >= 16, seen
    projector.keyboard.press("ArrowRight")
    projector.wait_for_function("() => document.getElementById('scene-bar').textContent.startsWith('2/')")
    settle(projector)
    projector.keyboard.press("Escape")
    projector.wait_for_function("() => !document.getElementById('root').classList.contains('mode-present')")
    assert projector.evaluate("location.search") == start
    summary_starts(projector, f"{len(view_rows('member_state=KHM'))} of {len(view_rows())}")
