"""The map's selection model, the page's wording and the links it builds, as a user sees them in Chromium."""

import tempfile
from pathlib import Path

import pytest

from tests.support import LAPTOP, PHONE, city_point, click_city, scroll_to, settle, table_ids, view_rows, wait_for_app, wait_for_table

SHOTS = Path(tempfile.gettempdir()) / "ascn-screenshots"  # for a person to look at; not asserted on
HOSTILE = "/?partner=JPN&x=%22%3E%3C%2Fiframe%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E&focus_area=helth"


def click_cambodia(page) -> None:
    index = page.evaluate("() => document.querySelector('#map .js-plotly-plot').data[0].locations.indexOf('KHM')")
    box = page.locator("#map .choroplethlocation").nth(index).bounding_box()
    # North-east Cambodia: inside the shape and far from any city marker (a click goes to the nearest point).
    page.mouse.click(box["x"] + box["width"] * 0.85, box["y"] + box["height"] * 0.3)


def test_sel001_shift_click_adds_a_city_and_a_click_replaces(page, app_url):
    page.goto(app_url + "/")
    wait_for_app(page)
    click_city(page, "phnom-penh")
    page.wait_for_function("() => location.search === '?city=phnom-penh'")
    settle(page)
    click_city(page, "yangon", shift=True)
    page.wait_for_function("() => location.search === '?city=phnom-penh,yangon'")
    wait_for_table(page, sorted(set(view_rows("city=phnom-penh")) | set(_city_rows(page, "yangon"))))
    assert "2 cities selected" in page.locator("#city-panel").inner_text()
    settle(page)
    click_city(page, "phnom-penh", shift=True)  # shift-click on a selected city takes it out
    page.wait_for_function("() => location.search === '?city=yangon'")
    settle(page)
    click_city(page, "jakarta")
    page.wait_for_function("() => location.search === '?city=jakarta'")
    assert page.watch.errors == []


def _city_rows(page, city_id: str) -> list[int]:
    return page.evaluate("""async (cid) => { const r = await fetch('/api/partnerships.json?city=' + cid);
        return (await r.json()).rows.map(x => x.partnership_id); }""", city_id)


def test_sel002_shift_box_adds_and_clear_clears_cities_and_the_clicked_member_state(page, app_url):
    page.goto(app_url + "/")
    wait_for_app(page)
    click_cambodia(page)
    page.wait_for_function("() => location.search === '?member_state=KHM'")
    settle(page)
    click_city(page, "hanoi", shift=True)
    page.wait_for_function("() => location.search === '?member_state=KHM&city=hanoi'")
    settle(page)
    page.locator("#map .modebar-btn[data-attr='dragmode'][data-val='select']").click()
    box = city_point(page, "bangkok").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.keyboard.down("Shift")
    page.mouse.move(cx - 12, cy - 12)
    page.mouse.down()
    page.mouse.move(cx + 12, cy + 12, steps=6)
    page.mouse.up()
    page.keyboard.up("Shift")
    page.wait_for_function("() => /city=hanoi,bangkok/.test(location.search) && location.search.includes('member_state=KHM')")
    settle(page)
    # What plotly itself selected (countries under the box, dimming the rest; the box's outline) is gone: the view decides.
    page.wait_for_function("""() => { const gd = document.querySelector('#map .js-plotly-plot');
        return gd.data[0].selectedpoints == null && !(gd.layout.selections || []).length; }""")
    page.locator("#clear-selection").click()
    page.wait_for_function("() => location.search === ''")  # the member state chosen on the map goes too
    wait_for_table(page, view_rows())  # the whole record: Table 2 and later rows
    assert page.evaluate("() => document.querySelector('#map .js-plotly-plot').data[1].selectedpoints") is None
    assert page.watch.errors == []


def test_sel003_the_hover_box_follows_a_change_under_it(page, app_url):
    page.goto(app_url + "/?partner=JPN")
    wait_for_app(page)
    settle(page)
    box = city_point(page, "phnom-penh").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    japan, every = len(view_rows("partner=JPN&city=phnom-penh")), len(view_rows("city=phnom-penh"))
    assert 1 <= japan < every  # Table 2's row 7 with Japan; rows 4-7 in all
    hover = "(n) => (document.querySelector('#map .hoverlayer').textContent || '').includes(n)"
    page.wait_for_function(hover, arg=f"{japan} partnership{'s' if japan != 1 else ''} in")
    # The filter changes while the pointer stays (a chip removed from the keyboard).
    page.evaluate("() => document.querySelector('#chips .chip').click()")
    page.wait_for_function("() => location.search === ''")
    page.wait_for_function(hover, arg=f"{every} partnerships in")


