"""Issue 23: the presenter's own deck, in process: capture, edit, order, save as a scenes file that passes the
validator, open such a file by the validator's rules, and present it."""

import shutil
from contextvars import copy_context

from dash import no_update
from dash._callback_context import context_value
from dash._utils import AttributeDict

from ascn import load_dataset, scenes, wording
from components import ids
from layouts import deck, presenter
from layouts.stage import scene_chart_names
from tests.support import ROOT, the_query, view_rows

QUERY = the_query()


def run_change(trigger, value, stored, search="", **inputs):
    """``deck.change`` as Dash runs it after an action on ``trigger`` (an id or a pattern id) that sent ``value``."""
    prop = "contents" if trigger == ids.DECK_OPEN else "n_clicks"
    if isinstance(trigger, dict):
        prop = "value" if trigger["type"] in (ids.DECK_TITLE, ids.DECK_CAPTION) else "n_clicks"
    prop_id = (f'{{"index":{trigger["index"]},"type":"{trigger["type"]}"}}' if isinstance(trigger, dict) else str(trigger)) + "." + prop

    def run():
        context_value.set(AttributeDict(triggered_inputs=[{"prop_id": prop_id, "value": value}] if trigger else []))  # None: the first load
        args = dict(add=None, move=None, contents=None, filename=None, fragment="", href="http://127.0.0.1:8050/")
        args.update(inputs)
        if trigger == ids.DECK_ADD:
            args["add"] = value
        if trigger == ids.DECK_OPEN:
            args["contents"] = value
        return deck.change(QUERY, args["add"], args["move"], [], [], [], [], [], args["contents"], search, stored, args["filename"],
                           args["fragment"], args["href"])

    return copy_context().run(run)


def test_capture_keeps_the_validated_view_its_charts_and_a_description():
    stored, *_ = run_change(ids.DECK_ADD, 1, [], "?partner=JPN&network_year=2018&present=1&bogus=1")
    scene = stored[0]
    assert scene["view"] == "partner=JPN&network_year=2018"  # the view only: no page mode, nothing not understood
    assert scene["title"] == "Japan" or "Japan" in scene["title"]
    assert scene["caption"].startswith(f"{len(view_rows('partner=JPN'))} of ") and "2018" in scene["caption"]
    assert scene["charts"].split() == scene_chart_names(QUERY, scene)


def test_three_views_reorder_edit_and_remove():
    stored = []
    for search in ("?partner=JPN", "?member_state=KHM", "?focus_area=safety-security"):
        stored, *_ = run_change(ids.DECK_ADD, 1, stored, search)
    assert [s["view"] for s in stored] == ["partner=JPN", "member_state=KHM", "focus_area=safety-security"]
    moved, panel, *_ = run_change({"type": ids.DECK_UP, "index": 2}, 1, stored)
    assert [s["view"] for s in moved] == ["partner=JPN", "focus_area=safety-security", "member_state=KHM"] and panel
    dragged, *_ = run_change(ids.DECK_MOVE, None, moved, move=[2, 0])
    assert [s["view"] for s in dragged][0] == "member_state=KHM"
    edited, panel, *_ = run_change({"type": ids.DECK_CAPTION, "index": 0}, " Phnom Penh\tfirst \x1b[31m", dragged)
    assert edited[0]["caption"] == "Phnom Penh first [31m"  # one line, no control characters
    assert panel is no_update  # where the presenter types, nothing is drawn again
    fewer, *_ = run_change({"type": ids.DECK_REMOVE, "index": 1}, 1, edited)
    assert len(fewer) == 2 and fewer[0] == edited[0]
    same, *_ = run_change({"type": ids.DECK_REMOVE, "index": 1}, None, edited)  # a button drawn anew is not a press
    assert same == edited


def test_a_tampered_deck_is_cleaned():
    cleaned = deck.clean_deck(QUERY, [{"title": "<b>x</b>", "view": "partner=JPN,ZZZ&present=1&network_year=1900", "charts": "pie trend"},
                                     "nonsense", {"title": ""}] * 20)
    assert len(cleaned) == deck.MAX_DECK
    assert cleaned[0] == {"title": "<b>x</b>", "caption": "", "view": "partner=JPN", "charts": "trend"}
    assert cleaned[1]["title"] and cleaned[1]["view"] == ""


def test_a_saved_deck_passes_the_validator_and_opens_as_the_same_deck(tmp_path):
    stored = []
    for search in ("?partner=JPN", "?network_year=2018", "?focus_area=safety-security&provenance=table-2"):
        stored, *_ = run_change(ids.DECK_ADD, 1, stored, search)
    stored[0]["caption"] = 'Japan, "quoted", and a comma'
    text = deck.deck_csv(stored)
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "scenes.csv").write_text(text, encoding="utf-8")
    assert len(load_dataset(data).scenes) == 3  # python -m ascn validate reads it the same way
    opened, problems = deck.read_deck(QUERY, text.encode())
    assert problems == [] and opened == deck.clean_deck(QUERY, stored)


