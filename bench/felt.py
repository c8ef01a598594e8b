"""Felt latency of a filter change in headless Chromium, against the redraw-only limit on the same page.

A change is made as a user makes it: open the partner dropdown, type the name, click the option. It is
felt until the page is settled: the last `plotly_afterplot` of every graph in view has fired, nothing redrew for
`QUIET_MS`, no request is in flight and no graph in view is waiting to be drawn (the app draws a graph below the
fold when it is scrolled to; the peer draws all of its graphs, and is timed over the ones in view the same way). The clock starts at the click's pointerdown.

The limit: the figures each graph showed before and after the change (captured from the page once settled)
are replayed with `Plotly.react`, no server, between the same two states, and timed to settled the same way.
Every request the browser made for a change is recorded (body, bytes), so the server-side benchmarks replay
exactly what the page sends, whatever its callback structure.
"""

import json
import re
import statistics
from dataclasses import dataclass, field

from bench.browser import ON_SCREEN_JS

QUIET_MS = 300
CALLBACK_PATH = "/_dash-update-component"

# Installed before the page's own scripts: counts requests in flight, logs what happens when (for timelines),
# keeps the time of the user's input, listens to every graph's plotly_afterplot, snapshots and replays figures.
SETTLE_JS = r"""
(() => {
  const graphId = (gd) => gd.id || (gd.parentElement && gd.parentElement.closest('[id]') || {}).id || '?';
  const graphs = () => Object.fromEntries([...document.querySelectorAll('.js-plotly-plot')].map(gd => [graphId(gd), gd]));
  const b = window.__bench = {log: [], inflight: 0, lastNetEnd: 0, since: Infinity, armed: false, snaps: {}, hooked: new WeakSet()};
  const now = () => performance.now();
  const note = (kind, what) => b.log.push({t: now(), kind, what});
  const nameOf = (body) => { try { return JSON.parse(body).output; } catch (e) { return ''; } };
  const origFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : (input && input.url) || '';
    const what = url.includes('_dash-update-component') ? nameOf(init && init.body) : url.split('?')[0];
    b.inflight++; note('request', what);
    const done = () => { b.inflight--; b.lastNetEnd = now(); note('answer', what); };
    return origFetch.apply(this, arguments).then(r => { done(); return r; }, e => { done(); throw e; });
  };
  const open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (m, url) { this.__url = String(url); return open.apply(this, arguments); };
  XMLHttpRequest.prototype.send = function () {
    b.inflight++; note('request', this.__url);
    this.addEventListener('loadend', () => { b.inflight--; b.lastNetEnd = now(); note('answer', this.__url); });
    return send.apply(this, arguments);
  };
  for (const type of ['pointerdown', 'mousedown', 'keydown']) {
    document.addEventListener(type, (e) => {
      if (b.armed) { b.armed = false; b.since = e.timeStamp; b.log = b.log.filter(x => x.t >= e.timeStamp); note('input', type); }
    }, true);
  }
  b.hook = () => {
    for (const [id, gd] of Object.entries(graphs())) {
      if (!b.hooked.has(gd) && gd.on) { b.hooked.add(gd); gd.on('plotly_afterplot', () => note('afterplot', id)); }
    }
  };
  // Settled is over the graphs in view: a page may leave the ones below the fold until they are scrolled to.
  b.inView = (id) => { const el = document.getElementById(id); return !el || (ON_SCREEN)(el); };
  b.sizes = () => Object.fromEntries(Object.entries(graphs()).filter(([id]) => b.inView(id))
    .map(([id, gd]) => { const r = gd.getBoundingClientRect(); return [id, [Math.round(r.width), Math.round(r.height)]]; }));
  b.arm = () => { b.hook(); b.armed = true; b.since = Infinity; b.log = []; };
  b.settled = (quiet) => {
    if (b.inflight > 0 || document.querySelector('[data-dash-is-loading="true"]')) return false;
    if (window.ascnChartsBehind && window.ascnChartsBehind().length) return false;  // a chart in view still to draw
    const plots = b.log.filter(e => e.kind === 'afterplot' && e.t >= b.since && b.inView(e.what));
    if (!plots.length) return false;
    const last = plots[plots.length - 1].t;
    if (now() - Math.max(last, b.lastNetEnd) < quiet) return false;
    return {felt: last - b.since, afterplots: plots.length,
            timeline: b.log.map(e => ({t: Math.round(e.t - b.since), kind: e.kind, what: e.what}))};
  };
  const plain = (k, v) => ArrayBuffer.isView(v) ? Array.from(v) : v;  // typed arrays as JSON lists
  b.snapshot = (key) => {
    const figs = {};
    for (const [id, gd] of Object.entries(graphs())) {
      if (gd.data) figs[id] = JSON.stringify({data: gd.data, layout: gd.layout}, plain);
    }
    b.snaps[key] = figs;
    return Object.keys(figs).length;
  };
  // Plotly.react every graph whose figure differs between two snapshots, to the `to` state, all in one task
  // (as Dash applies one answer); the clock starts now.
  b.replay = (from, to) => {
    b.hook(); b.log = []; b.since = now(); note('input', 'replay');
    let n = 0;
    const gds = graphs();
    for (const [id, fig] of Object.entries(b.snaps[to])) {
      if (b.snaps[from][id] === fig) continue;
      const f = JSON.parse(fig); n++;
      window.Plotly.react(gds[id], f.data, f.layout);
    }
    return n;
  };
})();
""".replace("ON_SCREEN", ON_SCREEN_JS)


