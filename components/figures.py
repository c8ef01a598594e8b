"""Pure figure builders: small frames in, new plotly figures out. No loading, no filtering.

Ids ride in ``customdata`` so callbacks read back exactly what was drawn.
"""

import math

import pandas as pd
import plotly.graph_objects as go
from dash import Patch

from ascn.vocab import FOCUS_AREAS
from components import palette
from components.text import safe

FONT = dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif", size=13, color=palette.TEXT)
MAP_UIREVISION = "asean-map"
CHART_MARGIN = dict(l=10, r=10, t=56, b=92)


def _frame(fig: go.Figure, title: str, source: str, height: int = 340) -> go.Figure:
    """Title, source line and the shared look of every chart."""
    fig.update_layout(
        title=dict(text=safe(title), x=0, xanchor="left", yref="container", y=0.985, yanchor="top", font=dict(size=15)),
        font=FONT, height=height, margin=CHART_MARGIN, paper_bgcolor="white", plot_bgcolor="white",
        # Focus-area charts share the page's one legend; the legend comes back in exported images.
        showlegend=False, legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, title_text=""),
        annotations=[*fig.layout.annotations, dict(
            text=safe(source), xref="paper", yref="paper", x=1, y=0, yshift=-CHART_MARGIN["b"] + 4,
            xanchor="right", yanchor="bottom", align="right", showarrow=False, font=dict(size=11, color=palette.MUTED_TEXT),
        )],
    )
    return fig


def empty_figure(title: str, message: str, source: str, height: int = 340) -> go.Figure:
    """The clear empty state: the title still says what was asked, the middle says why it is empty."""
    fig = go.Figure()
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.add_annotation(text=safe(message), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=14, color=palette.MUTED_TEXT))
    return _frame(fig, title, source, height)


def _focus_bar(name: str, x, y, customdata, horizontal: bool = False, hover: str = "") -> go.Bar:
    return go.Bar(
        name=FOCUS_AREAS[name], x=x, y=y, customdata=customdata, orientation="h" if horizontal else "v",
        marker=dict(color=palette.FOCUS_COLOURS[name], pattern=dict(shape=palette.FOCUS_PATTERNS[name], fgcolor="#333", size=6),
                    line=dict(color="white", width=0.5)),
        hovertemplate=hover,
    )


# -- the map ---------------------------------------------------------------------------------

def marker_sizes(counts: pd.Series) -> list[float]:
    """Area grows with the count; a city with none stays visible, small."""
    return [6.0 if c == 0 else 10.0 + 6.0 * math.sqrt(c) for c in counts]


def _city_customdata(cities: pd.DataFrame, state_names: dict[str, str]) -> list[list]:
    return [
        [cid, safe(row["name"]), safe(state_names.get(row["member_state"], row["member_state"])), int(row["count"]),
         safe(row["main_partners"] or "none in this selection")]
        for cid, row in cities.iterrows()
    ]


