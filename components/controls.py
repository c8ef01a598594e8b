"""The filter panel, the chips and the action buttons (factories returning dbc layouts)."""

import dash_bootstrap_components as dbc
from dash import dcc, html

from ascn import filters, wording
from ascn.filters import UNKNOWN_YEAR_CHOICES
from ascn.vocab import FOCUS_AREAS
from components import ids, palette


def options(values: dict[str, str], counts: dict[str, int] | None = None) -> list[dict]:
    """Dropdown options 'Name (count)'; the count is under all the other filters."""
    counts = counts or {}
    return [{"label": wording.option_label(label, counts[v]) if v in counts else label, "value": v} for v, label in values.items()]


def _labelled(label: str, control, label_for: str) -> html.Div:
    return html.Div([dbc.Label(label, html_for=label_for, className="fw-semibold mb-1"), control], className="mb-3")


def filter_panel(allowed: dict[str, dict[str, str]], year_bounds: tuple[int, int], labels: dict[str, dict[str, str]] | None = None) -> dbc.Card:
    """A control per filter kind of ``ascn.filters`` (AND across kinds, OR within one), the year range and the
    unknown-years choice; the lists to tick come last. ``labels`` overrides a kind's option labels (by parameter)."""
    low, high = year_bounds
    marks = {low: str(low), high: str(high)}  # the ends only: more overlap on a phone
    kinds = filters.list_kinds()
    return dbc.Card(dbc.CardBody([
        html.H2(wording.FILTERS_HEADING, className="h6 text-uppercase text-secondary mb-3"),
        *[control(k, (labels or {}).get(k.param) or allowed[k.param]) for k in kinds if k.widget == "dropdown"],
        _labelled(wording.YEAR, dcc.RangeSlider(id=ids.FILTER_YEARS, min=low, max=high, step=1, value=[low, high], marks=marks,
                                          allowCross=False, tooltip={"placement": "bottom"}), ids.FILTER_YEARS),
        dbc.RadioItems(id=ids.FILTER_UNKNOWN_YEAR, value="include", className="small mb-3",
                       options=[{"label": label, "value": c} for c, label in UNKNOWN_YEAR_CHOICES.items()]),
        *[control(k, (labels or {}).get(k.param) or allowed[k.param]) for k in kinds if k.widget != "dropdown"],
        dbc.Button(wording.CLEAR_ALL, id=ids.CLEAR_ALL, color="secondary", outline=True, size="sm", className="w-100"),
    ]), className="mb-3")


def control(kind: filters.ListKind, labels: dict[str, str]):
    """The control of one filter kind: a searchable dropdown, or a list to tick (the keyboard way to pick cities)."""
    if kind.widget == "checklist":
        return html.Details([
            html.Summary(kind.label, className="fw-semibold mb-2"),
            dbc.Checklist(id=kind.control, value=[], className="small city-list",
                          options=[{"label": label, "value": code} for code, label in labels.items()]),
        ], className="mb-3")
    return _labelled(kind.label, dcc.Dropdown(id=kind.control, options=options(labels), multi=True, placeholder=kind.placeholder), kind.control)


def focus_legend(legend_id: str | None = ids.FOCUS_LEGEND) -> html.Ul:
    """The palette's legend: swatch with pattern hint and name, shown once for every chart."""
    return html.Ul([
        html.Li([html.Span(className=f"swatch pattern-{slug}", style={"backgroundColor": palette.FOCUS_COLOURS[slug]}), label],
                className="legend-item")
        for slug, label in FOCUS_AREAS.items()
    ], className="focus-legend list-unstyled mb-0", **{"aria-label": wording.FOCUS_LEGEND}, **({"id": legend_id} if legend_id else {}))


def chip_row(chips: list[tuple[str, str, str]]) -> list:
    """Removable chips for the active filters, in one line of their own (``chip-line``: what follows them, the
    profile links, takes the next line)."""
    if not chips:
        return [html.Div(html.Span(wording.NO_FILTERS, className="text-secondary small"), className="chip-line")]
    return [html.Div([
        dbc.Button([label, html.Span(" ×", **{"aria-hidden": "true"})], id={"type": ids.CHIP, "param": param, "value": value},
                   size="sm", color="primary", outline=True, className="me-1 mb-1 chip", title=wording.remove_filter(label))
        for param, value, label in chips
    ], className="chip-line")]
