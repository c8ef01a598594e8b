"""The partnerships grid (dash-ag-grid): one row per partnership, with its source."""

from collections.abc import Mapping, Sequence

import dash_ag_grid as dag
import pandas as pd

from ascn import wording
from ascn.dataset import Dataset
from ascn.filters import PROVENANCE_LABELS
from ascn.vocab import FOCUS_AREAS
from components import ids

TABLE_LIMIT = 250  # rows sent to the browser (ten pages of 25); the CSV download has them all

COLUMNS = [
    {"field": "partnership_id", "headerName": wording.TABLE_HEADERS["partnership_id"], "width": 80, "sort": "asc", "type": "numericColumn"},
    {"field": "title", "headerName": wording.TABLE_HEADERS["title"], "flex": 3, "minWidth": 240, "wrapText": True, "autoHeight": True},
    {"field": "organisations", "headerName": wording.TABLE_HEADERS["organisations"], "flex": 2, "minWidth": 180, "tooltipField": "organisations"},
    {"field": "partners", "headerName": wording.TABLE_HEADERS["partners"], "flex": 1, "minWidth": 130, "wrapText": True, "autoHeight": True},
    {"field": "cities", "headerName": wording.TABLE_HEADERS["cities"], "flex": 1, "minWidth": 120, "wrapText": True, "autoHeight": True},
    {"field": "focus", "headerName": wording.TABLE_HEADERS["focus"], "flex": 1, "minWidth": 140},
    {"field": "year", "headerName": wording.TABLE_HEADERS["year"], "width": 100},
    # Where the row comes from, the report that dates it (with its own link) and the notes, readable in full.
    {"field": "provenance", "headerName": wording.TABLE_HEADERS["provenance"], "width": 150, "wrapText": True, "autoHeight": True},
    {"field": "year_source", "headerName": wording.TABLE_HEADERS["year_source"], "flex": 2, "minWidth": 300, "wrapText": True, "autoHeight": True},
    {"field": "item", "headerName": wording.TABLE_HEADERS["item"], "width": 90, "cellRenderer": "markdown", "sortable": False},
    {"field": "source", "headerName": wording.TABLE_HEADERS["source"], "flex": 2, "minWidth": 200, "tooltipField": "source"},
    {"field": "link", "headerName": wording.TABLE_HEADERS["link"], "width": 90, "cellRenderer": "markdown", "sortable": False},
    {"field": "notes", "headerName": wording.TABLE_HEADERS["notes"], "flex": 4, "minWidth": 520, "wrapText": True, "autoHeight": True},
]


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
        columnDefs=COLUMNS,
        rowData=[],
        # Every cell wraps and its row grows to fit: a source or an organisation list is read in full, never cut.
        defaultColDef={"sortable": True, "resizable": True, "filter": False, "wrapText": True, "autoHeight": True},
        dashGridOptions={
            "rowSelection": {"mode": "multiRow", "enableClickSelection": True, "checkboxes": False, "headerCheckbox": False},
            "animateRows": False,
            # Every column in the page, not only those scrolled into view: find-in-page and screen readers reach the sources.
            "suppressColumnVirtualisation": True,
            "domLayout": "autoHeight",
            "pagination": True,
            "paginationPageSize": 25,
            "paginationPageSizeSelector": False,
            "localeText": {"noRowsToShow": wording.NO_ROWS},
        },
        getRowId="params.data.row_id",  # AG Grid wants string ids
        className="ag-theme-quartz",
        style={"width": "100%"},
    )
