"""Reading back what the figures carry: the ids a click or a selection on a map or chart names."""

from collections.abc import Collection

from components.maps import CITY_CURVES, MAP_COUNTRIES


def selected_city_ids(selected_data: dict | None, known: Collection[str] | None = None) -> tuple[str, ...]:
    """City ids of the points selected on the map (box, lasso, click, shift-click): strings only, and of ``known``
    when it is given (a forged point naming a number or an unknown id selects nothing)."""
    points = (selected_data or {}).get("points") or []
    found = (_first(p.get("customdata")) for p in points if isinstance(p, dict) and p.get("curveNumber") in CITY_CURVES)
    return tuple(dict.fromkeys(c for c in found if isinstance(c, str) and (known is None or c in known)))


def _first(customdata: object) -> object:
    return customdata[0] if isinstance(customdata, list) and customdata else None


def clicked_member_state(click_data: dict | None, members: set[str]) -> str | None:
    """The member state whose shape was clicked, or None (a city, or a neighbour)."""
    for point in (click_data or {}).get("points") or []:
        if point.get("curveNumber") == MAP_COUNTRIES and point.get("location") in members:
            return point["location"]
    return None


def clicked_cell(click_data: dict | None) -> tuple[str, str] | None:
    """(partner, city) of the matrix cell clicked, or None."""
    points = (click_data or {}).get("points") or []
    value = points[0].get("customdata") if points else None
    if isinstance(value, list) and len(value) >= 2 and all(isinstance(v, str) for v in value[:2]):
        return value[0], value[1]
    return None


def clicked_value(click_data: dict | None) -> str | None:
    """The id a chart mark carries in customdata (a year, an economy code, a focus area; a story event's year)."""
    points = (click_data or {}).get("points") or []
    if not points or points[0].get("customdata") is None:
        return None
    value = points[0]["customdata"]
    return str(value[0] if isinstance(value, list) else value)
