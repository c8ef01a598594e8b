"""The filter kinds, one entry each. Everything about a kind comes from its entry: its URL parameter, its
Selection attribute, which rows it matches, its label and chip text, its allowed values and its control's id.

Parsing (``ascn.selection``), masks and facet counts (``ascn.query``), chips and descriptions
(``ascn.wording``), the callback input schema (``layouts/inputs.py``) and the controls
(``components/controls.py``) all loop over ``LIST_KINDS``: a new list filter is one entry here and, if it
needs a new kind of widget, one control. The year range and the unknown-years choice are single entries too,
with rules of their own (a range, a choice), so they are spelled out below the list kinds.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ascn import vocab

# Where a partnership comes from: one of the paper's twenty Table 2 rows, or a row added later from reporting after 2020.
# In plain words for a reader who has not seen the paper; the paper and its table are named in the credits.
PROVENANCE_LABELS = {"table-2": "From the 2020 paper (its Table 2)", "later-reporting": "Reported since the 2020 paper"}


@dataclass(frozen=True)
class ListKind:
    """A filter that picks values from a list (OR within the kind, AND across kinds)."""

    param: str  # URL and API parameter, chip parameter
    attr: str  # Selection attribute (a tuple of codes)
    label: str  # the control's label
    chip: str  # the chip's prefix ("Partner: Japan")
    placeholder: str  # the control's text when nothing is chosen
    control: str  # the control's component id
    values: Callable[[object], dict[str, str]]  # dataset -> allowed code -> display name, in display order
    pairs: Callable[[object], tuple[np.ndarray, list]]  # dataset -> (row position, code) of every partnership's values
    phrase: Callable[[list[str]], str] = ", ".join  # the kind's display names -> its part of a view's description
    widget: str = "dropdown"  # which control components/controls.py draws for it
    map_selects: bool = False  # the map can select it, so "Clear map selection" clears it
    reading: int = 0  # where its words come in a view's description and among the chips (where first, then who, on what)


def _names(dataset) -> dict[str, str]:
    econ = dataset.economies
    return dict(zip(econ.index, econ["name"]))


def _member_states(dataset) -> dict[str, str]:
    econ = dataset.economies
    names = _names(dataset)
    return {c: names[c] for c in sorted(code for code, member in zip(econ.index, econ["asean_member"]) if member)}


def _partners(dataset) -> dict[str, str]:
    econ = dataset.economies
    names = _names(dataset)
    # Partners that are not countries (the EU) are named as organisations wherever partners are listed.
    labels = {c: f"{names[c]} (organisation)" if kind == "organisation" else names[c] for c, kind in zip(econ.index, econ["kind"])}
    return {c: labels[c] for c in sorted(names, key=names.__getitem__)}


def _cities(dataset) -> dict[str, str]:
    return {city_id: name for name, city_id in sorted(zip(dataset.cities["name"], dataset.cities.index))}


def _listed(column: str) -> Callable[[object], tuple[np.ndarray, list]]:
    """The pairs of a many-valued column (a tuple per row)."""
    def pairs(dataset) -> tuple[np.ndarray, list]:
        values = dataset.partnerships[column]
        rows = np.repeat(np.arange(len(values)), values.map(len).to_numpy())
        return rows, [v for row in values for v in row]
    return pairs


def _single(column: str) -> Callable[[object], tuple[np.ndarray, list]]:
    """The pairs of a one-valued column."""
    def pairs(dataset) -> tuple[np.ndarray, list]:
        values = dataset.partnerships[column]
        return np.arange(len(values)), list(values)
    return pairs


def _state_pairs(dataset) -> tuple[np.ndarray, list]:
    """A partnership is in a member state when one of its cities is."""
    rows, cities = _listed("city_ids")(dataset)
    state = dataset.cities["member_state"]
    frame = pd.DataFrame({"row": rows, "state": state.reindex(cities).to_numpy()}).drop_duplicates()
    return frame["row"].to_numpy(), list(frame["state"])


def _lower_first(names: list[str]) -> str:
    return " or ".join(n[0].lower() + n[1:] for n in names)


LIST_KINDS: list[ListKind] = [
    ListKind("member_state", "member_states", "Member state", "Member state", "All member states", "filter-member-state",
             _member_states, _state_pairs, map_selects=True, reading=0),
    ListKind("partner", "partners", "Partner economy", "Partner", "All partners", "filter-partner", _partners,
             _listed("partner_economies"), phrase=lambda names: "partner " + ", ".join(names), reading=2),
    ListKind("focus_area", "focus_areas", "Focus area", "Focus", "All focus areas", "filter-focus", lambda _: dict(vocab.FOCUS_AREAS),
             _single("focus_area"), phrase=lambda names: ", ".join(n.lower() for n in names), reading=3),
    ListKind("city", "cities", "Cities: tick to select", "City", "All cities", "filter-cities", _cities, _listed("city_ids"),
             widget="checklist", map_selects=True, reading=1),
    ListKind("provenance", "provenances", "Reported in", "Source", "All sources", "filter-provenance",
             lambda _: dict(PROVENANCE_LABELS), _single("provenance"), phrase=_lower_first, reading=4),
]

# The year range: two parameters, one control (a range slider), one chip.
YEAR_PARAMS = ("year_from", "year_to")
YEARS_CONTROL = "filter-years"
YEARS_READING = 3.5  # a view's description names the years after what the partnerships are on, before their source
YEARS_CHIP = "years"  # the chip's parameter: removing it clears the range and the unknown-years choice
# Partnerships whose year is unknown: include them, leave them out, or show only them.
UNKNOWN_YEAR = "unknown_year"
UNKNOWN_YEAR_CHOICES = {"include": "Include unknown years", "exclude": "Known years only", "only": "Unknown years only"}
UNKNOWN_YEAR_CONTROL = "filter-unknown-year"


def list_kinds() -> list[ListKind]:
    """The list kinds, read at call time (a test may add one)."""
    return list(LIST_KINDS)


def reading_order() -> list[ListKind]:
    """The list kinds in the order their words are read: where, then who, then on what, then the source."""
    return sorted(LIST_KINDS, key=lambda k: k.reading)


def kind(param: str) -> ListKind | None:
    """The list kind of a URL parameter, or None."""
    return next((k for k in LIST_KINDS if k.param == param), None)


def kind_of_attr(attr: str) -> ListKind | None:
    """The list kind of a Selection attribute, or None."""
    return next((k for k in LIST_KINDS if k.attr == attr), None)


def params() -> tuple[str, ...]:
    """Every URL parameter a view may carry, in the filter panel's order."""
    return (*(k.param for k in LIST_KINDS), *YEAR_PARAMS, UNKNOWN_YEAR)


def allowed_values(dataset) -> dict[str, dict[str, str]]:
    """For each list parameter, the canonical values and their display names, in display order."""
    return {k.param: k.values(dataset) for k in LIST_KINDS}
