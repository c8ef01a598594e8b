"""Fixtures for browser tests: the real app on 127.0.0.1 and headless Debian Chromium (never skipped)."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env_extra: dict | None = None, command: list[str] | None = None) -> tuple[subprocess.Popen, str]:
    """Start the app on a free loopback port and wait (at most 60 s) until it answers."""
    port = free_port()
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), **(env_extra or {})}
    # The server's log goes to a file: a pipe nobody reads fills up and blocks the server mid-suite.
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(command or [sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"app exited with {proc.returncode}: {log.read().decode(errors='replace')}")
        try:
            with urllib.request.urlopen(base + "/_dash-layout", timeout=2):
                return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("app did not answer within 60 s")


@pytest.fixture(scope="session")
def app_url():
    proc, base = start_server()
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), "Chromium is missing: `make test` installs Debian's chromium; browser tests never skip"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


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


def wait_for_app(page) -> None:
    """The page is ready when the map is drawn and the table has settled."""
    page.set_default_timeout(45000)  # generous: CI machines are small and may be busy
    page.wait_for_selector("#map .geo .choroplethlocation", state="attached", timeout=45000)
    page.wait_for_selector("#map .scattergeo .point", state="attached", timeout=30000)
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')", timeout=30000)