def test_a_malformed_deck_is_refused_with_each_problem_and_its_line():
    text = "scene_id,title,caption,view,charts\n1,Fine,,partner=JPN,\n1,,,partner=XXX,pie\n3,Spaces,,a b,\n"
    opened, problems = deck.read_deck(QUERY, text.encode())
    assert opened is None
    _, expected = scenes.read_scenes_text(text)
    assert len(problems) == len(expected) >= 4
    assert any(p.startswith("line 3, charts") for p in problems) and any(p.startswith("line 4, view") for p in problems)
    opened, problems = deck.read_deck(QUERY, b"scene_id,title,caption,view\n1,A,,partner=XXX\n")  # a view the page does not understand
    assert opened is None and problems[0].startswith("line 2, view")
    stored = [{"title": "Kept", "caption": "", "view": "", "charts": ""}]
    still, _, message, *_ = run_change(ids.DECK_OPEN, "data:text/csv;base64,/w==", stored, filename="bad.csv")
    assert still == stored and "bad.csv" in str(message)


def test_a_deck_is_presented_with_the_same_bar_and_keys():
    stored = deck.clean_deck(QUERY, [{"title": "Japan", "caption": "Four partnerships", "view": "partner=JPN", "charts": "focus"},
                                     {"title": "Cambodia", "caption": "", "view": "member_state=KHM&network_year=2018"}])
    first = deck.deck_href(QUERY, stored, 0)
    assert first == "/?partner=JPN&present=1&deck=1"
    mode = presenter.page_mode(QUERY, "/", first[1:], "?city=hanoi", stored)
    bar = str(mode[2])
    assert mode[0] == "mode-present" and "1/2 · Japan" in bar and "Four partnerships" in bar
    assert "/?member_state=KHM&present=1&network_year=2018&deck=2" in bar and "/?city=hanoi" in bar  # next, and leave
    from layouts.stage import scene_charts
    assert "show-focus" in scene_charts(QUERY, first[1:], stored)


def test_a_deck_shared_as_a_link_opens_as_the_same_deck_and_a_broken_link_changes_nothing():
    """"Link to this deck": the scenes travel in the link's fragment and are read by the validator's rules, like a file."""
    mine = []
    for search in ("?partner=JPN", "?member_state=KHM&network_year=2018"):
        mine, *_ = run_change(ids.DECK_ADD, 1, mine, search)
    *_, link, _ = run_change(ids.DECK_ADD, None, mine)  # the panel drawn again: the link follows the deck
    assert link.startswith("http://127.0.0.1:8050/#deck=") and len(link) < 2_100
    fragment = link[link.index("#"):]
    opened, _panel, message, *_, cleared = run_change(None, None, [], fragment=fragment)  # a first visit to the link
    assert opened == mine and "2 scenes" in str(message) and cleared == ""  # the fragment is cleared: a reload keeps edits
    other = [{"title": "Mine", "caption": "", "view": "partner=USA", "charts": ""}]
    for broken in ("#deck=!!!", "#deck=" + "A" * 3000, fragment[:-12], "#deck=" + deck.share_link(mine, "")[7:].swapcase()):
        kept, _panel, message, *_ = run_change(None, None, other, fragment=broken)
        assert kept == deck.clean_deck(QUERY, other) and wording.DECK_LINK_REFUSED in str(message), broken
        assert wording.DECK_LINK_BROKEN in str(message) and "file is not UTF-8" not in str(message), broken  # a link's words
    bad = deck.deck_csv(mine).replace("partner=JPN", "partner=XXX").encode()
    refused = "#deck=" + __import__("base64").urlsafe_b64encode(__import__("zlib").compress(bad)).decode().rstrip("=")
    kept, _panel, message, *_ = run_change(None, None, other, fragment=refused)
    assert kept == deck.clean_deck(QUERY, other) and "line 2" in str(message)  # the validator's message, with its line
    assert wording.DECK_LINK_REFUSED in str(message) and "fix these lines and open it again" not in str(message)
    words = [__import__("hashlib").sha256(str(n).encode()).hexdigest() for n in range(30)]  # text that does not compress away
    too_many = [{"title": f"Scene {n}", "caption": " ".join(words[n:] + words[:n]), "view": "partner=JPN", "charts": ""} for n in range(30)]
    assert deck.share_link(deck.clean_deck(QUERY, too_many), "") == ""  # too long for a link: save it as a file instead
