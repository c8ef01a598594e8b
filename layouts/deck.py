"""The presenter's own deck: capture a view as a scene, edit and order the scenes, present them, save them as a
scenes file (the contract of data/scenes.csv) and open such a file, checked by the validator's own rules.

The deck lives in the browser (a local dcc.Store); everything that comes back from it is cleaned here, by the
same parsing as a link, before it is shown, presented or saved.
"""

import base64
import binascii
import csv
import functools
import io
import re
import zlib

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

from ascn import cells, scenes, vocab, wording
from ascn.csvread import BOM
from ascn.selection import parse_params
from components import ids
from components.embed import origin_of
from layouts.modes import MAX_DECK, VIEW_PAGE_PARAMS, parse_page, read_search, split_search, view_query
from layouts.stage import scene_chart_names

MAX_TITLE, MAX_CAPTION = 200, 1000  # characters
MAX_UPLOAD = 200_000  # bytes of an opened scenes file
MAX_SHARE = 2_000  # characters of a deck carried in a link (a chat or a mail client keeps a link of this length whole)
SHARE_PREFIX = "#deck="  # in the fragment: never sent to a server, never part of the view the filters read
SHARE_TEXT = re.compile(r"[A-Za-z0-9_-]{1,%d}" % MAX_SHARE)


def _text(value: object, limit: int) -> str:
    """One cell of a scene: plain text on one line, no control characters, trimmed."""
    text = value if isinstance(value, str) else ""
    text = " ".join(cells.CONTROL.sub(" ", text).split())
    return text[:limit].strip()


def canonical_view(query, view: object) -> str:
    """A view (URL parameters) as the page understands it: what it does not understand is left out."""
    params, raw_page = split_search(view if isinstance(view, str) else "")
    selection = parse_params(params, query.allowed).selection
    page = {k: v for k, v in parse_page(raw_page, query.dataset.scenes.index).items() if k in VIEW_PAGE_PARAMS}
    return view_query(selection, page).lstrip("?")


def clean_scene(query, scene: object) -> dict | None:
    if not isinstance(scene, dict):
        return None
    charts = [c for c in scenes.chart_names(_text(scene.get("charts"), 100)) if c in vocab.SCENE_CHARTS]
    return {"title": _text(scene.get("title"), MAX_TITLE) or wording.DECK_UNTITLED,
            "caption": _text(scene.get("caption"), MAX_CAPTION), "view": canonical_view(query, scene.get("view")),
            "charts": " ".join(dict.fromkeys(charts[:vocab.MAX_SCENE_CHARTS]))}


def clean_deck(query, deck: object) -> list[dict]:
    """The deck the browser sent, each scene cleaned (anything that is not a scene is dropped)."""
    items = deck if isinstance(deck, list) else []
    return [s for s in (clean_scene(query, item) for item in items[:100]) if s is not None][:MAX_DECK]  # 100: inputs.py's bound


def capture(query, search: object) -> dict:
    """The current view as a scene: its validated view, the charts the stage shows for it, a title and a caption
    from the view's description."""
    selection, page, _ = read_search(search, query)
    view = view_query(selection, {k: v for k, v in page.items() if k in VIEW_PAGE_PARAMS}).lstrip("?")
    what = wording.describe(selection, query.allowed)
    charts = scene_chart_names(query, {"view": view, "charts": ""})
    caption = wording.summary(query.count(selection), len(query.dataset.partnerships), what)
    if "network_year" in page:
        caption = f"{caption} {wording.deck_network_year(page['network_year'])}"
    return clean_scene(query, {"title": wording.deck_title(what), "caption": caption, "view": view, "charts": " ".join(charts)})


