"""Pure figure builders: small frames in, new plotly figures out. No loading, no filtering.

Ids ride in ``customdata`` so callbacks read back exactly what was drawn.
"""

import datetime
import functools
import html
import math
import textwrap

import pandas as pd
from dash import Patch

from ascn.vocab import FOCUS_AREAS
from ascn.wording import safe
from components import palette

FONT = dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif", size=13, color=palette.TEXT)
MAP_UIREVISION = "asean-map"
CITY_HOVER = ("<b>%{customdata[1]}</b> (%{customdata[2]})<br>%{customdata[3]} %{customdata[5]} in this selection"
              "<br>Main partners: %{customdata[4]}<extra></extra>")
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


def _figure(data: list[dict], **layout) -> FigureJSON:
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


def _frame(fig: FigureJSON, title: str, source: str, height: int = 340) -> FigureJSON:
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
    fig = _figure([], xaxis=dict(visible=False), yaxis=dict(visible=False), annotations=[dict(
        text=lines, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font=dict(size=14, color=palette.MUTED_TEXT),
    )])
    return _frame(fig, title, source, height)


def _counts_axis(largest: float) -> dict:
    """A count axis: whole numbers only (no '0 1 1 2 2' on small counts)."""
    axis = dict(tickformat=",d", rangemode="tozero", gridcolor="#e5e5e5")
    if largest <= 8:
        axis["dtick"] = 1
    return axis


def _focus_bar(name: str, x, y, customdata, horizontal: bool = False, hover: str = "") -> dict:
    return dict(
        type="bar", name=FOCUS_AREAS[name], x=x, y=y, customdata=customdata, orientation="h" if horizontal else "v",
        marker=dict(color=palette.FOCUS_COLOURS[name], pattern=dict(shape=palette.FOCUS_PATTERNS[name], fgcolor="#333", size=6),
                    line=dict(color="white", width=0.5)),
        hovertemplate=hover,
    )


# -- the map ---------------------------------------------------------------------------------

def marker_sizes(counts: pd.Series) -> list[float]:
    """Area grows with the count; a city with none stays visible, small."""
    return [6.0 if c == 0 else 10.0 + 6.0 * math.sqrt(c) for c in counts]


# -- city labels: a greedy placement (right, left, above, below) on an estimated pixel grid ----------------------
# The map's view is fixed (lon 91..129, lat -11.5..24.5, mercator), so where a city lands on screen is known up to
# the map's width. Text widths are estimated from the font size; a label goes where its box overlaps no marker and
# no label placed before it, or is left out (then the hover still names the city).
MAP_LON, MAP_LAT = (91.0, 129.0), (-11.5, 24.5)
LABEL_POSITIONS = ("middle right", "middle left", "top center", "bottom center")
LABEL_SIZE, LABEL_SIZE_BIG = 11, 14
LABELS_SHOWN = 8  # the largest circles named on screen (selected cities always)
SIZE_LEGEND = (1, 4, 9)  # partnerships a legend circle stands for
LABEL_HALO = "1px 1px 1px #fff, -1px -1px 1px #fff, 1px -1px 1px #fff, -1px 1px 1px #fff"  # readable over land and borders


