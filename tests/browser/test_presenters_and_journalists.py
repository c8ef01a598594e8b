"""Presentation mode offline, exports that carry their source, and the data's own safety in a spreadsheet."""

import csv
import io
import shutil
import struct
import zipfile
from pathlib import Path

import pytest

from tests.support import ROOT, scroll_to, settle, start_server, the_record, view_rows, wait_for_app, wait_for_table


def pull_the_cable(page, base: str) -> None:
    """Any request to another host fails, as it would at a workshop without internet."""
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())


MAP_FILLS_THE_SCREEN = "() => document.querySelector('#map .main-svg').getBoundingClientRect().height >= 0.6 * window.innerHeight"



def scene_summary(number: int) -> str:
    """How the summary of scene ``number`` (of the record's scenes) starts: its rows of the whole record."""
    view = the_record().scenes["view"].iloc[number - 1]
    return f"{len(view_rows(view))} of {len(view_rows())}"

def test_pre001_scenes_step_with_the_keyboard_offline(page, app_url):
    pull_the_cable(page, app_url)
    page.goto(app_url + "/?present=1")
    wait_for_app(page)
    page.wait_for_function("() => document.getElementById('root').classList.contains('mode-present')")
    assert not page.locator("#filter-partner").is_visible()  # controls tucked away
    assert "Presentation" in page.locator("#scene-bar").inner_text()
    page.wait_for_function(MAP_FILLS_THE_SCREEN)  # the map is the projector's main picture
    for number in (1, 2, 3):
        settle(page)
        page.keyboard.press("ArrowRight")
        page.wait_for_function("(n) => document.getElementById('scene-bar').textContent.startsWith(n + '/')", arg=number)
    assert "scene=3" in page.evaluate("location.search") and "Japan" in page.locator("#scene-bar").inner_text()
    page.wait_for_function("(text) => document.getElementById('summary').textContent.startsWith(text)", arg=scene_summary(3))
    settle(page)
    assert page.evaluate(MAP_FILLS_THE_SCREEN), "the map shrank while stepping through scenes"
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => document.getElementById('scene-bar').textContent.startsWith('2/')")
    page.wait_for_function("(text) => document.getElementById('summary').textContent.startsWith(text)", arg=scene_summary(2))
    settle(page)
    page.keyboard.press("Escape")
    page.wait_for_function("() => !location.search.includes('present') && document.getElementById('root').className === ''")
    assert page.locator("#filter-partner").is_visible()
    assert page.watch.foreign_requests() == [] and page.watch.errors == []


