"""The about page in headless Chromium: styled by the vendored Bootstrap, offline, readable on a laptop and a phone."""

from tests.support import LAPTOP, PHONE, settle, wait_for_app

# Contrast of every visible text against the background it sits on (colours blended through alpha).
CONTRAST = """() => {
  const rgba = (s) => { const m = s.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] === 1) break;
    }
    return layers.reverse().reduce((acc, c) => over(c, acc), [255, 255, 255, 1]);
  };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                       return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const box = el.getBoundingClientRect();
    if (!own || box.width === 0 || box.height === 0) continue;
    const bg = background(el);
    const fg = over(rgba(getComputedStyle(el).color), bg);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    out.push({text: el.textContent.trim().slice(0, 40), ratio: (a + 0.05) / (b + 0.05)});
  }
  return out;
}"""


def test_about_page_is_styled_offline_and_readable(page, app_url):
    page.goto(app_url + "/about")
    page.wait_for_load_state("networkidle")
    assert page.title().startswith("About the data and how to cite")
    assert page.locator("h1").inner_text() == "About the data and how to cite"

    # Bootstrap's sheet applied: its font stack, not the browser's default serif, and the dark header.
    font = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert "system-ui" in font and not font.lower().startswith(("times", "serif")), font
    assert page.evaluate("() => getComputedStyle(document.querySelector('header')).backgroundColor") == "rgb(33, 37, 41)"
    assert page.evaluate("() => [...document.styleSheets].filter(s => s.href).map(s => new URL(s.href).pathname)") == [
        "/assets/css/0_bootstrap-5.3.8.min.css", "/assets/css/1_app.css"]

    low = [item for item in page.evaluate(CONTRAST) if item["ratio"] < 4.5]
    assert low == [], low
    citation = page.locator("pre#citation")
    assert citation.is_visible()
    assert citation.inner_text().startswith("ASEAN Smart Cities Network partnerships dashboard, data version ")
    page.screenshot(path="/tmp/about-1366x768.png")
    page.screenshot(path="/tmp/about-1366x768-full.png", full_page=True)

    page.set_viewport_size(PHONE)
    settle(page)  # the page has reflowed to the phone's width
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]  # nothing runs off the side
    assert page.evaluate("() => { const c = document.getElementById('citation'); return c.scrollHeight <= c.clientHeight; }")
    page.screenshot(path="/tmp/about-390x844.png")
    page.screenshot(path="/tmp/about-390x844-full.png", full_page=True)
    page.set_viewport_size(LAPTOP)

    assert page.watch.foreign_requests() == [] and page.watch.errors == []


def test_back_to_the_map(page, app_url):
    page.goto(app_url + "/about")
    assert page.watch.errors == []
    page.get_by_role("link", name="Back to the map").first.click()
    page.wait_for_url(app_url + "/")
    wait_for_app(page)  # the map is drawn (the map page's own console is the explorer journeys' to check)
    assert page.watch.foreign_requests() == []
