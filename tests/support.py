"""What every tier shares: the record, its query, the app and its test client (as fixtures), a free loopback port,
the one way to start a server and wait for it, and callback requests built the way the browser builds them.

Imported explicitly (``from tests.support import ...``) by the tiers, the bench and the soak; tests/conftest.py
registers the fixtures for every tier. Everything that builds the record or the app is in the four ``the_*``
functions below, so a change in how the app is made is a change here only.
"""

import functools
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
# The browser tier's one shared server, when its workers share one started for them (tests/run_tiers.py).
SHARED_SERVER_ENV = "ASCN_TEST_SERVER"


# -- the record, its query, the app (built once per process) ------------------------------------------------------

@functools.cache
def the_record():
    """The committed record (data/ or $ASCN_DATA_DIR), as the app serves it."""
    from ascn import load_dataset
    from ascn.settings import data_dir_from_env

    return load_dataset(data_dir_from_env())


@functools.cache
def the_query():
    """The query object of ``the_dash_app()`` (the one its callbacks answer from)."""
    from app import EXTENSION

    return the_dash_app().server.extensions[EXTENSION]["query"]


@functools.cache
def the_dash_app():
    """The Dash app over ``the_record()`` with default settings, its callbacks registered."""
    from app import create_app
    from ascn.settings import Settings

    return create_app(the_record(), Settings())


@functools.cache
def app_with(**settings):
    """An app over ``the_record()`` with these settings (``public_url=...``), one per distinct settings."""
    from app import create_app
    from ascn.settings import Settings

    return create_app(the_record(), Settings(**settings))


@pytest.fixture(scope="session")
def public_address():
    """``public_address(value)``: a test client of an app configured with ASCN_PUBLIC_URL=value (None: unset), its
    address checked as the environment's would be."""
    from ascn.settings import parse_public_url

    def client_for(value: str | None):
        client = app_with(public_url=parse_public_url(value)).server.test_client()
        client.get("/")
        return client

    return client_for


def the_server():
    """The Flask server of ``the_dash_app()``."""
    return the_dash_app().server


@pytest.fixture(scope="session")
def record():
    return the_record()


@pytest.fixture(scope="session")
def query():
    return the_query()


@pytest.fixture(scope="session")
def dash_app():
    return the_dash_app()


@pytest.fixture(scope="session")
def client(dash_app):
    """Flask's test client of the app; the page was requested once (Dash finishes its set-up on the first request)."""
    client = dash_app.server.test_client()
    client.get("/")
    return client


# -- servers on 127.0.0.1 ---------------------------------------------------------------------------------------------

def free_port() -> int:
    """A TCP port nobody listens on at this moment, on the loopback address."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A server process started by ``start_server``: its own session (so ``stop`` ends its workers too), its port,
    its base address, its log file and how long it took to be ready."""

    def __init__(self, proc: subprocess.Popen, port: int, log_path: Path, startup_s: float):
        self.proc, self.port, self.log_path, self.startup_s = proc, port, log_path, startup_s
        self.base = f"http://127.0.0.1:{port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)  # the session started for it: the server and its workers only
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def _answers(base: str, ready: str | None, port: int) -> bool:
    try:
        if ready is None:  # a TCP connect only: the caller's requests stay the server's first ones
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        with urllib.request.urlopen(base + ready, timeout=5) as response:
            return response.status == 200
    except OSError:  # refused, reset, timed out, or an HTTP error status while the server sets up
        return False


def start_server(command: list[str] | None = None, env: dict[str, str | None] | None = None, *, port: int | None = None,
                 ready: str | None = "/_dash-layout", timeout: float = 60, log_path: Path | None = None) -> Server:
    """Start ``command`` (default ``python app.py``) from the repository root on 127.0.0.1 and a free port (HOST and
    PORT in its environment), and return once ``ready`` answers 200 (``None``: once the port accepts a connection),
    within ``timeout`` seconds. ``env`` adds to this process's environment; a value of None removes the variable.
    The server's output goes to a file (a pipe nobody reads fills up and blocks the server)."""
    port = port or free_port()
    full_env = {**os.environ, **{k: v for k, v in (env or {}).items() if v is not None}, "HOST": "127.0.0.1", "PORT": str(port)}
    for name, value in (env or {}).items():
        if value is None:
            full_env.pop(name, None)
    if log_path is None:
        handle, name = tempfile.mkstemp(prefix="ascn-server-", suffix=".log")
        os.close(handle)
        log_path = Path(name)
    started = time.monotonic()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(command or [sys.executable, "app.py"], cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    server = Server(proc, port, log_path, 0.0)
    deadline = started + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}:\n{server.log()[-3000:]}")
        if _answers(server.base, ready, port):
            server.startup_s = time.monotonic() - started
            return server
        time.sleep(0.05)  # bounded by the deadline
    server.stop()
    raise RuntimeError(f"the server did not answer within {timeout} s:\n{server.log()[-3000:]}")


# -- callback requests as the browser builds them, from the app's own callback map -------------------------------------

