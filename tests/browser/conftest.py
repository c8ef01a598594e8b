"""Fixtures for browser tests: the real app on 127.0.0.1 and headless Debian Chromium (never skipped)."""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.support import INFLIGHT_SCRIPT, LAPTOP, SHARED_SERVER_ENV, start_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The last two cut the tier's CPU by about 15% (measured on two of its files, alternated twice: 109-112 core-seconds
# against 125-140) and change nothing a test asserts: V8 runs its compilers and garbage collector on the page's own
# thread (on two busy cores its helper threads only competed with the other worker), and a scroll jumps instead of
# animating its frames (Bootstrap sets `scroll-behavior: smooth`, and the tier scrolls to every chart and table it
# reads). `make bench` keeps Chromium's defaults: it measures what a user's browser does.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--js-flags=--single-threaded", "--disable-smooth-scrolling"]


@pytest.fixture(scope="session")
def app_url():
    """The tier's one shared server: the one `make test` started for every worker, or one started here."""
    if os.environ.get(SHARED_SERVER_ENV):
        yield os.environ[SHARED_SERVER_ENV]
        return
    with start_server() as server:
        yield server.base


@pytest.fixture(scope="session")
def browser(app_url, tmp_path_factory):
    assert Path(CHROMIUM).exists(), "Chromium is missing: `make test` installs Debian's chromium; browser tests never skip"
    with sync_playwright() as pw:
        fresh = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        profile = pw.chromium.launch_persistent_context(tmp_path_factory.mktemp("profile"), executable_path=CHROMIUM,
                                                        args=CHROMIUM_ARGS, headless=True, accept_downloads=True)
        profile.add_init_script(INFLIGHT_SCRIPT)
        yield TestBrowser(fresh, profile, app_url)
        profile.close()
        fresh.close()


class TestBrowser:
    """What a test opens its contexts on. A context is a view of the worker's one warm profile while no other is
    open: its pages start as a new browser's would (no cookies, storage or permissions, cleared when the context
    closes), but the HTTP and compiled-code caches are kept, which takes about a quarter off every page load of the
    tier. A second context open at the same time, or one that emulates a phone's touch screen, is a fresh incognito
    one. Every context counts its pages' requests in flight (tests.support.settle waits on it)."""

    def __init__(self, fresh, profile, app_url: str):
        self._fresh, self._profile, self._app_url = fresh, profile, app_url
        self._open: WarmContext | None = None
        for blank in profile.pages:
            blank.close()

    def new_context(self, viewport: dict | None = None, permissions: list[str] | None = None, accept_downloads: bool = True,
                    **emulation):
        if self._open is None and not emulation:
            self._open = WarmContext(self, viewport or DEFAULT_VIEWPORT, permissions or [])
            return self._open
        context = self._fresh.new_context(viewport=viewport or DEFAULT_VIEWPORT, permissions=permissions or [],
                                          accept_downloads=accept_downloads, **emulation)
        context.add_init_script(INFLIGHT_SCRIPT)
        return context


DEFAULT_VIEWPORT = {"width": 1280, "height": 720}  # Playwright's own default for a new context
# Everything a site can keep in a browser, except the HTTP cache (the point of the warm profile).
SITE_STORAGE = "cookies,local_storage,indexeddb,service_workers,cache_storage,file_systems,websql,shared_storage"


class WarmContext:
    """One test's context on the warm profile: its own pages at its own viewport, and the site's storage and
    permissions wiped when it closes so the next test starts clean."""

    def __init__(self, owner: TestBrowser, viewport: dict, permissions: list[str]):
        self._owner, self._viewport, self._pages, self._scripts = owner, viewport, [], []
        if permissions:
            owner._profile.grant_permissions(permissions, origin=owner._app_url)

    def new_page(self):
        page = self._owner._profile.new_page()
        page.set_viewport_size(self._viewport)
        for script in self._scripts:
            page.add_init_script(script)
        self._pages.append(page)
        return page

    def add_init_script(self, script: str) -> None:
        self._scripts.append(script)
        for page in self._pages:
            page.add_init_script(script)

    def close(self) -> None:
        profile = self._owner._profile
        wipe = profile.new_page()
        session = profile.new_cdp_session(wipe)
        session.send("Storage.clearDataForOrigin", {"origin": self._owner._app_url, "storageTypes": SITE_STORAGE})
        session.detach()
        for page in profile.pages:  # its own, the popups they opened, and the wipe's
            page.close()
        profile.clear_cookies()
        profile.clear_permissions()
        self._owner._open = None


class PageWatch:
    """Every request and console error a page makes, to assert it stays on its own host."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if not (u.startswith(self.base) or u.startswith("data:") or u.startswith("blob:"))]


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport=LAPTOP, accept_downloads=True)
    page = context.new_page()
    page.watch = PageWatch(page, app_url)
    yield page
    context.close()
