"""A scene's link is the scene: ``?present=1&scene=N`` opens with scene N's view, whatever else the link carries."""

from urllib.parse import parse_qs

import pytest

from layouts import presenter
from layouts.modes import read_search, split_search
from tests.support import filter_change, the_query, view_rows

QUERY = the_query()
SCENES = QUERY.dataset.scenes


def _scene_view(scene_id) -> dict:
    """The scene's filters (its page parameters, a network year, apart)."""
    params, _ = split_search(SCENES.loc[scene_id, "view"])
    return {k: v[-1] for k, v in params.items()}


@pytest.mark.parametrize("scene_id", list(SCENES.index))
def test_a_bare_scene_link_opens_the_scenes_view(scene_id):
    out = filter_change(search=f"?present=1&scene={scene_id}")
    assert out["view"] == _scene_view(scene_id)
    filters = "&".join(f"{k}={v}" for k, v in _scene_view(scene_id).items())
    assert out["summary"].startswith(f"{len(view_rows(filters))} of ")
    assert out["notice"] == []
    year = parse_qs(SCENES.loc[scene_id, "view"]).get("network_year", ["now"])[-1]
    assert out["network_year"] == year


def test_what_a_scene_link_carries_besides_the_scene_is_left_out_with_a_notice():
    scene_id = next(s for s in SCENES.index if "partner=" in SCENES.loc[s, "view"])
    other = next(p for p in sorted(QUERY.allowed["partner"]) if p not in SCENES.loc[scene_id, "view"])
    out = filter_change(search=f"?present=1&scene={scene_id}&partner={other}&network_year=2019")
    assert out["view"] == _scene_view(scene_id)
    notice = str(out["notice"])
    assert f"partner={other}" in notice and "network_year=2019" in notice and f"scene {scene_id} shows its own view" in notice


def test_the_scene_bar_and_its_links_follow_the_scene():
    scene_id = SCENES.index[2]
    selection, page, _ = read_search(f"?present=1&scene={scene_id}&partner=CHN", QUERY)
    assert selection.to_params() == _scene_view(scene_id)
    assert presenter.scene_href(QUERY, 2).startswith("/?" + SCENES.loc[scene_id, "view"].split("&")[0])


def test_outside_presentation_the_scene_parameter_changes_no_view():
    out = filter_change(search="?scene=3&partner=CHN")
    assert out["view"] == {"partner": "CHN"}
