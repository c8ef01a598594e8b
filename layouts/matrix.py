"""Who works with whom: the partner-by-city view, following the filters like the other charts."""

import numpy as np
import pandas as pd

from ascn.query import Query
from ascn.selection import Selection
from components import figures, text

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


def matrix_view(query: Query, sel: Selection, what: str, big: bool):
    """The matrix figure and its one-sentence description for the selection (drawn by the filter change's answer)."""
    counts = partner_city_counts(query, sel)
    partner_names = query.allowed["partner"]
    city_names = dict(zip(query.cities.index, query.cities["name"]))
    fig = figures.matrix_figure(counts, partner_names, city_names, f"Who works with whom: {what}", text.PARTNERSHIP_SOURCE)
    return figures.presentable(fig, big), describe_matrix(counts, partner_names, city_names, what)
