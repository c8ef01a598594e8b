"""What every figure shares: figures as plain JSON (FigureJSON), the slim template, the font, the title and
source frame, the empty state and presentation mode's larger type. No loading, no filtering."""

import html
import math
import textwrap

from ascn.wording import safe
from components import palette

FONT = dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif", size=13, color=palette.TEXT)
PRESENT_NOTE = 16  # the least type size of a chart's source line and notes in presentation mode
CHART_MARGIN = dict(l=10, r=10, t=56, b=106)  # b: axis labels, then a three-line source
# Plotly never wraps a title, and a cut title hides the filters it names (on screen and in exports): titles are
# broken at word boundaries into lines that fit the narrowest card (a phone, or a third of a laptop screen).
TITLE_CHARS, TITLE_LINE = 42, 20  # characters a line, pixels each further line adds
PRESENT_TITLE_CHARS, PRESENT_TITLE_LINE = 30, 29  # the same at presentation mode's larger type


# -- figures as plain JSON ----------------------------------------------------------------------
# go.Figure validates every property it is given: 30-120 ms a chart, more than a whole filter change
# may cost. The builders write the JSON plotly.js receives instead (the same keys go.Figure would
# send) and wrap it in FigureJSON, which reads by attribute like go.Figure (``fig.layout.title.text``).


class _View(dict):
    """Read access by attribute to a figure's JSON: missing keys read as None, lists as tuples."""

    __slots__ = ()

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return _view(self.get(name))


def _view(value):
    if isinstance(value, dict):
        return _View(value)
    if isinstance(value, list):
        return tuple(_view(v) for v in value)
    return value


class FigureJSON(_View):
    """A figure as the dict dcc.Graph receives (``data``, ``layout``); ``fig.data[0].type`` reads it like go.Figure."""

    __slots__ = ()

    def to_plotly_json(self) -> dict:
        return self


def _slim_template() -> dict:
    """plotly.py's default template, less what only other trace and subplot types use (7 KB -> 1.5 KB a figure)."""
    import plotly.io as pio

    full = pio.templates[pio.templates.default].to_plotly_json()
    keep = ("autotypenumbers", "colorway", "font", "hovermode", "hoverlabel", "paper_bgcolor", "plot_bgcolor", "xaxis", "yaxis",
            "shapedefaults", "annotationdefaults", "geo", "title")
    return {"data": {k: v for k, v in full["data"].items() if k in ("bar", "scatter", "scattergeo", "choropleth")},
            "layout": {k: v for k, v in full["layout"].items() if k in keep}}


TEMPLATE = _slim_template()


def new_figure(data: list[dict], **layout) -> FigureJSON:
    """A figure of these traces and this layout, on the shared template."""
    return FigureJSON(data=data, layout={"template": TEMPLATE, **layout})


def _wrapped(title: str, width: int) -> tuple[str, int]:
    """The title escaped and broken into lines of at most ``width`` characters, and how many lines it has."""
    lines = textwrap.wrap(title, width=width, break_long_words=False) or [""]
    return "<br>".join(safe(line) for line in lines), len(lines)


def _title(text: str, lines: int, size: int) -> dict:
    """A title at the figure's top left. Plotly lifts a title of several lines about 0.7 em above a one-line
    title's place (measured), which cut its first line: the top pad gives that back."""
    pad = 8 + (math.ceil(0.75 * size) if lines > 1 else 0)
    return dict(text=text, x=0, xanchor="left", yref="container", y=1, yanchor="top", pad=dict(t=pad), font=dict(size=size))


def framed(fig: FigureJSON, title: str, source: str, height: int = 340) -> FigureJSON:
    """Title, source line and the shared look of every chart."""
    layout = fig["layout"]
    text, lines = _wrapped(title, TITLE_CHARS)
    extra = (lines - 1) * TITLE_LINE
    layout.update(
        title=_title(text, lines, 15),
        font=dict(FONT), height=height + extra, margin={**CHART_MARGIN, "t": CHART_MARGIN["t"] + extra},
        paper_bgcolor="white", plot_bgcolor="white",
        # Focus-area charts share the page's one legend; the legend comes back in exported images.
        showlegend=False, legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, title=dict(text="")),
    )
    layout["annotations"] = [*layout.get("annotations", []), dict(
        text=safe(source), xref="paper", yref="paper", x=1, y=0, yshift=-CHART_MARGIN["b"] + 4,
        xanchor="right", yanchor="bottom", align="right", showarrow=False, font=dict(size=11, color=palette.MUTED_TEXT),
    )]
    return fig


def empty_figure(title: str, message: str, source: str, height: int = 340) -> FigureJSON:
    """The clear empty state: the title still says what was asked, the middle says why it is empty."""
    # Broken into short lines: one long line would run past both edges of a phone's or a small embed's chart.
    lines = "<br>".join(safe(line) for line in textwrap.wrap(message, 26, break_long_words=False))
    # Axes drawn bare instead of hidden: a hidden axis is not drawn again, so the room a bar chart's labels took on the
    # left (automargin) stayed after Plotly.react changed the chart to this one, and the message sat off-centre, cut
    # at the right edge (a click that made the view empty). A drawn axis without automargin gives that room back.
    bare = dict(visible=True, automargin=False, showticklabels=False, showgrid=False, zeroline=False, showline=False, ticks="",
                fixedrange=True)
    fig = new_figure([], xaxis=bare, yaxis=bare, annotations=[dict(
        text=lines, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font=dict(size=14, color=palette.MUTED_TEXT),
    )])
    return framed(fig, title, source, height)


def presentable(fig: FigureJSON, big: bool) -> FigureJSON:
    """Larger type for a projector in presentation mode; unchanged otherwise."""
    if big:
        layout = fig["layout"]
        shown = layout.get("title", {}).get("text", "")
        text, lines = _wrapped(html.unescape(shown.replace("<br>", " ")), PRESENT_TITLE_CHARS)  # re-broken for larger type
        extra = (lines - 1) * PRESENT_TITLE_LINE - shown.count("<br>") * TITLE_LINE
        margin = layout.get("margin", CHART_MARGIN)
        for note in layout.get("annotations", []):  # the source line and any message: at least 16 px on a projector
            note["font"] = {**note.get("font", {}), "size": max(PRESENT_NOTE, note.get("font", {}).get("size", 0))}
        layout.update(font={**layout.get("font", {}), "size": 17}, title=_title(text, lines, 22),
                      margin={**margin, "t": margin["t"] + extra + (30 if layout.get("showlegend") else 0)},  # taller legend rows
                      height=(layout.get("height") or 340) + 80 + extra)
    return fig
