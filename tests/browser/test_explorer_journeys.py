"""The explorer's users, driven in headless Chromium against the real app."""

import csv
import io

from ascn.filters import PROVENANCE_LABELS
from tests.support import city_point, scroll_to, settle, table_ids, the_record, view_rows, wait_for_app, wait_for_table


def test_exp001_policymaker_clicks_phnom_penh(page, app_url):
    page.goto(app_url + "/")
    wait_for_app(page)
    wait_for_table(page, view_rows())  # the whole record: Table 2 and later rows
    box = city_point(page, "phnom-penh").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_for_table(page, view_rows("city=phnom-penh"))
    page.wait_for_function("() => location.search === '?city=phnom-penh'")
    assert "Phnom Penh" in page.locator("#city-panel").inner_text()
    assert "Cambodia" in page.locator("#city-panel").inner_text()
    scroll_to(page, "#chart-focus")  # the city's panel above it has grown: the chart is drawn when scrolled to
    page.wait_for_function("() => document.querySelector('#chart-focus .gtitle').textContent.includes('Phnom Penh')")
    focus = page.evaluate("() => document.querySelector('#chart-focus .js-plotly-plot').data.map(t => [t.customdata[0], t.x[0]])")
    in_view = the_record().partnerships.loc[view_rows("city=phnom-penh")]
    assert dict(focus) == {f: int((in_view["focus_area"] == f).sum()) for f in (
        "civic-social", "health-wellbeing", "safety-security", "quality-environment", "built-infrastructure", "industry-innovation")}
    scroll_to(page, "#chart-trend")  # drawn when it comes into view
    assert "Phnom Penh" in page.locator("#chart-trend .gtitle").text_content()
    assert f"{len(view_rows('city=phnom-penh'))} of {len(view_rows())} partnerships" in page.locator("#summary").inner_text()
    assert page.watch.foreign_requests() == [] and page.watch.errors == []


def test_exp002_journalist_filters_japan_and_downloads_the_same_rows(page, app_url):
    page.goto(app_url + "/?partner=JPN")
    wait_for_app(page)
    wait_for_table(page, view_rows("partner=JPN"))
    assert "Partner: Japan" in page.locator("#chips").inner_text()
    with page.expect_download() as info:
        page.locator("#download-csv").click()
    download = info.value
    assert download.suggested_filename == "ascn-partnerships_partner-JPN.csv"
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    assert sorted(int(r["partnership_id"]) for r in rows) == sorted(table_ids(page))
    assert all("JPN" in r["partner_economies"].split(";") and r["source"] for r in rows)
    assert page.watch.foreign_requests() == [] and page.watch.errors == []


def test_exp003_presenter_link_restores_the_view_after_reload_and_history(page, app_url):
    view = "/?partner=JPN&focus_area=built-infrastructure"
    page.goto(app_url + view)
    wait_for_app(page)
    wait_for_table(page, view_rows("partner=JPN&focus_area=built-infrastructure"))
    chips = page.locator("#chips").inner_text()
    page.reload()
    wait_for_app(page)
    wait_for_table(page, view_rows("partner=JPN&focus_area=built-infrastructure"))
    assert page.locator("#chips").inner_text() == chips
    # A filter change updates the URL; Back returns to the shared view.
    page.locator("#chips .chip", has_text="Focus").click()
    page.wait_for_function("() => location.search === '?partner=JPN'")
    wait_for_table(page, view_rows("partner=JPN"))
    page.go_back()
    page.wait_for_function("(v) => location.pathname + location.search === v", arg=view)
    wait_for_table(page, view_rows("partner=JPN&focus_area=built-infrastructure"))
    settle(page)  # as a person would: the page has finished updating before Forward is pressed
    page.go_forward()
    wait_for_table(page, view_rows("partner=JPN"))
    assert page.watch.foreign_requests() == [] and page.watch.errors == []


def test_exp004_bad_link_shows_a_notice_not_an_error(page, app_url):
    page.goto(app_url + "/?partner=JPN,XXX&colour=red")
    wait_for_app(page)
    wait_for_table(page, view_rows("partner=JPN"))
    notice = page.locator("#notice").inner_text()
    assert "partner=XXX was ignored" in notice and "colour=red was ignored" in notice
    assert page.watch.errors == []