def _id(text: str):
    return json.loads(text) if text.startswith("{") else text


def _is_many(cid) -> bool:
    return isinstance(cid, dict) and any(isinstance(v, list) for v in cid.values())


def server_callbacks(dash_app=None) -> dict[str, dict]:
    """Output key -> registered callback, for the callbacks that run on the server (not clientside)."""
    dash_app = dash_app or the_dash_app()
    if not dash_app.callback_map:
        dash_app.server.test_client().get("/_dash-layout")  # Dash fills its callback map on the first request
    return {k: v for k, v in dash_app.callback_map.items() if v.get("callback")}


def find_callback(input_id: str, prop: str, output_part: str = "", dash_app=None) -> str:
    """The output key of the server callback with this input (and this text in its outputs)."""
    return next(k for k, v in server_callbacks(dash_app).items()
                if {"id": input_id, "property": prop} in v["inputs"] and output_part in k)


def envelope(output: str, values: dict | None = None, trigger: str | None = None, dash_app=None) -> dict:
    """A well-formed request for the callback ``output``; ``values`` maps "id.property" to the value sent."""
    spec = server_callbacks(dash_app)[output]
    values = values or {}

    def entries(deps):
        out = []
        for dep in deps:
            cid = _id(dep["id"])
            if _is_many(cid):
                out.append([])  # no component of a pattern on this page
                continue
            entry = {"id": cid, "property": dep["property"]}
            key = f"{dep['id']}.{dep['property']}"
            if key in values:
                entry["value"] = values[key]
            out.append(entry)
        return out

    deps = spec["output"] if isinstance(spec["output"], list) else [spec["output"]]
    outputs = [{"id": _id(d.component_id_str()), "property": d.component_property} for d in deps]
    inputs = entries(spec["inputs"])
    first = next((f"{d['id']}.{d['property']}" for d in spec["inputs"] if not _is_many(_id(d["id"]))), "")
    body = {"output": output, "outputs": outputs if isinstance(spec["output"], list) else outputs[0], "inputs": inputs,
            "changedPropIds": [trigger or first]}
    if spec.get("state"):
        body["state"] = entries(spec["state"])
    return body


def filter_change(trigger: str | None = None, value=None, query=None, **given) -> dict:
    """The filter change's answer (named outputs), computed in-process as the callback would for an action on
    ``trigger`` ("id.property", or None for the page's first load) that sent ``value``. ``given`` sets other inputs
    and states by their names in layouts.filter_change (``search=``, ``view=``, ``filters={"partner": [...]}``)."""
    from contextvars import copy_context

    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    from ascn import filters as kinds
    from layouts import filter_change as change
    from layouts.explorer import year_bounds

    query = query or the_query()
    low, high = year_bounds(query.dataset)  # the slider's ends, as the page draws them
    values = {name: None for name in (*change.inputs(), *change.state())}
    values.update(search="", filters={k.param: None for k in kinds.list_kinds()}, view={}, map_add=False,
                  year_min=low, year_max=high)
    for name, given_value in given.items():
        values[name] = {**values["filters"], **given_value} if name == "filters" else given_value
    for name, dep in change.inputs().items():  # the triggering input holds the value it sent
        for param, inner in (dep.items() if isinstance(dep, dict) else [(None, dep)]):
            if trigger == f"{inner.component_id}.{inner.component_property}":
                if param is None:
                    values[name] = value
                else:
                    values[name] = {**values[name], param: value}

    def run():
        triggered = [{"prop_id": trigger, "value": value}] if trigger else []
        context_value.set(AttributeDict(triggered_inputs=triggered))
        return change.answer(query, values)

    return copy_context().run(run)


# -- hypothesis: short runs in the unit tier, the long ones in the integration tier ------------------------------------

LONG_EXAMPLES_ENV = "ASCN_LONG_EXAMPLES"


def examples(unit: int, long: int) -> int:
    """How many examples a property test draws: ``unit`` in the unit tier (inside its 30 s), ``long`` when the
    property tests run again with ASCN_LONG_EXAMPLES=1 (`make test-long`, which CI runs after `make test`)."""
    return long if os.environ.get(LONG_EXAMPLES_ENV) == "1" else unit


# -- settings read from the environment ---------------------------------------------------------------------------------

# -- the browser tier's page sizes and readiness ------------------------------------------------------------------------

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def wait_for_app(page) -> None:
    """The page is ready when the map is drawn, nothing is pending and nothing moves (the page mode's answer can
    resize the map after the first drawing: a click measured before that lands elsewhere)."""
    page.set_default_timeout(45000)  # generous: CI machines are small and may be busy
    page.wait_for_selector("#map .geo .choroplethlocation", state="attached", timeout=45000)
    page.wait_for_selector("#map .scattergeo .point", state="attached", timeout=30000)
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')", timeout=30000)
    settle(page)