def _merc(lat: float) -> float:
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _label_box(x: float, y: float, radius: float, width: float, height: float, position: str) -> tuple[float, float, float, float]:
    if position == "middle right":
        return x + radius, y - height / 2, x + radius + width, y + height / 2
    if position == "middle left":
        return x - radius - width, y - height / 2, x - radius, y + height / 2
    if position == "top center":
        return x - width / 2, y - radius - height, x + width / 2, y - radius
    return x - width / 2, y + radius, x + width / 2, y + radius + height


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(names: list[str], lon: list[float], lat: list[float], sizes: list[float], chosen: list[int],
                 font: int = LABEL_SIZE, width_px: float = 460.0, forced: int = 0) -> list[str | None]:
    """A text position for each city in ``chosen`` (in that priority order) whose label fits, else None.

    ``sizes`` are marker diameters in pixels (0: not drawn); ``width_px`` the map's estimated width. The first
    ``forced`` of ``chosen`` are named even where no position is free: they take the one overlapping least.
    """
    scale = width_px / (MAP_LON[1] - MAP_LON[0])
    top = _merc(MAP_LAT[1])
    xy = [((lo - MAP_LON[0]) * scale, (top - _merc(la)) * scale) for lo, la in zip(lon, lat)]
    bounds = (0, 0, width_px, (top - _merc(MAP_LAT[0])) * scale)
    markers = [(x - s / 2, y - s / 2, x + s / 2, y + s / 2) if s > 0 else None for (x, y), s in zip(xy, sizes)]
    placed: list[tuple] = []
    out: list[str | None] = [None] * len(names)
    height = font * 1.25
    for rank, i in enumerate(chosen):
        if not sizes[i]:
            continue
        width = 0.58 * font * len(names[i]) + 4
        best, fewest = None, None
        # Only what lies within a label's reach of this city can overlap one of its four boxes.
        x, y = xy[i]
        reach = (x - width - sizes[i], y - 2 * height - sizes[i], x + width + sizes[i], y + 2 * height + sizes[i])
        others = [o for o in placed if _overlaps(reach, o)] + [
            m for j, m in enumerate(markers) if m is not None and j != i and _overlaps(reach, m)]
        for position in LABEL_POSITIONS:
            box = _label_box(x, y, sizes[i] / 2 + 2, width, height, position)
            inside = bounds[0] <= box[0] and box[2] <= bounds[2] and bounds[1] <= box[1] and box[3] <= bounds[3]
            hits = sum(_overlaps(box, other) for other in others) + (0 if inside else 3)
            if fewest is None or hits < fewest:
                best, fewest = (position, box), hits
            if hits <= 0:
                break
        if fewest <= 0 or rank < forced:
            out[i] = best[0]
            placed.append(best[1])
    return out


def city_labels(cities: pd.DataFrame, selected: tuple[str, ...], present: list[bool], every: bool,
                font: int = LABEL_SIZE, width_px: float = 460.0, force: bool = False) -> dict:
    """The label layer's ``text``, ``textposition`` and ``marker.size``: selected cities first, then the largest
    circles (``every``: all of them), placed so that no two labels and no label and circle overlap."""
    key = (tuple(cities.index), tuple(cities["name"].tolist()), tuple(cities["lon"].tolist()), tuple(cities["lat"].tolist()))
    placed = _city_labels(key, tuple(cities["count"].tolist()), tuple(selected), tuple(present), every, font, width_px, force)
    return {"text": list(placed["text"]), "textposition": list(placed["textposition"]), "marker": {"size": list(placed["marker"]["size"])}}


@functools.lru_cache(maxsize=256)  # a filter change asks for the same placement the last visit to that view did
def _city_labels(key: tuple, counts: tuple, selected: tuple, present: tuple, every: bool, font: int, width_px: float,
                 force: bool) -> dict:
    ids, names, lon, lat = (list(part) for part in key)
    sizes = [size if shown else 0 for size, shown in zip(marker_sizes(counts), present)]
    first = [ids.index(c) for c in selected if c in ids]
    rest = sorted((i for i in range(len(ids)) if i not in first and (every or counts[i] > 0)), key=lambda i: (-counts[i], names[i]))
    chosen = first + (rest if every else rest[:max(0, LABELS_SHOWN - len(first))])
    positions = place_labels(names, lon, lat, sizes, chosen, font=font, width_px=width_px,
                             forced=len(chosen) if force else len(first))  # a selected city is always named
    # Plotly sets text off by its own trace's marker: an invisible copy of each circle keeps a label clear of it.
    return {"text": [safe(n) if p else "" for n, p in zip(names, positions)],
            "textposition": [p or "middle right" for p in positions], "marker": {"size": sizes}}


EXPORT_LABELS = dict(font=13, width_px=880.0, force=True)  # the exported map (assets/js/ascn.js) is 880 px wide


