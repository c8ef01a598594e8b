"""The provenance filter control (Table 2 rows or later reporting), wired through the URL like a link would be.

Kept beside the main view callback rather than inside it: the control writes the page's query string, and the
view callback reads it as it reads any link, so the selection still changes in one place (and sets the control back
from the view, like the other filters).
"""

from dataclasses import replace

from dash import Input, Output, State, callback, no_update

from ascn.query import PROVENANCE_ORDER, default_query
from components import ids
from layouts.modes import read_search, view_query


@callback(Output(ids.URL, "search", allow_duplicate=True), Input(ids.FILTER_PROVENANCE, "value"), State(ids.URL, "search"),
          prevent_initial_call=True)
def provenance_to_url(values, search):
    """The chosen provenances into the link, keeping every other filter and page parameter."""
    chosen = values if isinstance(values, list) else []
    selection, page, _ = read_search(search, default_query().dataset)  # validated: nothing unknown travels on
    wanted = tuple(v for v in PROVENANCE_ORDER if v in chosen)
    if wanted == selection.provenances:
        return no_update
    new = view_query(replace(selection, provenances=wanted), page)
    return no_update if new == (search or "") else new
