"""The charts: small frames in, new figures out (focus areas, partner economies, the trend, commitments, the
story of the network, who works with whom). No loading, no filtering; ids ride in ``customdata``."""

import datetime
import math

import pandas as pd

from ascn import wording
from ascn.vocab import FOCUS_AREAS
from ascn.wording import safe
from components import palette
from components.figure_base import FigureJSON, empty_figure, framed, new_figure


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


def trend_figure(by_year: pd.DataFrame, title: str, source: str, cumulative: bool = False) -> FigureJSON:
    """Partnerships per year stacked by focus area on a number line of years (an empty year is an empty slot, not
    left out); 'year unknown' is its own bar, set apart to the right of the line, never dropped."""
    if by_year.to_numpy().sum() == 0:
        return empty_figure(title, wording.NO_MATCH, source)
    frame = _every_year(by_year)
    if cumulative:
        known = [y for y in frame.index if y != "unknown"]
        frame.loc[known] = frame.loc[known].cumsum()
    axis, xs, unknown_at = _year_axis([y for y in frame.index if y != "unknown"], "unknown" in frame.index)
    names = [wording.YEAR_UNKNOWN if y == "unknown" else y for y in frame.index]
    what = wording.CUMULATIVE_HOVER if cumulative else wording.TREND_HOVER
    fig = new_figure([
        {**_focus_bar(f, xs, frame[f].tolist(), list(frame.index), hover=f"{FOCUS_AREAS[f]}: %{{y}} {what}<extra></extra>"),
         "hovertext": names}
        for f in FOCUS_AREAS if frame[f].sum() > 0
    ], barmode="stack", bargap=0.15, xaxis=axis, yaxis=dict(
        title=dict(text=wording.CUMULATIVE_AXIS if cumulative else wording.PARTNERSHIPS_AXIS), **_counts_axis(frame.sum(axis=1).max())))
    if unknown_at is not None:  # a dotted line between the line of years and the bar without a year
        fig["layout"]["shapes"] = [dict(type="line", xref="x", yref="paper", x0=unknown_at - 1, x1=unknown_at - 1,
                                        y0=0, y1=1, line=dict(color="#adb5bd", width=1, dash="dot"))]
    fig = framed(fig, title, source)
    if unknown_at is not None:  # room right of the plot for half of 'year unknown' (plotly hides a label past the figure)
        fig["layout"]["margin"] = {**fig["layout"]["margin"], "r": UNKNOWN_LABEL_PX}
    return fig


# Year labels are upright and at least LABEL_PX apart on the narrowest plot (a 300x250 embed's, about 200 px wide):
# the step (1, 2, 5 or 10 years) is chosen here from the span, never by a script in the browser.
# 'year unknown' (two short lines, about 60 px wide) keeps UNKNOWN_APART_PX from the centre of the last year named.
NARROWEST_PLOT_PX, LABEL_PX, UNKNOWN_LABEL_PX, UNKNOWN_APART_PX = 200, 48, 36, 56
YEAR_STEPS = (1, 2, 5, 10)


def _every_year(by_year: pd.DataFrame) -> pd.DataFrame:
    """Every year from the first to the last with a partnership, the empty ones at zero, then 'unknown'."""
    known = [int(y) for y in by_year.index if y != "unknown"]
    years = [str(y) for y in range(min(known), max(known) + 1)] if known else []
    return by_year.reindex(years + [y for y in by_year.index if y == "unknown"], fill_value=0)


