"""The words the page, its charts and its exports say, in one place: site name, credits, the explorer's labels,
hints and buttons, the filters and chips, chart titles and empty states, the table, presentation and embeds, and
the exports (the ZIP's README, the not-found page). Filter kinds carry their own labels (``ascn.filters``); the
API's and the server's messages are in ``ascn.messages``. No Dash ids here, so the routes use it too."""

import html
import textwrap

from ascn import filters
from ascn.selection import Selection
from ascn.vocab import FOCUS_AREAS

# --- Site -------------------------------------------------------------------------------------------------------
SITE_NAME = "ASEAN Smart Cities Network partnerships"  # page titles, the README's title; the citation's DASHBOARD
SITE_SHORT = "ASEAN Smart Cities Network"  # headings: the page header, the about page's brand, an embed's frame title
DASHBOARD = f"{SITE_NAME} dashboard"  # how the citation and the README name the dashboard
SITE_DESCRIPTION = "Interactive map of the ASEAN Smart Cities Network's cities and external partnerships."
ABOUT_TITLE = "About the data and how to cite"
ABOUT_LINK = "About the data"

# --- Credits ----------------------------------------------------------------------------------------------------
# Short lines, so the source fits under the narrowest chart: it is anchored to the plot's right edge, and plotly
# cannot anchor an annotation to the figure's, so a long line runs off the left of a chart with long axis labels.
PARTNERSHIP_SOURCE = "Source: Martinus (2020), ISEAS\nPerspective 2020/32, Table 2, and later\nreporting; each year's report in the table."
EVENT_SOURCE = "Sources: ISEAS Perspective 2020/32;\nASEAN concept note; VNA; WeGO;\nBangkok Post (28 Jul 2023). See About the data."
COMMITMENT_SOURCE = "Source: Martinus (2020), ISEAS\nPerspective 2020/32, Table 1 and text;\namounts as stated, not converted."
# The commitments' credit follows their rows: the paper (its Table 1 and text), reports beyond it, or both.
COMMITMENT_LATER_SOURCE = "Sources: reports beyond the paper,\neach named in its commitment's hover;\namounts as stated, not converted."
COMMITMENT_BOTH_SOURCE = ("Sources: Martinus (2020), Table 1 and\ntext; later reports for the rest (each in\n"
                          "its hover); amounts as stated, not converted.")
FROM_PAPER, FROM_REPORT = "From the 2020 paper", "Reported since: {source}"


def commitment_credit(from_paper: int, from_reports: int) -> str:
    """The commitments chart's credit, from how many of its rows come from the paper and how many from other reports."""
    if from_reports and not from_paper:
        return COMMITMENT_LATER_SOURCE
    return COMMITMENT_BOTH_SOURCE if from_reports else COMMITMENT_SOURCE


def commitment_provenance(from_paper: bool, source: str) -> str:
    """One commitment's provenance in its hover: the paper, or the report it comes from (its first clause)."""
    if from_paper:
        return FROM_PAPER
    first = source.split(";")[0]
    return FROM_REPORT.format(source=first if len(first) <= 70 else first[:69].rstrip() + "…")


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
    parts = [(k.reading, k.phrase(_names(k, chosen[k.attr], allowed))) for k in filters.list_kinds() if k.attr in chosen]
    span = year_span(sel)
    if span:
        parts.append((filters.YEARS_READING, span))
    return "; ".join(text for _, text in sorted(parts, key=lambda part: part[0])) if parts else "all partnerships"


