"""How one user action changes the selection: a small dispatch keyed by what triggered it (pure functions)."""

from collections.abc import Callable, Collection

from ascn import filters
from ascn.selection import Selection
from components import clicks, ids, maps


def next_selection(trigger, props: set[str], current: Selection, values: dict, members: set[str],
                   cities: Collection[str] | None = None) -> Selection | None:
    """The selection after the action ``trigger`` (a component id); None when the action changes nothing.

    ``props`` are the properties of ``trigger`` that fired together: a click on the map fires clickData and
    selectedData at once. ``values`` holds the callback's inputs by name (``values["map_add"]`` is true when shift
    was held on the map: a click then adds or removes one city, a box or lasso adds its cities). ``members`` and
    ``cities`` are the record's member states and city ids: a point naming anything else selects nothing.
    """
    if isinstance(trigger, dict):
        return _chip_removed(trigger, current) if trigger.get("type") == ids.CHIP else None
    kind = next((k for k in filters.list_kinds() if k.control == trigger), None)
    if kind is not None:
        return current.replace(**{kind.attr: tuple(values["filters"].get(kind.param) or ())})
    step = STEPS.get(trigger)
    return step(current, values, props, (members, cities)) if step else None


def _years_set(current: Selection, values: dict, *_) -> Selection:
    low, high = values["years"] or (None, None)
    return current.replace(year_from=None if low == values["year_min"] else low, year_to=None if high == values["year_max"] else high)


def _unknown_set(current: Selection, values: dict, *_) -> Selection:
    return current.replace(unknown_year=values["unknown"] or "include")


def _map_action(current: Selection, values: dict, props: set[str], known: tuple) -> Selection | None:
    members, cities = known
    add = values.get("map_add") is True
    if "clickData" in props:
        state = clicks.clicked_member_state(values["map_click"], members)
        if state:
            return current.toggled("member_states", state)
        city = clicked_city(values["map_click"])
        if city and (cities is None or city in cities):
            if add or current.cities == (city,):  # shift-click toggles one city; a click on the only one clears it
                return current.toggled("cities", city)
            return current.replace(cities=(city,))
    if "selectedData" in props:
        chosen = clicks.selected_city_ids(values["map_selected"], cities)
        return current.replace(cities=tuple(dict.fromkeys((*current.cities, *chosen))) if add else chosen)
    return None


def _story_clicked(current: Selection, values: dict, *_) -> Selection | None:
    # The network as it was then: every partnership known to date from before the milestone (a year of its own may
    # have none: the 2023 meeting), with the map showing the cities that had joined (network_year).
    clicked = clicks.clicked_value(values["story_click"])
    return current.replace(year_from=None, year_to=int(clicked), unknown_year="exclude") if clicked else None


def _trend_clicked(current: Selection, values: dict, *_) -> Selection | None:
    clicked = clicks.clicked_value(values["trend_click"])
    if not clicked:
        return None
    if clicked == "unknown":
        return current.replace(year_from=None, year_to=None, unknown_year="only")
    return current.replace(year_from=int(clicked), year_to=int(clicked), unknown_year="exclude")


def _matrix_clicked(current: Selection, values: dict, *_) -> Selection | None:
    cell = clicks.clicked_cell(values["matrix_click"])  # a cell of who-works-with-whom: that partner in that city
    return current.replace(partners=(cell[0],), cities=(cell[1],)) if cell else None


def _bar_toggles(attr: str, value_key: str) -> Callable:
    def step(current: Selection, values: dict, *_) -> Selection | None:
        clicked = clicks.clicked_value(values[value_key])
        return current.toggled(attr, clicked) if clicked else None
    return step


def _map_cleared(current: Selection, *_) -> Selection:
    # Everything the map can select (cities and member states).
    return current.replace(**{k.attr: () for k in filters.list_kinds() if k.map_selects})


def _chip_removed(chip: dict, current: Selection) -> Selection | None:
    if chip.get("param") == filters.YEARS_CHIP:
        return current.replace(year_from=None, year_to=None, unknown_year="include")
    kind = filters.kind(chip.get("param"))
    return current.toggled(kind.attr, chip["value"]) if kind and isinstance(chip.get("value"), str) else None


STEPS: dict[str, Callable] = {
    ids.FILTER_YEARS: _years_set,
    ids.FILTER_UNKNOWN_YEAR: _unknown_set,
    ids.MAP: _map_action,
    ids.STORY: _story_clicked,
    ids.TREND: _trend_clicked,
    ids.MATRIX: _matrix_clicked,
    ids.PARTNERS: _bar_toggles("partners", "partners_click"),
    ids.FOCUS: _bar_toggles("focus_areas", "focus_click"),
    ids.CLEAR_ALL: lambda *_: Selection(),
    ids.CLEAR_SELECTION: _map_cleared,
}


def clicked_city(click_data) -> str | None:
    """The city id of a clicked map marker (the figure carries it first in customdata), or None."""
    for point in (click_data or {}).get("points") or []:
        data = point.get("customdata")
        if point.get("curveNumber") in maps.CITY_CURVES and isinstance(data, list) and data and isinstance(data[0], str):
            return data[0]
    return None
