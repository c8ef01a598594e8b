"""The partnerships grid (dash-ag-grid): one row per partnership, with its source."""

from collections.abc import Mapping, Sequence

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from ascn import wording
from ascn.dataset import Dataset
from ascn.filters import PROVENANCE_LABELS
from ascn.vocab import FOCUS_AREAS
from components import ids

PAGE_SIZE = 25  # rows a page of the grid shows
TABLE_LIMIT = 10 * PAGE_SIZE  # rows sent to the browser (ten pages); the CSV download has them all

COLUMNS = [
    {"field": "partnership_id", "headerName": wording.TABLE_HEADERS["partnership_id"], "width": 84, "sort": "asc", "type": "numericColumn"},
    {"field": "title", "headerName": wording.TABLE_HEADERS["title"], "flex": 3, "minWidth": 220},
    {"field": "organisations", "headerName": wording.TABLE_HEADERS["organisations"], "flex": 2, "minWidth": 180},
    {"field": "partners", "headerName": wording.TABLE_HEADERS["partners"], "flex": 1, "minWidth": 120},
    {"field": "cities", "headerName": wording.TABLE_HEADERS["cities"], "flex": 1, "minWidth": 110},
    {"field": "focus", "headerName": wording.TABLE_HEADERS["focus"], "width": 130},
    {"field": "year", "headerName": wording.TABLE_HEADERS["year"], "width": 92},
    # Where the row comes from, the report that dates it (with its own link) and the notes, readable in full.
    {"field": "provenance", "headerName": wording.TABLE_HEADERS["provenance"], "width": 140},
    {"field": "year_source", "headerName": wording.TABLE_HEADERS["year_source"], "flex": 2, "minWidth": 260},
    {"field": "item", "headerName": wording.TABLE_HEADERS["item"], "width": 80, "cellRenderer": "markdown", "sortable": False},
    {"field": "source", "headerName": wording.TABLE_HEADERS["source"], "flex": 2, "minWidth": 200},
    {"field": "link", "headerName": wording.TABLE_HEADERS["link"], "width": 72, "cellRenderer": "markdown", "sortable": False},
    {"field": "notes", "headerName": wording.TABLE_HEADERS["notes"], "flex": 3, "minWidth": 320},
    # A phone shows this one column instead: each row as a card (assets/js/ascn.js, PartnershipCard).
    {"colId": "card", "field": "title", "headerName": wording.TABLE_CARD_HEADER, "flex": 1, "cellRenderer": "PartnershipCard",
     "hide": True, "cellClass": "partnership-card-cell",
     "cellRendererParams": {"labels": wording.TABLE_CARD_LABELS, "number": wording.TABLE_HEADERS["partnership_id"],
                            "open": wording.OPEN}},
]
# The columns a laptop's reader switches on and off above the grid, and those on at first: the rest of the columns
# always show. With all on, the grid scrolls sideways; at first it fits a laptop's width with its sources in view.
OPTIONAL_COLUMNS = ("organisations", "provenance", "year_source", "item", "source", "link", "notes")
FIRST_SHOWN = ("provenance", "source", "link")


def column_chooser() -> html.Div:
    """Switches for the optional columns: each source column is one click away."""
    return html.Div([
        html.Span(wording.TABLE_COLUMNS, className="small text-secondary me-2"),
        dbc.Checklist(id=ids.TABLE_COLUMNS, options=[{"label": wording.TABLE_HEADERS[c], "value": c} for c in OPTIONAL_COLUMNS],
                      value=list(FIRST_SHOWN), inline=True, switch=True, className="small d-inline-block"),
    ], className="table-columns mb-1")


# The contract admits parentheses, brackets and backslashes in a URL: in markdown they would end the link and
# start another (an image from any host, a javascript: link). Percent-encoded, the URL stays one link.
_MARKDOWN_SAFE_URL = str.maketrans({c: f"%{ord(c):02X}" for c in "()[]<>\\` "})