@dataclass
class Change:
    """One filter change as the browser made it."""

    label: str
    felt_ms: float
    afterplots: int
    timeline: list[dict]
    requests: list[dict] = field(default_factory=list)  # {"name", "body", "up", "down"} in the order sent
    limit_ms: float | None = None
    replayed: int = 0

    @property
    def bodies(self) -> list[str]:
        return [r["body"] for r in self.requests]

    @property
    def bytes(self) -> int:
        return sum(r["up"] + r["down"] for r in self.requests)


def option_pattern(name: str) -> re.Pattern:
    """A dropdown option for ``name``: 'Japan' or 'Japan (4)' (the app shows counts), nothing longer."""
    return re.compile(rf"^\s*{re.escape(name)}( \(\d[\d,]*\))?\s*$")


class FeltSession:
    """One page, one tab: changes made through the partner dropdown, each timed to settled."""

    def __init__(self, browser, url: str, drawn_js: str, dropdown: str = "#filter-partner", timeout_ms: int = 180_000):
        from bench.browser import VIEWPORT

        self.context = browser.new_context(viewport=VIEWPORT)
        self.context.add_init_script(SETTLE_JS)
        self.page = self.context.new_page()
        self.dropdown, self.timeout_ms = dropdown, timeout_ms
        self._requests: list = []
        self.page.on("request", lambda r: self._requests.append(r) if r.method == "POST" and CALLBACK_PATH in r.url else None)
        self.page.goto(url, timeout=timeout_ms)
        self.page.wait_for_function(drawn_js, polling=100, timeout=timeout_ms)
        self.page.wait_for_load_state("networkidle", timeout=timeout_ms)
        self.page.evaluate("window.__bench.hook()")
        self.page.wait_for_timeout(QUIET_MS * 2)  # late resizes of the first drawing
        self.state = 0
        self.page.evaluate(f"window.__bench.snapshot('s{self.state}')")

    def close(self) -> None:
        self.context.close()

    def views_drawn(self, names: list[str]) -> dict:
        """After ``felt_changes(self, names)``: the figures the graphs in view showed in each view, and their sizes
        (what bench/clientside_floor.py draws)."""
        return drawn_views(self.page.evaluate("window.__bench.snaps"), self.page.evaluate("window.__bench.sizes()"), names)

    def _wait_settled(self) -> dict:
        return self.page.wait_for_function(f"() => window.__bench.settled({QUIET_MS})", polling=50,
                                           timeout=self.timeout_ms).json_value()

    def choose(self, name: str, limit: bool = True) -> Change:
        """Click ``name`` in the dropdown (selects it, or unselects it when chosen already), wait until settled."""
        page = self.page
        page.click(self.dropdown)
        page.fill(".dash-dropdown-search", name)
        option = page.get_by_role("option", name=option_pattern(name))
        option.wait_for(timeout=self.timeout_ms)
        change = self.act(name, lambda _: option.click())
        page.keyboard.press("Escape")  # close the dropdown; it draws nothing
        before, self.state = self.state, self.state + 1
        page.evaluate(f"window.__bench.snapshot('s{self.state}')")
        if limit:
            change.limit_ms, change.replayed = self.limit(f"s{before}", f"s{self.state}")
        return change

    def act(self, label: str, action) -> Change:
        """Any user action, ``action(page)`` (a click on the map, a key in presentation), timed from its input to
        settled like a partner choice, with the requests it made."""
        self._requests.clear()
        self.page.evaluate("window.__bench.arm()")
        action(self.page)
        result = self._wait_settled()
        return Change(label, result["felt"], result["afterplots"], result["timeline"], [self._describe(r) for r in self._requests])

    def limit(self, before: str, after: str) -> tuple[float, int]:
        """Redraw-only time between two captured states: back to ``before`` (untimed), then to ``after`` (timed).
        The page ends as Dash left it."""
        if not self.page.evaluate(f"window.__bench.replay('{after}', '{before}')"):
            return 0.0, 0
        self._wait_settled()
        replayed = self.page.evaluate(f"window.__bench.replay('{before}', '{after}')")
        return self._wait_settled()["felt"], replayed

    def _describe(self, request) -> dict:
        sizes = request.sizes()
        body = request.post_data or ""
        try:
            name = json.loads(body).get("output", "")
        except ValueError:
            name = ""
        return {"name": name, "body": body, "up": sizes["requestHeadersSize"] + sizes["requestBodySize"],
                "down": sizes["responseHeadersSize"] + sizes["responseBodySize"]}


