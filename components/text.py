"""Words the page shows about a selection: chart titles, chips, summaries."""

import html

from ascn.dataset import Dataset
from ascn.selection import PROVENANCE_LABELS, Selection
from ascn.vocab import FOCUS_AREAS

# Short lines, so the source fits under the narrowest chart: it is anchored to the plot's right edge, and plotly
# cannot anchor an annotation to the figure's, so a long line runs off the left of a chart with long axis labels.
PARTNERSHIP_SOURCE = "Source: Martinus (2020), ISEAS\nPerspective 2020/32, Table 2, and later\nreporting; each year's report in the table."
EVENT_SOURCE = "Sources: ISEAS Perspective 2020/32;\nASEAN concept note; VNA; WeGO;\nBangkok Post (28 Jul 2023). See About the data."
COMMITMENT_SOURCE = "Source: Martinus (2020), ISEAS\nPerspective 2020/32, Table 1 and text;\namounts as stated, not converted."


def safe(text: object) -> str:
    """Text for plotly labels: escaped, so markup in the data shows as text; newlines become line breaks."""
    return html.escape(str(text), quote=False).replace("\n", "<br>")


def count_of(n: int, noun: str, plural: str | None = None) -> str:
    """'1 partnership', '4 partnerships', '1,500 partnerships'."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


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
    if sel.provenances:
        parts.append(" or ".join(PROVENANCE_LABELS[v][0].lower() + PROVENANCE_LABELS[v][1:] for v in sel.provenances))
    return "; ".join(parts) if parts else "all partnerships"


def chips(sel: Selection, dataset: Dataset) -> list[tuple[str, str, str]]:
    """(URL parameter, value, label) for each active filter, in the filter panel's order."""
    names = dataset.cities["name"]
    out = [("member_state", c, f"Member state: {dataset.economy_name(c)}") for c in sel.member_states]
    out += [("city", c, f"City: {names.get(c, c)}") for c in sel.cities]
    out += [("partner", c, f"Partner: {dataset.economy_name(c)}") for c in sel.partners]
    out += [("focus_area", f, f"Focus: {FOCUS_AREAS[f]}") for f in sel.focus_areas]
    out += [("provenance", v, f"Source: {PROVENANCE_LABELS[v]}") for v in sel.provenances]
    span = year_span(sel)
    if span:
        out.append(("years", "", f"Years: {span}"))
    return out


def _top(counts: dict[str, int], names: dict[str, str], n: int = 3) -> str:
    ranked = sorted(((v, k) for k, v in counts.items() if v), reverse=True)[:n]
    return ", ".join(f"{names.get(k, k)} ({v})" for v, k in ranked) or "none"


def chart_summaries(query, sel: Selection, as_of: int | None = None) -> tuple[str, str, str, str, str]:
    """One sentence per chart (map, focus, trend, partners, commitments) for screen readers.

    ``as_of`` is the network year the map shows: only the cities that had joined by then are on it.
    """
    dataset = query.dataset
    what = describe(sel, dataset)
    cities = query.city_summary(sel)
    if as_of is not None:
        cities = cities[cities["joined"] <= as_of]
    with_any = cities[cities["count"] > 0]
    city_names = dict(zip(cities.index, cities["name"]))
    network = f"the network in {as_of}" if as_of is not None else "the network today"
    map_text = (f"Map of {count_of(len(cities), 'member city', 'member cities')} ({network}) for {what}: "
                f"{len(with_any)} {'has' if len(with_any) == 1 else 'have'} partnerships; "
                f"most: {_top(dict(zip(cities.index, cities['count'])), city_names)}.")
    focus = query.by_focus(sel)
    focus_text = f"Partnerships by focus area for {what}: " + ", ".join(f"{FOCUS_AREAS[f]} {int(focus[f])}" for f in FOCUS_AREAS) + "."
    years = query.by_year(sel).sum(axis=1)
    known = {y: int(v) for y, v in years.items() if y != "unknown"}
    trend_text = (f"Partnerships per year for {what}: " + (", ".join(f"{y}: {v}" for y, v in known.items()) or "no known years")
                  + f"; year unknown: {int(years.get('unknown', 0))}.")
    partners = query.by_partner(sel).sum(axis=1)
    names = {c: dataset.economy_name(c) for c in partners.index}
    partners_text = f"Partner economies for {what}: {_top(partners.to_dict(), names, n=5)}."
    commitments = query.commitments(sel)
    commitments_text = (f"{len(commitments)} commitments of external partners: "
                        + "; ".join(f"{r['date']} {r['title']}" for _, r in commitments.iterrows()) + ".")
    return map_text, focus_text, trend_text, partners_text, commitments_text