def markdown_link(url: str) -> str:
    """The link cell: '[open](url)' pointing at exactly ``url``; nothing unless it is http(s)."""
    if not url.lower().startswith(("http://", "https://")):
        return ""
    return f"[{wording.OPEN}]({url.translate(_MARKDOWN_SAFE_URL)})"


def rows_for_grid(rows: Mapping[str, Sequence], dataset: Dataset) -> list[dict]:
    """Display rows from contract columns (``Query.columns``, or a frame): names instead of codes, 'unknown' for
    a missing year, a link when there is one."""
    city_names = dict(zip(dataset.cities.index, dataset.cities["name"]))
    economy_names = dict(zip(dataset.economies.index, dataset.economies["name"]))
    columns = [rows[c] for c in
               ("partnership_id", "title", "organisations", "partner_economies", "city_ids", "focus_area", "year", "source", "source_url")]
    out = []
    for pid, title, organisations, partners, cities, focus, year, source, url in zip(*columns):
        out.append({
            "row_id": str(pid),
            "partnership_id": int(pid),
            "title": title,
            "organisations": "; ".join(organisations),
            "partners": ", ".join(economy_names.get(c, c) for c in partners),
            "cities": ", ".join(city_names.get(c, c) for c in cities),
            "city_ids": list(cities),
            "focus": FOCUS_AREAS[focus],
            "year": wording.UNKNOWN if pd.isna(year) else str(int(year)),
            "source": source,
            "link": markdown_link(url) if url else "",
        })
    n = len(out)
    extra = zip(*(rows.get(c, [""] * n) for c in ("provenance", "year_source", "year_source_url", "notes")))
    for row, (provenance, year_source, item_url, notes) in zip(out, extra):
        row.update(provenance=PROVENANCE_LABELS.get(provenance, provenance), year_source=year_source or "",
                   item=markdown_link(item_url) if item_url else "", notes=notes or "")
    return out


def partnerships_grid() -> dag.AgGrid:
    return dag.AgGrid(
        id=ids.TABLE,
        # As a laptop first shows them; assets/js/ascn.js (tableColumns) follows the chooser and the screen's width.
        columnDefs=[{**c, "hide": c.get("hide", False) or (c.get("field") in OPTIONAL_COLUMNS and c["field"] not in FIRST_SHOWN)}
                    for c in COLUMNS],
        # No rowData until the view's rows are handed to it (assets/js/lazy.js): till then the grid shows its loading
        # overlay, not "no partnerships match", which would be false for every view that has rows.
        # Every cell wraps and its row grows to fit: a source or an organisation list is read in full, never cut.
        defaultColDef={"sortable": True, "resizable": True, "filter": False, "wrapText": True, "autoHeight": True,
                       "wrapHeaderText": True, "autoHeaderHeight": True},  # a header reads in full, on two lines if need be
        dashGridOptions={
            "rowSelection": {"mode": "multiRow", "enableClickSelection": True, "checkboxes": False, "headerCheckbox": False},
            "animateRows": False,
            # Every column in the page, not only those scrolled into view: find-in-page and screen readers reach the sources.
            "suppressColumnVirtualisation": True,
            "domLayout": "autoHeight",
            "pagination": True,
            "paginationPageSize": PAGE_SIZE,
            "paginationPageSizeSelector": False,
            # The pager shows only while the grid has rows (assets/js/ascn.js, ascnPagerFollowsRows): with none, on
            # their way or none matching, it read "0 to 0 of 0 · Page 0 of 0", aloud too, beside the overlay's words.
            "suppressPaginationPanel": True,
            "localeText": {"noRowsToShow": wording.NO_ROWS, "loadingOoo": wording.TABLE_LOADING},
        },
        getRowId="params.data.row_id",  # AG Grid wants string ids
        eventListeners={"modelUpdated": ["ascnPagerFollowsRows(params)"]},
        className="ag-theme-quartz drawn-in-view",  # its rows are handed to it when it is in view (assets/js/lazy.js)
        style={"width": "100%"},
    )
