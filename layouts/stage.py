"""Presentation mode's stage: which charts a scene shows beside the map, so that each scene fits one screen."""

from urllib.parse import parse_qs

from dash import html

from ascn import scenes, vocab
from ascn.selection import parse_params
from layouts.modes import is_present, scene_position, split_search

SCENE_CHARTS = "scene-charts"  # its class names the charts shown (css: .mode-present:has(#scene-charts.show-...))
CHARTS = vocab.SCENE_CHARTS
MAX_CHARTS = vocab.MAX_SCENE_CHARTS  # beside the map on a 1280x720 screen, with type readable from the back of a room
GUESSES = ("partners", "focus", "trend")  # after the view's own guess, in this order, when it has nothing to show


def marks(aggregates: dict, chart: str) -> int:
    """How many bars (or years, or commitments) ``chart`` draws for a view: one mark is not a comparison."""
    if chart == "focus":
        return int((aggregates["by_focus"] > 0).sum())
    if chart == "partners":
        return len(aggregates["by_partner"])
    if chart == "trend":
        return len(aggregates["by_year"])
    if chart == "commitments":
        return len(aggregates["commitments"])
    return 2  # the matrix and the story: chosen by a scene's author only (the validator checks the names)


def charts_for(view: str, listed: str | None = None, aggregates: dict | None = None) -> list[str]:
    """The charts a scene talks about: its ``charts`` column when the scenes file has one (space- or comma-separated
    names from CHARTS), else a guess from its view: focus areas for a focus filter, years for a year filter,
    partners otherwise (who works with the network is what most scenes are about). Given the view's ``aggregates``
    (``Query.charts``), a guess that would draw a single bar gives way to the next that draws more."""
    if listed:
        named = [c for c in scenes.chart_names(listed) if c in CHARTS]
        if named:
            return named[:MAX_CHARTS]
    params = parse_qs(view or "")
    if "focus_area" in params:
        guess = "focus"
    elif {"year_from", "year_to", "unknown_year"} & set(params):
        guess = "trend"
    else:
        guess = "partners"
    if aggregates is None:
        return [guess]
    telling = [c for c in (guess, *GUESSES) if marks(aggregates, c) > 1]
    return telling[:1] or [guess]


def scene_chart_names(query, scene) -> list[str]:
    """The charts a scene (a row of the scenes file, or of a presenter's deck) shows beside the map."""
    params, _ = split_search(scene["view"])
    aggregates = query.charts(parse_params(params, query.allowed).selection)
    return charts_for(scene["view"], scene.get("charts"), aggregates)


def stage() -> html.Div:
    return html.Div(id=SCENE_CHARTS, hidden=True)


def deck_charts(query, search: str, deck: object, number: str) -> list[str]:
    """The charts of a scene of the presenter's deck: its ``charts`` (names checked here), for the view its link carries."""
    params, _ = split_search(search)
    item = deck[int(number) - 1] if isinstance(deck, list) and number.isdigit() and 0 < int(number) <= len(deck) else {}
    listed = item.get("charts") if isinstance(item, dict) and isinstance(item.get("charts"), str) else ""
    view = "&".join(f"{k}={v[-1]}" for k, v in params.items())
    return charts_for(view, listed[:100], query.charts(parse_params(params, query.allowed).selection))


def scene_charts(query, search, deck=None):
    """Class names of the charts the current scene shows (none outside presentation mode): sent with the filter change's
    answer, from its validated address."""
    _, page = split_search(search)
    if not is_present(page):
        return ""
    scenes = query.dataset.scenes
    position = scene_position(scenes, page)
    if "deck" in page:
        charts = deck_charts(query, search, deck, page["deck"])
    elif position is None:
        charts = ["focus"]  # the title screen: the map and what the partnerships are about
    else:
        charts = scene_chart_names(query, scenes.iloc[position])
    return " ".join([f"show-{c}" for c in charts] + ["one" if len(charts) == 1 else "two"])