def _year_axis(years: list[str], unknown: bool) -> tuple[dict, list[float], int | None]:
    """A linear axis of years with a tick every 1, 2, 5 or 10 years, and where each bar stands; 'year unknown' stands
    two slots right of the last year."""
    first, last = (int(years[0]), int(years[-1])) if years else (0, -1)
    slots = last - first + 1 + (2 if unknown else 0)
    step = next((s for s in YEAR_STEPS if s * NARROWEST_PLOT_PX / max(1, slots) >= LABEL_PX), YEAR_STEPS[-1])
    ticks = list(range(first - first % step if step > 1 else first, last + 1, step))
    ticks = [t for t in ticks if t >= first] or [first]
    if unknown:  # no year label so close to 'year unknown' that the two would touch
        ticks = [t for t in ticks if (last + 2 - t) * NARROWEST_PLOT_PX / slots >= UNKNOWN_APART_PX] or ticks[:1]
    xs: list[float] = [int(y) for y in years]
    unknown_at = (last + 2 if years else 0) if unknown else None
    values, text = list(ticks), [str(t) for t in ticks]
    if unknown_at is not None:
        xs.append(unknown_at)
        values.append(unknown_at)
        text.append(wording.YEAR_UNKNOWN.replace(" ", "<br>"))
    right = unknown_at if unknown_at is not None else last
    axis = dict(type="linear", tickmode="array", tickvals=values, ticktext=text, tickangle=0, automargin=True, showgrid=False,
                range=[(first if years else right) - 0.6, right + 0.6], zeroline=False)
    return axis, xs, unknown_at


# A chart in a 300x250 embed: at most this many partners (rows) and cities (columns), names at most this long (the
# city names upright, on two short lines), so every label is readable rather than skipped or cut.
COMPACT_PARTNERS, COMPACT_MATRIX_PARTNERS, COMPACT_CITIES, COMPACT_NAME_CHARS, COMPACT_CITY_LINE = 5, 4, 4, 12, 7


def _top_note(text: str, right: bool = False) -> dict:
    """A small grey line over the plot's top left (or right, reaching over the axis's names): what a chart that chose
    what to show left out."""
    return dict(text=safe(text), xref="paper", yref="paper", x=1 if right else 0, y=1, xanchor="right" if right else "left",
                yanchor="bottom", yshift=4,
                showarrow=False, font=dict(size=11, color=palette.MUTED_TEXT))


def partners_figure(by_partner: pd.DataFrame, names: dict[str, str], title: str, source: str, top: int = 15,
                    compact: bool = False) -> FigureJSON:
    """Partnerships per partner economy, stacked by focus area, largest at the top. ``compact`` (a small embed): the
    top COMPACT_PARTNERS, names shortened (in full in the hover), and a line saying how many there are."""
    if by_partner.empty:
        return empty_figure(title, wording.NO_PARTNER_ECONOMIES, source)
    top = min(top, COMPACT_PARTNERS) if compact else top
    frame = by_partner.iloc[:top].iloc[::-1]
    full = [safe(names.get(c, c)) for c in frame.index]
    labels = [safe(wording.shortened(names.get(c, c), COMPACT_NAME_CHARS)) for c in frame.index] if compact else full
    bars = [
        {**_focus_bar(f, frame[f].tolist(), labels, list(frame.index), horizontal=True,
                      hover=f"%{{hovertext}}, {FOCUS_AREAS[f]}: %{{x}}<extra></extra>"), "hovertext": full}
        for f in FOCUS_AREAS if frame[f].sum() > 0
    ]
    if compact:  # one bar a partner with its total (no room for the focus areas' legend in a small frame)
        bars = [dict(type="bar", orientation="h", x=frame.sum(axis=1).tolist(), y=labels, customdata=list(frame.index), hovertext=full,
                     marker=dict(color=palette.CITY), text=frame.sum(axis=1).tolist(), textposition="outside", cliponaxis=False,
                     hovertemplate=f"%{{hovertext}}: %{{x}} {wording.PARTNERSHIPS_AXIS}<extra></extra>")]
    fig = new_figure(bars, barmode="stack", xaxis=_counts_axis(frame.sum(axis=1).max()),
        yaxis=dict(tickmode="linear", automargin=True))  # every partner named, none skipped
    fig = framed(fig, title, source, height=max(300, 120 + 24 * len(frame)))
    if len(frame) < len(by_partner):
        fig["layout"]["annotations"].append(_top_note(wording.top_shown(len(frame), len(by_partner), wording.PARTNERS_NOUN), compact))
    return fig


