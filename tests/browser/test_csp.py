"""The page works under its Content-Security-Policy: no violation while used, and the policy really blocks inline script."""

from tests.support import scroll_to, wait_for_app

VIOLATIONS = """window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));"""


def city_point(page, city_id: str):
    index = page.evaluate("""(cid) => document.querySelector('#map .js-plotly-plot').data[1].customdata
        .findIndex(row => row[0] === cid)""", city_id)
    return page.locator("#map .trace.scattergeo").first.locator(".point").nth(index)


def test_the_page_is_used_under_the_policy_without_a_violation(page, app_url):
    page.add_init_script(VIOLATIONS)
    response = page.goto(app_url + "/?partner=JPN")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self' 'sha256-" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert response.headers["x-frame-options"] == "DENY"
    wait_for_app(page)
    japan = page.evaluate("async () => (await (await fetch('/api/partnerships.json?partner=JPN')).json()).count")
    scroll_to(page, "#table")  # its rows are handed to it when it is in view
    page.wait_for_function("(n) => document.querySelectorAll('#table .ag-row').length === n", arg=japan, timeout=20000)
    page.evaluate("() => window.scrollTo(0, 0)")

    # A filter change, a map selection (callbacks, Patch), the city panel.
    page.locator("#chips .chip", has_text="Partner").click()
    page.wait_for_function("() => location.search === ''")
    wait_for_app(page)
    point = city_point(page, "phnom-penh")
    point.wait_for(state="visible")
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("() => document.querySelector('#city-panel').innerText.includes('Phnom Penh')", timeout=20000)

    # plotly's PNG export draws the chart's SVG as a blob: image on a canvas (refused without img-src blob:).
    with page.expect_download(timeout=30000) as info:  # the card's PNG button (the charts have no plotly toolbar)
        page.locator("[data-chart='focus'] .export-buttons button", has_text="PNG").click()
    assert info.value.suggested_filename.endswith(".png")

    # The clientside "Copy link" callback is one of the hashed inline scripts.
    page.locator("#copy-link").click()
    page.wait_for_function("(base) => document.querySelector('#copy-link-text').value.startsWith(base)", arg=app_url)

    assert page.evaluate("() => window.__csp") == []
    assert page.watch.errors == [] and page.watch.foreign_requests() == []


def test_the_policy_blocks_script_the_page_did_not_ship(page, app_url):
    page.add_init_script(VIOLATIONS)
    page.goto(app_url + "/")
    wait_for_app(page)
    ran = page.evaluate("""() => {
        window.__ran = [];
        const s = document.createElement('script');
        s.textContent = "window.__ran.push('inline script')";
        document.body.appendChild(s);
        const d = document.createElement('div');
        d.innerHTML = '<img src="data:," onerror="window.__ran.push(\\'handler\\')">';
        document.body.appendChild(d);
        return window.__ran;
    }""")
    page.wait_for_function("() => window.__csp.length >= 2")  # the reports are dispatched asynchronously
    assert "inline script" not in ran
    assert page.evaluate("() => window.__ran.includes('handler')") is False
    directives = {v.split()[0] for v in page.evaluate("() => window.__csp")}
    assert directives <= {"script-src-elem", "script-src-attr", "script-src"} and directives