def map_figure(geometry_url: str, countries: pd.DataFrame, cities: pd.DataFrame, state_names: dict[str, str]) -> go.Figure:
    """ASEAN members highlighted, neighbours muted, cities sized by partnerships.

    Args:
        geometry_url: where the browser fetches the country GeoJSON (fetched once, then cached).
        countries: index ADM0_A3 code; columns ``name``, ``asean_member``.
        cities: ``Query.city_summary`` output (index city_id).
        state_names: member state code -> display name.
    Returns:
        A figure whose traces are [countries, cities, highlighted cities].
    """
    member = countries["asean_member"].to_numpy()
    fig = go.Figure([
        go.Choropleth(
            geojson=geometry_url, featureidkey="id", locations=list(countries.index),
            z=[1 if m else 0 for m in member], zmin=0, zmax=2, showscale=False,
            colorscale=[[0, palette.NEIGHBOUR_FILL], [0.5, palette.MEMBER_FILL], [1, palette.MEMBER_SELECTED_FILL]],
            marker=dict(line=dict(color=palette.BORDER, width=0.6)),
            customdata=[[code, safe(name), "ASEAN member state: click to filter" if m else "neighbour (not in the network)"]
                        for code, name, m in zip(countries.index, countries["name"], member)],
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>",
            name="countries",
        ),
        go.Scattergeo(
            lat=cities["lat"], lon=cities["lon"], mode="markers", name="cities",
            customdata=_city_customdata(cities, state_names),
            marker=dict(size=marker_sizes(cities["count"]), color=palette.CITY, opacity=0.85, line=dict(color="white", width=1)),
            selected=dict(marker=dict(color=palette.HIGHLIGHT, opacity=1)),
            unselected=dict(marker=dict(opacity=0.45)),
            hovertemplate=("<b>%{customdata[1]}</b> (%{customdata[2]})<br>%{customdata[3]} partnerships in this selection"
                           "<br>Main partners: %{customdata[4]}<extra></extra>"),
        ),
        go.Scattergeo(
            lat=[], lon=[], mode="markers", name="highlighted", hoverinfo="skip",
            marker=dict(size=26, color="rgba(0,0,0,0)", line=dict(color=palette.HIGHLIGHT, width=3)),
        ),
    ])
    fig.update_geos(
        projection_type="mercator", resolution=110, showframe=False, showland=False, showocean=True, oceancolor="#f3f7fb",
        showcountries=False, showcoastlines=False, showlakes=False, showrivers=False, bgcolor="#f3f7fb",
        lonaxis_range=[91, 129], lataxis_range=[-11.5, 24.5],
    )
    fig.update_layout(
        font=FONT, margin=dict(l=0, r=0, t=0, b=0), height=440, showlegend=False, clickmode="event+select",
        dragmode="pan", uirevision=MAP_UIREVISION, paper_bgcolor="white",
    )
    return fig


def map_patch(cities: pd.DataFrame, state_names: dict[str, str], selected_cities: tuple[str, ...],
              countries: pd.DataFrame, selected_states: tuple[str, ...]) -> Patch:
    """What changes on the map when the selection changes: sizes, hover data, selection. No geometry."""
    patch = Patch()
    patch["data"][1]["marker"]["size"] = marker_sizes(cities["count"])
    patch["data"][1]["customdata"] = _city_customdata(cities, state_names)
    position = {cid: i for i, cid in enumerate(cities.index)}
    patch["data"][1]["selectedpoints"] = [position[c] for c in selected_cities if c in position] if selected_cities else None
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

def trend_figure(by_year: pd.DataFrame, title: str, source: str, cumulative: bool = False) -> go.Figure:
    """Partnerships per year stacked by focus area; 'year unknown' is its own bar, never dropped."""
    if by_year.to_numpy().sum() == 0:
        return empty_figure(title, "No partnerships match this selection.", source)
    frame = by_year.copy()
    if cumulative:
        known = [y for y in frame.index if y != "unknown"]
        frame.loc[known] = frame.loc[known].cumsum()
    labels = ["year unknown" if y == "unknown" else y for y in frame.index]
    what = "partnerships up to %{x}" if cumulative else "partnerships in %{x}"
    fig = go.Figure([
        _focus_bar(f, labels, frame[f].tolist(), list(frame.index), hover=f"{FOCUS_AREAS[f]}: %{{y}} {what}<extra></extra>")
        for f in FOCUS_AREAS if frame[f].sum() > 0
    ])
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="category", title_text=None)
    fig.update_yaxes(title_text="cumulative partnerships" if cumulative else "partnerships", rangemode="tozero",
                     tickformat="d", gridcolor="#e5e5e5")
    return _frame(fig, title, source)