def focus_figure(by_focus: pd.Series, title: str, source: str, compact: bool = False) -> FigureJSON:
    """All six focus areas, with their count, in the framework's order, each named (short names in a small embed,
    in full in the hover)."""
    if by_focus.sum() == 0:
        return empty_figure(title, wording.NO_MATCH, source)
    bars = []
    for f in list(FOCUS_AREAS)[::-1]:
        label = wording.FOCUS_SHORT[f] if compact else FOCUS_AREAS[f]
        bar = _focus_bar(f, [int(by_focus[f])], [label], [f], horizontal=True, hover="%{hovertext}: %{x}<extra></extra>")
        bars.append({**bar, "hovertext": [FOCUS_AREAS[f]], "text": [None], "texttemplate": "%{x}", "textposition": "outside",
                     "cliponaxis": False})
    fig = new_figure(bars, barmode="stack", showlegend=False, xaxis=_counts_axis(by_focus.max()),
                     yaxis=dict(tickmode="linear", automargin=True))  # all six named, however short the plot
    return framed(fig, title, source, height=300)


def money(amount: float, currency: str) -> str:
    """An amount as stated, in its own currency: 'AUD 20,000,000'."""
    return f"{currency} {amount:,.0f}"


def short_money(amount: float, currency: str) -> str:
    """An amount short enough to sit beside its marker: 'JPY 250 bn', 'EUR 5.1 m', 'AUD 20 m'."""
    for size, unit in wording.AMOUNT_UNITS:
        if amount >= size:
            return f"{currency} {amount / size:,.1f}".removesuffix(".0") + f" {unit}"
    return money(amount, currency)


ROW_PX = 62  # a commitments row: a marker with an amount above and one below
GROUPED_ROW_PX = 84  # ... and when a grouped row names its partners on the axis in five short lines
PAPER = "Martinus"  # a commitment whose source cites the 2020 paper (its Table 1 or its text) comes from the paper


def from_paper(commitments: pd.DataFrame) -> list[bool]:
    """Which commitments come from the paper (a Table 1 row, or its text as the source), and which from later reports."""
    return [bool(pd.notna(row) or PAPER in str(source)) for row, source in zip(commitments["table1_row"], commitments["source"])]
SAME_SPOT_DAYS = 60  # commitments of one row closer than this would hide one another: they are set apart


def _placed(who: list[str], start: list[str], labelled: list[bool], span: tuple[datetime.date, datetime.date]):
    """Where each commitment is drawn: its date, moved a little when another of its row shares the spot (the hover
    keeps the true date), and where its amount goes (the amounts of a row take turns above and below their markers,
    and lean toward the middle near either edge)."""
    days = [datetime.date.fromisoformat(d) for d in start]
    x, position = list(days), [""] * len(days)
    for row in set(who):
        mine = sorted((i for i, w in enumerate(who) if w == row), key=lambda i: (days[i], i))
        groups: list[list[int]] = []
        for i in mine:
            if groups and (days[i] - days[groups[-1][0]]).days < SAME_SPOT_DAYS:
                groups[-1].append(i)
            else:
                groups.append([i])
        for group in groups:
            for j, i in enumerate(group):
                x[i] = days[i] + datetime.timedelta(days=round((j - (len(group) - 1) / 2) * SAME_SPOT_DAYS))
        above, last = True, None
        for i in sorted(mine, key=lambda i: (x[i], i)):
            if labelled[i]:
                above = not above if last is not None else True  # a phone's plot is narrow: every second one below
                last = i
            position[i] = "top" if above else "bottom"
    first, final = span
    width = max(1, (final - first).days)
    for i, when in enumerate(x):
        share = (when - first).days / width
        position[i] += " right" if share < 0.2 else (" left" if share > 0.8 else " center")
    return [str(d) for d in x], position