def _size_legend() -> tuple[list[dict], list[dict]]:
    """Shapes and annotations of the circle-size legend, in the map's lower left corner (open sea)."""
    shapes, notes, x = [], [], 8.0
    diameters = marker_sizes(list(SIZE_LEGEND))
    box_w = 16 + sum(d + 26 for d in diameters)
    shapes.append(dict(type="rect", xref="paper", yref="paper", xsizemode="pixel", ysizemode="pixel", xanchor=0, yanchor=0,
                       x0=2, x1=2 + box_w, y0=2, y1=2 + max(diameters) + 30, fillcolor="rgba(255,255,255,0.85)",
                       line=dict(color="#bbb", width=1), layer="above"))
    notes.append(dict(text="Partnerships in this view", xref="paper", yref="paper", x=0, y=0, xshift=10, yshift=max(diameters) + 12,
                      xanchor="left", yanchor="bottom", showarrow=False, font=dict(size=11, color=palette.TEXT)))
    for count, d in zip(SIZE_LEGEND, diameters):
        cx = x + d / 2 + 4
        shapes.append(dict(type="circle", xref="paper", yref="paper", xsizemode="pixel", ysizemode="pixel", xanchor=0, yanchor=0,
                           x0=cx - d / 2, x1=cx + d / 2, y0=8, y1=8 + d, fillcolor=palette.CITY, opacity=0.85,
                           line=dict(color="white", width=1), layer="above"))
        notes.append(dict(text=str(count), xref="paper", yref="paper", x=0, y=0, xshift=cx + d / 2 + 3, yshift=8 + d / 2,
                          xanchor="left", yanchor="middle", showarrow=False, font=dict(size=11, color=palette.TEXT)))
        x += d + 26
    return shapes, notes


def _city_customdata(cities: pd.DataFrame, state_names: dict[str, str]) -> list[list]:
    return [
        [cid, safe(name), safe(state_names.get(state, state)), int(count), safe(partners or "none in this selection"),
         "partnership" if count == 1 else "partnerships"]
        for cid, name, state, count, partners
        in zip(cities.index, cities["name"], cities["member_state"], cities["count"], cities["main_partners"])
    ]


def map_figure(geometry_url: str, countries: pd.DataFrame, cities: pd.DataFrame, state_names: dict[str, str]) -> FigureJSON:
    """ASEAN members highlighted, neighbours muted, cities sized by partnerships.

    Args:
        geometry_url: where the browser fetches the country GeoJSON (fetched once, then cached).
        countries: index ADM0_A3 code; columns ``name``, ``asean_member``.
        cities: ``Query.city_summary`` output (index city_id).
        state_names: member state code -> display name.
    Returns:
        A figure whose traces are [countries, cities, highlighted cities]. It has no height of its own: the
        page's box sets it (taller on a projector, shorter on a phone), and a Patch would re-apply a fixed one.
    """
    member = countries["asean_member"].to_numpy()
    legend_shapes, legend_notes = _size_legend()
    return _figure([
        dict(
            type="choropleth", geojson=geometry_url, featureidkey="id", locations=list(countries.index),
            z=[1 if m else 0 for m in member], zmin=0, zmax=2, showscale=False,
            colorscale=[[0, palette.NEIGHBOUR_FILL], [0.5, palette.MEMBER_FILL], [1, palette.MEMBER_SELECTED_FILL]],
            marker=dict(line=dict(color=palette.BORDER, width=0.6)),
            customdata=[[code, safe(name), "ASEAN member state: click to filter" if m else "neighbour (not in the network)"]
                        for code, name, m in zip(countries.index, countries["name"], member)],
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>",
            name="countries",
        ),
        dict(
            type="scattergeo", lat=cities["lat"].tolist(), lon=cities["lon"].tolist(), mode="markers", name="cities",
            customdata=_city_customdata(cities, state_names),
            marker=dict(size=marker_sizes(cities["count"]), color=palette.CITY, opacity=0.85, line=dict(color="white", width=1)),
            selected=dict(marker=dict(color=palette.HIGHLIGHT, opacity=1)),
            unselected=dict(marker=dict(opacity=0.45)),
            hovertemplate=CITY_HOVER,
        ),
        dict(
            type="scattergeo", lat=[], lon=[], mode="markers", name="highlighted", hoverinfo="skip",
            marker=dict(size=26, color="rgba(0,0,0,0)", line=dict(color=palette.HIGHLIGHT, width=3)),
        ),
        _label_trace(cities, (), [True] * len(cities), every=False),
    ], geo=dict(
        projection=dict(type="mercator"), resolution=110, showframe=False, showland=False, showocean=True, oceancolor="#f3f7fb",
        showcountries=False, showcoastlines=False, showlakes=False, showrivers=False, bgcolor="#f3f7fb",
        lonaxis=dict(range=[91, 129]), lataxis=dict(range=[-11.5, 24.5]),
    ), font=dict(FONT), margin=dict(l=0, r=0, t=0, b=0), autosize=True, showlegend=False, clickmode="event+select",
        dragmode="pan", uirevision=MAP_UIREVISION, paper_bgcolor="white", shapes=legend_shapes, annotations=legend_notes)


