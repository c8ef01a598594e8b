"""Who works with whom: the partner-by-city view, following the filters like the other charts."""

import numpy as np
import pandas as pd
from dash import Input, Output, callback

from ascn.query import Query, default_query
from ascn.selection import Selection
from components import figures, ids, text
from layouts.callbacks import selection_from_view  # the one parser of the view store
from layouts.modes import is_present

MAX_PARTNERS, MAX_CITIES = 15, 20  # beyond this the circles get too small to read or click; the title says so


def partner_city_counts(query: Query, sel: Selection) -> pd.DataFrame:
    """Partnerships of each partner economy in each city for the selection, busiest rows and columns first.

    Economies and cities with none are left out; at most MAX_PARTNERS rows and MAX_CITIES columns.
    """
    keep = query.mask(sel)
    size = len(query.economy_codes)
    table = np.bincount(query.city_economy.codes[keep[query.city_economy.rows]], minlength=len(query.city_codes) * size)
    table = table.reshape(len(query.city_codes), size).T  # economies x cities
    rows = [i for i in np.argsort(-table.sum(axis=1), kind="stable") if table[i].sum() > 0][:MAX_PARTNERS]
    sub = table[rows]
    cols = [j for j in np.argsort(-sub.sum(axis=0), kind="stable") if sub[:, j].sum() > 0][:MAX_CITIES]
    return pd.DataFrame(sub[:, cols], index=[query.economy_codes[i] for i in rows], columns=[query.city_codes[j] for j in cols])


def describe_matrix(counts: pd.DataFrame, partner_names: dict[str, str], city_names: dict[str, str], what: str) -> str:
    """One sentence for screen readers and alt text: each partner with the cities it works in."""
    if counts.empty:
        return f"Partners by city for {what}: no partnerships."
    parts = []
    for partner, row in counts.iterrows():
        cities = [f"{city_names.get(c, c)} ({int(n)})" for c, n in row.items() if n]
        parts.append(f"{partner_names.get(partner, partner)} in {', '.join(cities)}")
    return f"Partners by city for {what}: " + "; ".join(parts) + "."


@callback(Output(ids.MATRIX, "figure"), Output({"type": ids.CHART_TEXT, "chart": ids.MATRIX}, "children"),
          Input(ids.VIEW, "data"), Input(ids.MODE, "data"))
def render_matrix(view, mode=None):
    """The matrix and its one-sentence description for the current view."""
    query = default_query()
    sel = selection_from_view(view)
    counts = partner_city_counts(query, sel)
    partner_names = query.allowed["partner"]
    city_names = dict(zip(query.cities.index, query.cities["name"]))
    what = text.describe(sel, query.dataset)
    fig = figures.matrix_figure(counts, partner_names, city_names, f"Who works with whom: {what}", text.PARTNERSHIP_SOURCE)
    return figures.presentable(fig, is_present(mode or {})), describe_matrix(counts, partner_names, city_names, what)
