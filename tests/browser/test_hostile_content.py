"""Hostile content: markup and script in titles, names and sources show as text everywhere; no script runs."""

import csv
import io
import json
import shutil

import pytest

from ascn import DataError, load_dataset
from ascn.wording import TABLE_HEADERS
from components.table import markdown_link
from tests.support import LAPTOP, ROOT, scroll_to, start_server, wait_for_app

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
JS_LINK = '<a href="javascript:alert(1)">source</a>'
SVG = "<svg onload=alert(1)>"
# URLs the contract admits (http(s), no spaces, quotes or angle brackets) that would break out of a markdown link.
MD_IMAGE_URL = "https://example.org/a)![x](x)"
MD_JS_URL = "https://example.org/a)[click](javascript:alert(1))"
TRAPS = """
window.__xss = [];
for (const name of ['alert', 'confirm', 'prompt']) { window[name] = (m) => { window.__xss.push(name + ':' + m); }; }
window.addEventListener('error', e => { if (e.target && e.target.tagName === 'IMG') window.__xss.push('img error: ' + e.target.src); }, true);
document.addEventListener('securitypolicyviolation', e => window.__xss.push('csp: ' + e.violatedDirective + ' ' + e.blockedURI));
"""
# Anything a browser would run or load from the hostile strings, had they become markup.
INJECTED = """() => {
    const found = [];
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.getAttributeNames()) {
            if (attr.startsWith('on')) found.push(el.tagName + '[' + attr + ']');
        }
    }
    document.querySelectorAll('img[src="x"], img[src$="/x"], svg[onload], iframe, script:not([src]):not([type="application/json"])')
        .forEach(el => { if (!(el.tagName === 'SCRIPT' && !el.textContent.includes('alert'))) found.push(el.outerHTML.slice(0, 80)); });
    document.querySelectorAll('a[href]').forEach(a => { if (!/^(https?:|\\/|#|$)/.test(a.getAttribute('href'))) found.push(a.outerHTML.slice(0, 80)); });
    return found;
}"""


