"""Issue 23: a presenter's own deck in the browser: capture three views, reorder by keyboard, edit a caption, reload
and find the deck, save it, present it with the arrow keys, open the saved file in a new browser and present the same
scenes; a malformed file shows the validator's messages and changes nothing; axe finds no serious issue in the panel."""

from pathlib import Path

from layouts import deck
from tests.browser.test_accessibility import AXE
from tests.browser.test_presenter_paths import PROJECTOR, SHOTS, shot
from tests.support import LAPTOP, go, scroll_to, settle, the_query, view_rows, wait_for_app

VIEWS = ("partner=JPN", "member_state=KHM", "focus_area=safety-security")
TITLES = "() => [...document.querySelectorAll('#deck-panel .deck-item input')].map(i => i.value)"


IN_VIEW = "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"


def press(page, selector: str) -> None:
    """Click a deck button as a user does: scrolled to, and once the page stopped moving. The partnerships table above
    the deck gets its rows when it comes into view and grows, which moves the deck down; a click made while it moves
    lands on whatever was there before."""
    for _ in range(3):
        scroll_to(page, selector)
        if page.locator(selector).evaluate(IN_VIEW):
            break
    page.locator(selector).click()


def deck_axe(page) -> list[str]:
    page.evaluate(AXE)
    return page.evaluate("""async () => { const r = await axe.run('#deck-card', {resultTypes: ['violations']});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => v.id + ': ' + v.help + ' -> ' + v.nodes.map(n => n.html.slice(0, 120)).join(' | ')); }""")