def partners_figure(by_partner: pd.DataFrame, names: dict[str, str], title: str, source: str, top: int = 15) -> go.Figure:
    """Partnerships per partner economy, stacked by focus area, largest at the top."""
    if by_partner.empty:
        return empty_figure(title, "No partner economies in this selection.", source)
    frame = by_partner.iloc[:top].iloc[::-1]
    labels = [safe(names.get(c, c)) for c in frame.index]
    fig = go.Figure([
        _focus_bar(f, frame[f].tolist(), labels, list(frame.index), horizontal=True,
                   hover=f"%{{y}}, {FOCUS_AREAS[f]}: %{{x}}<extra></extra>")
        for f in FOCUS_AREAS if frame[f].sum() > 0
    ])
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title_text=None, tickformat="d", gridcolor="#e5e5e5")
    fig.update_yaxes(tickmode="linear", automargin=True)  # every partner named, none skipped
    return _frame(fig, title, source, height=max(300, 120 + 24 * len(frame)))


def focus_figure(by_focus: pd.Series, title: str, source: str) -> go.Figure:
    """All six focus areas, with their count, in the framework's order."""
    if by_focus.sum() == 0:
        return empty_figure(title, "No partnerships match this selection.", source)
    order = list(FOCUS_AREAS)[::-1]
    fig = go.Figure([
        _focus_bar(f, [int(by_focus[f])], [FOCUS_AREAS[f]], [f], horizontal=True, hover="%{y}: %{x}<extra></extra>")
        for f in order
    ])
    fig.update_traces(text=[None], texttemplate="%{x}", textposition="outside", cliponaxis=False)
    fig.update_layout(barmode="stack", showlegend=False)
    fig.update_xaxes(title_text=None, tickformat="d", gridcolor="#e5e5e5", rangemode="tozero")
    return _frame(fig, title, source, height=300)


def money(amount: float, currency: str) -> str:
    """An amount as stated, in its own currency: 'AUD 20,000,000'."""
    return f"{currency} {amount:,.0f}"


def commitments_figure(commitments: pd.DataFrame, names: dict[str, str], title: str, source: str) -> go.Figure:
    """Statements of support and named funding on a timeline, one row per partner group."""
    if commitments.empty:
        return empty_figure(title, "No commitments by the selected partners.", source)
    rows = commitments.reset_index()
    start = rows["date"].map(lambda d: d if len(d) == 10 else d + "-01")
    when = rows.apply(lambda r: r["date"] + (" (month only)" if len(r["date"]) == 7 else "")
                      + (f" to {r['end_date']}" if r["end_date"] else ""), axis=1)
    amount = rows.apply(lambda r: money(r["amount"], r["currency"]) if pd.notna(r["amount"]) else "no amount named", axis=1)
    who = rows["partner_economies"].map(lambda codes: safe(", ".join(names.get(c, c) for c in codes)) if len(codes) <= 2
                                        else f"{len(codes)} partners")
    fig = go.Figure()
    for kind, symbol in (("statement", "circle"), ("funding", "diamond")):
        part = rows["kind"] == kind
        if not part.any():
            continue
        fig.add_trace(go.Scatter(
            x=start[part], y=who[part], mode="markers+text", name="statement of support" if kind == "statement" else "named funding",
            text=amount[part].where(rows.loc[part, "amount"].notna(), ""), textposition="top center", textfont=dict(size=11),
            cliponaxis=False,
            marker=dict(symbol=symbol, size=13, color="#0072B2" if kind == "statement" else "#D55E00", line=dict(color="white", width=1)),
            customdata=list(zip(rows.loc[part, "commitment_id"], rows.loc[part, "title"].map(safe), when[part], amount[part])),
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>",
        ))
    days = pd.to_datetime(start)
    pad = pd.Timedelta(days=120)  # room for the amount labels at both ends
    fig.update_xaxes(type="date", gridcolor="#e5e5e5", title_text=None, range=[days.min() - pad, days.max() + pad])
    fig.update_yaxes(type="category", title_text=None, automargin=True)
    fig = _frame(fig, title, source, height=max(300, 150 + 32 * who.nunique()))
    fig.update_layout(showlegend=True, margin=dict(t=80))
    return fig


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


def clicked_value(click_data: dict | None) -> str | None:
    """The id a chart bar carries in customdata (a year, an economy code, a focus area)."""
    points = (click_data or {}).get("points") or []
    return str(points[0]["customdata"]) if points and points[0].get("customdata") is not None else None
