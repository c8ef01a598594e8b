"""Issue 11: a map that names its cities, who works with whom, embeds that fit, exports, presentation and phone fit."""

import http.server
import json
import re
import threading
from html import unescape
from pathlib import Path

import pytest

from ascn import wording
from components import maps
from layouts.modes import EMBED_CHARTS
from tests.support import LAPTOP, PHONE, scroll_to, settle, the_query, view_rows, wait_for_app, wait_for_table

MAP_LABELS = """() => [...document.querySelectorAll('#map .trace.scattergeo text')]
    .filter(t => t.textContent).map(t => { const r = t.getBoundingClientRect();
        return {name: t.textContent, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; })"""


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [(a["name"], b["name"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["x0"] < b["x1"] - 1 and b["x0"] < a["x1"] - 1 and a["y0"] < b["y1"] - 1 and b["y0"] < a["y1"] - 1]


def api_ids(page, query: str) -> list[int]:
    """The partnership numbers the API gives for a view: the record decides, not the test."""
    return page.evaluate("""async (q) => (await (await fetch('/api/partnerships.json?' + q)).json())
        .rows.map(r => r.partnership_id).sort((a, b) => a - b)""", query)


def test_vis001_the_map_names_its_largest_and_selected_cities(page, app_url):
    page.goto(app_url + "/?partner=JPN")
    wait_for_app(page)
    japan = api_ids(page, "partner=JPN")
    assert {7, 8, 14, 15} <= set(japan)  # Table 2's Japanese rows, and any from later reporting
    wait_for_table(page, japan)
    page.wait_for_function("() => document.querySelectorAll('#map .trace.scattergeo text').length > 0")
    labels = page.evaluate(MAP_LABELS)
    names = {label["name"] for label in labels}
    # The largest circles are named (up to eight; a city crowded by larger circles is named on hover), the largest always.
    counts = page.evaluate("""() => document.querySelector('#map .js-plotly-plot').data[1].customdata
        .filter(c => c[3] > 0).map(c => [c[1], c[3]])""")
    by_size = [name for name, _ in sorted(counts, key=lambda c: (-c[1], c[0]))]
    assert by_size[0] in names and names <= set(by_size) and len(names) >= min(4, len(by_size)), (names, by_size)
    assert overlapping(labels) == []
    frame = page.locator("#map .main-svg").first.bounding_box()
    for label in labels:  # inside the map, not cut at its edge
        assert frame["x"] <= label["x0"] and label["x1"] <= frame["x"] + frame["width"], label
        assert frame["y"] <= label["y0"] and label["y1"] <= frame["y"] + frame["height"], label
    # The size legend says what a circle's size means.
    legend = page.locator("#map .annotation-text", has_text="Partnerships in this view")
    assert legend.is_visible()
    # Its circles count up to the view's largest city (not a fixed 1, 4, 9), and its small dot is a city with none.
    legend_counts = [int(t) for t in (t.strip() for t in page.locator("#map .annotation-text").all_text_contents()) if t.isdigit()]
    assert legend_counts == list(maps.legend_counts(max(c for _, c in counts)))
    assert page.locator("#map .annotation-text", has_text=wording.MAP_LEGEND_NONE).is_visible()
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
    wait_for_table(page, api_ids(page, ""))  # the whole record
    scroll_to(page, "#chart-matrix")  # drawn when it comes into view
    page.wait_for_function("() => document.querySelector('#chart-matrix .js-plotly-plot')?.data?.[0]?.customdata?.length > 10")
    rows = page.evaluate("() => document.querySelector('#chart-matrix .js-plotly-plot').data[0].customdata")
    cells = {(r[0], r[1]): r[4] for r in rows}
    jpn_pp = len(view_rows("partner=JPN&city=phnom-penh"))  # Table 2's row 7, and any later row
    assert jpn_pp >= 1 and cells[("JPN", "phnom-penh")] == jpn_pp and cells[("KOR", "phnom-penh")] >= 1
    assert "Japan" in page.locator("#chart-matrix .ytick").all_text_contents()
    assert "Phnom Penh" in page.locator("#chart-matrix .xtick").all_text_contents()
    # A circle is a cell: clicking Japan x Phnom Penh filters by both.
    index = next(i for i, r in enumerate(rows) if r[0] == "JPN" and r[1] == "phnom-penh")
    point = page.locator("#chart-matrix .scatterlayer .point").nth(index)
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("() => location.search === '?partner=JPN&city=phnom-penh'")
    wait_for_table(page, view_rows("partner=JPN&city=phnom-penh"))
    page.wait_for_function("() => document.querySelector('#chart-matrix .gtitle').textContent.includes('Phnom Penh')")
    assert page.evaluate("() => document.querySelector('#chart-matrix .js-plotly-plot').data[0].customdata.length") == 1
    # The view's text summary (screen readers, alt text) names the cell.
    assert f"Japan in Phnom Penh ({jpn_pp})" in page.locator('[id*="chart-matrix"][id*="chart-text"]').text_content()
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
MAP_FILLS_ITS_BOX = """() => { const box = document.querySelector('.map-graph').getBoundingClientRect();
    return Math.abs(document.querySelector('#map .main-svg').getBoundingClientRect().height - box.height) <= 2; }"""
READY = """() => document.getElementById('root')?.className.includes('mode-embed') && !document.body.innerText.includes('Loading…')
    && !document.querySelector('[data-dash-is-loading="true"]') && document.querySelector('.js-plotly-plot')
    && document.getElementById('summary').textContent.length > 0"""


def test_vis003_every_embed_fits_its_frame_with_title_source_and_link(browser, app_url, host_page):
    """Each chart in a 300x250 frame, then the same frames made 600x400 (as a responsive article resizes them)."""
    frames = "".join(f'<iframe src="{app_url}/embed?chart={chart}&partner=JPN" width="300" height="250" '
                     f'title="{chart}" style="border:1px solid #ccc"></iframe>' for chart in EMBED_CHARTS)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    try:
        page.goto(host_page(f"<!doctype html><title>A newsroom page</title><p>Our story</p>{frames}"))
        for width, height in ((300, 250), (600, 400)):
            page.evaluate("([w, h]) => document.querySelectorAll('iframe').forEach(f => { f.width = w; f.height = h; })",
                          [width, height])
            results = {}
            for frame in page.frames[1:]:
                frame.wait_for_function(f"() => innerWidth === {width} - 2 || innerWidth === {width}", timeout=30000)
                frame.wait_for_function(READY, timeout=90000)
                settle(frame)  # the fit runs after the chart is drawn
                results[frame.url] = frame.evaluate(FITS)
            for url, seen in results.items():
                where = (width, height, url, seen)
                assert not seen["scrolls"], where
                assert seen["title"] and ("Japan" in seen["title"] or seen["chart"] in ("story",)), where
                assert seen["plot"] and seen["plot"] >= 100, where
                assert seen["source"] and "Source" in seen["source"], where
                assert seen["link"], where
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
        # The frame shows this view's map: the selection first, then the chart, escaped for the attribute.
        src = re.match(r'<iframe src="([^"]*)"', snippet).group(1)
        assert src == f"{app_url}/embed?partner=JPN&amp;chart=map", snippet
        assert unescape(src) == f"{app_url}/embed?partner=JPN&chart=map"
        assert "src=" not in snippet.split("<script>")[1]  # no script from any host: works offline
        page.goto(host_page(f"<!doctype html><title>A newsroom page</title><main style='width:700px'>{snippet}</main>"))
        frame = page.frames[1]
        frame.wait_for_function(READY, timeout=90000)
        page.wait_for_function("() => document.querySelector('iframe').style.height !== ''")
        box = page.locator("iframe").bounding_box()
        assert box["width"] == pytest.approx(700, abs=2)  # the column's width
        settle(frame)  # the fit runs after the chart is drawn
        # The map is drawn again at the frame's final height, which can come a moment after the page is still.
        frame.wait_for_function(MAP_FILLS_ITS_BOX, timeout=10000)
        seen = frame.evaluate(FITS)
        assert not seen["scrolls"] and seen["plot"] >= 400 and seen["source"] and seen["link"], seen  # the map at a readable size
        # A message from anywhere else (here the host page itself) is ignored.
        before = page.evaluate("() => document.querySelector('iframe').style.height")
        # The snippet's listener was added first, so it has run when this one sees the same message.
        after = page.evaluate("""() => new Promise(resolve => {
            window.addEventListener('message', e => { if (e.data && e.data.height === 3000) resolve(document.querySelector('iframe').style.height); });
            window.postMessage({type: 'ascn-embed-height', height: 3000}, '*'); })""")
        assert after == before
        _only_its_own_frame_is_sized(page, app_url, host_page, snippet)
    finally:
        context.close()


def _only_its_own_frame_is_sized(page, app_url, host_page, snippet):
    """Third-party frames on the same article (ad slots) that navigate themselves to the dashboard's /embed post
    heights from the dashboard's origin too: the snippet's script sizes only the frame it was written with."""
    ad = host_page(f"<!doctype html><script>location.replace({json.dumps(app_url + '/embed?chart=trend')})</script>", "/ad.html")
    heard = """<script>window.adHeights = 0; addEventListener('message', e => {
        if ([...document.querySelectorAll('iframe.ad')].some(f => f.contentWindow === e.source)) window.adHeights += 1; });</script>"""
    slot = f'<iframe class="ad" src="{ad}" width="300" height="250"></iframe>'
    page.goto(host_page(f"<!doctype html><title>A newsroom page</title>{heard}<main style='width:700px'>{slot}<p>Story</p>"
                        f"{snippet}{slot}</main>", "/with-ads.html"))
    page.wait_for_function("() => window.adHeights >= 2", timeout=90000)  # both ad slots, now the embed, posted a height
    page.wait_for_function("() => document.querySelector('iframe:not(.ad)').style.height !== ''", timeout=90000)
    sizes = page.evaluate("() => [...document.querySelectorAll('iframe.ad')].map(f => [f.style.width, f.style.height, f.offsetWidth])")
    assert len(sizes) == 2 and all(width == height == "" and shown < 320 for width, height, shown in sizes), sizes  # 300 and a border
    assert page.evaluate("() => document.querySelector('iframe:not(.ad)').offsetWidth") == pytest.approx(700, abs=2)


def boxes_overlap(boxes: list[dict]) -> bool:
    return any(a["x"] < b["x"] + b["width"] - 1 and b["x"] < a["x"] + a["width"] - 1 and a["y"] < b["y"] + b["height"] - 1
               and b["y"] < a["y"] + a["height"] - 1 for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_vis005_phone_every_chart_readable_without_toolbar_or_sideways_scroll(browser, app_url):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(app_url + "/")
        wait_for_app(page)
        settle(page)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        for chart in ("chart-focus", "chart-trend", "chart-partners", "chart-commitments", "chart-matrix", "chart-story"):
            graph = page.locator(f"#{chart} .main-svg").first
            graph.scroll_into_view_if_needed()
            frame = graph.bounding_box()
            assert frame["width"] >= 300, chart
            title = page.locator(f"#{chart} .gtitle").bounding_box()
            assert frame["x"] <= title["x"] and title["x"] + title["width"] <= frame["x"] + frame["width"] + 1, chart  # not cut
            # No toolbar over the title (on a touch screen plotly would show it after the first tap).
            page.locator(f"#{chart}").tap(position={"x": 4, "y": 4})  # beside the title: no bar or marker is hit
            assert not page.locator(f"#{chart} .modebar").is_visible(), chart
            for axis in ("xtick", "ytick"):
                ticks = page.evaluate("""(sel) => [...document.querySelectorAll(sel)].map(t => t.getBoundingClientRect())
                    .filter(r => r.width > 0).map(r => ({x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}))""",
                                      f"#{chart} .{axis} text")
                assert not boxes_overlap(ticks), (chart, axis)
                for tick in ticks:  # every tick label inside the chart
                    assert frame["x"] - 1 <= tick["x"] and tick["x"] + tick["width"] <= frame["x"] + frame["width"] + 1, (chart, axis)
        # The story names each milestone inside its card, and its plot keeps most of the width.
        labels = page.evaluate("""() => [...document.querySelectorAll('#chart-story .scatterlayer .textpoint text')]
            .map(t => { const r = t.getBoundingClientRect(); return {x: r.left + scrollX, width: r.width}; })""")
        story = page.locator("#chart-story .main-svg").first.bounding_box()
        assert len(labels) == len(the_query().dataset.events)  # every milestone of the record
        for label in labels:
            assert story["x"] <= label["x"] and label["x"] + label["width"] <= story["x"] + story["width"] + 1
        plot = page.locator("#chart-story .nsewdrag").first.bounding_box()
        assert plot["width"] >= 0.8 * story["width"]
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


SCENE_FITS = """() => {
    const inView = el => { const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.top >= -1 && r.bottom <= innerHeight + 1 && r.left >= -1 && r.right <= innerWidth + 1; };
    const shown = [...document.querySelectorAll('[data-chart]')].filter(b => b.offsetParent !== null).map(b => b.dataset.chart);
    const plots = [...document.querySelectorAll('[data-chart]')].filter(b => b.offsetParent !== null)
        .map(b => b.querySelector('.js-plotly-plot .main-svg')).filter(Boolean);
    const next = document.getElementById('scene-next') || document.getElementById('scene-prev');
    const title = [...document.querySelectorAll('[data-chart]:not([data-chart="map"])')].filter(b => b.offsetParent !== null)
        .map(b => b.querySelector('.gtitle')).find(Boolean);  // the title of a chart the scene shows
    return {scrolls: document.documentElement.scrollHeight > innerHeight + 1 || document.documentElement.scrollWidth > innerWidth + 1,
            shown, allInView: plots.every(inView), mapHeight: document.querySelector('#map .main-svg').getBoundingClientRect().height,
            exit: JSON.stringify(document.getElementById('scene-exit').getBoundingClientRect()),
            next: document.getElementById('scene-next') && JSON.stringify(document.getElementById('scene-next').getBoundingClientRect()),
            titlePx: title ? parseFloat(getComputedStyle(title).fontSize) : 0,
            captionPx: parseFloat(getComputedStyle(document.querySelector('#scene-bar .lead')).fontSize)};
}"""


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}, {"width": 1366, "height": 768}], ids=["1280x720", "1366x768"])
def test_vis006_every_scene_fits_the_screen_and_its_buttons_stay_put(browser, app_url, viewport):
    from layouts.stage import scene_chart_names
    from tests.support import the_query

    query = the_query()
    scenes = query.dataset.scenes
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        page.goto(app_url + "/?present=1&scene=1")
        wait_for_app(page)
        places = set()
        for number, (scene_id, scene) in enumerate(scenes.iterrows(), start=1):
            if number > 1:
                page.keyboard.press("ArrowRight")
            page.wait_for_function("(n) => document.getElementById('scene-bar').textContent.startsWith(n + '/')", arg=number)
            # The stage follows the same address as the scene bar, in its own answer: wait for it to name this scene's charts.
            page.wait_for_function("(wanted) => wanted.every(c => document.getElementById('scene-charts').classList.contains('show-' + c))",
                                   arg=scene_chart_names(query, scene))
            settle(page)  # and the charts fitted to their cells after drawing
            seen = page.evaluate(SCENE_FITS)
            assert not seen["scrolls"], (scene_id, seen)
            assert seen["allInView"], (scene_id, seen)  # the map and every chart shown are wholly on screen
            assert set(seen["shown"]) == {"map", *scene_chart_names(query, scene)}, (scene_id, seen)  # the charts it talks about
            assert seen["mapHeight"] >= 0.55 * viewport["height"], (scene_id, seen)
            assert seen["titlePx"] >= 20 and seen["captionPx"] >= 18, (scene_id, seen)  # readable from the back of a room
            places.add(seen["exit"])
            if seen["next"] and number > 1:
                places.add(("next", seen["next"]))
        assert len([p for p in places if not isinstance(p, tuple)]) == 1, places  # Leave never moves
        assert len([p for p in places if isinstance(p, tuple)]) == 1, places  # nor does Next
    finally:
        context.close()