def chips(sel: Selection, allowed: dict[str, dict[str, str]]) -> list[tuple[str, str, str]]:
    """(URL parameter, value, label) for each active filter, in reading order, the years last."""
    chosen = sel.lists()
    out = [(k.param, code, f"{k.chip}: {name}") for k in filters.reading_order() if k.attr in chosen
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


# --- Explorer: the header, the map column, the cards, the footer ------------------------------------------------
LINK_NOT_UNDERSTOOD = "Part of this link was not understood and was ignored:"
LOADING = "Loading…"
PRESENT = "Present"
COPY_LINK = "Copy link"
LINK_COPIED = "Link copied"
COPY_LINK_BELOW = "Copy the link below"
LINK_TO_VIEW = "Link to this view"
DOWNLOAD_CSV = "Download CSV"
DOWNLOAD_ZIP = "Download ZIP"
ACTIONS = "Actions"
CLEAR_MAP_SELECTION = "Clear map selection"
MAP_HEADING = "Map"
MAP_HOW_TO = ("Click a city to select it, shift-click to add more, or drag a box or lasso (map toolbar). "
              "Click a member state to filter by it. Keyboard: tick cities in the filter panel.")
MAP_ARIA = "Map of ASCN cities; click a city or a member state to filter"
NETWORK_IN = "Network in"
NETWORK_TODAY = "today"
CITY_CARD = "City"
FOCUS_CARD = "Focus areas"
FOCUS_CHART = "Partnerships by focus area"
TREND_CARD = "Partnership trends"
CUMULATIVE = "Cumulative"
TREND_CHART = "Partnerships per year"
PARTNERS_CARD = "External partners"
PARTNERS_CHART = "Partnerships per partner economy"
COMMITMENTS_CARD = "Commitments of external partners"
COMMITMENTS_CHART = "Commitments timeline"
MATRIX_CARD = "Who works with whom"
MATRIX_HOW_TO = ("Partner economies (rows) in the network's cities (columns); a circle's number is their partnerships. "
                 "Click a circle to filter by that partner and city.")
MATRIX_CHART = "Partner economies by city"
# --- A chart in a small embed chooses what it shows (the full name stays in the hover) ------------------------------
FOCUS_SHORT = {"civic-social": "Civic, social", "health-wellbeing": "Health", "safety-security": "Safety",
               "quality-environment": "Environment", "built-infrastructure": "Infrastructure", "industry-innovation": "Industry"}


def shortened(name: str, chars: int) -> str:
    """A name cut to ``chars`` characters at most, with an ellipsis when cut: 'Republic of…'."""
    return name if len(name) <= chars else name[:chars - 1].rstrip() + "…"


PARTNERS_NOUN = "partners"


def two_lines(name: str, chars: int) -> str:
    """A city's name on at most two lines of about ``chars`` characters, the second cut with an ellipsis when longer:
    'Ho Chi\nMinh City' (``safe`` turns the newline into a line break)."""
    lines = textwrap.wrap(name, chars, break_long_words=False) or [""]
    rest = " ".join(lines[1:])
    return "\n".join([shortened(lines[0], chars), *([shortened(rest, chars)] if rest else [])])


def top_shown(shown: int, total: int, noun: str) -> str:
    """Above a chart that shows the largest few: 'top 5 of 12 partners shown'."""
    return f"top {shown} of {total} {noun} shown"


MATRIX_SCROLL_HINT = "Swipe the chart sideways for every city →"  # a phone: the matrix is wider than the screen
STORY_CARD = "The story of the network"
STORY_TITLE = "Milestones of the network"
STORY_HOW_TO = "Click a milestone to see that year's partnerships and the network as it was then."
STORY_ARIA = "Timeline of the network's milestones"
ALT_TEXT_SUMMARY = "Alt text for the exported image"
ALT_TEXT_LABEL = "Alt text: paste it beside the image"
FOOTER_SOURCES = ("Data: the ISEAS paper's Tables 1 and 2 (Martinus 2020), rows added from later reporting, "
                  "each year's report named in the table; ")
ABOUT_AND_CITE = "About the data and how to cite"


def tagline(cities: int) -> str:
    """Under the site's name in the header."""
    return f"Who partners with the network's {cities} named cities, and on what"


def footer_version(version: str) -> str:
    return f"data version {version}. Map: Natural Earth (public domain). Economies: "


def footer_economies(n: int) -> str:
    return f"{n} listed. "


def network_size(size_by_year) -> str:
    """The network's size as the sources state it, in words (``Dataset.size_by_year``); says where a count names more
    cities than the map can show."""
    parts = []
    for year, row in size_by_year.iterrows():
        if not row["counts_stated"]:
            continue
        stated = " or ".join(str(c) for c in row["counts_stated"]) + (" (the sources disagree)" if len(row["counts_stated"]) > 1 else "")
        missing = int(row["count"]) - int(row["named"])
        parts.append(f"{stated} in {year}" + (f" ({missing} of them not named in any source read, so not on the map)" if missing > 0 else ""))
    return ("Size of the network as sources state it: " + "; ".join(parts) + ".") if parts else ""


def summary(count: int, total: int, what: str, why_empty: str = "") -> str:
    """The line above the map: how many partnerships the view holds, and what it is (and why none, when it is an
    empty combination of filters that each match some)."""
    return f"{count} of {total} partnerships: {what}." + (f" {why_empty}" if why_empty else "")


# How each filter kind reads in "no partnership is both in Indonesia and in Bangkok", by URL parameter (a kind not
# here reads as its own phrase: "reported since 2020").
EMPTY_AND_WORDS = {"member_state": "in {}", "city": "in {}", "partner": "with {}", "focus_area": "on {}"}


def empty_and(sel: Selection, allowed: dict[str, dict[str, str]]) -> str:
    """Why a view of filters that each match some partnerships matches none: 'No partnership is both in Indonesia
    and in Bangkok.' (values of one kind are or-ed: 'in Indonesia or Thailand')."""
    chosen = sel.lists()
    parts = [EMPTY_AND_WORDS[k.param].format(" or ".join(names)) if k.param in EMPTY_AND_WORDS else k.phrase(names)
             for k in filters.reading_order() if k.attr in chosen for names in [_names(k, chosen[k.attr], allowed)]]
    if len(parts) < 2:
        return ""
    if len(parts) == 2:
        return f"No partnership is both {parts[0]} and {parts[1]}."
    return f"No partnership is at once {', '.join(parts[:-1])} and {parts[-1]}."


def story_summary(events) -> str:
    """The story chart's summary (it does not change with the filters)."""
    rows = events.sort_values("date")
    return (f"Timeline of {len(rows)} milestones of the network, from {rows['date'].iloc[0]} to {rows['date'].iloc[-1]}: "
            + "; ".join(f"{d} {t}" for d, t in zip(rows["date"], rows["title"])) + ".")


def milestone(date: str, title: str) -> str:
    return f"{date}: {title}"


def was_ignored(allowed: str) -> str:
    """After a link's ``param=value`` the page did not understand; ``allowed`` comes from the parser."""
    return f" was ignored: {allowed}."


SCENE_LEFT_OUT = "This scene shows its own view; what the link carried besides it was left out:"


def scene_shows_its_view(scene: str) -> str:
    """After a ``param=value`` a scene's link carried that differs from the scene's view."""
    return f"scene {scene} shows its own view"


DID_YOU_MEAN = (" Did you mean ", "?")  # around the likely correction, in bold


# The city panel (one city's facts) and the table's row detail.
CITY_HINT = "Click a city on the map to see its partnerships."
UNDER_FILTERS = " under the current filters"
PARTNERS_PREFIX = "Partners: "
NONE = "none"
YEAR_UNKNOWN_PAREN = "(year unknown)"


def cities_selected(names: list[str]) -> str:
    return f"{len(names)} cities selected: {', '.join(names)}. Select one city to see its details."


def in_network_since(joined) -> str:
    return f" · in the network since {joined}"


def year_paren(year: int) -> str:
    return f"({year})"


def provenance_note(provenance: str) -> str:
    """After a partnership in the city panel: where the row comes from, labelled as everywhere else."""
    return f" · {filters.PROVENANCE_LABELS.get(provenance, provenance)}"


def more_in_table(more: int) -> str:
    return f"… and {more:,} more: see the table below, or download the CSV."


ROW_DETAIL_HINT = "Pick a row in the table to read its full source, year source and notes here."
ROW_SOURCE, ROW_YEAR, ROW_YEAR_SOURCE, ROW_NOTES, ROW_LINK = "Source", "Year", "Year source", "Notes", "Link"
UNKNOWN = "unknown"
NO_YEAR_SOURCE = "none: the year is not known"


def row_heading(pid, title: str) -> str:
    return f"No. {pid}: {title}"


def more_picked(n: int) -> str:
    return f"and {n} more picked rows."


# --- Filters and chips ------------------------------------------------------------------------------------------
FILTERS_HEADING = "Filters"
YEAR = "Year"
CLEAR_ALL = "Clear all filters"
NO_FILTERS = "No filters: showing every partnership."
FOCUS_LEGEND = "Focus area colours"


def option_label(label: str, count: int) -> str:
    """A dropdown option with its count under the other filters: 'Japan (4)'."""
    return f"{label} ({count})"


def remove_filter(label: str) -> str:
    return f"Remove filter {label}"


# --- Charts: titles, empty states, hovers -----------------------------------------------------------------------
NO_MATCH = "No partnerships match this selection."
NO_PARTNER_ECONOMIES = "No partner economies in this selection."
NO_COMMITMENTS = "No commitments by the selected partners."
YEAR_UNKNOWN = "year unknown"
PARTNERSHIPS_AXIS, CUMULATIVE_AXIS = "partnerships", "cumulative partnerships"
TREND_HOVER, CUMULATIVE_HOVER = "partnerships in %{hovertext}", "partnerships up to %{hovertext}"  # hovertext: the year, or "year unknown"
MONTH_ONLY = " (month only)"
YEAR_ONLY = " (year only)"
NO_AMOUNT = "no amount named"
AMOUNT_UNITS = ((1e9, "bn"), (1e6, "m"))  # a chart's short amount: 'JPY 250 bn', 'EUR 5.1 m' (the hover gives it in full)
STATEMENT, FUNDING = "statement of support", "named funding"
MATRIX_HOVER = "<b>%{customdata[2]}</b> in <b>%{customdata[3]}</b>: %{customdata[4]} partnerships<br>Click to filter by both<extra></extra>"
MAP_LEGEND = "Partnerships in this view"
MAP_LEGEND_NONE = "none in this view"  # beside the small dot a city with no partnership in the view keeps
CITY_HOVER = ("<b>%{customdata[1]}</b> (%{customdata[2]})<br>%{customdata[3]} %{customdata[5]} in this selection"
              "<br>Main partners: %{customdata[4]}<extra></extra>")
NO_PARTNERS_HERE = "none in this selection"
MEMBER_STATE_HOVER = "ASEAN member state: click to filter"
NEIGHBOUR_HOVER = "neighbour (not in the network)"


def to_date(end: str) -> str:
    """After a start date: ' to 2020-03'."""
    return f" to {end}"


def partners_count(n: int) -> str:
    return f"{n} partners"


GROUP_NAMES_CHARS = 20  # a line of the grouped row's names: as wide as 'United States' at the axis's type size


def partners_together(names: list[str]) -> str:
    """A grouped commitment's row named in words on the chart's axis: '8 partners:' over their names, smaller, in
    short lines (markup for plotly; the names are escaped)."""
    lines = textwrap.wrap(", ".join(names), GROUP_NAMES_CHARS, break_long_words=False)
    return f"{partners_count(len(names))}:<br><span style='font-size:10px'>" + "<br>".join(safe(line) for line in lines) + "</span>"


def focus_title(what: str) -> str:
    return f"Focus areas: {what}"


def partners_title(what: str) -> str:
    return f"Partner economies: {what}"


def matrix_title(what: str) -> str:
    return f"Who works with whom: {what}"


def matrix_shown(partners: int, all_partners: int, cities: int, all_cities: int, short: bool = False) -> str:
    """Above a capped matrix: how much of the view it shows ('12 of 12 partners, 20 of 26 cities shown (the busiest)';
    ``short`` for a small embed: '4 of 12 partners, 4 of 21 cities')."""
    shown = f"{partners} of {all_partners} partners, {cities} of {all_cities} cities"
    return shown if short else f"{shown} shown (the busiest)"


def describe_matrix(counts, partner_names: dict[str, str], city_names: dict[str, str], what: str) -> str:
    """One sentence for screen readers and alt text: each partner with the cities it works in."""
    if counts.empty:
        return f"Partners by city for {what}: no partnerships."
    parts = []
    for partner, row in counts.iterrows():
        cities = [f"{city_names.get(c, c)} ({int(n)})" for c, n in row.items() if n]
        parts.append(f"{partner_names.get(partner, partner)} in {', '.join(cities)}")
    return f"Partners by city for {what}: " + "; ".join(parts) + "."


# --- Table ------------------------------------------------------------------------------------------------------
TABLE_CARD = "Partnerships"
SEARCH_TABLE = "Search the table"
SEARCH_PLACEHOLDER = "Search the table (title, organisation, city…)"
TABLE_HOW_TO = "Click a row to read its full source, year source and notes below (and to ring its cities on the map)."
NO_ROWS = "No partnerships match these filters."
TABLE_LOADING = "Loading this view's partnerships…"  # before the table's rows are handed to it (scrolled to)
OPEN = "open"  # a link cell: '[open](url)'
# column -> header, in the table's order
TABLE_HEADERS = {"partnership_id": "No.", "title": "Partnership", "organisations": "Organisations", "partners": "Partner economies",
                 "cities": "Cities", "focus": "Focus area", "year": "Year", "provenance": "Reported in", "year_source": "Year source",
                 "item": "Year report", "source": "Source", "link": "Link", "notes": "Notes"}
TABLE_COLUMNS = "Columns:"
TABLE_CARD_HEADER = "Partnerships"
# A phone's card of a row: its labels (the values come from the row; assets/js/ascn.js lays them out).
TABLE_CARD_LABELS = {"partners": "Partners", "cities": "Cities", "source": "Source", "provenance": "Reported in"}
# What the browser adds to the count beside the table while the search is on (a clientside callback).
SEARCH_MATCHES = {"one": " matches", "many": " match", "tail": " the search"}

# --- Presentation and embeds ------------------------------------------------------------------------------------
PRESENTATION = "Presentation"
PRESENTATION_HOW_TO = "Use the arrow keys or the buttons to step through the prepared scenes; Escape leaves."
START_SCENES = "Start the scenes →"
PREVIOUS = "← Previous"
NEXT = "Next →"
LEAVE = "Leave (Esc)"
EMBED_CHARTS = {"map": "Map", "trend": "Partnership trends", "partners": "External partners", "focus": "Focus areas",
                "commitments": "Commitments", "story": "The story of the network", "matrix": "Who works with whom"}
EMBED_HEADING = "Embed this view"
EMBED_CHART = "Chart"
EMBED_COPY = "Copy this into your page"
EMBED_RESPONSIVE = "Or the responsive version: full column width, and the height its chart needs"
OPEN_FULL = "Open the full dashboard"
EMBED_NOT_UNDERSTOOD = "This embed's link has a mistake, so no chart is drawn:"
EMBED_LONG_ALLOWED = "not a value this dashboard knows"  # instead of a list too long for a small frame


def embed_problem(allowed: str, suggestion: str) -> str:
    """After an embed link's ``param=value``: the correction when there is a likely one, else what is allowed."""
    if suggestion:
        return f" is not understood. Did you mean {suggestion}?"
    return f" is not understood: {allowed if len(allowed) <= 70 else EMBED_LONG_ALLOWED}."


def scene_heading(position: int, total: int, title: str) -> str:
    return f"{position}/{total} · {title}"


def frame_title(chart: str) -> str:
    """An embed's iframe title: the site and the chart."""
    return f"{SITE_SHORT}: {EMBED_CHARTS[chart]}"


def download_chart(fmt: str) -> str:
    return f"Download this chart as {fmt.upper()}"


# Page parameters a link may carry, and what each accepts (said when a link carries one the page cannot use).
PAGE_PARAM_ACCEPTS = {"present": "1 (presentation mode) or 0", "cumulative": "1 (cumulative trend) or 0",
                      "deck": "the number of a scene in your deck (My deck)"}
NO_SCENES = "this page has no scenes"


def scene_accepts(scenes: list[str]) -> str:
    return "a scene number: " + (", ".join(scenes) or NO_SCENES)


def one_of(values) -> str:
    return "one of " + ", ".join(values)


def network_year_accepts(now: str, first: int, last: int) -> str:
    return f"{now} or a year from {first} to {last}"


# --- Exports: the ZIP's README, the not-found page --------------------------------------------------------------
README_TITLE = f"{SITE_NAME}: data export"
README_CELLS = ("Lists inside a cell are separated by ';'. An empty cell means not known or none. A cell that a spreadsheet "
                "would run as a formula (starting with =, +, -, @, tab or carriage return) gets a leading ' so that it stays text.")
README_SOURCES, README_CITE, README_LICENCE = "Sources", "How to cite", "Licence"
README_OTHER_SOURCES = "Other sources named in these rows (in the source and year_source columns):"
README_NO_OTHER_SOURCES = "No other source is named in these rows."


def readme_intro(csv_name: str) -> str:
    return (f"{csv_name} holds the partnerships of the {DASHBOARD} that match the view below, one row per partnership: "
            f"the same file GET /api/partnerships.csv gives for these filters.")


def readme_facts(url: str, filters_shown: list[str], rows: int, total: int, exported: str, version: str, data_date: str) -> list[str]:
    """The README's lines about the view: its link, filters, rows, when it was exported, the data's version."""
    return [
        f"View (link):   {url}" + ("" if url.startswith(("http://", "https://")) else "  (on the dashboard's site)"),
        f"Filters:       {'; '.join(filters_shown) if filters_shown else 'none (the whole record)'}",
        f"Rows:          {rows} of the {total} partnerships in the record",
        f"Exported:      {exported} (UTC)",
        f"Data version:  {version} (edition of {data_date})",
    ]


def readme_changes(date: str, title: str) -> str:
    return f"What changed in this edition ({date}: {title})"


def readme_columns(csv_name: str) -> str:
    return f"Columns of {csv_name}"


def readme_main_source(paper: str, cited_rows: dict[str, list[str]]) -> str:
    """The paper, with the tables and rows of it the export's rows cite."""
    cited = "; ".join(f"Table {table}, row{'s' if len(nums) > 1 else ''} {', '.join(nums)}" for table, nums in cited_rows.items())
    return f"Main source: {paper}" + (f" ({cited})." if cited else ".")


README_IDS_LISTED = 50  # ids listed per source; a full record can have one source behind 150,000 rows


def readme_other_source(text: str, ids: list[int]) -> str:
    listed = ", ".join(map(str, ids[:README_IDS_LISTED]))
    more = f" and {len(ids) - README_IDS_LISTED:,} more" if len(ids) > README_IDS_LISTED else ""
    return f"{text} [partnership{'s' if len(ids) > 1 else ''} {listed}{more}]"


NOT_FOUND = "Page not found"
NOT_FOUND_TEXT = "There is no page at this address on this dashboard. The link may be mistyped or out of date."
NOT_FOUND_HOME = "Go to the map of the network's partnerships"
BACK_TO_MAP = "Back to the map"


# --- Profiles and one-page briefs (ascn/profiles.py builds the facts; routes/profiles.py serves the pages) -----------
PROFILE_KIND_LABELS = {"partner": "Partner", "member-state": "Member state", "city": "City"}
PROFILE_KIND_PLURALS = {"partner": "Partner economies and organisations", "member-state": "Member states", "city": "Cities"}
PROFILES_TITLE = "Profiles: every partner, member state and city"
PROFILES_LINK = "Profiles"
PROFILES_INDEX_LINK = "Every profile, with its count of partnerships"
PROFILES_INTRO = ("One page for each partner economy or organisation, member state and city of the record: its facts, each "
                  "quotable with its source, its map, its partnerships and commitments. Each prints as a one-page brief.")
PROFILE_FACTS = "Key facts"
PROFILE_FACTS_NOTE = "Every sentence is computed from the record; the numbers in brackets are the rows it rests on."
PROFILE_PARTNERSHIPS = "Partnerships"
PROFILE_COMMITMENTS = "Commitments"
PROFILE_RELATED = "Related profiles"
PROFILE_MAP = "Map"
PROFILE_CHART = "Chart"
PROFILE_SOURCES = "Sources"
PROFILE_EXPLORE = "Open this view in the explorer"
PROFILE_API = "These facts as JSON"
PROFILE_PRINT = "Print this brief"
PROFILE_MAP_ALT = "Map of the network's cities, sized by this profile's partnerships"
COPY_WITH_SOURCE = "Copy with source"
COPIED_WITH_SOURCE = "Copied with its source"
PROFILE_TABLE_HEADERS = ("No.", "Partnership", "Year", "With", "Source")
PROFILE_COMMITMENT_HEADERS = ("No.", "Commitment", "Date", "Amount as stated")
PROFILE_CITIES_OF = "Cities"
PROFILE_PARTNERS_OF = "Partners"
PROFILE_STATE_OF = "Member state"
PROFILE_NONE_RELATED = "none in the record"


def profile_title(kind: str, name: str) -> str:
    return f"{name}: {PROFILE_KIND_LABELS[kind].lower()} profile"


def profile_description(kind: str, name: str, count: int, total: int) -> str:
    """The profile's page-head description (link previews): what it shows, in one sentence."""
    if count == 0:
        return f"{name} in the {SITE_SHORT}: no partnership in the record. Profile with map and sources."
    return (f"{name} in the {SITE_SHORT}: {count_of(count, 'partnership')} of the {total} in the record, with key facts, "
            f"map, commitments and sources.")


def view_description(what: str, count: int, total: int) -> str:
    """An explorer view's page-head description: what the view shows."""
    return f"Map and charts of {what}: {count_of(count, 'partnership')} of the {total} in the {SITE_SHORT} record."


def view_title(what: str) -> str:
    return SITE_NAME if what == "all partnerships" else f"{what[0].upper()}{what[1:]} · {SITE_NAME}"


def _rows(ids) -> str:
    return ", ".join(str(i) for i in ids)


def copy_rows(ids, noun: str = "partnership") -> str:
    """The rows a copied fact rests on, after the sentence."""
    return f"[{noun}{'s' if len(ids) != 1 else ''} {_rows(ids)} of the record]" if len(ids) else ""


def fact_count(kind: str, count: int, total: int, cities: int, states: int, partners: int) -> str:
    share = f"{count_of(count, 'partnership')} of the {total} in the record"
    if kind == "partner":
        return f"{share}, in {count_of(cities, 'city', 'cities')} of {count_of(states, 'member state')}."
    if kind == "member-state":
        return f"{share}, in {count_of(cities, 'city', 'cities')}, with {count_of(partners, 'partner economy', 'partner economies')}."
    return f"{share}, with {count_of(partners, 'partner economy', 'partner economies')}."


def _lower(name: str) -> str:
    return name[0].lower() + name[1:]


def _areas(names: list[str]) -> str:
    return ", ".join(_lower(n) for n in names[:-1]) + (" and " if len(names) > 1 else "") + _lower(names[-1])


def fact_focus(names: list[str], k: int, count: int, record_names: list[str], record_k: int, total: int) -> str:
    here = (f"Its leading focus area is {_lower(names[0])} ({k} of {count})" if len(names) == 1
            else f"{count_of(len(names), 'focus area')} lead together with {k} of {count} each: {'; '.join(_lower(n) for n in names)}")
    record = f"{_areas(record_names)} {'leads' if len(record_names) == 1 else 'lead'}"
    return f"{here}. Across the record, {record} ({record_k} of {total}{'' if len(record_names) == 1 else ' each'})."


def fact_compare(name: str, share: int, record_share: int) -> str:
    return f"Against the network's mix, it leans most to {_lower(name)}: {share}% of its partnerships, {record_share}% across the record."


def fact_span(first: tuple[str, int, int], last: tuple[str, int, int] | None) -> str:
    title, year, pid = first
    if last is None:
        return f"Its one dated partnership is \u201c{title}\u201d ({year}, no. {pid})."
    return (f"The earliest is \u201c{title}\u201d ({year}, no. {pid}); the latest \u201c{last[0]}\u201d "
            f"({last[1]}, no. {last[2]}).")


def fact_unknown(unknown: int, count: int) -> str:
    if unknown == count:
        return f"The year of {'its 1 partnership' if count == 1 else f'all {count}'} is unknown."
    return f"The year of {unknown} of the {count} is unknown."


def fact_commitments(items: list[tuple[str, str, str]], more: int) -> str:
    """Commitments: (title, date, amount as stated or '') each; ``more`` not named."""
    named = "; ".join(f"{title} ({date}{', ' + amount if amount else ''})" for title, date, amount in items)
    n = len(items) + more
    tail = f"; and {more} more" if more else ""
    return f"{count_of(n, 'commitment')} in the record: {named}{tail}."


def fact_empty(kind: str, name: str, cities: list[str]) -> str:
    if kind == "member-state" and cities:
        return (f"The record holds no partnership in {name}: its {'city' if len(cities) == 1 else 'cities'} in the network "
                f"({', '.join(cities)}) {'has' if len(cities) == 1 else 'have'} none with an external partner in the sources read.")
    if kind == "city":
        return f"The record holds no partnership in {name}: none with an external partner is named in the sources read."
    return f"The record holds no partnership with {name}."


def amount_as_stated(amount: float, currency: str) -> str:
    return "" if amount != amount or not currency else f"{currency} {amount:,.0f}"


def more_at(more: int, address: str) -> str:
    return f"{count_of(more, 'more partnership')} at {address}"


def brief_footer(version: str, today: str) -> str:
    return f"Data version {version} · printed {today}"


def profile_link(name: str) -> str:
    return f"{name}: profile and one-page brief"


CHIP_PROFILES = "Profiles:"  # before the links under the chips, each a chosen partner's, member state's or city's name


def profile_count(count: int) -> str:
    return count_of(count, "partnership")


# -- the presenter's own deck (layouts/deck.py) -------------------------------------------------------------------------
DECK_HEADING = "My deck"
DECK_HOW_TO = ("Add any view to your own scenes, then give each a title and a caption. The deck stays in this browser; "
               "save it as a scenes file to keep or share it, and open such a file here.")
DECK_ADD = "Add to my deck"
DECK_EMPTY = "No scenes yet: choose a view and press “Add to my deck”."
DECK_PRESENT = "Present my deck"
DECK_SAVE = "Save deck"
DECK_OPEN = "Open deck (CSV)"
DECK_TITLE = "Title"
DECK_CAPTION = "Caption"
DECK_UP = "↑"
DECK_DOWN = "↓"
DECK_REMOVE = "Remove"
DECK_FULL = "The deck holds at most {} scenes: remove one to add another."
DECK_OPENED = "Opened {name}: {count} scenes."
DECK_REFUSED = "{name} was not opened: fix these lines and open it again (your deck is unchanged)."
DECK_FILE = "my-ascn-deck.csv"
DECK_SHARE = "Link to this deck"
DECK_SHARE_HOW = "Anyone who opens this link gets these scenes in their own deck (it replaces theirs)."
DECK_SHARE_TOO_LONG = "This deck is too long for a link: save it as a file to share it."
DECK_SHARED = "shared link"
DECK_LINK_REFUSED = "The deck in this link was not opened (your deck is unchanged):"
DECK_LINK_BROKEN = ("the link is cut short or was changed on the way: ask whoever sent it for the link again, "
                    "or for the deck saved as a file")
DECK_NOT_READ = "the file is not UTF-8 text; save it as CSV, UTF-8, comma-separated"
DECK_DRAG = "Drag a scene, or use its ↑ and ↓ buttons, to reorder."


def deck_scene_label(number: int, what: str) -> str:
    return f"Scene {number}: {what}"


def deck_move(number: int, direction: str) -> str:
    return f"Move scene {number} {direction}"


def deck_remove(number: int) -> str:
    return f"Remove scene {number}"


def deck_title(what: str) -> str:
    """A captured view's title before the presenter edits it: what it shows."""
    return what[:1].upper() + what[1:]


def deck_problem(line: int, column: str, value: object, message: str) -> str:
    where = f"line {line}" if line else "the file"
    return f"{where}{', ' + column if column else ''}: {message}" + (f" (was: {value})" if value not in (None, "") else "")


DECK_UNTITLED = "Untitled scene"


def deck_network_year(year: str) -> str:
    return f"The network as it was in {year}."


DECK_WHOLE_RECORD = "(all partnerships)"

# -- the network's growth, played year by year (layouts/explorer.py) -----------------------------------------------------
PLAY = "▶ Play the years"
PAUSE = "❚❚ Pause"
STEP = "Next year ▸"
PLAY_HOW = "Shows the network year by year from its first year, about a second each (one year a press when your system asks for reduced motion)."
