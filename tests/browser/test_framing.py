"""Framing (issue 9.7), in Chromium: /embed may be framed by any site and by a slide deck opened from disk (file:);
the explorer and every other path may not, and only /embed renders the embed view."""

import http.server
import threading

import pytest

from tests.support import wait_until

BLOCKED = "chrome-error://"  # what Chromium shows in a frame whose framing the server's policy refuses


def deck(tmp_path, app_url: str, paths: list[str]) -> str:
    """An offline slide deck: an HTML file on disk framing the given paths of the dashboard."""
    frames = "".join(f'<iframe name="f{n}" src="{app_url}{p}" width="800" height="520"></iframe>' for n, p in enumerate(paths))
    path = tmp_path / "deck.html"
    path.write_text(f"<!doctype html><html><body><h1>My slides</h1>{frames}</body></html>", encoding="utf-8")
    return path.as_uri()


@pytest.mark.browser
def test_a_deck_opened_from_disk_frames_the_embed_view_and_nothing_else(page, app_url, tmp_path):
    paths = ["/embed?chart=trend&partner=JPN", "/", "/?present=1", "/embed/", "/embed/map", "/about"]
    page.goto(deck(tmp_path, app_url, paths))
    wait_until(page, lambda: {f.name for f in page.frames} >= {f"f{n}" for n in range(len(paths))})  # every frame attached
    frames = {f.name: f for f in page.frames if f.name}
    embed = frames["f0"]
    embed.wait_for_selector("#root.mode-embed", state="attached", timeout=45000)
    embed.wait_for_selector("#chart-trend .main-svg", state="attached", timeout=45000)
    assert embed.url.startswith(app_url + "/embed")
    wait_until(page, lambda: all(frames[f"f{n}"].url.startswith(BLOCKED) for n in range(1, len(paths))))  # or its deadline
    for n, path in enumerate(paths[1:], start=1):
        assert frames[f"f{n}"].url.startswith(BLOCKED), f"{path} was framed"


class OtherSite(http.server.BaseHTTPRequestHandler):
    """Another origin (a journalist's site): one page framing the embed view and the explorer."""

    body = b""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.mark.browser
def test_another_site_frames_the_embed_view_only(page, app_url):
    OtherSite.body = f'<iframe name="e" src="{app_url}/embed?chart=map"></iframe><iframe name="x" src="{app_url}/"></iframe>'.encode()
    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), OtherSite)  # another port: another origin
    threading.Thread(target=site.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{site.server_address[1]}/")
        frames = {f.name: f for f in page.frames if f.name}
        frames["e"].wait_for_selector("#root.mode-embed", state="attached", timeout=45000)
        wait_until(page, lambda: frames["x"].url.startswith(BLOCKED))  # or its deadline
        assert frames["x"].url.startswith(BLOCKED)
    finally:
        site.shutdown()
        site.server_close()
