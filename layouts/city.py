"""The city panel: one selected city's facts, partnerships, partners and focus areas."""

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from ascn import wording
from ascn.query import Query
from ascn.selection import Selection
from ascn.vocab import FOCUS_AREAS
from ascn.wording import count_of
from components import palette

CITY_LIMIT = 50  # partnerships listed in the panel; the count, the table and the CSV cover them all


def city_panel(query: Query, sel: Selection):
    """Details when exactly one city is selected; a hint otherwise."""
    if len(sel.cities) != 1:
        if sel.cities:
            names = query.cities.loc[list(sel.cities), "name"]
            return html.P(wording.cities_selected(list(names)), className="small mb-0")
        return html.P(wording.CITY_HINT, className="small text-secondary mb-0")
    detail = query.city_detail(sel.cities[0], sel, limit=CITY_LIMIT)
    dataset = query.dataset
    rows = detail["rows"]
    more = detail["count"] - len(rows["partnership_id"])
    return html.Div([
        html.H3(detail["name"], className="h5 mb-1"),
        html.A(wording.profile_link(detail["name"]), href=f"/profile/city/{detail['city_id']}", className="small d-block mb-1"),
        html.P([dataset.economy_name(detail["member_state"]), wording.in_network_since(detail["joined"])], className="small mb-2"),
        html.P([html.Strong(count_of(detail["count"], "partnership")), wording.UNDER_FILTERS], className="small mb-1"),
        html.P([wording.PARTNERS_PREFIX, ", ".join(dataset.economy_name(c) for c in detail["partners"]) or wording.NONE], className="small mb-1"),
        html.Div([dbc.Badge(FOCUS_AREAS[f], className="me-1 focus-badge",
                            style={"backgroundColor": palette.FOCUS_COLOURS[f], "color": "#000"}) for f in detail["focus_areas"]],
                 className="mb-2"),
        html.Ol([html.Li([f"{title} ", html.Span(wording.YEAR_UNKNOWN_PAREN if pd.isna(year) else wording.year_paren(int(year)), className="text-secondary"),
                          # Where the row comes from: the paper's Table 2, or reporting after it.
                          html.Span(wording.provenance_note(provenance), className="text-secondary")],
                         value=str(pid))
                 for pid, title, year, provenance in zip(rows["partnership_id"], rows["title"], rows["year"], rows["provenance"])],
                className="small ps-3 mb-0"),
        html.P(wording.more_in_table(more), className="small text-secondary mb-0") if more > 0 else None,
    ])
