"""The tier's warm profile (tests/browser/conftest.py) keeps caches, never a site's state: what one test leaves in
storage, cookies or permissions is gone for the next, as in a new browser."""

from tests.support import LAPTOP


def test_a_closed_context_leaves_nothing_for_the_next(browser, app_url):
    first = browser.new_context(viewport=LAPTOP, permissions=["clipboard-read"])
    page = first.new_page()
    page.goto(app_url + "/healthz")  # a tiny page of the site's origin: storage without loading the app
    page.evaluate("""() => { localStorage.setItem('left', '1'); sessionStorage.setItem('left', '1');
        document.cookie = 'left=1; max-age=600'; }""")
    assert page.evaluate("navigator.permissions.query({name: 'clipboard-read'}).then(p => p.state)") == "granted"
    first.close()

    second = browser.new_context(viewport={"width": 390, "height": 844})
    page = second.new_page()
    page.goto(app_url + "/healthz")
    assert page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    assert page.evaluate("[innerWidth, innerHeight]") == [390, 844]
    assert page.evaluate("navigator.permissions.query({name: 'clipboard-read'}).then(p => p.state)") != "granted"
    second.close()
