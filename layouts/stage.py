"""Presentation mode's stage: which charts a scene shows beside the map, so that each scene fits one screen."""

import functools
from urllib.parse import parse_qs

from dash import Input, Output, html

from components import ids
from layouts.modes import is_present, split_search
from layouts.presenter import scene_position

SCENE_CHARTS = "scene-charts"  # its class names the charts shown (css: .mode-present:has(#scene-charts.show-...))
CHARTS = ("focus", "trend", "partners", "commitments", "matrix", "story")
MAX_CHARTS = 2  # beside the map on a 1280x720 screen, with type readable from the back of a room


def charts_for(view: str, listed: str | None = None) -> list[str]:
    """The charts a scene talks about: its ``charts`` column when the scenes file has one (space- or comma-separated
    names from CHARTS), else a guess from its view: focus areas for a focus filter, years for a year filter,
    partners otherwise (who works with the network is what most scenes are about)."""
    if listed:
        named = [c for c in listed.replace(",", " ").split() if c in CHARTS]
        if named:
            return named[:MAX_CHARTS]
    params = parse_qs(view or "")
    if "focus_area" in params:
        return ["focus"]
    if {"year_from", "year_to", "unknown_year"} & set(params):
        return ["trend"]
    return ["partners"]


def stage() -> html.Div:
    return html.Div(id=SCENE_CHARTS, hidden=True)


def scene_charts(query, search):
    """Class names of the charts the current scene shows (none outside presentation mode)."""
    _, page = split_search(search)
    if not is_present(page):
        return ""
    scenes = query.dataset.scenes
    position = scene_position(scenes, page)
    if position is None:
        charts = ["focus"]  # the title screen: the map and what the partnerships are about
    else:
        scene = scenes.iloc[position]
        charts = charts_for(scene["view"], scene.get("charts"))
    return " ".join([f"show-{c}" for c in charts] + ["one" if len(charts) == 1 else "two"])


def register(app, query) -> None:
    app.callback(Output(SCENE_CHARTS, "className"), Input(ids.URL, "search"))(functools.partial(scene_charts, query))
