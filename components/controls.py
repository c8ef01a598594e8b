"""The filter panel, the chips and the action buttons (factories returning dbc layouts)."""

import dash_bootstrap_components as dbc
from dash import dcc, html

from ascn.selection import UNKNOWN_YEAR_CHOICES
from ascn.vocab import FOCUS_AREAS
from components import ids, palette

UNKNOWN_YEAR_LABELS = {"include": "Include unknown years", "exclude": "Known years only", "only": "Unknown years only"}


def options(values: dict[str, str], counts: dict[str, int] | None = None) -> list[dict]:
    """Dropdown options 'Name (count)'; the count is under all the other filters."""
    counts = counts or {}
    return [{"label": f"{label} ({counts[v]})" if v in counts else label, "value": v} for v, label in values.items()]


def _labelled(label: str, control, label_for: str) -> html.Div:
    return html.Div([dbc.Label(label, html_for=label_for, className="fw-semibold mb-1"), control], className="mb-3")


def filter_panel(allowed: dict[str, dict[str, str]], year_bounds: tuple[int, int], city_labels: dict[str, str]) -> dbc.Card:
    """Member state, partner, focus area, years: AND across kinds, OR within one; and the cities to tick."""
    low, high = year_bounds
    marks = {low: str(low), high: str(high)}  # the ends only: more overlap on a phone
    return dbc.Card(dbc.CardBody([
        html.H2("Filters", className="h6 text-uppercase text-secondary mb-3"),
        _labelled("Member state", dcc.Dropdown(id=ids.FILTER_MEMBER_STATE, options=options(allowed["member_state"]), multi=True,
                                               placeholder="All member states"), ids.FILTER_MEMBER_STATE),
        _labelled("Partner economy", dcc.Dropdown(id=ids.FILTER_PARTNER, options=options(allowed["partner"]), multi=True,
                                                  placeholder="All partners"), ids.FILTER_PARTNER),
        _labelled("Focus area", dcc.Dropdown(id=ids.FILTER_FOCUS, options=options(allowed["focus_area"]), multi=True,
                                             placeholder="All focus areas"), ids.FILTER_FOCUS),
        _labelled("Where the row comes from", dcc.Dropdown(id=ids.FILTER_PROVENANCE, options=options(allowed["provenance"]), multi=True,
                                                           placeholder="Table 2 and later reporting"), ids.FILTER_PROVENANCE),
        _labelled("Year", dcc.RangeSlider(id=ids.FILTER_YEARS, min=low, max=high, step=1, value=[low, high], marks=marks,
                                          allowCross=False, tooltip={"placement": "bottom"}), ids.FILTER_YEARS),
        dbc.RadioItems(id=ids.FILTER_UNKNOWN_YEAR, value="include", className="small mb-3",
                       options=[{"label": UNKNOWN_YEAR_LABELS[c], "value": c} for c in UNKNOWN_YEAR_CHOICES]),
        html.Details([
            html.Summary("Cities: tick to select", className="fw-semibold mb-2"),
            dbc.Checklist(id=ids.FILTER_CITIES, value=[], className="small city-list",
                          options=[{"label": label, "value": city_id} for city_id, label in city_labels.items()]),
        ], className="mb-3"),
        dbc.Button("Clear all filters", id=ids.CLEAR_ALL, color="secondary", outline=True, size="sm", className="w-100"),
    ]), className="mb-3")


def focus_legend(legend_id: str | None = ids.FOCUS_LEGEND) -> html.Ul:
    """The palette's legend: swatch with pattern hint and name, shown once for every chart."""
    return html.Ul([
        html.Li([html.Span(className=f"swatch pattern-{slug}", style={"backgroundColor": palette.FOCUS_COLOURS[slug]}), label],
                className="legend-item")
        for slug, label in FOCUS_AREAS.items()
    ], className="focus-legend list-unstyled mb-0", **{"aria-label": "Focus area colours"}, **({"id": legend_id} if legend_id else {}))


def chip_row(chips: list[tuple[str, str, str]]) -> list:
    """Removable chips for the active filters."""
    if not chips:
        return [html.Span("No filters: showing every partnership.", className="text-secondary small")]
    return [
        dbc.Button([label, html.Span(" ×", **{"aria-hidden": "true"})], id={"type": ids.CHIP, "param": param, "value": value},
                   size="sm", color="primary", outline=True, className="me-1 mb-1 chip", title=f"Remove filter {label}")
        for param, value, label in chips
    ]