def deck_csv(deck: list[dict]) -> str:
    """The deck as a scenes file (docs/data-contract.md, scenes.csv): it passes the validator."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*scenes.COLUMNS, *scenes.OPTIONAL])
    for number, scene in enumerate(deck, start=1):
        writer.writerow([number, scene["title"], scene["caption"], scene["view"], scene["charts"]])
    return out.getvalue()


def read_deck(query, raw: bytes) -> tuple[list[dict] | None, list[str]]:
    """A scenes file a presenter opens: the deck, or None and every problem (with its line) by the validator's rules."""
    if raw.startswith(BOM):
        raw = raw[len(BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, [wording.deck_problem(0, "", None, wording.DECK_NOT_READ)]
    frame, problems = scenes.read_scenes_text(text)
    if frame is not None and not problems:
        problems = scenes.view_problems(frame, lambda params: parse_params(params, query.allowed))
    if len(frame if frame is not None else []) > MAX_DECK:
        problems = [*problems, scenes.Problem(scenes.SCENES, 0, "", None, wording.DECK_FULL.format(MAX_DECK))]
    if frame is None or problems:
        return None, [wording.deck_problem(p.line, p.column, p.value, p.message) for p in sorted(problems)]
    return clean_deck(query, frame[["title", "caption", "view", "charts"]].to_dict("records")), []


def share_link(deck: list[dict], href: object) -> str:
    """The deck in one link: its scenes file, compressed and base64url-encoded in the fragment; "" when too long."""
    packed = base64.urlsafe_b64encode(zlib.compress(deck_csv(deck).encode("utf-8"), 9)).decode("ascii").rstrip("=")
    return f"{origin_of(href) or ''}/{SHARE_PREFIX}{packed}" if deck and len(packed) <= MAX_SHARE else ""


def read_share(query, fragment: object) -> tuple[list[dict] | None, list[str]]:
    """A deck from a link's fragment, by the same rules as an opened file; (None, []) when the link carries none."""
    text = fragment[len(SHARE_PREFIX):] if isinstance(fragment, str) and fragment.startswith(SHARE_PREFIX) else None
    if text is None:
        return None, []
    raw = _unpacked(text)
    if raw is None:  # cut short or changed on the way: said as such, not as a file's encoding
        return None, [wording.DECK_LINK_BROKEN]
    return read_deck(query, raw)


def _unpacked(text: str) -> bytes | None:
    """The UTF-8 scenes file a link's fragment carries, or None when the link was cut short or changed (its text,
    its encoding, or a compressed stream that stops short or unpacks past a file's limit)."""
    if not SHARE_TEXT.fullmatch(text):
        return None
    unpack = zlib.decompressobj()
    try:
        raw = unpack.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)), MAX_UPLOAD)
        raw.decode("utf-8")
    except (binascii.Error, ValueError, zlib.error):  # UnicodeDecodeError is a ValueError
        return None
    return raw if unpack.eof else None


def deck_href(query, deck: list[dict], position: int) -> str:
    """Presentation of the deck's scene at ``position`` (0-based): the link carries the scene's view."""
    params, raw_page = split_search(deck[position]["view"])
    page = {k: v for k, v in parse_page(raw_page, query.dataset.scenes.index).items() if k in VIEW_PAGE_PARAMS}
    return "/" + view_query(parse_params(params, query.allowed).selection, page, present="1", deck=str(position + 1))


def deck_position(deck: list[dict], page: dict[str, str]) -> int | None:
    text = page.get("deck", "")
    return int(text) - 1 if text.isdigit() and 0 < int(text) <= len(deck) else None


def panel() -> dbc.Card:
    """The deck panel: its list is drawn by ``change`` from the stored deck."""
    return dbc.Card(dbc.CardBody([
        html.H2(wording.DECK_HEADING, className="h6"),
        html.P(wording.DECK_HOW_TO, className="small text-secondary mb-2"),
        html.Div([
            dbc.Button(wording.DECK_ADD, id=ids.DECK_ADD, color="primary", size="sm"),
            dbc.Button(wording.DECK_PRESENT, id=ids.DECK_PRESENT, color="secondary", size="sm", href="/?present=1", external_link=False,
                       disabled=True),
            dbc.Button(wording.DECK_SAVE, id=ids.DECK_SAVE, color="secondary", outline=True, size="sm", disabled=True),
            dcc.Upload(html.Span(wording.DECK_OPEN, className="btn btn-outline-secondary btn-sm"), id=ids.DECK_OPEN,
                       accept=".csv,text/csv", max_size=MAX_UPLOAD, className="d-inline-block"),
        ], className="d-flex flex-wrap gap-2 mb-2"),
        html.Div(id=ids.DECK_MESSAGE, role="status", **{"aria-live": "polite"}),
        html.Label([html.Span(wording.DECK_SHARE, className="small fw-semibold d-block"),
                    dbc.Input(id=ids.DECK_SHARE, value="", readonly=True, size="sm", className="font-monospace")], className="d-block mb-1 w-100"),
        html.P(wording.DECK_SHARE_HOW, className="small text-secondary mb-2"),
        html.Ol(id=ids.DECK_PANEL, className="deck-list list-unstyled mb-0"),
        dcc.Store(id=ids.DECK_MOVE),
        dcc.Download(id=ids.DECK_DOWNLOAD),
    ]), className="mb-3 chrome", id="deck-card")