def _label_trace(cities: pd.DataFrame, selected: tuple[str, ...], present: list[bool], every: bool) -> dict:
    """City names beside their circles; ``meta.every`` holds every city's label, for exports."""
    labels = city_labels(cities, selected, present, every)
    return dict(type="scattergeo", lat=cities["lat"].tolist(), lon=cities["lon"].tolist(), mode="markers+text", name="labels",
                hoverinfo="skip", showlegend=False, textfont=dict(size=LABEL_SIZE, color=palette.TEXT, shadow=LABEL_HALO),
                meta=dict(every=city_labels(cities, selected, present, True, **EXPORT_LABELS)), text=labels["text"],
                textposition=labels["textposition"], marker=dict(size=labels["marker"]["size"], color="rgba(0,0,0,0)"))


def map_patch(cities: pd.DataFrame, state_names: dict[str, str], selected_cities: tuple[str, ...],
              countries: pd.DataFrame, selected_states: tuple[str, ...], as_of: int | None = None, every: bool = False) -> Patch:
    """What changes on the map when the selection changes: sizes, hover data, selection, labels. No geometry.

    ``as_of`` shows the network as it was in that year: cities that joined later are not drawn. ``every`` names
    every city (presentation mode); otherwise the selected ones and the largest circles.
    """
    patch = Patch()
    in_network = [as_of is None or joined <= as_of for joined in cities["joined"].tolist()]
    patch["data"][1]["marker"]["size"] = [size if present else 0 for size, present in zip(marker_sizes(cities["count"].tolist()), in_network)]
    patch["data"][1]["marker"]["opacity"] = [0.85 if present else 0 for present in in_network]
    # One template for all when every city is in the network (the usual case): 31 copies cost 4.7 KB a change.
    patch["data"][1]["hovertemplate"] = CITY_HOVER if all(in_network) else [CITY_HOVER if present else "<extra></extra>" for present in in_network]
    patch["data"][1]["customdata"] = _city_customdata(cities, state_names)
    position = {cid: i for i, cid in enumerate(cities.index)}
    patch["data"][1]["selectedpoints"] = [position[c] for c in selected_cities if c in position] if selected_cities else None
    font = LABEL_SIZE_BIG if every else LABEL_SIZE
    labels = city_labels(cities, selected_cities, in_network, every, font=font, width_px=560.0 if every else 460.0)
    patch["data"][3]["text"] = labels["text"]
    patch["data"][3]["textposition"] = labels["textposition"]
    patch["data"][3]["marker"]["size"] = labels["marker"]["size"]
    patch["data"][3]["textfont"]["size"] = font
    patch["data"][3]["meta"] = {"every": city_labels(cities, selected_cities, in_network, True, **EXPORT_LABELS)}
    patch["data"][0]["z"] = [2 if code in selected_states else (1 if m else 0)
                             for code, m in zip(countries.index, countries["asean_member"])]
    return patch


def highlight_patch(cities: pd.DataFrame, city_ids: list[str]) -> Patch:
    """Rings around the cities of the table rows the user picked."""
    patch = Patch()
    chosen = cities.loc[[c for c in city_ids if c in cities.index]]
    patch["data"][2]["lat"] = chosen["lat"].tolist()
    patch["data"][2]["lon"] = chosen["lon"].tolist()
    return patch


# -- charts ----------------------------------------------------------------------------------

def trend_figure(by_year: pd.DataFrame, title: str, source: str, cumulative: bool = False) -> FigureJSON:
    """Partnerships per year stacked by focus area; 'year unknown' is its own bar, never dropped."""
    if by_year.to_numpy().sum() == 0:
        return empty_figure(title, "No partnerships match this selection.", source)
    frame = by_year.copy()
    if cumulative:
        known = [y for y in frame.index if y != "unknown"]
        frame.loc[known] = frame.loc[known].cumsum()
    labels = ["year unknown" if y == "unknown" else y for y in frame.index]
    what = "partnerships up to %{x}" if cumulative else "partnerships in %{x}"
    fig = _figure([
        _focus_bar(f, labels, frame[f].tolist(), list(frame.index), hover=f"{FOCUS_AREAS[f]}: %{{y}} {what}<extra></extra>")
        for f in FOCUS_AREAS if frame[f].sum() > 0
    ], barmode="stack", xaxis=dict(type="category", automargin=True), yaxis=dict(
        title=dict(text="cumulative partnerships" if cumulative else "partnerships"), **_counts_axis(frame.sum(axis=1).max())))
    return _frame(fig, title, source)