def _edit_csv(path, key: str, changes: dict[str, dict[str, str]]) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in rows:
        row.update(changes.get(row[key], {}))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def hostile_copy(target):
    """The repository's data with markup in titles, organisations, sources, notes, names and URLs (otherwise valid)."""
    shutil.copytree(ROOT / "data", target)
    _edit_csv(target / "partnerships.csv", "partnership_id", {
        "4": {"title": IMG, "source": JS_LINK, "source_url": MD_IMAGE_URL},
        "5": {"title": SCRIPT, "organisations": f"<b onmouseover=alert(1)>Org</b>;{SVG}", "notes": "<iframe src=javascript:alert(1)>"},
        "6": {"source_url": MD_JS_URL},
    })
    _edit_csv(target / "cities.csv", "city_id", {"phnom-penh": {"name": "Phnom Penh " + IMG}})
    _edit_csv(target / "economies.csv", "code", {"KHM": {"name": "Cambodia " + SCRIPT}, "JPN": {"name": "Japan " + IMG}})
    _edit_csv(target / "commitments.csv", "commitment_id", {"1": {"title": IMG + " statement"}})
    return target


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    return hostile_copy(tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture(scope="module")
def hostile_url(hostile_dir):
    with start_server(env={"ASCN_DATA_DIR": str(hostile_dir)}) as server:
        yield server.base


@pytest.fixture
def trapped(browser, hostile_url):
    """A page whose alert, confirm, prompt, failed images and CSP violations are all recorded."""
    context = browser.new_context(viewport=LAPTOP, accept_downloads=True)
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.add_init_script(TRAPS)
    yield page
    context.close()


def assert_nothing_ran(page) -> None:
    assert page.dialogs == []
    assert page.evaluate("() => window.__xss") == []
    assert page.evaluate(INJECTED) == []
    assert page.errors == []


def test_the_hostile_copy_is_valid_data_and_a_javascript_url_is_not(hostile_dir, tmp_path):
    dataset = load_dataset(hostile_dir)
    assert dataset.partnerships.loc[4, "title"] == IMG and dataset.partnerships.loc[4, "source_url"] == MD_IMAGE_URL
    bad = hostile_copy(tmp_path / "data")
    _edit_csv(bad / "partnerships.csv", "partnership_id", {"7": {"source_url": "javascript:alert(1)"}})
    with pytest.raises(DataError) as err:
        load_dataset(bad)
    assert "source_url" in str(err.value) and "javascript:alert(1)" in str(err.value)


def test_a_source_link_is_one_link_to_exactly_its_url():
    assert markdown_link(MD_IMAGE_URL) == "[open](https://example.org/a%29!%5Bx%5D%28x%29)"
    assert markdown_link("https://en.wikipedia.org/wiki/Phnom_Penh_(city)") == "[open](https://en.wikipedia.org/wiki/Phnom_Penh_%28city%29)"
    assert markdown_link("https://example.org/a\\b`c") == "[open](https://example.org/a%5Cb%60c)"
    assert markdown_link("javascript:alert(1)") == "" and markdown_link("JAVASCRIPT://x") == ""
    assert markdown_link("HTTPS://example.org/") == "[open](HTTPS://example.org/)"


def test_markup_in_the_data_shows_as_text_in_the_map_panel_table_and_charts(trapped, hostile_url, hostile_dir):
    page = trapped
    rows = load_dataset(hostile_dir).partnerships
    in_phnom_penh = rows[rows["city_ids"].map(lambda c: "phnom-penh" in c)]  # Table 2's rows 4-7 and any later row
    page.goto(hostile_url + "/")
    wait_for_app(page)
    index = page.evaluate("""(cid) => document.querySelector('#map .js-plotly-plot').data[1].customdata
        .findIndex(row => row[0] === cid)""", "phnom-penh")
    box = page.locator("#map .trace.scattergeo").first.locator(".point").nth(index).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#map .hoverlayer .hovertext", timeout=10000)
    hover = page.locator("#map .hoverlayer").text_content()
    assert f"Phnom Penh {IMG}" in hover and f"Cambodia {SCRIPT}" in hover and f"Japan {IMG}" in hover

    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("() => location.search === '?city=phnom-penh'")
    page.wait_for_function("(t) => document.querySelector('#city-panel').innerText.includes(t)", arg=IMG, timeout=20000)
    panel = page.locator("#city-panel").inner_text()
    assert f"Phnom Penh {IMG}" in panel and SCRIPT in panel and f"Japan {IMG}" in panel

    scroll_to(page, "#table")  # its rows are handed to it when it is in view
    page.wait_for_function("(n) => document.querySelectorAll('#table .ag-row').length === n", arg=len(in_phnom_penh), timeout=20000)
    for column in (TABLE_HEADERS["organisations"], TABLE_HEADERS["item"]):  # the table's optional columns, switched on: they show text as text too
        page.locator(".table-columns label", has_text=column).click()
    page.wait_for_function("(t) => [...document.querySelectorAll('#table .ag-header-cell-text')].some(e => e.textContent === t)", arg=TABLE_HEADERS["item"])
    cells = page.evaluate("() => [...document.querySelectorAll('#table .ag-cell')].map(c => c.innerText)")
    for text in (IMG, SCRIPT, JS_LINK, f"<b onmouseover=alert(1)>Org</b>; {SVG}", f"Phnom Penh {IMG}"):
        assert text in cells
    # Each source link is one link to exactly its URL: nothing of it became an image or a second link.
    links = page.evaluate("() => [...document.querySelectorAll('#table .ag-cell a')].map(a => [a.innerText, a.href])")
    # A source link per row, and an item link per row with a year source (rows 4, 6 and 7; row 5 has no year).
    expected = int((in_phnom_penh["source_url"] != "").sum() + (in_phnom_penh["year_source_url"] != "").sum())
    assert expected >= 7 and [text for text, _ in links] == ["open"] * expected
    assert {href for _, href in links} >= {"https://example.org/a%29!%5Bx%5D%28x%29", "https://example.org/a%29%5Bclick%5D%28javascript:alert%281%29%29"}

    scroll_to(page, "#chart-partners")  # drawn when in view (and the focus chart beside the map when it is)
    chart_text = page.locator("#chart-partners").text_content()
    scroll_to(page, "#chart-focus")
    chart_text += page.locator("#chart-focus").text_content()
    assert f"Japan {IMG}" in chart_text and "Phnom Penh" in chart_text
    assert_nothing_ran(page)


def test_commitment_titles_show_as_text_in_the_hover(trapped, hostile_url):
    page = trapped
    page.goto(hostile_url + "/")
    wait_for_app(page)
    scroll_to(page, "#chart-commitments")  # drawn when in view
    point = page.locator("#chart-commitments .scatterlayer .point").first
    point.scroll_into_view_if_needed()
    titles = page.evaluate("() => document.querySelector('#chart-commitments .js-plotly-plot').data.flatMap(t => t.customdata.map(c => c[1]))")
    assert "&lt;img src=x onerror=alert(1)&gt; statement" in titles  # escaped for plotly, which shows it as text
    assert_nothing_ran(page)


def test_downloads_carry_the_text_as_it_is_and_run_nothing(trapped, hostile_url):
    page = trapped
    page.goto(hostile_url + "/?city=phnom-penh")
    wait_for_app(page)
    with page.expect_download() as info:
        page.locator("#download-csv").click()
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    by_id = {r["partnership_id"]: r for r in rows}
    assert by_id["4"]["title"] == IMG and by_id["4"]["source"] == JS_LINK and by_id["4"]["source_url"] == MD_IMAGE_URL
    assert by_id["5"]["title"] == SCRIPT and by_id["5"]["organisations"] == f"<b onmouseover=alert(1)>Org</b>;{SVG}"

    # Opened in the browser, the JSON is a document of text: nothing in it is parsed as HTML.
    response = page.goto(hostile_url + "/api/partnerships.json?city=phnom-penh")
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"
    body = json.loads(page.locator("body").inner_text())
    assert {r["partnership_id"]: r["title"] for r in body["rows"]}[4] == IMG
    assert page.evaluate("() => document.querySelectorAll('img, script, svg').length") == 0
    assert_nothing_ran(page)