def test_pre002_png_and_svg_exports_hold_title_filters_and_source(page, app_url):
    page.goto(app_url + "/?partner=JPN")
    wait_for_app(page)
    wait_for_table(page, view_rows("partner=JPN"))
    scroll_to(page, "#chart-partners")
    figure = page.evaluate("() => window.ascnExportFigure('chart-partners')")
    assert "partner Japan" in figure["layout"]["title"]["text"]
    assert any(a["text"].startswith("Source:") for a in figure["layout"]["annotations"])
    button = page.locator('[id*="\\"chart\\":\\"chart-partners\\""][id*="png"]')
    with page.expect_download() as png:
        button.click()
    data = Path(png.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 600 and height >= 400
    with page.expect_download() as svg:
        page.locator('[id*="\\"chart\\":\\"chart-partners\\""][id*="svg"]').click()
    text = Path(svg.value.path()).read_text(encoding="utf-8")
    assert "Partner economies: partner Japan" in text and "Source: Martinus (2020)" in text
    with page.expect_download() as map_png:
        page.locator('[id*="\\"chart\\":\\"map\\""][id*="svg"]').click()
    map_svg = Path(map_png.value.path()).read_text(encoding="utf-8")
    assert f"ASCN cities: {len(view_rows('partner=JPN'))} of {len(view_rows())} partnerships: partner Japan" in map_svg and "Natural Earth" in map_svg
    # A chart below the fold is not drawn by a change of view; its export draws the current view first.
    page.evaluate("() => window.scrollTo(0, 0)")
    page.locator("#clear-all").click()
    page.wait_for_function("() => location.search === ''")
    assert "partner Japan" in page.locator("#chart-partners .gtitle").text_content()  # as it was: out of view
    with page.expect_download() as svg:
        page.locator('[id*="\\"chart\\":\\"chart-partners\\""][id*="svg"]').click()
    text = Path(svg.value.path()).read_text(encoding="utf-8")
    assert "Partner economies: all partnerships" in text and "Japan" not in text.split("Partner economies:")[1][:40]
    assert page.watch.foreign_requests() == []


def test_pre003_zip_readme_names_the_view_and_the_sources(page, app_url):
    page.goto(app_url + "/?partner=JPN&focus_area=built-infrastructure")
    wait_for_app(page)
    wait_for_table(page, view_rows("partner=JPN&focus_area=built-infrastructure"))
    with page.expect_download() as info:
        page.locator("#download-zip").click()
    with zipfile.ZipFile(info.value.path()) as archive:
        readme = " ".join(archive.read("README.txt").decode("utf-8").split())  # unwrap the text's lines
        rows = list(csv.DictReader(io.StringIO(archive.read("partnerships.csv").decode("utf-8"))))
    assert "/?partner=JPN&focus_area=built-infrastructure" in readme
    assert "ISEAS Perspective 2020/32" in readme
    assert [int(r["partnership_id"]) for r in rows] == view_rows("partner=JPN&focus_area=built-infrastructure")


@pytest.fixture
def formula_data(tmp_path):
    """A valid copy of the data whose partnership 1 is titled like a spreadsheet formula."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "partnerships.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[1][rows[0].index("title")] = '=HYPERLINK("http://example.invalid","click")'
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return data


def test_pre004_a_title_starting_with_equals_stays_inert_in_the_csv(browser, formula_data):
    with start_server(env={"ASCN_DATA_DIR": str(formula_data)}) as server:
        base = server.base
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        page.goto(base + "/?partner=KOR")
        wait_for_app(page)
        wait_for_table(page, view_rows("partner=KOR"))
        title = page.evaluate("() => dash_ag_grid.getApi('table').getDisplayedRowAtIndex(0).data.title")
        assert title.startswith("=HYPERLINK")  # shown as it is on the page
        with page.expect_download() as info:
            page.locator("#download-csv").click()
        rows = list(csv.reader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
        assert rows[1][rows[0].index("title")].startswith("'=HYPERLINK")  # a spreadsheet shows it as text, never runs it
        context.close()


def test_pre005_embed_shows_one_chart_and_the_page_offers_its_snippet(page, app_url):
    page.goto(app_url + "/?partner=JPN")
    wait_for_app(page)
    page.wait_for_function("() => document.getElementById('embed-snippet').value.includes('/embed?partner=JPN&amp;chart=map')")
    snippet = page.locator("#embed-snippet").input_value()
    assert snippet.startswith("<iframe src=") and 'title="ASEAN Smart Cities Network: Map"' in snippet
    page.goto(app_url + "/embed?chart=trend&partner=JPN")
    page.wait_for_function("() => document.getElementById('root')?.className.includes('embed-trend')", timeout=45000)
    page.wait_for_function("() => document.querySelector('#chart-trend .gtitle')?.textContent.includes('Japan')")  # mounted, then drawn
    page.locator("#chart-trend .main-svg").first.wait_for(state="visible")
    for hidden in ("#map", "#chart-partners", "#filter-partner", "#table", "#download-csv"):
        assert not page.locator(hidden).is_visible()
    assert page.locator("#embed-open").get_attribute("href") == "/?partner=JPN"
    assert page.watch.foreign_requests() == []


def test_pre006_the_map_image_names_every_filter_of_a_long_view(page, app_url):
    page.goto(app_url + "/?member_state=KHM,VNM,THA&partner=JPN,KOR,USA,CHN&focus_area=built-infrastructure,safety-security,industry-innovation")
    wait_for_app(page)
    settle(page)
    summary = page.locator("#summary").inner_text()
    figure = page.evaluate("() => window.ascnExportFigure('map')")
    lines = figure["layout"]["title"]["text"].split("<br>")
    assert len(lines) > 1, "a long view's title is broken into lines, not cut"
    assert " ".join(lines) == "ASCN cities: " + summary  # every word of the view, in order
    assert figure["height"] >= page.locator("#map .main-svg").first.bounding_box()["height"] + 90 + 22 * (len(lines) - 1)
    escaped = page.evaluate("() => window.ascnTitleLines('a <b>bold</b> & <img src=x onerror=alert(1)> title', 400, 16)")
    assert "<" not in " ".join(escaped) and "&lt;img" in " ".join(escaped)