def _day(value) -> str:
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def commitments_figure(commitments: pd.DataFrame, names: dict[str, str], title: str, source: str) -> FigureJSON:
    """Statements of support and named funding on a timeline, one row per partner group."""
    if commitments.empty:
        return empty_figure(title, wording.NO_COMMITMENTS, source)
    rows = commitments.reset_index()
    cols = {c: rows[c].tolist() for c in ("commitment_id", "kind", "title", "partner_economies", "date", "end_date", "amount", "currency")}
    start = [d + {4: "-01-01", 7: "-01"}.get(len(d), "") for d in cols["date"]]  # a year or a month alone sits at its start
    when = [d + {4: wording.YEAR_ONLY, 7: wording.MONTH_ONLY}.get(len(d), "") + (wording.to_date(e) if e else "")
            for d, e in zip(cols["date"], cols["end_date"])]
    stated = [not pd.isna(a) for a in cols["amount"]]
    amount = [money(a, c) if ok else wording.NO_AMOUNT for a, c, ok in zip(cols["amount"], cols["currency"], stated)]
    short = [short_money(a, c) if ok else "" for a, c, ok in zip(cols["amount"], cols["currency"], stated)]
    # A row of one or two partners reads their names; a grouped Table 1 row names its partners on the axis, in words.
    who = [safe(", ".join(names.get(c, c) for c in codes)) if len(codes) <= 2 else wording.partners_together([names.get(c, c) for c in codes])
           for codes in cols["partner_economies"]]
    provenance = [wording.commitment_provenance(p, s) for p, s in zip(from_paper(rows), rows["source"])]
    first, last = datetime.date.fromisoformat(min(start)), datetime.date.fromisoformat(max(start))
    x, position = _placed(who, start, stated, (first, last))
    # A grouped row ('8 partners') names its partners in the hover, in words.
    together = [safe(", ".join(names.get(c, c) for c in codes)) + "<br>" if len(codes) > 2 else "" for codes in cols["partner_economies"]]
    traces = []
    for kind, symbol in (("statement", "circle"), ("funding", "diamond")):
        part = [i for i, k in enumerate(cols["kind"]) if k == kind]
        if not part:
            continue
        traces.append(dict(
            type="scatter", x=[x[i] for i in part], y=[who[i] for i in part], mode="markers+text",
            name=wording.STATEMENT if kind == "statement" else wording.FUNDING,
            text=[short[i] for i in part], textposition=[position[i] for i in part], textfont=dict(size=11), cliponaxis=False,
            marker=dict(symbol=symbol, size=13, color="#0072B2" if kind == "statement" else "#D55E00", line=dict(color="white", width=1)),
            customdata=[[int(cols["commitment_id"][i]), safe(cols["title"][i]), when[i], amount[i], together[i], safe(provenance[i])]
                        for i in part],
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[4]}%{customdata[2]}<br>%{customdata[3]}<br>%{customdata[5]}<extra></extra>",
        ))
    pad = datetime.timedelta(days=120)  # room for the markers set apart at both ends
    # Year ticks, upright, half years as fainter lines: plotly's automatic monthly ticks run into each other on a phone.
    # Beside the partner names a phone's plot is about 150 px wide: at most four year ticks fit, so a longer span
    # steps by two or more years (the fainter lines then mark the years between).
    step = max(1, math.ceil((last.year - first.year + 1) / 4))
    fig = new_figure(traces, xaxis=dict(type="date", gridcolor="#d9d9d9", range=[str(first - pad), str(last + pad)], dtick=f"M{12 * step}",
                                        tickformat="%Y", tickangle=0,
                                        minor=dict(dtick="M6" if step == 1 else "M12", showgrid=True, gridcolor="#f0f0f0")),
                     yaxis=dict(type="category", automargin=True))
    # Room for an amount above and one below a marker without meeting the next row's.
    grouped = any(len(codes) > 2 for codes in cols["partner_economies"])
    row_px = GROUPED_ROW_PX if grouped else ROW_PX
    if grouped:  # the bottom row's names (five short lines) stay above the year labels
        fig["layout"]["yaxis"]["range"] = [-0.85, len(set(who)) - 0.5]
    fig = framed(fig, title, source, height=max(300, 150 + row_px * len(set(who))))
    margin = fig["layout"]["margin"]
    fig["layout"].update(showlegend=True, margin={**margin, "t": margin["t"] + 24})  # room for the legend under the title
    return fig


