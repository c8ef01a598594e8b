"""The partnerships grid (dash-ag-grid): one row per partnership, with its source."""

import dash_ag_grid as dag
import pandas as pd

from ascn.dataset import Dataset
from ascn.vocab import FOCUS_AREAS
from components import ids

TABLE_LIMIT = 1000  # rows sent to the browser; the CSV download has them all

COLUMNS = [
    {"field": "partnership_id", "headerName": "No.", "width": 80, "sort": "asc", "type": "numericColumn"},
    {"field": "title", "headerName": "Partnership", "flex": 3, "minWidth": 240, "wrapText": True, "autoHeight": True},
    {"field": "organisations", "headerName": "Organisations", "flex": 2, "minWidth": 180, "tooltipField": "organisations"},
    {"field": "partners", "headerName": "Partner economies", "flex": 1, "minWidth": 130, "wrapText": True, "autoHeight": True},
    {"field": "cities", "headerName": "Cities", "flex": 1, "minWidth": 120, "wrapText": True, "autoHeight": True},
    {"field": "focus", "headerName": "Focus area", "flex": 1, "minWidth": 140},
    {"field": "year", "headerName": "Year", "width": 100},
    {"field": "source", "headerName": "Source", "flex": 2, "minWidth": 200, "tooltipField": "source"},
    {"field": "link", "headerName": "Link", "width": 90, "cellRenderer": "markdown", "sortable": False},
]


def rows_for_grid(rows: pd.DataFrame, dataset: Dataset) -> list[dict]:
    """Display rows: names instead of codes, 'unknown' for a missing year, a link when there is one."""
    city_names = dataset.cities["name"]
    out = []
    for r in rows.itertuples(index=False):
        out.append({
            "row_id": str(r.partnership_id),
            "partnership_id": int(r.partnership_id),
            "title": r.title,
            "organisations": "; ".join(r.organisations),
            "partners": ", ".join(dataset.economy_name(c) for c in r.partner_economies),
            "cities": ", ".join(city_names.get(c, c) for c in r.city_ids),
            "city_ids": list(r.city_ids),
            "focus": FOCUS_AREAS[r.focus_area],
            "year": "unknown" if pd.isna(r.year) else str(int(r.year)),
            "source": r.source,
            # The contract admits only http(s) URLs without spaces, quotes or angle brackets.
            "link": f"[open]({r.source_url})" if r.source_url else "",
        })
    return out


def partnerships_grid() -> dag.AgGrid:
    return dag.AgGrid(
        id=ids.TABLE,
        columnDefs=COLUMNS,
        rowData=[],
        defaultColDef={"sortable": True, "resizable": True, "filter": False},
        dashGridOptions={
            "rowSelection": {"mode": "multiRow", "enableClickSelection": True, "checkboxes": False, "headerCheckbox": False},
            "animateRows": False,
            "domLayout": "autoHeight",
            "pagination": True,
            "paginationPageSize": 25,
            "paginationPageSizeSelector": False,
            "localeText": {"noRowsToShow": "No partnerships match these filters."},
        },
        getRowId="params.data.row_id",  # AG Grid wants string ids
        className="ag-theme-quartz",
        style={"width": "100%"},
    )