def partners_figure(by_partner: pd.DataFrame, names: dict[str, str], title: str, source: str, top: int = 15) -> FigureJSON:
    """Partnerships per partner economy, stacked by focus area, largest at the top."""
    if by_partner.empty:
        return empty_figure(title, "No partner economies in this selection.", source)
    frame = by_partner.iloc[:top].iloc[::-1]
    labels = [safe(names.get(c, c)) for c in frame.index]
    fig = _figure([
        _focus_bar(f, frame[f].tolist(), labels, list(frame.index), horizontal=True,
                   hover=f"%{{y}}, {FOCUS_AREAS[f]}: %{{x}}<extra></extra>")
        for f in FOCUS_AREAS if frame[f].sum() > 0
    ], barmode="stack", xaxis=_counts_axis(frame.sum(axis=1).max()),
        yaxis=dict(tickmode="linear", automargin=True))  # every partner named, none skipped
    return _frame(fig, title, source, height=max(300, 120 + 24 * len(frame)))


def focus_figure(by_focus: pd.Series, title: str, source: str) -> FigureJSON:
    """All six focus areas, with their count, in the framework's order."""
    if by_focus.sum() == 0:
        return empty_figure(title, "No partnerships match this selection.", source)
    bars = []
    for f in list(FOCUS_AREAS)[::-1]:
        bar = _focus_bar(f, [int(by_focus[f])], [FOCUS_AREAS[f]], [f], horizontal=True, hover="%{y}: %{x}<extra></extra>")
        bars.append({**bar, "text": [None], "texttemplate": "%{x}", "textposition": "outside", "cliponaxis": False})
    fig = _figure(bars, barmode="stack", showlegend=False, xaxis=_counts_axis(by_focus.max()))
    return _frame(fig, title, source, height=300)


def money(amount: float, currency: str) -> str:
    """An amount as stated, in its own currency: 'AUD 20,000,000'."""
    return f"{currency} {amount:,.0f}"


def _day(value) -> str:
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def commitments_figure(commitments: pd.DataFrame, names: dict[str, str], title: str, source: str) -> FigureJSON:
    """Statements of support and named funding on a timeline, one row per partner group."""
    if commitments.empty:
        return empty_figure(title, "No commitments by the selected partners.", source)
    rows = commitments.reset_index()
    cols = {c: rows[c].tolist() for c in ("commitment_id", "kind", "title", "partner_economies", "date", "end_date", "amount", "currency")}
    start = [d if len(d) == 10 else d + "-01" for d in cols["date"]]
    when = [d + (" (month only)" if len(d) == 7 else "") + (f" to {e}" if e else "") for d, e in zip(cols["date"], cols["end_date"])]
    stated = [not pd.isna(a) for a in cols["amount"]]
    amount = [money(a, c) if ok else "no amount named" for a, c, ok in zip(cols["amount"], cols["currency"], stated)]
    who = [safe(", ".join(names.get(c, c) for c in codes)) if len(codes) <= 2 else f"{len(codes)} partners"
           for codes in cols["partner_economies"]]
    traces = []
    for kind, symbol in (("statement", "circle"), ("funding", "diamond")):
        part = [i for i, k in enumerate(cols["kind"]) if k == kind]
        if not part:
            continue
        traces.append(dict(
            type="scatter", x=[start[i] for i in part], y=[who[i] for i in part], mode="markers+text",
            name="statement of support" if kind == "statement" else "named funding",
            text=[amount[i] if stated[i] else "" for i in part], textposition="top center", textfont=dict(size=11), cliponaxis=False,
            marker=dict(symbol=symbol, size=13, color="#0072B2" if kind == "statement" else "#D55E00", line=dict(color="white", width=1)),
            customdata=[[int(cols["commitment_id"][i]), safe(cols["title"][i]), when[i], amount[i]] for i in part],
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>",
        ))
    pad = datetime.timedelta(days=120)  # room for the amount labels at both ends
    first, last = datetime.date.fromisoformat(min(start)), datetime.date.fromisoformat(max(start))
    # Year ticks, upright, half years as fainter lines: plotly's automatic monthly ticks run into each other on a phone.
    # Beside the partner names a phone's plot is about 150 px wide: at most four year ticks fit, so a longer span
    # steps by two or more years (the fainter lines then mark the years between).
    step = max(1, math.ceil((last.year - first.year + 1) / 4))
    fig = _figure(traces, xaxis=dict(type="date", gridcolor="#d9d9d9", range=[str(first - pad), str(last + pad)], dtick=f"M{12 * step}",
                                     tickformat="%Y", tickangle=0,
                                     minor=dict(dtick="M6" if step == 1 else "M12", showgrid=True, gridcolor="#f0f0f0")),
                  yaxis=dict(type="category", automargin=True))
    fig = _frame(fig, title, source, height=max(300, 150 + 44 * len(set(who))))  # room for an amount above its marker
    margin = fig["layout"]["margin"]
    fig["layout"].update(showlegend=True, margin={**margin, "t": margin["t"] + 24})  # room for the legend under the title
    return fig


