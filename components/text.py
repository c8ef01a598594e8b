"""Words the page shows about a selection: chart titles, chips, summaries."""

import html

from ascn.dataset import Dataset
from ascn.selection import Selection
from ascn.vocab import FOCUS_AREAS

# Two short lines each, so the source fits under the narrowest chart.
PARTNERSHIP_SOURCE = "Source: Martinus (2020), ISEAS Perspective 2020/32,\nTable 2; years from public reporting."
COMMITMENT_SOURCE = "Source: Martinus (2020), ISEAS Perspective 2020/32,\nTable 1 and text; amounts as stated, not converted."


def safe(text: object) -> str:
    """Text for plotly labels: escaped, so markup in the data shows as text; newlines become line breaks."""
    return html.escape(str(text), quote=False).replace("\n", "<br>")


def year_span(sel: Selection) -> str | None:
    if sel.unknown_year == "only":
        return "year unknown only"
    if sel.year_from is None and sel.year_to is None:
        return None if sel.unknown_year == "include" else "known years only"
    low = sel.year_from if sel.year_from is not None else "…"
    high = sel.year_to if sel.year_to is not None else "…"
    span = f"{low}–{high}" if low != high else str(low)
    return span + ("" if sel.unknown_year == "include" else ", known years only")


def describe(sel: Selection, dataset: Dataset) -> str:
    """A short phrase naming the current filters, or 'all partnerships'."""
    parts = []
    if sel.member_states:
        parts.append(", ".join(dataset.economy_name(c) for c in sel.member_states))
    if sel.cities:
        names = dataset.cities["name"]
        parts.append(", ".join(names.get(c, c) for c in sel.cities))
    if sel.partners:
        parts.append("partner " + ", ".join(dataset.economy_name(c) for c in sel.partners))
    if sel.focus_areas:
        parts.append(", ".join(FOCUS_AREAS[f].lower() for f in sel.focus_areas))
    span = year_span(sel)
    if span:
        parts.append(span)
    return "; ".join(parts) if parts else "all partnerships"


def chips(sel: Selection, dataset: Dataset) -> list[tuple[str, str, str]]:
    """(URL parameter, value, label) for each active filter, in the filter panel's order."""
    names = dataset.cities["name"]
    out = [("member_state", c, f"Member state: {dataset.economy_name(c)}") for c in sel.member_states]
    out += [("city", c, f"City: {names.get(c, c)}") for c in sel.cities]
    out += [("partner", c, f"Partner: {dataset.economy_name(c)}") for c in sel.partners]
    out += [("focus_area", f, f"Focus: {FOCUS_AREAS[f]}") for f in sel.focus_areas]
    span = year_span(sel)
    if span:
        out.append(("years", "", f"Years: {span}"))
    return out