def _button(text: str, kind: str, i: int, label: str, style: str = "secondary", disabled: bool = False) -> html.Button:
    return html.Button(text, id={"type": kind, "index": i}, className=f"btn btn-sm btn-outline-{style}", disabled=disabled,
                       title=label, **{"aria-label": label})


def _item(number: int, scene: dict) -> html.Li:
    i = number - 1
    return html.Li([
        html.Div([
            html.Span(str(number), className="deck-number fw-bold", **{"aria-hidden": "true"}),
            html.Label([html.Span(wording.deck_scene_label(number, wording.DECK_TITLE), className="visually-hidden"),
                        dbc.Input(id={"type": ids.DECK_TITLE, "index": i}, value=scene["title"], debounce=True, size="sm",
                                  maxLength=MAX_TITLE)], className="flex-grow-1"),
            _button(wording.DECK_UP, ids.DECK_UP, i, wording.deck_move(number, "up"), disabled=i == 0),
            _button(wording.DECK_DOWN, ids.DECK_DOWN, i, wording.deck_move(number, "down")),
            _button(wording.DECK_REMOVE, ids.DECK_REMOVE, i, wording.deck_remove(number), style="danger"),
        ], className="d-flex gap-2 align-items-center"),
        html.Label([html.Span(wording.deck_scene_label(number, wording.DECK_CAPTION), className="visually-hidden"),
                    dbc.Textarea(id={"type": ids.DECK_CAPTION, "index": i}, value=scene["caption"], debounce=True, rows=2,
                                 maxLength=MAX_CAPTION, className="form-control-sm mt-1")], className="d-block"),
        html.Code(scene["view"] or wording.DECK_WHOLE_RECORD, className="small text-secondary"),
    ], className="deck-item border rounded p-2 mb-2", draggable="true", **{"data-index": str(i)})


def items(deck: list[dict]) -> list:
    return [_item(n, s) for n, s in enumerate(deck, start=1)] or [html.Li(wording.DECK_EMPTY, className="small text-secondary")]


def _moved(deck: list[dict], source: int, target: int) -> list[dict]:
    if not (0 <= source < len(deck) and 0 <= target < len(deck)) or source == target:
        return deck
    out = list(deck)
    out.insert(target, out.pop(source))
    return out


def _edited(deck: list[dict], trigger: dict, value: object) -> list[dict]:
    key = "title" if trigger["type"] == ids.DECK_TITLE else "caption"
    i = trigger.get("index")
    if not isinstance(i, int) or not 0 <= i < len(deck):
        return deck
    return [{**s, key: value} if n == i else s for n, s in enumerate(deck)]


def _reordered(deck: list[dict], trigger: dict, clicks: object) -> list[dict]:
    i = trigger.get("index")
    if not clicks or not isinstance(i, int) or not 0 <= i < len(deck):
        return deck  # a button drawn anew, not pressed
    if trigger["type"] == ids.DECK_REMOVE:
        return deck[:i] + deck[i + 1:]
    return _moved(deck, i, i - 1 if trigger["type"] == ids.DECK_UP else i + 1)


def _opened(query, contents: object, name: object) -> tuple[list[dict] | None, list]:
    name = _text(name, 100) or "file"
    try:
        raw = base64.b64decode(str(contents).partition(",")[2], validate=True)
    except (binascii.Error, ValueError):
        raw = b"\xff"
    return _said(name, *read_deck(query, raw))


def _said(name: str, deck: list[dict] | None, problems: list[str], refused: str = "") -> tuple[list[dict] | None, list]:
    """The deck read from a file or a link, and what the panel says of it (``refused``: the heading of a refusal,
    by default the file's)."""
    if deck is None:
        heading = refused or wording.DECK_REFUSED.format(name=name)
        return None, [dbc.Alert([html.Strong(heading), html.Ul([html.Li(p) for p in problems], className="mb-0")],
                                color="warning", className="py-2 small mt-2")]
    return deck, [html.P(wording.DECK_OPENED.format(name=name, count=len(deck)), className="small mb-1")]


