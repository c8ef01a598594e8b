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
