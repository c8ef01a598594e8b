"""Issue 11: a map that names its cities, who works with whom, embeds that fit, exports, presentation and phone fit."""

from conftest import wait_for_app
from test_explorer_journeys import settle, wait_for_table

MAP_LABELS = """() => [...document.querySelectorAll('#map .trace.scattergeo text')]
    .filter(t => t.textContent).map(t => { const r = t.getBoundingClientRect();
        return {name: t.textContent, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; })"""


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [(a["name"], b["name"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["x0"] < b["x1"] - 1 and b["x0"] < a["x1"] - 1 and a["y0"] < b["y1"] - 1 and b["y0"] < a["y1"] - 1]


def test_vis001_the_map_names_its_largest_and_selected_cities(page, app_url):
    page.goto(app_url + "/?partner=JPN")
    wait_for_app(page)
    wait_for_table(page, [7, 8, 14, 15])
    page.wait_for_function("() => document.querySelectorAll('#map .trace.scattergeo text').length > 0")
    labels = page.evaluate(MAP_LABELS)
    names = {label["name"] for label in labels}
    assert {"Phnom Penh", "Yangon", "Jakarta", "Chonburi"} <= names, names  # Japan's four cities, by name
    assert overlapping(labels) == []
    frame = page.locator("#map .main-svg").first.bounding_box()
    for label in labels:  # inside the map, not cut at its edge
        assert frame["x"] <= label["x0"] and label["x1"] <= frame["x"] + frame["width"], label
        assert frame["y"] <= label["y0"] and label["y1"] <= frame["y"] + frame["height"], label
    # The size legend says what a circle's size means.
    legend = page.locator("#map .annotation-text", has_text="Partnerships in this view")
    assert legend.is_visible()
    assert [t.strip() for t in page.locator("#map .annotation-text").all_text_contents()][1:4] == ["1", "4", "9"]
    # Labels follow the selection: ticking Kuching (no partnership with Japan) names it on the map.
    page.locator("#filter-cities").evaluate("e => e.closest('details').open = true")
    page.get_by_label("Kuching (Malaysia)").check()
    page.wait_for_function("() => location.search.includes('city=kuching')")
    settle(page)
    page.wait_for_function("""() => [...document.querySelectorAll('#map .trace.scattergeo text')]
        .some(t => t.textContent === 'Kuching')""")
    assert overlapping(page.evaluate(MAP_LABELS)) == []
    assert page.watch.errors == []


def test_vis002_who_works_with_whom_follows_the_filters_and_filters_on_click(page, app_url):
    page.goto(app_url + "/")
    wait_for_app(page)
    wait_for_table(page, list(range(1, 21)))
    page.wait_for_function("() => document.querySelector('#chart-matrix .js-plotly-plot')?.data?.[0]?.customdata?.length > 10")
    rows = page.evaluate("() => document.querySelector('#chart-matrix .js-plotly-plot').data[0].customdata")
    cells = {(r[0], r[1]): r[4] for r in rows}
    assert cells[("JPN", "phnom-penh")] == 1 and cells[("KOR", "phnom-penh")] >= 1
    assert "Japan" in page.locator("#chart-matrix .ytick").all_text_contents()
    assert "Phnom Penh" in page.locator("#chart-matrix .xtick").all_text_contents()
    # A circle is a cell: clicking Japan x Phnom Penh filters by both.
    index = next(i for i, r in enumerate(rows) if r[0] == "JPN" and r[1] == "phnom-penh")
    point = page.locator("#chart-matrix .scatterlayer .point").nth(index)
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("() => location.search === '?partner=JPN&city=phnom-penh'")
    wait_for_table(page, [7])
    page.wait_for_function("() => document.querySelector('#chart-matrix .gtitle').textContent.includes('Phnom Penh')")
    assert page.evaluate("() => document.querySelector('#chart-matrix .js-plotly-plot').data[0].customdata.length") == 1
    # The view's text summary (screen readers, alt text) names the cell.
    assert "Japan in Phnom Penh (1)" in page.locator('[id*="chart-matrix"][id*="chart-text"]').text_content()
    assert page.watch.errors == []