def change(query, add, move, _ups, _downs, _removes, _titles, _captions, contents, search, stored, filename, fragment, href):
    """Every change to the deck, and its panel drawn again when its scenes or their order changed (an edited
    title or caption is not drawn again: the presenter is typing there). A shared deck's link is read on the
    page's first load, and its fragment then cleared (a reload keeps the presenter's edits)."""
    deck, trigger, message, redraw, cleared = clean_deck(query, stored), ctx.triggered_id, no_update, True, no_update
    if trigger is None and isinstance(fragment, str) and fragment.startswith(SHARE_PREFIX):
        opened, message = _said(wording.DECK_SHARED, *read_share(query, fragment), refused=wording.DECK_LINK_REFUSED)
        deck, cleared = (opened if opened is not None else deck), ""
    elif trigger == ids.DECK_ADD and add:
        if len(deck) < MAX_DECK:
            deck = [*deck, capture(query, search)]
        else:
            message = html.P(wording.DECK_FULL.format(MAX_DECK), className="small mb-1")
    elif trigger == ids.DECK_MOVE and isinstance(move, list) and len(move) == 2:
        deck = _moved(deck, *move)
    elif trigger == ids.DECK_OPEN and contents:
        opened, message = _opened(query, contents, filename)
        deck = opened if opened is not None else deck
    elif isinstance(trigger, dict) and trigger.get("type") in (ids.DECK_TITLE, ids.DECK_CAPTION):
        value = next((t["value"] for t in ctx.triggered if t), None)
        deck, redraw = clean_deck(query, _edited(deck, trigger, value)), False
    elif isinstance(trigger, dict):
        deck = _reordered(deck, trigger, next((t["value"] for t in ctx.triggered if t), None))
    present = deck_href(query, deck, 0) if deck else "/?present=1"
    link = share_link(deck, href)
    shared = link or (wording.DECK_SHARE_TOO_LONG if deck else "")
    return deck, items(deck) if redraw else no_update, message, present, not deck, not deck, shared, cleared


def save(query, _clicks, stored):
    deck = clean_deck(query, stored)
    return dict(content=deck_csv(deck), filename=wording.DECK_FILE, type="text/csv") if deck else no_update


def register(app, query) -> None:
    app.callback(
        Output(ids.DECK, "data"), Output(ids.DECK_PANEL, "children"), Output(ids.DECK_MESSAGE, "children"),
        Output(ids.DECK_PRESENT, "href"), Output(ids.DECK_PRESENT, "disabled"), Output(ids.DECK_SAVE, "disabled"),
        Output(ids.DECK_SHARE, "value"), Output(ids.URL, "hash"),
        Input(ids.DECK_ADD, "n_clicks"), Input(ids.DECK_MOVE, "data"),
        Input({"type": ids.DECK_UP, "index": ALL}, "n_clicks"), Input({"type": ids.DECK_DOWN, "index": ALL}, "n_clicks"),
        Input({"type": ids.DECK_REMOVE, "index": ALL}, "n_clicks"),
        Input({"type": ids.DECK_TITLE, "index": ALL}, "value"), Input({"type": ids.DECK_CAPTION, "index": ALL}, "value"),
        Input(ids.DECK_OPEN, "contents"), State(ids.URL, "search"), State(ids.DECK, "data"), State(ids.DECK_OPEN, "filename"),
        State(ids.URL, "hash"), State(ids.URL, "href"),
    )(functools.partial(change, query))
    app.callback(Output(ids.DECK_DOWNLOAD, "data"), Input(ids.DECK_SAVE, "n_clicks"), State(ids.DECK, "data"),
                 prevent_initial_call=True)(functools.partial(save, query))


def deck_bar(query, deck: list[dict], page: dict[str, str], leave: str) -> list:
    """The scene bar for a scene of the presenter's deck: as for the scenes file (the same ids, so the same keys)."""
    position = deck_position(deck, page)
    if position is None:
        heading, caption, controls = wording.PRESENTATION, wording.DECK_EMPTY, []
    else:
        heading = wording.scene_heading(position + 1, len(deck), deck[position]["title"])
        caption, controls = deck[position]["caption"], []
        if position > 0:
            controls.append(dcc.Link(wording.PREVIOUS, href=deck_href(query, deck, position - 1), id="scene-prev", className="btn btn-light btn-lg"))
        if position + 1 < len(deck):
            controls.append(dcc.Link(wording.NEXT, href=deck_href(query, deck, position + 1), id="scene-next", className="btn btn-light btn-lg"))
    controls.append(dcc.Link(wording.LEAVE, href=leave, id="scene-exit", className="btn btn-outline-light btn-lg"))
    return [
        html.Div([html.H2(heading, className="h3 mb-1"), html.P(caption, className="lead mb-0")], className="flex-grow-1"),
        html.Div(controls, className="d-flex gap-2 flex-wrap"),
    ]
