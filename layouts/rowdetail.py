"""The table's row detail: a picked row's full source, year source, notes and its own link, for a journalist to read."""

import functools

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, html

from ascn import wording
from components import ids
from layouts.profile_links import row_profile_links

ROW_DETAIL = "row-detail"
MAX_ROWS = 5  # picked rows shown in full; the rest are counted


def row_detail(partnerships, partnership_ids: list[int], profile_links=None) -> list:
    """A description list per partnership: what it is, where it comes from, how its year is known, the notes, and
    (given ``profile_links(partner_codes, city_ids)``) the profiles of its partners, cities and member states."""
    known = [pid for pid in partnership_ids if pid in partnerships.index] if partnership_ids else []
    if not known:
        return [html.P(wording.ROW_DETAIL_HINT, className="small text-secondary mb-0")]
    out = []
    for pid in known[:MAX_ROWS]:
        row = partnerships.loc[pid]
        url = row["source_url"] if str(row["source_url"]).lower().startswith(("http://", "https://")) else ""
        fields = [(wording.ROW_SOURCE, row["source"]), (wording.ROW_YEAR, wording.UNKNOWN if pd.isna(row["year"]) else str(int(row["year"]))),
                  (wording.ROW_YEAR_SOURCE, row["year_source"] or wording.NO_YEAR_SOURCE), (wording.ROW_NOTES, row["notes"] or wording.NONE)]
        items = []
        for label, value in fields:
            items += [html.Dt(label, className="col-sm-2"), html.Dd(str(value), className="col-sm-10 mb-1")]
        if url:
            items += [html.Dt(wording.ROW_LINK, className="col-sm-2"),
                      html.Dd(html.A(url, href=url, target="_blank", rel="noopener noreferrer", className="text-break"), className="col-sm-10 mb-1")]
        links = profile_links(row["partner_economies"], row["city_ids"]) if profile_links else []
        if links:
            items += [html.Dt(wording.PROFILES_LINK, className="col-sm-2"), html.Dd(links, className="col-sm-10 mb-1")]
        out.append(html.Div([html.H3(wording.row_heading(pid, row["title"]), className="h6 mb-1"), html.Dl(items, className="row small mb-2")]))
    if len(known) > MAX_ROWS:
        out.append(html.P(wording.more_picked(len(known) - MAX_ROWS), className="small text-secondary mb-0"))
    return out


def panel() -> dbc.Card:
    return dbc.Card(dbc.CardBody(html.Div(row_detail(None, []), id=ROW_DETAIL, **{"aria-live": "polite"})), className="mt-2 row-detail")


def show_rows(query, selected_rows):
    """The rows come back from the browser: only partnership numbers the record holds are looked up."""
    rows = selected_rows if isinstance(selected_rows, list) else []
    picked = [row.get("partnership_id") for row in rows if isinstance(row, dict)]
    return row_detail(query.dataset.partnerships, [pid for pid in picked if isinstance(pid, int) and not isinstance(pid, bool)],
                      functools.partial(row_profile_links, query))


def register(app, query) -> None:
    # The panel starts with its hint (``panel``): nothing to ask the server until a row is picked.
    app.callback(Output(ROW_DETAIL, "children"), Input(ids.TABLE, "selectedRows"), prevent_initial_call=True)(functools.partial(show_rows, query))