def test_vis007_a_journalist_reads_a_rows_full_source_year_source_and_notes(page, app_url):
    page.goto(app_url + "/?partner=JPN")
    wait_for_app(page)
    japan = api_ids(page, "partner=JPN")
    assert 15 in japan
    wait_for_table(page, japan)
    from ascn import load_dataset

    record = load_dataset().partnerships
    # Every source cell shows its whole text (wrapped), not a cut-off line.
    cells = page.locator('#table .ag-cell[col-id="source"]')
    cells.first.scroll_into_view_if_needed()
    for i in range(cells.count()):
        cell = cells.nth(i)
        assert cell.evaluate("e => e.scrollHeight <= e.clientHeight + 1 && e.scrollWidth <= e.clientWidth + 1")
        assert " ".join(cell.inner_text().split()) in {" ".join(s.split()) for s in record["source"]}
    # Picking a row shows its detail: full source, the year's source, the notes, and the row's own link.
    page.locator('#table .ag-row[row-id="15"] .ag-cell[col-id="title"]').click()
    detail = page.locator("#row-detail")
    page.wait_for_function("() => document.getElementById('row-detail').textContent.includes('No. 15')")
    row = record.loc[15]
    text = " ".join(detail.inner_text().split())
    assert " ".join(row["source"].split()) in text
    assert (" ".join(row["year_source"].split()) if row["year_source"] else "the year is not known") in text
    if row["notes"]:
        assert " ".join(row["notes"].split()) in text
    link = detail.locator("a[target=_blank]")  # the row's own source (the others are its profiles, on this site)
    assert link.get_attribute("href") == row["source_url"] and link.inner_text() == row["source_url"]
    assert all(href.startswith("/profile/") for href in detail.locator("a:not([target])").evaluate_all("as => as.map(a => a.getAttribute('href'))"))
    box, frame = detail.bounding_box(), page.locator("#table").bounding_box()
    assert box["width"] <= frame["width"] + 40  # inside the table's card, not off to the side
    assert page.watch.errors == []