def present_and_step(page, titles: list[str]) -> None:
    press(page, "#deck-present")
    page.wait_for_function("(t) => document.getElementById('scene-bar').textContent.startsWith('1/3 · ' + t)", arg=titles[0])
    settle(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("(t) => document.getElementById('scene-bar').textContent.startsWith('2/3 · ' + t)", arg=titles[1])
    assert "deck=2" in page.evaluate("location.search")


def test_dck001_capture_order_edit_keep_save_present_and_open(browser, app_url, tmp_path):
    context = browser.new_context(viewport=LAPTOP, accept_downloads=True)
    page = context.new_page()
    page.goto(app_url + "/?" + VIEWS[0])
    wait_for_app(page)
    settle(page)
    for number, view in enumerate(VIEWS, start=1):
        if number > 1:
            go(page, view)
        press(page, "#deck-add")
        page.wait_for_function(f"() => document.querySelectorAll('#deck-panel .deck-item').length === {number}")
    titles = page.evaluate(TITLES)
    assert "Japan" in titles[0] and "Cambodia" in titles[1]
    page.get_by_label("Move scene 3 up").focus()  # keyboard: the third scene goes second
    page.keyboard.press("Enter")
    page.wait_for_function("(t) => document.querySelectorAll('#deck-panel .deck-item input')[1].value === t", arg=titles[2])
    # The focus follows the moved scene: Enter again moves it once more, without finding the button anew.
    page.wait_for_function("() => document.activeElement?.getAttribute('aria-label') === 'Move scene 2 up'")
    page.keyboard.press("Enter")
    page.wait_for_function("(t) => document.querySelectorAll('#deck-panel .deck-item input')[0].value === t", arg=titles[2])
    page.wait_for_function("() => document.activeElement?.getAttribute('aria-label') === 'Move scene 1 down'")  # top: no ↑
    page.keyboard.press("Enter")  # and back down: the order the rest of the test expects
    page.wait_for_function("(t) => document.querySelectorAll('#deck-panel .deck-item input')[1].value === t", arg=titles[2])
    titles = [titles[0], titles[2], titles[1]]
    caption = page.get_by_label("Scene 1: Caption")
    caption.fill("Japan's four partnerships in the paper")
    caption.press("Tab")
    page.wait_for_function("() => (JSON.parse(localStorage.getItem('deck')) || [{}])[0].caption === \"Japan's four partnerships in the paper\"")
    page.reload()
    wait_for_app(page)
    page.wait_for_function("() => document.querySelectorAll('#deck-panel .deck-item').length === 3")  # kept in the browser
    assert page.evaluate(TITLES) == titles
    assert deck_axe(page) == []
    page.locator("#deck-card").scroll_into_view_if_needed()
    shot(page, "deck-panel-laptop")
    with page.expect_download() as info:
        press(page, "#deck-save")
    saved = tmp_path / "deck.csv"
    saved.write_bytes(Path(info.value.path()).read_bytes())
    shared = page.locator("#deck-share").input_value()  # "Link to this deck"
    assert shared.startswith(app_url + "/#deck=")
    opened, problems = deck.read_deck(the_query(), saved.read_bytes())
    assert problems == [] and [s["title"] for s in opened] == titles and opened[0]["caption"].startswith("Japan's four")
    go(page, "member_state=THA")
    present_and_step(page, titles)
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('root').classList.contains('mode-present')")
    assert page.evaluate("location.search") == "?member_state=THA"  # where presentation was started from
    context.close()

    other = browser.new_context(viewport=PROJECTOR)  # a new browser: nothing in its storage
    page = other.new_page()
    page.goto(shared)  # the deck shared as a link: its scenes, by the same rules as a file
    wait_for_app(page)
    page.wait_for_function("() => document.querySelectorAll('#deck-panel .deck-item').length === 3")
    assert page.evaluate(TITLES) == titles and page.evaluate("location.hash") == ""  # read once: a reload keeps edits
    settle(page)
    bad = tmp_path / "bad.csv"
    bad.write_text("scene_id,title,caption,view,charts\n1,Fine,,partner=JPN,\n1,,,partner=XXX,pie\n", encoding="utf-8")
    page.locator("#deck-open input[type=file]").set_input_files(str(bad))
    page.wait_for_function("() => document.getElementById('deck-message').textContent.includes('line 3')")
    assert page.evaluate(TITLES) == titles  # nothing of it was loaded: the deck is unchanged
    page.locator("#deck-open input[type=file]").set_input_files(str(saved))
    page.wait_for_function("() => document.getElementById('deck-message').textContent.includes('deck.csv')")
    assert page.evaluate(TITLES) == titles
    present_and_step(page, titles)
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => document.getElementById('scene-bar').textContent.startsWith('1/3')")
    page.wait_for_function("(s) => document.getElementById('summary').textContent.startsWith(s)", arg=f"{len(view_rows(VIEWS[0]))} of ")
    assert "Japan's four" in page.locator("#scene-bar").inner_text()
    settle(page)
    shot(page, "deck-presented-1280x720")
    other.close()


DRAWN = """() => { const gd = document.getElementById('map').querySelector('.js-plotly-plot') || document.getElementById('map');
    const o = gd.data[1].marker.opacity; return Array.isArray(o) ? o.filter(v => v > 0).length : gd.data[1].lat.length; }"""


def test_ply001_the_player_steps_the_network_year_by_year(browser, app_url):
    joined = the_query().dataset.cities["joined"]
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    page.goto(app_url + "/")
    wait_for_app(page)
    settle(page)
    years = [int(v) for v in page.evaluate("() => [...document.querySelectorAll('#network-year option')].map(o => o.value)") if v.isdigit()]
    assert years[0] == int(joined.min()) and years[-1] >= int(joined.max())

    def shows(year: int) -> None:
        page.wait_for_function("(y) => document.getElementById('network-year').value === y && location.search.includes('network_year=' + y)",
                               arg=str(year))
        page.wait_for_function(f"() => ({DRAWN})() === {int((joined <= year).sum())}")

    page.emulate_media(reduced_motion="reduce")  # one year a press, nothing moves by itself
    page.locator("#player-play").click()
    shows(years[0])
    page.wait_for_timeout(1500)  # a tick would have come by now
    settle(page)
    page.locator("#map").screenshot(path=str(SHOTS / f"player-{years[0]}.png"))
    assert page.locator("#network-year").input_value() == str(years[0]) and page.locator("#player-play").get_attribute("aria-pressed") == "false"
    page.emulate_media(reduced_motion="no-preference")
    for year in years[1:3]:
        page.locator("#player-step").focus()
        page.keyboard.press("Enter")  # keyboard alone
        shows(year)
        settle(page)
        page.locator("#map").screenshot(path=str(SHOTS / f"player-{year}.png"))
    # The year shown now is the first one recorded: play steps at once, maybe before the sampler's first tick.
    started = page.evaluate("""() => { const year = () => document.getElementById('network-year').value;
        window.__years = [year()]; setInterval(() => { const v = year();
        if (window.__years[window.__years.length - 1] !== v) { window.__years.push(v); } }, 20); return performance.now(); }""")
    page.locator("#player-play").click()
    page.wait_for_function("() => document.getElementById('player-play').getAttribute('aria-pressed') === 'false'")  # stops at the last year
    seconds = (page.evaluate("performance.now()") - started) / 1000
    assert page.evaluate("window.__years") == [str(y) for y in years[2:]]  # each year once, in order
    shows(years[-1])
    assert 0.8 * (len(years) - 4) <= seconds <= 3 * len(years), seconds  # about a second a year
    page.evaluate(AXE)
    assert page.evaluate("""async () => (await axe.run('.map-header', {resultTypes: ['violations']})).violations
        .filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)""") == []
    context.close()
