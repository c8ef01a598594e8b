"""Issue 11: a map that names its cities, who works with whom, embeds that fit, exports, presentation and phone fit."""

import http.server
import threading

import pytest
from conftest import LAPTOP, wait_for_app
from test_explorer_journeys import settle, wait_for_table

from layouts.modes import EMBED_CHARTS

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


@pytest.fixture
def host_page():
    """Another site on loopback (its own origin) serving one HTML page: where an embed is pasted."""
    pages: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            body = pages.get(self.path.split("?")[0], b"not found")
            self.send_response(200 if self.path.split("?")[0] in pages else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def serve(html: str, path: str = "/host.html") -> str:
        pages[path] = html.encode("utf-8")
        return f"http://127.0.0.1:{server.server_port}{path}"

    yield serve
    server.shutdown()
    server.server_close()


FITS = """() => {
    const inView = el => { if (!el) return false; const r = el.getBoundingClientRect();
        return r.width > 0 && r.top >= -1 && r.bottom <= innerHeight + 1 && r.left >= -1 && r.right <= innerWidth + 1; };
    const root = document.getElementById('root');
    const chart = root.className.match(/embed-([a-z]+)/)[1];
    const box = document.querySelector('[data-chart="' + chart + '"]');
    const title = chart === 'map' ? document.getElementById('summary') : box.querySelector('.gtitle');
    const plot = box.querySelector('.js-plotly-plot');
    return {chart, scrolls: document.documentElement.scrollHeight > innerHeight + 1 || document.documentElement.scrollWidth > innerWidth + 1,
            title: inView(title) && title.textContent, plot: inView(plot) && Math.round(plot.getBoundingClientRect().height),
            source: inView(document.getElementById('embed-source')) && document.getElementById('embed-source').textContent,
            link: inView(document.getElementById('embed-open'))};
}"""
READY = """() => document.getElementById('root')?.className.includes('mode-embed') && !document.body.innerText.includes('Loading…')
    && !document.querySelector('[data-dash-is-loading="true"]') && document.querySelector('.js-plotly-plot')
    && document.getElementById('summary').textContent.length > 0"""


@pytest.mark.parametrize("size", [(300, 250), (600, 400)], ids=["300x250", "600x400"])
def test_vis003_every_embed_fits_its_frame_with_title_source_and_link(browser, app_url, host_page, size):
    width, height = size
    frames = "".join(f'<iframe src="{app_url}/embed?chart={chart}&partner=JPN" width="{width}" height="{height}" '
                     f'title="{chart}" style="border:1px solid #ccc"></iframe>' for chart in EMBED_CHARTS)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    try:
        page.goto(host_page(f"<!doctype html><title>A newsroom page</title><p>Our story</p>{frames}"))
        results = {}
        for frame in page.frames[1:]:
            frame.wait_for_function(READY, timeout=90000)
            frame.wait_for_timeout(800)  # the fit runs after the chart is drawn
            results[frame.url] = frame.evaluate(FITS)
        for url, seen in results.items():
            assert not seen["scrolls"], (url, seen)
            assert seen["title"] and ("Japan" in seen["title"] or seen["chart"] in ("story",)), (url, seen)
            assert seen["plot"] and seen["plot"] >= 100, (url, seen)
            assert seen["source"] and "Source" in seen["source"], (url, seen)
            assert seen["link"], (url, seen)
    finally:
        context.close()


def test_vis004_the_responsive_snippet_sizes_its_frame_and_ignores_other_origins(browser, app_url, host_page):
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    try:
        page.goto(app_url + "/?partner=JPN")
        wait_for_app(page)
        page.wait_for_function("() => document.getElementById('embed-snippet-responsive').value.includes('<script>')")
        snippet = page.locator("#embed-snippet-responsive").input_value()
        assert snippet.startswith("<iframe src=") and "/embed?chart=map&partner=JPN" in snippet
        assert "src=" not in snippet.split("<script>")[1]  # no script from any host: works offline
        page.goto(host_page(f"<!doctype html><title>A newsroom page</title><main style='width:700px'>{snippet}</main>"))
        frame = page.frames[1]
        frame.wait_for_function(READY, timeout=90000)
        page.wait_for_function("() => document.querySelector('iframe').style.height !== ''")
        box = page.locator("iframe").bounding_box()
        assert box["width"] == pytest.approx(700, abs=2)  # the column's width
        frame.wait_for_timeout(800)
        seen = frame.evaluate(FITS)
        assert not seen["scrolls"] and seen["plot"] >= 400 and seen["source"] and seen["link"], seen  # the map at a readable size
        # A message from anywhere else (here the host page itself) is ignored.
        before = page.evaluate("() => document.querySelector('iframe').style.height")
        page.evaluate("() => window.postMessage({type: 'ascn-embed-height', height: 3000}, '*')")
        page.wait_for_timeout(300)
        assert page.evaluate("() => document.querySelector('iframe').style.height") == before
    finally:
        context.close()