def test_vis008_exports_carry_labels_legend_title_source_and_offer_alt_text(page, app_url):
    page.goto(app_url + "/?partner=JPN")
    wait_for_app(page)
    japan, everything = api_ids(page, "partner=JPN"), api_ids(page, "")
    assert {7, 8, 14, 15} <= set(japan)
    wait_for_table(page, japan)
    settle(page)
    # The map image names every city, has the size legend, the title naming the view and the source; no blank margins.
    with page.expect_download() as info:
        page.locator('[id*="\\"chart\\":\\"map\\""][id*="svg"]').click()
    svg = Path(info.value.path()).read_text(encoding="utf-8")
    for city in ("Phnom Penh", "Kuching", "Luang Prabang", "Makassar", "Banyuwangi"):
        assert f">{city}<" in svg, city
    assert "Partnerships in this view" in svg and "Natural Earth" in svg
    assert f"ASCN cities: {len(japan)} of {len(everything)} partnerships: partner Japan" in svg
    figure = page.evaluate("() => window.ascnExportFigure('map')")
    assert figure["layout"]["margin"]["l"] <= 12 and figure["layout"]["margin"]["r"] <= 12
    assert 0.8 <= figure["width"] / (figure["height"] - 90) <= 1.2  # the image has the region's shape: no blank sides
    # The partners image: title clear of the left edge, source, legend.
    with page.expect_download() as info:
        page.locator('[id*="\\"chart\\":\\"chart-partners\\""][id*="svg"]').click()
    svg = Path(info.value.path()).read_text(encoding="utf-8")
    title_x = re.search(r'class="gtitle"[^>]*x="([0-9.]+)"', svg)
    assert title_x and float(title_x.group(1)) >= 10, "the title must not touch the image's left edge"
    assert "Source: Martinus (2020)" in svg and "Built infrastructure" in svg
    # Each export offers alt text: a sentence describing the chart for this view.
    for chart, words in (("map", "partner Japan"), ("chart-partners", f"Japan ({len(japan)})"), ("chart-story", "milestones"),
                         ("chart-matrix", "Japan in")):
        box = page.locator(f'[id*="\\"chart\\":\\"{chart}\\""][id*="alt-text"]')
        box.locator("xpath=ancestor::details").evaluate("d => d.open = true")
        page.wait_for_function("(el) => el.value.length > 20", arg=box.element_handle())
        assert words in box.input_value(), (chart, box.input_value())
    assert page.watch.errors == []
