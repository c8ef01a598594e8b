"""Who works with whom: the partner-by-city view, following the filters like the other charts."""

import pandas as pd

from ascn import wording
from ascn.query import Query
from ascn.selection import Selection
from components import charts, figure_base


def describe_matrix(counts: pd.DataFrame, partner_names: dict[str, str], city_names: dict[str, str], what: str) -> str:
    """One sentence for screen readers and alt text: each partner with the cities it works in."""
    if counts.empty:
        return f"Partners by city for {what}: no partnerships."
    parts = []
    for partner, row in counts.iterrows():
        cities = [f"{city_names.get(c, c)} ({int(n)})" for c, n in row.items() if n]
        parts.append(f"{partner_names.get(partner, partner)} in {', '.join(cities)}")
    return f"Partners by city for {what}: " + "; ".join(parts) + "."


def matrix_view(query: Query, sel: Selection, what: str, big: bool, credit: str = wording.PARTNERSHIP_SOURCE):
    """The matrix figure and its one-sentence description for the selection (drawn by the filter change's answer)."""
    counts = query.partner_city_counts(sel)
    partner_names = query.allowed["partner"]
    city_names = dict(zip(query.cities.index, query.cities["name"]))
    fig = charts.matrix_figure(counts, partner_names, city_names, f"Who works with whom: {what}", credit)
    return figure_base.presentable(fig, big), describe_matrix(counts, partner_names, city_names, what)