STORY_LABEL_CHARS = 34  # a label beside its marker fits half a phone's width
STORY_PHONE_PLOT_PX, STORY_CHAR_PX = 330, 6  # the story's plot width on a 390 px phone; a 10.5 px character's width


def _story_label(month: str, title: str, chars: int) -> str:
    """``2019-11 · ASEAN-China Leaders' St…`` in at most ``chars`` characters (the full title is in the hover)."""
    room = chars - len(month) - 3
    return f"{month} · {safe(title if len(title) <= room else title[:room - 1].rstrip() + '…')}"


COMPACT_STORY_LABELS, COMPACT_STORY_PLOT_PX = 5, 250  # a 300x250 embed: this many milestones named, on a plot this wide


def _named_events(n: int, compact: bool) -> set[int]:
    """Which milestones carry their name beside the marker: all of them, or in a small embed COMPACT_STORY_LABELS
    spread evenly from the first to the last (the hover names every one)."""
    if not compact or n <= COMPACT_STORY_LABELS:
        return set(range(n))
    return {round(i * (n - 1) / (COMPACT_STORY_LABELS - 1)) for i in range(COMPACT_STORY_LABELS)}


def story_figure(events: pd.DataFrame, title: str, source: str, highlight_year: int | None = None,
                 compact: bool = False) -> FigureJSON:
    """The network's milestones on a time axis, one row each, each named beside its marker; the year rides in customdata.

    Names sit beside the markers (right of early ones, left of late ones) rather than on the y axis, so the time
    axis keeps the chart's whole width on a phone; the full title is in the hover and the page's list.
    """
    rows = events.reset_index().sort_values("date", kind="stable")
    start = pd.to_datetime(rows["date"].map(lambda d: d if len(d) == 10 else d + "-01"))
    when = rows.apply(lambda r: r["date"] + (wording.to_date(r["end_date"]) if r["end_date"] else ""), axis=1)
    years = start.dt.year
    colours = [palette.HIGHLIGHT if highlight_year is not None and y == highlight_year else "#0072B2" for y in years]
    pad = pd.Timedelta(days=90)
    low, high = start.min() - pad, start.max() + pad
    middle = low + (high - low) * 0.5
    # A label gets the characters that fit between its marker and the chart's edge on a phone (the narrowest plot),
    # so one beside a marker near the middle is shorter instead of running off the card.
    share = ((start - low) / (high - low)).tolist()
    plot_px = COMPACT_STORY_PLOT_PX if compact else STORY_PHONE_PLOT_PX
    room = [int(((1 - f) if d < middle else f) * plot_px - 14) // STORY_CHAR_PX for f, d in zip(share, start)]
    named = _named_events(len(rows), compact)
    labels = [_story_label(d[:7], t, max(16, min(STORY_LABEL_CHARS, n))) if i in named else ""
              for i, (d, t, n) in enumerate(zip(rows["date"], rows["title"], room))]
    fig = new_figure([dict(
        type="scatter", x=[_day(d) for d in start], y=list(range(len(rows))), mode="markers+text", text=labels,
        textposition=["middle right" if d < middle else "middle left" for d in start], textfont=dict(size=10.5), cliponaxis=False,
        marker=dict(size=12, color=colours, line=dict(color="white", width=1)),
        customdata=[[int(y), safe(t), w, safe(loc or "—"), safe(src)] for y, t, w, loc, src
                    in zip(years, rows["title"], when, rows["location"], rows["source"])],
        hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]} · %{customdata[3]}<br>%{customdata[4]}<extra></extra>",
    )], xaxis=dict(type="date", gridcolor="#e5e5e5", range=[_day(low), _day(high)], dtick="M24" if compact else "M12",
                                 tickformat="%Y", tickangle=0),
        yaxis=dict(autorange="reversed", visible=False))
    return framed(fig, title, source, height=140 + 26 * len(rows))


