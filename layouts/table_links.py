"""The table's callbacks (search, the count beside it, rows ringed on the map) and the Copy link button."""

import functools
import json

from dash import Input, Output, Patch, State

from ascn import wording
from components import ids, maps


def highlight_rows(query, selected_rows):
    """Rings on the map around the cities of the rows picked in the table (not a filter)."""
    # The rows come back from the browser: skip anything that is not a row the grid was given.
    rows = selected_rows if isinstance(selected_rows, list) else []
    city_ids = [c for row in rows if isinstance(row, dict) and isinstance(row.get("city_ids"), list) for c in row["city_ids"] if isinstance(c, str)]
    return maps.highlight_patch(query.cities, list(dict.fromkeys(city_ids)))


def search_table(value):
    patch = Patch()
    patch["quickFilterText"] = value or ""
    return patch


def register(app, query) -> None:
    app.callback(Output(ids.MAP, "figure", allow_duplicate=True), Input(ids.TABLE, "selectedRows"),
                 prevent_initial_call=True)(functools.partial(highlight_rows, query))
    app.callback(Output(ids.TABLE, "dashGridOptions"), Input(ids.TABLE_SEARCH, "value"), prevent_initial_call=True)(search_table)
    # The table's search filters in the browser: the count beside it says how many rows the search leaves
    # ("4 partnerships · 1 matches the search"), and goes back to the plain count when the search is cleared.
    app.clientside_callback(
        """
        function(rows, search, note) {
            var base = Array.isArray(note) ? note[0] : note;
            if (!search || !String(search).trim() || !Array.isArray(rows)) { return base; }
            var n = rows.length;
            return [base, " · ", n + (n === 1 ? %(one)s : %(many)s) + %(tail)s];
        }
        """ % {k: json.dumps(v) for k, v in wording.SEARCH_MATCHES.items()},
        Output(ids.TABLE_NOTE, "children", allow_duplicate=True),
        Input(ids.TABLE, "virtualRowData"), State(ids.TABLE_SEARCH, "value"), State(ids.TABLE_NOTE, "children"),
        prevent_initial_call=True,
    )

    app.clientside_callback(
        """
        function(n, view) {
            // The validated view (the link "Open the full dashboard" holds), never the address bar as typed:
            // what the page did not understand in a link does not travel on.
            if (!n) { return [window.dash_clientside.no_update, window.dash_clientside.no_update, window.dash_clientside.no_update]; }
            var href = window.location.origin + (view || "/");
            var ok = navigator.clipboard && window.isSecureContext;
            if (ok) { navigator.clipboard.writeText(href).catch(function () {}); }
            return [href, "mb-2", ok ? %s : %s];
        }
        """ % (json.dumps(wording.LINK_COPIED), json.dumps(wording.COPY_LINK_BELOW)),
        Output(ids.COPY_LINK_TEXT, "value"), Output(ids.COPY_LINK_TEXT, "className"), Output(ids.COPY_LINK, "children"),
        Input(ids.COPY_LINK, "n_clicks"), State(ids.EMBED_OPEN, "href"),
    )
