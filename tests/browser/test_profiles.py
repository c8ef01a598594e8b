"""Profiles in a browser, one page load per profile kind (and the empty one): the facts are the API's, "Copy with
source" copies sentence, citation and link, printing gives one A4 page with the map and the sources, the page head
names the profile, axe-core finds nothing serious, and the page asks nothing of any other host."""

import re

import pytest

from tests.browser.test_accessibility import serious_violations

A4_POINTS = (595, 842)  # the PDF's MediaBox of an A4 page, in points
PRINT_WIDTH_PX = 718  # A4's 210 mm less the brief's 10 mm margins, at 96 px an inch
PRINT_HEIGHT_PX = 1047  # 297 mm less the margins


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """The page sizes of a PDF (Chromium writes its page objects uncompressed): one (width, height) a page."""
    text = pdf.decode("latin-1")
    pages = re.findall(r"/Type\s*/Page(?!s)\b", text)
    boxes = [(float(w), float(h)) for w, h in re.findall(r"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", text)]
    assert len(boxes) == len(pages)
    return boxes


@pytest.fixture
def clip_page(browser, app_url):
    """A page whose clipboard the test may read (as a person pasting would)."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.requests = requests
    yield page
    context.close()


@pytest.mark.parametrize("path", ["/profile/partner/JPN", "/profile/member-state/VNM", "/profile/city/phnom-penh",
                                  "/profile/member-state/BRN"])
def test_profile_facts_copy_print_and_head(clip_page, app_url, path):
    page = clip_page
    api = page.request.get(f"{app_url}/api{path}.json").json()
    page.goto(app_url + path)
    page.wait_for_function("() => document.body.dataset.ready === '1'")

    # The facts paragraph is the API's facts, sentence by sentence, each with its rows.
    shown = page.eval_on_selector_all("#facts .fact", "els => els.map(e => [e.dataset.key, e.textContent.trim(), e.dataset.ids])")
    assert shown == [[f["key"], f["text"], ",".join(map(str, f["ids"]))] for f in api["facts"]]
    if api["partnerships"] == 0:
        assert [f["key"] for f in api["facts"]][0] == "empty" and "no partnership" in shown[0][1]
    else:
        assert page.locator("table.profile-rows tbody tr").count() == api["partnerships"]

    # The head names the profile and says what it shows (plain and Open Graph).
    assert page.title().startswith(api["name"] + ":")
    description = page.get_attribute('meta[name="description"]', "content")
    assert api["name"] in description and page.get_attribute('meta[property="og:description"]', "content") == description
    assert page.get_attribute('meta[property="og:title"]', "content").startswith(api["name"])

    # "Copy with source", by keyboard: the sentence, its rows, the citation and the profile's address.
    page.locator("details summary").first.focus()
    page.keyboard.press("Enter")
    page.locator(".copy-fact").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('copy-status').textContent.length > 0")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    first = api["facts"][0]
    assert copied.startswith(first["text"]) and api["citation"] in copied and copied.rstrip().endswith(app_url + path)
    assert all(str(i) in copied.splitlines()[0] for i in first["ids"])

    # Printed, it is one A4 page with the map drawn and the sources on it.
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    assert [tuple(round(x) for x in box) for box in pdf_pages(pdf)] == [A4_POINTS]
    page.set_viewport_size({"width": PRINT_WIDTH_PX, "height": 900})
    page.emulate_media(media="print")
    printed = page.evaluate("""() => {
        const box = s => { const e = document.querySelector(s); const r = e && e.getBoundingClientRect();
                           return r && r.height > 0 ? [r.top + scrollY, r.bottom + scrollY] : null; };
        return {map: box('#profile-map .main-svg'), sources: box('#profile-sources'), chart: box('#profile-chart .main-svg'),
                more: box('#print-more'), rows: document.querySelectorAll('table.profile-rows tbody tr').length,
                visible: [...document.querySelectorAll('table.profile-rows tbody tr')].filter(r => r.offsetHeight > 0).length}; }""")
    assert printed["map"] and printed["chart"] and printed["sources"], printed
    assert printed["sources"][1] <= PRINT_HEIGHT_PX, printed  # the sources and the address end on the page
    if printed["rows"] > printed["visible"]:  # the rows left out are counted, with the address
        assert printed["more"] and str(printed["rows"] - printed["visible"]) in page.inner_text("#print-more")
    page.emulate_media(media="screen")

    assert serious_violations(page) == []
    assert [u for u in page.requests if not u.startswith(app_url)] == []  # offline: nothing from any other host