def _compact_counts(counts: pd.DataFrame) -> pd.DataFrame:
    """The busiest COMPACT_MATRIX_PARTNERS rows and, of their cities, the busiest COMPACT_CITIES columns (totals kept)."""
    rows = counts.iloc[:COMPACT_MATRIX_PARTNERS]
    busiest = rows.sum(axis=0)
    small = rows[busiest[busiest > 0].sort_values(ascending=False, kind="stable").index[:COMPACT_CITIES]].copy()
    small.attrs.update(partners=counts.attrs.get("partners", len(counts.index)), cities=counts.attrs.get("cities", len(counts.columns)))
    return small


def matrix_figure(counts: pd.DataFrame, partner_names: dict[str, str], city_names: dict[str, str], title: str,
                  source: str, compact: bool = False) -> FigureJSON:
    """Who works with whom: one row per partner economy, one column per city, a circle sized by their partnerships.

    Args:
        counts: index partner economy codes, columns city ids, values partnership counts (zeros allowed), in the
            order to draw (rows top to bottom, columns left to right).
    Returns:
        A scatter figure (heatmaps are not in the page's plotly bundle) whose points carry ``[partner, city]``.
    """
    if counts.empty or not counts.to_numpy().any():
        return empty_figure(title, wording.NO_MATCH, source, height=300)
    full_partner, full_city = partner_names, city_names  # the hover names them in full
    if compact:  # a small embed: fewer rows and columns, names shortened (in full in the hover)
        counts = _compact_counts(counts)
        partner_names = {p: wording.shortened(partner_names.get(p, p), COMPACT_NAME_CHARS) for p in counts.index}
        city_names = {c: wording.two_lines(city_names.get(c, c), COMPACT_CITY_LINE) for c in counts.columns}
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
                custom.append([partner, city, safe(full_partner.get(partner, partner)), safe(full_city.get(city, city)), n])
    fig = new_figure([dict(
        type="scatter", x=xs, y=ys, mode="markers+text", text=text, textfont=dict(color="white", size=11), cliponaxis=False,
        marker=dict(size=sizes, color=palette.CITY, line=dict(color="white", width=1)), customdata=custom,
        hovertemplate=wording.MATRIX_HOVER,
    )], xaxis=dict(type="category", categoryorder="array", categoryarray=[safe(city_names.get(c, c)) for c in cols],
                   tickmode="linear", dtick=1, tickangle=-90, automargin=True, gridcolor="#eee", showgrid=True),  # every city named
        yaxis=dict(type="category", categoryorder="array", categoryarray=[safe(partner_names.get(p, p)) for p in rows][::-1],
                   tickmode="linear", dtick=1, automargin=True, gridcolor="#eee", showgrid=True))
    if compact:  # two short upright lines a city
        fig["layout"]["xaxis"].update(tickangle=0, tickfont=dict(size=10))
        return _matrix_notes(framed(fig, title, source, height=260), counts, 34, len(rows), len(cols), right=True)
    # The city names stand upright under the plot: the source goes below the longest, never on them.
    names_px = MATRIX_CHAR_PX * max(len(safe(city_names.get(c, c))) for c in cols) + 14
    fig = framed(fig, title, source, height=max(300, 200 + 28 * len(rows)) + max(0, names_px - 60))
    return _matrix_notes(fig, counts, names_px, len(rows), len(cols))


def _matrix_notes(fig: FigureJSON, counts: pd.DataFrame, names_px: float, partners: int, cities: int, right: bool = False) -> FigureJSON:
    """The source line under the city names (``names_px`` tall), never on them; how much a capped matrix leaves out."""
    layout = fig["layout"]
    layout["xaxis"]["automargin"] = False
    layout["margin"] = {**layout["margin"], "b": names_px + MATRIX_SOURCE_PX}
    layout["annotations"][-1].update(yshift=-names_px, yanchor="top")
    total = (counts.attrs.get("partners", partners), counts.attrs.get("cities", cities))
    if (partners, cities) != total:  # capped: say how much is left out
        layout["annotations"].append(_top_note(wording.matrix_shown(partners, total[0], cities, total[1], short=right), right))
    return fig


MATRIX_CHAR_PX, MATRIX_SOURCE_PX = 7.5, 52  # an upright city name's length per character at 13 px; a three-line source