# Counts the page's requests in flight (Dash's callbacks go through fetch); tests/browser/conftest.py adds it to every
# browser context, so a wait can tell "nothing pending" from "the next callback not sent yet".
INFLIGHT_SCRIPT = """(() => { if (window.__ascnInflight !== undefined) return; window.__ascnInflight = 0;
    const send = window.fetch; window.fetch = function (...args) { window.__ascnInflight++;
        return send.apply(this, args).finally(() => { window.__ascnInflight--; }); }; })();"""
# The page is idle and still: no callback pending or in flight, every chart in view showing its latest figure
# (assets/js/lazy.js), and nothing a user sees moving (the document's size, every chart's box) for STILL_MS; Plotly's
# own resize waits 100 ms, so a fit after drawing restarts the window.
STILL_MS = 200
STILL = """(ms) => new Promise(resolve => {
    const idle = () => !(window.__ascnInflight > 0) && !document.querySelector('[data-dash-is-loading="true"]') &&
        !(window.ascnChartsBehind && window.ascnChartsBehind().length);
    const shape = () => JSON.stringify([document.documentElement.scrollWidth, document.documentElement.scrollHeight,
        ...[...document.querySelectorAll('.js-plotly-plot .main-svg, iframe')].map(e => {
            const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })]);
    if (!idle()) return resolve(false);
    const first = shape(), started = performance.now();
    const step = () => { if (!idle() || shape() !== first) return resolve(false);
        if (performance.now() - started >= ms) return resolve(true); setTimeout(step, 25); };
    setTimeout(step, 25);  // timers, not animation frames: a frame out of view gets no animation frames
})"""


def settle(page, timeout: float = 30000) -> None:
    """Wait until no Dash callback is pending or in flight and the page has stopped moving (a page or a frame).
    STILL answers with a promise, which ``wait_for_function`` takes as truthy whatever it resolves to: asked again
    here until it resolves true."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(STILL, STILL_MS):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the page was still moving or waiting after {timeout / 1000:.0f} s")
        time.sleep(0.05)


def scroll_to(page, selector: str) -> None:
    """Scroll ``selector`` into view as a user would, and wait until the charts there show the current view (a chart
    below the fold is drawn when it comes into view)."""
    page.locator(selector).first.scroll_into_view_if_needed()
    settle(page)


def _table_in_view(page, read):
    """What ``read(page)`` finds in the partnerships table once it is scrolled into view and shows the current rows
    (they are handed to it when it is in view), the page scrolled back where it was (a click by coordinates after)."""
    where = page.evaluate("() => [scrollX, scrollY]")
    scroll_to(page, "#table")
    try:
        return read(page)
    finally:
        page.evaluate("([x, y]) => window.scrollTo(x, y)", where)


def table_ids(page) -> list[int]:
    """Partnership numbers in the grid, in display order."""
    return _table_in_view(page, lambda p: p.evaluate("""() => { const out = []; dash_ag_grid.getApi('table')
        .forEachNodeAfterFilterAndSort(n => out.push(n.data.partnership_id)); return out; }"""))


def wait_for_table(page, expected: list[int]) -> None:
    _table_in_view(page, lambda p: p.wait_for_function("""(expected) => { const api = dash_ag_grid.getApi('table');
        if (!api) return false; const out = []; api.forEachNodeAfterFilterAndSort(n => out.push(n.data.partnership_id));
        return JSON.stringify(out.slice().sort((a, b) => a - b)) === JSON.stringify(expected); }""", arg=expected, timeout=45000))


def city_point(page, city_id: str):
    """The map marker of a city, found through the id the figure carries in customdata."""
    index = page.evaluate("""(cid) => document.getElementById('map').querySelector('.js-plotly-plot')
        .data[1].customdata.findIndex(row => row[0] === cid)""", city_id)
    return page.locator("#map .trace.scattergeo").first.locator(".point").nth(index)


def click_city(page, city_id: str, shift: bool = False) -> None:
    """Click a city's map marker at its centre, holding shift when asked (shift-click adds to the selection)."""
    box = city_point(page, city_id).bounding_box()
    if shift:
        page.keyboard.down("Shift")
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    if shift:
        page.keyboard.up("Shift")


def wait_until(page, condition, timeout: float = 30) -> None:
    """Poll a condition the test reads through Playwright (a frame's address, say) until it holds or ``timeout`` seconds
    pass; Playwright's events are delivered while it waits, so the short waits are what let the condition change."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout} s")
        page.wait_for_timeout(50)


def view_rows(params: str = "") -> list[int]:
    """The partnership numbers of a view (a query string, as in a link), sorted, as the API answers them in process:
    the browser tier's expected rows follow the record instead of being written out."""
    answer = the_server().test_client().get(f"/api/partnerships.json?{params}")
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    return sorted(row["partnership_id"] for row in answer.get_json()["rows"])


def go(page, search: str) -> None:
    """Change the view as the page's own links do (no new page load), and wait for its summary: ``search`` is a query
    string without its '?'."""
    page.evaluate("(s) => { history.pushState({}, '', '/?' + s); window.dispatchEvent(new PopStateEvent('popstate')); }", search)
    page.wait_for_function("(s) => document.getElementById('summary').textContent.startsWith(s)",
                           arg=f"{len(view_rows(search))} of ")
