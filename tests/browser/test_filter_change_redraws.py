"""A filter change as a user makes it, in Chromium: each chart redraws once (no second, resize redraw after it),
and the page shows the new selection."""

from collections import Counter

from ascn.selection import Selection
from bench.browser import APP_DRAWN
from bench.felt import FeltSession
from tests.support import LAPTOP, PHONE, the_query


def test_choosing_a_partner_redraws_each_chart_once(browser, app_url):
    session = FeltSession(browser, app_url + "/", APP_DRAWN, timeout_ms=60_000)
    try:
        for name in ("Japan", "Japan"):  # chosen, then unchosen: the partners and commitments charts change height both ways
            change = session.choose(name, limit=False)
            draws = Counter(e["what"] for e in change.timeline if e["kind"] == "afterplot")
            assert draws and set(draws.values()) == {1}, change.timeline
            assert {"map", "chart-partners", "chart-commitments", "chart-trend", "chart-focus"} <= set(draws)
        query = the_query()
        total, japan = len(query.dataset.partnerships), query.count(Selection(partners=("JPN",)))
        summary = session.page.locator("#summary").inner_text()
        assert summary.startswith(f"{total} of {total} partnerships")
        session.choose("Japan", limit=False)
        assert session.page.locator("#summary").inner_text().startswith(f"{japan} of {total} partnerships")
    finally:
        session.close()


def test_charts_still_follow_the_window_width(browser, app_url):
    """Skipping the height-only redraw must not stop a chart from fitting a narrower window (a phone turned)."""
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    try:
        page.goto(app_url + "/")
        page.wait_for_function(APP_DRAWN, polling=100, timeout=60_000)
        width = "() => document.querySelector('#chart-partners .main-svg').getBoundingClientRect().width"
        wide = page.evaluate(width)
        page.set_viewport_size(PHONE)
        page.wait_for_function(f"() => ({width})() < {wide}", polling=100, timeout=10_000)
        assert page.evaluate(width) <= PHONE["width"]
    finally:
        context.close()
