"""The felt-latency harness (bench/felt.py) measures what it says, on a tiny page in headless Chromium:
the change is felt until the last redraw, a later redraw (a resize) counts, a request in flight holds the
verdict, and the redraw-only replay takes a graph from one captured state to the other."""

import json
from pathlib import Path

from bench.felt import QUIET_MS, SETTLE_JS

ROOT = Path(__file__).resolve().parents[2]
PLOTLY = next((ROOT / "assets" / "vendor").glob("plotly-*.min.js"))
PAGE = """<!doctype html><html><body>
<button id="change">change</button><div id="g" style="width:400px;height:300px"></div>
<script src="plotly.js"></script>
<script>
  Plotly.newPlot('g', [{type: 'bar', x: ['a', 'b'], y: [1, 2]}], {});
  document.getElementById('change').addEventListener('click', () => {
    fetch("answer").then(r => r.json()).then(fig => {
      setTimeout(() => Plotly.react('g', fig.data, {}), 50);
      setTimeout(() => Plotly.react('g', fig.data, {height: 280}), 200);  // a late second redraw, like a resize
    });
  });
</script></body></html>"""
ANSWER = {"data": [{"type": "bar", "x": ["a", "b"], "y": [3, 1]}]}


def tiny_page(browser, hold_answer: list | None = None):
    context = browser.new_context()
    context.add_init_script(SETTLE_JS)
    page = context.new_page()
    base = "http://127.0.0.1/bench-felt"
    page.route(base + "/", lambda route: route.fulfill(body=PAGE, content_type="text/html"))
    page.route(base + "/plotly.js", lambda route: route.fulfill(path=str(PLOTLY), content_type="text/javascript"))

    def answer(route):
        if hold_answer is not None:
            hold_answer.append(route)  # answered later by the test
        else:
            route.fulfill(body=json.dumps(ANSWER), content_type="application/json")

    page.route(base + "/answer", answer)
    page.goto(base + "/")
    page.wait_for_function("() => document.querySelector('#g .main-svg')")
    page.evaluate("window.__bench.hook(); window.__bench.snapshot('before')")
    return context, page


def settled(page):
    return page.evaluate(f"window.__bench.settled({QUIET_MS})")


def test_a_change_is_felt_until_its_last_redraw_and_quiet(browser):
    context, page = tiny_page(browser)
    try:
        page.evaluate("window.__bench.arm()")
        page.click("#change")
        result = page.wait_for_function(f"() => window.__bench.settled({QUIET_MS})", polling=20, timeout=10_000).json_value()
        kinds = [e["kind"] for e in result["timeline"]]
        assert kinds[0] == "input" and "request" in kinds and "answer" in kinds
        assert result["afterplots"] >= 2  # both redraws, the late one included
        assert 200 <= result["felt"] < 2000
        last_plot = max(e["t"] for e in result["timeline"] if e["kind"] == "afterplot")
        assert abs(result["felt"] - last_plot) <= 1
        assert page.evaluate("performance.now()") - page.evaluate("window.__bench.since") >= result["felt"] + QUIET_MS

        # The redraw-only limit: the captured figures replayed, with no request.
        page.evaluate("window.__bench.snapshot('after')")
        assert page.evaluate("window.__bench.replay('after', 'before')") == 1
        page.wait_for_function(f"() => window.__bench.settled({QUIET_MS})", polling=20, timeout=10_000)
        assert page.evaluate("document.getElementById('g').data[0].y") == [1, 2]
        assert page.evaluate("window.__bench.replay('before', 'after')") == 1
        replay = page.wait_for_function(f"() => window.__bench.settled({QUIET_MS})", polling=20, timeout=10_000).json_value()
        assert [e["kind"] for e in replay["timeline"]].count("request") == 0 and replay["felt"] < result["felt"]
        assert page.evaluate("document.getElementById('g').data[0].y") == [3, 1]
    finally:
        context.close()


def test_a_request_in_flight_holds_the_verdict(browser):
    held = []
    context, page = tiny_page(browser, hold_answer=held)
    try:
        page.evaluate("window.__bench.arm()")
        page.click("#change")
        page.evaluate("Plotly.react('g', [{type: 'bar', x: ['a'], y: [5]}], {})")  # a redraw while the answer is pending
        page.wait_for_timeout(QUIET_MS + 200)  # the time passing is what this test is about: quiet, yet a request pending
        assert held and settled(page) is False  # quiet for long enough, but a request is still in flight
        held[0].fulfill(body=json.dumps(ANSWER), content_type="application/json")
        result = page.wait_for_function(f"() => window.__bench.settled({QUIET_MS})", polling=20, timeout=10_000).json_value()
        assert result["felt"] > QUIET_MS + 200  # the redraws after the answer count
    finally:
        context.close()
