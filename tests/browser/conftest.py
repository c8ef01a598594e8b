"""Fixtures for browser tests: the real app on 127.0.0.1 and headless Debian Chromium (never skipped)."""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.support import INFLIGHT_SCRIPT, LAPTOP, SHARED_SERVER_ENV, start_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def app_url():
    """The tier's one shared server: the one `make test` started for every worker, or one started here."""
    if os.environ.get(SHARED_SERVER_ENV):
        yield os.environ[SHARED_SERVER_ENV]
        return
    with start_server() as server:
        yield server.base


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), "Chromium is missing: `make test` installs Debian's chromium; browser tests never skip"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield CountingBrowser(browser)
        browser.close()


class CountingBrowser:
    """The browser, whose every new context counts its pages' requests in flight (tests.support.settle waits on it)."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **kwargs):
        context = self._browser.new_context(**kwargs)
        context.add_init_script(INFLIGHT_SCRIPT)
        return context

    def __getattr__(self, name):
        return getattr(self._browser, name)


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
