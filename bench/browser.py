"""First-visit bytes and time to drawn map and charts (app, floor, peer), in headless Debian Chromium (Playwright), on loopback only."""

import shutil
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1366, "height": 768}
# Whether an element is on screen now: drawn and settled are over the graphs in view (the app draws the ones below
# the fold when they are scrolled to; the peer draws all of its graphs and is timed the same way).
ON_SCREEN_JS = "(el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.bottom > 0 && r.top < innerHeight; }"

# Drawn: the d3-geo map has its shapes and its markers; every chart has its marks; no callback is pending.
FLOOR_DRAWN = """() => document.querySelectorAll('#floor-map .scattergeo .point').length > 0
    && document.querySelectorAll('#floor-map .geo .layer path').length > 0
    && !document.querySelector('[data-dash-is-loading="true"]')"""
APP_DRAWN = """() => {
    const drawn = (sel) => document.querySelectorAll(sel).length > 0;
    const inView = ON_SCREEN;
    if (!drawn('#map .choroplethlocation') || !drawn('#map .scattergeo .point')) return false;
    for (const id of ['chart-focus', 'chart-trend', 'chart-partners', 'chart-commitments']) {  // those in view
        const el = document.getElementById(id);
        if (el && inView(el) && !drawn('#' + id + ' .point')) return false;
    }
    return !(window.ascnChartsBehind && window.ascnChartsBehind().length) && !document.querySelector('[data-dash-is-loading="true"]');
}""".replace("ON_SCREEN", ON_SCREEN_JS)

# The peer (bench/peer_app.py): its five graphs drawn, the choropleth's shapes in, no callback pending.
PEER_DRAWN = """() => ['map', 'chart-focus', 'chart-trend', 'chart-partners', 'chart-commitments'].every(
        id => ((document.querySelector('#' + id + ' .js-plotly-plot') || {}).data || []).length > 0)
    && document.querySelectorAll('#map .choroplethlocation').length > 0
    && !document.querySelector('[data-dash-is-loading="true"]')"""


class Browser:
    """One headless Chromium; every measurement in a new context (empty cache, as a first visit)."""

    def __init__(self):
        from playwright.sync_api import sync_playwright

        if not Path(CHROMIUM).exists():
            raise RuntimeError("Chromium is missing: `make bench` installs Debian's chromium")
        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)

    def close(self) -> None:
        self.browser.close()
        self._pw.stop()

    def visit(self, url: str, drawn_js: str, timeout_ms: int = 180_000) -> dict:
        """A first visit: milliseconds from navigation start to drawn, bytes on the wire (compressed, with
        headers) until the network is idle, requests made, and any request that left 127.0.0.1."""
        context = self.browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            urls: dict[str, str] = {}
            encoded: dict[str, int] = {}
            cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
            cdp.on("Network.loadingFinished", lambda e: encoded.__setitem__(e["requestId"], e["encodedDataLength"]))
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(url, wait_until="commit", timeout=timeout_ms)
            # performance.now() counts from the navigation's start: read it when the page is drawn.
            drawn_ms = page.wait_for_function(f"() => ({drawn_js})() ? performance.now() : false", polling="raf",
                                              timeout=timeout_ms).json_value()
            page.wait_for_load_state("networkidle", timeout=timeout_ms)
            page.wait_for_timeout(300)
            base = url.split("/", 3)[:3]
            origin = "/".join(base)
            foreign = [u for u in urls.values() if not u.startswith((origin, "data:", "blob:"))]
            plotly_full = [u for u in urls.values() if "plotly.min.js" in u]
            return {"drawn_ms": float(drawn_ms), "bytes": sum(encoded.values()), "requests": len(urls), "foreign": foreign,
                    "errors": errors, "full_plotly_fetched": bool(plotly_full),
                    "by_url": sorted(((encoded.get(rid, 0), u.replace(origin, "")) for rid, u in urls.items()), reverse=True)}
        finally:
            context.close()