def test_exp005_bar_click_filters_like_the_map(page, app_url):
    page.goto(app_url + "/")
    wait_for_app(page)
    wait_for_table(page, view_rows())  # the whole record: Table 2 and later rows
    # Plotly takes clicks on its drag layer, so click where the top bar (a largest partner) is drawn.
    scroll_to(page, "#chart-partners")  # drawn when in view
    bar = page.locator("#chart-partners .point path >> visible=true").last
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    # Whose bar it is comes from the figure (the largest partner changes as the record grows): plotly keeps each point's
    # index on its element and the trace on its group.
    code = bar.evaluate("""p => { const i = p.closest('.point').__data__.i;
        return p.closest('.trace').__data__[0].trace.customdata[i]; }""")
    assert isinstance(code, str) and code, code  # a partner code, such as 'JPN'
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("(c) => location.search === '?partner=' + c", arg=code)
    wait_for_table(page, view_rows(f"partner={code}"))


def test_exp006_member_state_polygon_click_selects_the_state(page, app_url):
    page.goto(app_url + "/")
    wait_for_app(page)
    index = page.evaluate("() => document.querySelector('#map .js-plotly-plot').data[0].locations.indexOf('KHM')")
    box = page.locator("#map .choroplethlocation").nth(index).bounding_box()
    # North-east Cambodia: inside the shape and far from any city marker (a click goes to the nearest point).
    page.mouse.click(box["x"] + box["width"] * 0.85, box["y"] + box["height"] * 0.3)
    page.wait_for_function("() => location.search === '?member_state=KHM'")
    wait_for_table(page, view_rows("member_state=KHM"))  # Phnom Penh's four, Siem Reap's and Battambang's later rows
    page.locator("#clear-all").click()
    page.wait_for_function("() => location.search === ''")
    wait_for_table(page, view_rows())  # the whole record: Table 2 and later rows


def test_exp008_copy_link_gives_the_current_view(page, app_url):
    page.goto(app_url + "/?partner=JPN&focus_area=built-infrastructure")
    wait_for_app(page)
    wait_for_table(page, view_rows("partner=JPN&focus_area=built-infrastructure"))
    page.locator("#chips .chip", has_text="Focus").click()
    page.wait_for_function("() => location.search === '?partner=JPN'")
    settle(page)
    page.locator("#copy-link").click()
    page.wait_for_function("() => document.getElementById('copy-link-text').value.endsWith('/?partner=JPN')")
    assert page.watch.errors == []


def test_exp010_rows_from_later_reporting_on_the_map_the_trend_and_the_table(page, app_url):
    page.goto(app_url + "/?provenance=later-reporting")
    wait_for_app(page)
    later = view_rows("provenance=later-reporting")
    assert set(range(21, 31)) <= set(later)
    wait_for_table(page, later)
    # The trend reaches past the paper's 2019.
    scroll_to(page, "#chart-trend")
    page.wait_for_function("""() => { const d = document.querySelector('#chart-trend .js-plotly-plot')?.data;
        return d && d.some(t => t.customdata.includes('2020')) && d.some(t => t.customdata.includes('2022')); }""", timeout=45000)
    # The map sizes Siem Reap's marker by its later row.
    sizes = page.evaluate("""() => { const t = document.querySelector('#map .js-plotly-plot').data[1];
        return Object.fromEntries(t.customdata.map(c => [c[0], c[3]])); }""")
    in_view = the_record().partnerships.loc[later]
    expected = {c: int(in_view["city_ids"].map(lambda ids: c in ids).sum()) for c in ("siem-reap", "vientiane", "phnom-penh")}
    assert expected["siem-reap"] >= 1 and expected["vientiane"] >= 2  # rows 29, 24 and 27 at least
    assert {c: sizes[c] for c in expected} == expected
    # Each row says where it comes from and links its own report.
    row = page.evaluate("() => dash_ag_grid.getApi('table').getRowNode('26').data")
    assert row["provenance"] == PROVENANCE_LABELS["later-reporting"] and "Korea MOLIT press release" in row["year_source"]
    assert row["item"].startswith("[open](http") and '"Under the last year' in row["notes"]
    assert f"Source: {PROVENANCE_LABELS['later-reporting']}" in page.locator("#chips").inner_text()
    assert page.watch.foreign_requests() == [] and page.watch.errors == []