def test_sel004_counts_are_singular_and_the_table_count_follows_its_search(page, app_url):
    page.goto(app_url + "/?city=hanoi")
    wait_for_app(page)
    page.wait_for_function("() => document.getElementById('table-note').textContent === '1 partnership'")
    assert "1 partnership under" in page.locator("#city-panel").inner_text()
    page.goto(app_url + "/?city=phnom-penh")
    wait_for_app(page)
    in_phnom_penh = view_rows("city=phnom-penh")
    wait_for_table(page, in_phnom_penh)
    title = page.evaluate("""() => { let t = '';
        dash_ag_grid.getApi('table').forEachNode(n => { if (n.data.partnership_id === 5) t = n.data.title; }); return t; }""")
    page.locator("#table-search").fill(title)
    note = "(t) => document.getElementById('table-note').textContent === t"
    page.wait_for_function(note, arg=f"{len(in_phnom_penh)} partnerships · 1 matches the search")
    assert len(table_ids(page)) == 1
    page.locator("#table-search").fill("")
    page.wait_for_function(note, arg=f"{len(in_phnom_penh)} partnerships")


def test_sel005_the_map_summary_follows_the_network_year(page, app_url):
    page.goto(app_url + "/?network_year=2018")
    wait_for_app(page)
    page.wait_for_function("""() => document.getElementById('{"chart":"map","type":"chart-text"}').textContent
        .startsWith('Map of 26 member cities (the network in 2018)')""")


def test_sel006_cumulative_lives_in_the_url_and_clear_all_resets_the_network_year(page, app_url):
    page.goto(app_url + "/?partner=JPN&network_year=2018")
    wait_for_app(page)
    settle(page)
    page.locator("label[for='trend-cumulative']").click()
    page.wait_for_function("() => location.search === '?partner=JPN&network_year=2018&cumulative=1'")
    page.reload()
    wait_for_app(page)
    page.wait_for_function("() => document.getElementById('trend-cumulative').checked")
    scroll_to(page, "#chart-trend")  # drawn when in view
    page.wait_for_function("() => document.querySelector('#chart-trend .gtitle').textContent.startsWith('Cumulative')")
    settle(page)
    page.locator("#clear-all").click()
    page.wait_for_function("() => location.search === '?cumulative=1'")
    assert page.locator("#network-year").input_value() == "now"


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_sel007_a_mistyped_link_gets_did_you_mean_and_the_snippet_carries_only_the_validated_view(browser, app_url, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(app_url + HOSTILE)
    wait_for_app(page)
    notice = page.locator("#notice")
    notice.get_by_text("Did you mean").first.wait_for()
    text = notice.inner_text()
    assert "Did you mean focus_area=health-wellbeing?" in text and "x=" in text
    snippet = page.locator("#embed-snippet")
    page.wait_for_function("() => document.getElementById('embed-snippet').value.includes('partner=JPN')")
    value = snippet.input_value()
    assert "<script" not in value and "x=" not in value and "helth" not in value and value.count("<iframe") == 1
    assert "x=" not in page.locator("#present-link").get_attribute("href")
    SHOTS.mkdir(exist_ok=True)
    name = "laptop" if viewport == LAPTOP else "phone"
    notice.screenshot(path=str(SHOTS / f"notice-{name}.png"))
    snippet.scroll_into_view_if_needed()
    page.locator("#embed-snippet").locator("xpath=ancestor::div[contains(@class,'card')][1]").screenshot(path=str(SHOTS / f"embed-{name}.png"))
    # A notice must fit its box: no text running out sideways on a phone.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]
    page.goto(app_url + "/?partner=JAP")
    wait_for_app(page)
    page.locator("#notice").get_by_text("Did you mean").wait_for()
    assert "partner=JPN" in page.locator("#notice").inner_text()
    context.close()


def test_sel008_copy_link_drops_what_the_page_did_not_understand(page, app_url):
    page.goto(app_url + HOSTILE)
    wait_for_app(page)
    settle(page)
    page.locator("#copy-link").click()
    page.wait_for_function("() => document.getElementById('copy-link-text').value.endsWith('/?partner=JPN')")