def felt_changes(session: FeltSession, names: list[str], limit: bool = True) -> list[Change]:
    """Each name chosen, then unchosen: two changes per name, each timed (and its limit, when asked)."""
    changes = []
    for name in names:
        changes.append(session.choose(name, limit))
        changes.append(session.choose(name, limit))
    return changes


def drawn_views(snaps: dict, sizes: dict, names: list[str]) -> dict:
    """The snapshots of ``felt_changes`` (s0: none chosen, s1: the first name, s2: none, s3: the second, ...) as
    {"sizes": sizes, "views": {chosen name, or "" for none: {graph id: figure}}}, for the graphs in ``sizes`` only."""
    states = {"": "s0", **{name: f"s{2 * i + 1}" for i, name in enumerate(names)}}
    return {"sizes": sizes, "views": {view: {g: json.loads(snaps[key][g]) for g in sizes} for view, key in states.items()}}


SCENE_BAR = "#scene-bar"


def presentation_steps(session: FeltSession, count: int) -> list[Change]:
    """Scene after scene with the right arrow, as a presenter steps (``session`` opened on a presentation): each
    step timed from the key press until its caption is shown and the graphs in view are settled."""
    steps = []
    for _ in range(count):
        before = session.page.locator(SCENE_BAR).inner_text()
        step = session.act("next scene", lambda page: page.keyboard.press("ArrowRight"))
        after = session.page.locator(SCENE_BAR).inner_text()
        if after == before:
            raise RuntimeError(f"the right arrow did not step the presentation (scene bar still {before[:40]!r})")
        step.label = after.split(" ", 1)[0]  # "2/7": the scene reached
        steps.append(step)
    return steps


def medians(changes: list[Change]) -> dict:
    out = {"n": len(changes), "felt_ms": statistics.median(c.felt_ms for c in changes),
           "requests": statistics.median(len(c.requests) for c in changes), "bytes": statistics.median(c.bytes for c in changes)}
    limits = [c.limit_ms for c in changes if c.limit_ms]
    if limits:
        out["limit_ms"] = statistics.median(limits)
    return out


def timeline_text(change: Change) -> str:
    """The change as a list of 'ms what' lines (requests shortened to their first output)."""
    lines = []
    for e in change.timeline:
        what = e["what"] or ""
        if what.startswith(".."):
            what = what[2:].split("...")[0] + " (+more)"
        lines.append(f"{e['t']:>6} ms  {e['kind']:<9} {what}")
    return "\n".join(lines)


def busiest_partners(data_dir, count: int) -> list[str]:
    """Names of the ``count`` partner economies with the most partnerships in a data directory (the choices a
    user is likeliest to make), busiest first."""
    import csv
    from collections import Counter

    with open(data_dir / "economies.csv", encoding="utf-8", newline="") as f:
        names = {r["code"]: r["name"] for r in csv.DictReader(f)}
    with open(data_dir / "partnerships.csv", encoding="utf-8", newline="") as f:
        counts = Counter(code for r in csv.DictReader(f) for code in r["partner_economies"].split(";") if code)
    return [names[code] for code, _ in counts.most_common(count)]
