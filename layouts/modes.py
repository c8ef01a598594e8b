"""Page modes that live in the URL beside the view: presentation, scene, embed, network year, cumulative trend.

They change how the page looks, never which partnerships are selected, so the data API does not
take them; the page keeps them when the selection changes. Like the selection, they are validated
before anything (the URL, a link, the embed snippet) is built from them: ``view_query`` is the one
place a page query string is made, and it takes only validated values.
"""

from urllib.parse import parse_qs, urlencode

from ascn import numbers, vocab, wording
from ascn.paths import EMBED_PATH, is_embed_path  # noqa: F401  (re-exported: the page reads the same rule as the server)
from ascn.selection import ParamProblem, Selection, did_you_mean, parse_params

PAGE_PARAMS = ("present", "scene", "chart", "network_year", "cumulative", "deck")  # deck: a scene of the presenter's own deck
MAX_DECK = 30  # scenes in a presenter's deck (layouts/deck.py)
VIEW_PAGE_PARAMS = ("network_year", "cumulative")  # page parameters that are part of a view (a scene sets them)
NOW = "now"  # network_year when the map shows the network as it is today
ON = ("1", "true", "yes")  # how a link may switch a page mode on (it is written back as 1)
EMBED_CHARTS = wording.EMBED_CHARTS  # chart -> its name, in the embed panel's order
MAX_SEARCH = 20_000  # characters of a query string read; a longer one is a broken link, not a view


def split_search(search: str | None) -> tuple[dict[str, list[str]], dict[str, str]]:
    """(selection parameters, page parameters) of a URL query string, as written (not yet validated)."""
    text = search if isinstance(search, str) else ""
    params = parse_qs(text[:MAX_SEARCH].lstrip("?"), keep_blank_values=True)
    page = {k: v[-1] for k, v in params.items() if k in PAGE_PARAMS}
    return {k: v for k, v in params.items() if k not in PAGE_PARAMS}, page


def parse_page(raw: object, scene_ids, problems: list[ParamProblem] | None = None) -> dict[str, str]:
    """The page parameters a link may carry, each checked; the rest become ``problems``.

    The result is canonical (``present=1``, a known scene id, a known chart, a network year in range,
    ``cumulative=1``), so it can go back into a URL as it is. ``network_year=now`` is the default: left out.
    """
    problems = [] if problems is None else problems
    page: dict[str, str] = {}
    if not isinstance(raw, dict):
        return page
    scenes = {str(s) for s in scene_ids}
    for key, value in raw.items():
        if key not in PAGE_PARAMS:
            continue
        text = value.strip().lower() if isinstance(value, str) else None
        if key in ("present", "cumulative") and text in (*ON, "0", "false", "no", ""):
            if text in ON:
                page[key] = "1"
        elif key == "scene" and text in scenes:
            page[key] = text
        elif key == "chart" and text in EMBED_CHARTS:
            page[key] = text
        elif key == "deck" and text is not None and numbers.whole(text, 1, MAX_DECK) is not None:
            page[key] = str(numbers.whole(text, 1, MAX_DECK))
        elif key == "network_year" and text is not None and (text in ("", NOW) or _year(text) is not None):
            if text not in ("", NOW):
                page[key] = text
        else:
            problems.append(_page_problem(key, value, sorted(scenes, key=int)))
    return page


def _year(text: str) -> int | None:
    return numbers.whole(text, vocab.NETWORK_FOUNDED, vocab.YEAR_MAX)


def _page_problem(key: str, value: object, scenes: list[str]) -> ParamProblem:
    shown = str(value)[:80]
    allowed = {
        **wording.PAGE_PARAM_ACCEPTS,
        "scene": wording.scene_accepts(scenes),
        "chart": wording.one_of(EMBED_CHARTS),
        "network_year": wording.network_year_accepts(NOW, vocab.NETWORK_FOUNDED, vocab.YEAR_MAX),
    }[key]
    guess = did_you_mean(shown, {c: c for c in EMBED_CHARTS}) if key == "chart" else None
    return ParamProblem(key, shown, allowed, guess or "")


def view_query(selection: Selection, page: dict[str, str] | None = None, **changes: str | None) -> str:
    """The query string ("?..." or "") of a validated selection and validated page parameters.

    Every link and snippet the page builds comes from here: only known parameters, percent-encoded
    (``%26`` stays an ampersand inside a value, never a new parameter). ``changes`` set (or, with None,
    drop) page parameters: ``view_query(sel, page, present="1", scene=None)``.
    """
    page = {**(page or {}), **changes}
    params = {**selection.to_params(), **{k: page[k] for k in PAGE_PARAMS if page.get(k) and page[k] != NOW}}
    return "?" + urlencode(params, safe=",") if params else ""


def page_search(selection: Selection, page: dict[str, str]) -> str:
    """The query string of a selection, keeping the page's own (validated) parameters after it."""
    return view_query(selection, page)


def network_year(page: dict[str, str], first: int, last: int) -> int | None:
    """The year the map shows the network as it was in (None: as it is now)."""
    text = page.get("network_year", "") if isinstance(page, dict) else ""
    return numbers.whole(text, first, last)


def scene_position(scenes, page: dict[str, str]) -> int | None:
    """The position (0-based) in the scenes file of the page's ``scene``, or None."""
    text = page.get("scene", "")
    ids_ = [str(i) for i in scenes.index]
    return ids_.index(text) if text in ids_ else None


def is_present(page: dict[str, str]) -> bool:
    return isinstance(page, dict) and page.get("present") in ON


def is_cumulative(page: dict[str, str]) -> bool:
    return isinstance(page, dict) and page.get("cumulative") in ON


def read_search(search: object, query) -> tuple[Selection, dict[str, str], list[ParamProblem]]:
    """A page URL's query string, validated against the record of ``query``: (selection, page parameters, what was
    not understood)."""
    params, raw_page = split_search(search if isinstance(search, str) else "")
    parsed = parse_params(params, query.allowed)
    problems = list(parsed.problems)
    page = parse_page(raw_page, query.dataset.scenes.index, problems)
    if is_present(page) and "scene" in page:
        return scene_view(query, parsed.selection, page, problems)
    return parsed.selection, page, problems


class LeftOut(ParamProblem):
    """A value a scene's link carried that differs from the scene's own view: understood, but not the scene."""


def scene_view(query, carried: Selection, page: dict[str, str], problems: list[ParamProblem]):
    """A scene's link is the scene: the selection and the view's page parameters (network year, cumulative) are the
    scene's, whatever else the link carried; what it carried that differs from the scene's view is left out, each
    value named in ``problems`` (the page's notice)."""
    scene = page["scene"]
    params, raw_page = split_search(query.dataset.scenes.loc[int(scene), "view"])
    selection = parse_params(params, query.allowed).selection  # the scenes file is validated on load
    own = parse_page(raw_page, query.dataset.scenes.index)
    shown = {**selection.to_params(), **{k: own.get(k, "") for k in VIEW_PAGE_PARAMS}}
    carried_values = {**carried.to_params(), **{k: page.get(k, "") for k in VIEW_PAGE_PARAMS}}
    left_out = [LeftOut(k, v, wording.scene_shows_its_view(scene)) for k, v in carried_values.items()
                if v and v != shown.get(k)]
    kept = {k: v for k, v in page.items() if k not in VIEW_PAGE_PARAMS}
    return selection, {**kept, **{k: v for k, v in own.items() if k in VIEW_PAGE_PARAMS}}, problems + left_out
