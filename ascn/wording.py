"""The words the page, its charts and its exports say, in one place: site name, credits, chart titles, chips,
descriptions of a view and the charts' text summaries. (Filter kinds carry their own labels: ``ascn.filters``.)
No Dash ids here, so the routes use it too."""

import html

from ascn import filters
from ascn.selection import Selection
from ascn.vocab import FOCUS_AREAS

SITE_NAME = "ASEAN Smart Cities Network: partnerships"
SITE_DESCRIPTION = "Interactive map of the ASEAN Smart Cities Network's cities and external partnerships."
LINK_NOT_UNDERSTOOD = "Part of this link was not understood and was ignored:"

# Short lines, so the source fits under the narrowest chart: it is anchored to the plot's right edge, and plotly
# cannot anchor an annotation to the figure's, so a long line runs off the left of a chart with long axis labels.
PARTNERSHIP_SOURCE = "Source: Martinus (2020), ISEAS\nPerspective 2020/32, Table 2, and later\nreporting; each year's report in the table."
EVENT_SOURCE = "Sources: ISEAS Perspective 2020/32;\nASEAN concept note; VNA; WeGO;\nBangkok Post (28 Jul 2023). See About the data."
COMMITMENT_SOURCE = "Source: Martinus (2020), ISEAS\nPerspective 2020/32, Table 1 and text;\namounts as stated, not converted."


# A chart's credit follows the rows it shows: the paper's Table 2, rows added from later reporting, or both.
TABLE_2_SOURCE = "Source: Martinus (2020), ISEAS\nPerspective 2020/32, Table 2."
LATER_SOURCE = "Sources: reporting after 2020\n(rows added to the paper's table);\neach row's report in the table."


def partnership_credit(shown: dict[str, int]) -> str:
    """The credit for a chart of partnerships, from how many of its rows come from each provenance."""
    table_2, later = shown.get("table-2", 0), sum(n for p, n in shown.items() if p != "table-2")
    if table_2 and not later:
        return TABLE_2_SOURCE
    if later and not table_2:
        return LATER_SOURCE
    return PARTNERSHIP_SOURCE


def map_credit(shown: dict[str, int]) -> str:
    """The map's credit (one line under an embed or an exported map): its rows' sources and the shapes'."""
    return partnership_credit(shown).replace("\n", " ") + " Map: Natural Earth."


def trend_title(what: str, cumulative) -> str:
    return ("Cumulative partnerships" if cumulative else "Partnerships per year") + f": {what}"


def commitments_title(partner_names: list[str]) -> str:
    return "Commitments: " + (", ".join(partner_names) if partner_names else "all external partners")


def table_note(count: int, limit: int) -> str:
    """The count beside the table; above ``limit`` rows, what it shows and where the rest are."""
    if count <= limit:
        return count_of(count, "partnership")
    return f"Showing the first {limit:,} of {count:,} partnerships (by number): download the CSV for all of them."


def file_name(sel: Selection, extension: str) -> str:
    """The name of a download of a view: the same from the page's link and the API's answer."""
    parts = [f"{key}-{value.replace(',', '+')}" for key, value in sel.to_params().items()]
    return "ascn-partnerships" + ("_" + "_".join(parts) if parts else "") + "." + extension


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


def _names(kind: filters.ListKind, codes: tuple[str, ...], allowed: dict[str, dict[str, str]]) -> list[str]:
    return [allowed[kind.param].get(c, c) for c in codes]


def describe(sel: Selection, allowed: dict[str, dict[str, str]]) -> str:
    """A short phrase naming the current filters, or 'all partnerships'. ``allowed``: the record's display names."""
    chosen = sel.lists()
    parts = [k.phrase(_names(k, chosen[k.attr], allowed)) for k in filters.list_kinds() if k.attr in chosen]
    span = year_span(sel)
    if span:
        parts.append(span)
    return "; ".join(parts) if parts else "all partnerships"


def chips(sel: Selection, allowed: dict[str, dict[str, str]]) -> list[tuple[str, str, str]]:
    """(URL parameter, value, label) for each active filter, in the filter kinds' order, the years last."""
    chosen = sel.lists()
    out = [(k.param, code, f"{k.chip}: {name}") for k in filters.list_kinds() if k.attr in chosen
           for code, name in zip(chosen[k.attr], _names(k, chosen[k.attr], allowed))]
    span = year_span(sel)
    if span:
        out.append((filters.YEARS_CHIP, "", f"Years: {span}"))
    return out


def _top(counts: dict[str, int], names: dict[str, str], n: int = 3) -> str:
    ranked = sorted(((v, k) for k, v in counts.items() if v), reverse=True)[:n]
    return ", ".join(f"{names.get(k, k)} ({v})" for v, k in ranked) or "none"


def chart_summaries(charts: dict, what: str, economy_name, as_of: int | None = None) -> dict[str, str]:
    """One sentence per chart (map, focus, trend, partners, commitments) for screen readers, from the aggregates the
    charts were drawn from (``Query.charts``). ``as_of`` is the network year the map shows: only the cities that had
    joined by then are on it."""
    cities = charts["city_summary"]
    if as_of is not None:
        cities = cities[cities["joined"] <= as_of]
    with_any = cities[cities["count"] > 0]
    city_names = dict(zip(cities.index, cities["name"]))
    network = f"the network in {as_of}" if as_of is not None else "the network today"
    map_text = (f"Map of {count_of(len(cities), 'member city', 'member cities')} ({network}) for {what}: "
                f"{len(with_any)} {'has' if len(with_any) == 1 else 'have'} partnerships; "
                f"most: {_top(dict(zip(cities.index, cities['count'])), city_names)}.")
    focus = charts["by_focus"]
    focus_text = f"Partnerships by focus area for {what}: " + ", ".join(f"{FOCUS_AREAS[f]} {int(focus[f])}" for f in FOCUS_AREAS) + "."
    years = charts["by_year"].sum(axis=1)
    known = {y: int(v) for y, v in years.items() if y != "unknown"}
    trend_text = (f"Partnerships per year for {what}: " + (", ".join(f"{y}: {v}" for y, v in known.items()) or "no known years")
                  + f"; year unknown: {int(years.get('unknown', 0))}.")
    partners = charts["by_partner"].sum(axis=1)
    names = {c: economy_name(c) for c in partners.index}
    partners_text = f"Partner economies for {what}: {_top(partners.to_dict(), names, n=5)}."
    commitments = charts["commitments"]
    commitments_text = (f"{len(commitments)} commitments of external partners: "
                        + "; ".join(f"{r['date']} {r['title']}" for _, r in commitments.iterrows()) + ".")
    return {"map": map_text, "focus": focus_text, "trend": trend_text, "partners": partners_text, "commitments": commitments_text}
