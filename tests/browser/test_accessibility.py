"""Accessibility: axe-core finds no serious or critical violation; keyboard users can filter and select."""

from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.support import settle, view_rows, wait_for_app, wait_for_table

AXE = (Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


def serious_violations(page) -> list[str]:
    """Run axe-core (vendored 4.14.1) in the page; describe each serious or critical violation."""
    page.evaluate(AXE)  # evaluated through the driver, so the page's CSP does not block it
    result = page.evaluate("""async () => { const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => v.id + ': ' + v.help + ' -> ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')); }""")
    return result


@pytest.mark.parametrize("path", ["/", "/?present=1&scene=3", "/about"])
def test_a11y001_no_serious_or_critical_violations(page, app_url, path):
    page.goto(app_url + path)
    if path != "/about":
        wait_for_app(page)
        page.wait_for_function("() => document.getElementById('summary').textContent.length > 0")
    assert serious_violations(page) == []


def test_a11y002_keyboard_alone_filters_and_selects_a_city(page, app_url):
    page.goto(app_url + "/")
    wait_for_app(page)
    wait_for_table(page, view_rows())  # the whole record: Table 2 and later rows
    settle(page)  # as a person would: the page has finished drawing before they type (a keystroke mid-render is lost)
    # Tab from the member-state filter reaches the partner filter; there, type to search, arrow to the option, Enter.
    page.locator("#filter-member-state").locator("xpath=..").locator(".dash-dropdown-focus-target").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "filter-partner"
    search = page.locator("#filter-partner").locator("xpath=..").locator(".dash-dropdown-search")
    for _ in range(3):  # a keystroke that lands while the page re-renders is lost; a person would type again
        page.locator("#filter-partner").focus()
        page.keyboard.type("J")
        try:
            search.wait_for(timeout=5000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    page.keyboard.type("apan")
    page.locator(".dash-options-list-option-checkbox[value=JPN]").wait_for()  # the list has opened and filtered
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search === '?partner=JPN'")
    wait_for_table(page, view_rows("partner=JPN"))
    page.keyboard.press("Escape")
    page.locator("#filter-cities").evaluate("e => e.closest('details').open = true")
    page.get_by_label("Phnom Penh (Cambodia)").focus()
    page.keyboard.press("Space")
    page.wait_for_function("() => location.search === '?partner=JPN&city=phnom-penh'")
    wait_for_table(page, view_rows("partner=JPN&city=phnom-penh"))
    assert "Phnom Penh" in page.locator("#city-panel").inner_text()