STORY_LABEL_CHARS = 34  # a label beside its marker fits half a phone's width
STORY_PHONE_PLOT_PX, STORY_CHAR_PX = 330, 6  # the story's plot width on a 390 px phone; a 10.5 px character's width


def _story_label(month: str, title: str, chars: int) -> str:
    """``2019-11 · ASEAN-China Leaders' St…`` in at most ``chars`` characters (the full title is in the hover)."""
    room = chars - len(month) - 3
    return f"{month} · {safe(title if len(title) <= room else title[:room - 1].rstrip() + '…')}"


def story_figure(events: pd.DataFrame, title: str, source: str, highlight_year: int | None = None) -> FigureJSON:
    """The network's milestones on a time axis, one row each, each named beside its marker; the year rides in customdata.

    Names sit beside the markers (right of early ones, left of late ones) rather than on the y axis, so the time
    axis keeps the chart's whole width on a phone; the full title is in the hover and the page's list.
    """
    rows = events.reset_index().sort_values("date", kind="stable")
    start = pd.to_datetime(rows["date"].map(lambda d: d if len(d) == 10 else d + "-01"))
    when = rows.apply(lambda r: r["date"] + (f" to {r['end_date']}" if r["end_date"] else ""), axis=1)
    years = start.dt.year
    colours = [palette.HIGHLIGHT if highlight_year is not None and y == highlight_year else "#0072B2" for y in years]
    pad = pd.Timedelta(days=90)
    low, high = start.min() - pad, start.max() + pad
    middle = low + (high - low) * 0.5
    # A label gets the characters that fit between its marker and the chart's edge on a phone (the narrowest plot),
    # so one beside a marker near the middle is shorter instead of running off the card.
    share = ((start - low) / (high - low)).tolist()
    room = [int(((1 - f) if d < middle else f) * STORY_PHONE_PLOT_PX - 14) // STORY_CHAR_PX for f, d in zip(share, start)]
    labels = [_story_label(d[:7], t, max(16, min(STORY_LABEL_CHARS, n))) for d, t, n in zip(rows["date"], rows["title"], room)]
    fig = _figure([dict(
        type="scatter", x=[_day(d) for d in start], y=list(range(len(rows))), mode="markers+text", text=labels,
        textposition=["middle right" if d < middle else "middle left" for d in start], textfont=dict(size=10.5), cliponaxis=False,
        marker=dict(size=12, color=colours, line=dict(color="white", width=1)),
        customdata=[[int(y), safe(t), w, safe(loc or "—"), safe(src)] for y, t, w, loc, src
                    in zip(years, rows["title"], when, rows["location"], rows["source"])],
        hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]} · %{customdata[3]}<br>%{customdata[4]}<extra></extra>",
    )], xaxis=dict(type="date", gridcolor="#e5e5e5", range=[_day(low), _day(high)], dtick="M12", tickformat="%Y"),
        yaxis=dict(autorange="reversed", visible=False))
    return _frame(fig, title, source, height=140 + 26 * len(rows))


