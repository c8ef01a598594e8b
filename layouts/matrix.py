"""Who works with whom: the partner-by-city view, following the filters like the other charts."""

from ascn import wording
from ascn.query import Query
from ascn.selection import Selection
from components import charts, figure_base


def matrix_view(query: Query, sel: Selection, what: str, big: bool, credit: str = wording.PARTNERSHIP_SOURCE, compact: bool = False):
    """The matrix figure and its one-sentence description for the selection (drawn by the filter change's answer)."""
    counts = query.partner_city_counts(sel)
    partner_names = query.allowed["partner"]
    city_names = dict(zip(query.cities.index, query.cities["name"]))
    fig = charts.matrix_figure(counts, partner_names, city_names, wording.matrix_title(what), credit, compact=compact)
    return figure_base.presentable(fig, big), wording.describe_matrix(counts, partner_names, city_names, what)