def matrix_figure(counts: pd.DataFrame, partner_names: dict[str, str], city_names: dict[str, str], title: str,
                  source: str) -> FigureJSON:
    """Who works with whom: one row per partner economy, one column per city, a circle sized by their partnerships.

    Args:
        counts: index partner economy codes, columns city ids, values partnership counts (zeros allowed), in the
            order to draw (rows top to bottom, columns left to right).
    Returns:
        A scatter figure (heatmaps are not in the page's plotly bundle) whose points carry ``[partner, city]``.
    """
    if counts.empty or not counts.to_numpy().any():
        return empty_figure(title, "No partnerships match this selection.", source, height=300)
    rows, cols = list(counts.index), list(counts.columns)
    values = counts.to_numpy()
    xs, ys, sizes, text, custom = [], [], [], [], []
    for r, partner in enumerate(rows):
        for c, city in enumerate(cols):
            n = int(values[r, c])
            if n:
                xs.append(safe(city_names.get(city, city)))
                ys.append(safe(partner_names.get(partner, partner)))
                sizes.append(12 + 7 * math.sqrt(n))
                text.append(str(n))
                custom.append([partner, city, safe(partner_names.get(partner, partner)), safe(city_names.get(city, city)), n])
    fig = _figure([dict(
        type="scatter", x=xs, y=ys, mode="markers+text", text=text, textfont=dict(color="white", size=11), cliponaxis=False,
        marker=dict(size=sizes, color=palette.CITY, line=dict(color="white", width=1)), customdata=custom,
        hovertemplate="<b>%{customdata[2]}</b> in <b>%{customdata[3]}</b>: %{customdata[4]} partnerships"
                      "<br>Click to filter by both<extra></extra>",
    )], xaxis=dict(type="category", categoryorder="array", categoryarray=[safe(city_names.get(c, c)) for c in cols],
                   tickmode="linear", dtick=1, tickangle=-90, automargin=True, gridcolor="#eee", showgrid=True),  # every city named
        yaxis=dict(type="category", categoryorder="array", categoryarray=[safe(partner_names.get(p, p)) for p in rows][::-1],
                   tickmode="linear", dtick=1, automargin=True, gridcolor="#eee", showgrid=True))
    return _frame(fig, title, source, height=max(300, 200 + 28 * len(rows)))


# -- reading back what the figures carry ---------------------------------------------------------

MAP_COUNTRIES, MAP_CITIES = 0, 1


def selected_city_ids(selected_data: dict | None) -> tuple[str, ...]:
    """City ids of the points selected on the map (box, lasso, click, shift-click)."""
    points = (selected_data or {}).get("points") or []
    return tuple(dict.fromkeys(p["customdata"][0] for p in points if p.get("curveNumber") == MAP_CITIES and p.get("customdata")))


def clicked_member_state(click_data: dict | None, members: set[str]) -> str | None:
    """The member state whose shape was clicked, or None (a city, or a neighbour)."""
    for point in (click_data or {}).get("points") or []:
        if point.get("curveNumber") == MAP_COUNTRIES and point.get("location") in members:
            return point["location"]
    return None


def clicked_cell(click_data: dict | None) -> tuple[str, str] | None:
    """(partner, city) of the matrix cell clicked, or None."""
    points = (click_data or {}).get("points") or []
    value = points[0].get("customdata") if points else None
    if isinstance(value, list) and len(value) >= 2 and all(isinstance(v, str) for v in value[:2]):
        return value[0], value[1]
    return None


def clicked_value(click_data: dict | None) -> str | None:
    """The id a chart mark carries in customdata (a year, an economy code, a focus area; a story event's year)."""
    points = (click_data or {}).get("points") or []
    if not points or points[0].get("customdata") is None:
        return None
    value = points[0]["customdata"]
    return str(value[0] if isinstance(value, list) else value)


def presentable(fig: FigureJSON, big: bool) -> FigureJSON:
    """Larger type for a projector in presentation mode; unchanged otherwise."""
    if big:
        layout = fig["layout"]
        shown = layout.get("title", {}).get("text", "")
        text, lines = _wrapped(html.unescape(shown.replace("<br>", " ")), PRESENT_TITLE_CHARS)  # re-broken for larger type
        extra = (lines - 1) * PRESENT_TITLE_LINE - shown.count("<br>") * TITLE_LINE
        margin = layout.get("margin", CHART_MARGIN)
        layout.update(font={**layout.get("font", {}), "size": 17}, title=_title(text, lines, 22),
                      margin={**margin, "t": margin["t"] + extra + (30 if layout.get("showlegend") else 0)},  # taller legend rows
                      height=(layout.get("height") or 340) + 80 + extra)
    return fig
