"""The map: member states, cities sized by their partnerships, city labels placed so none overlap, the size legend,
and the patches a selection change sends. The map's traces are, in order: countries (MAP_COUNTRIES), cities
(MAP_CITIES), highlighted cities, labels (MAP_LABELS), leader lines to names moved off a crowded circle (MAP_LEADERS).
City ids ride in ``customdata`` so callbacks read back what was drawn.
"""

import functools
import math

import numpy as np
import pandas as pd
from dash import Patch

from ascn import wording
from ascn.wording import safe
from components import palette
from components.figure_base import FONT, TEMPLATE, FigureJSON, new_figure

MAP_UIREVISION = "asean-map"
CITY_HOVER = wording.CITY_HOVER
MAP_COUNTRIES, MAP_CITIES = 0, 1  # the map's traces a click or a selection reads back
MAP_LABELS = 3  # the city names' trace
# Each city's centre again, as a point too small to see: plotly's hover measures from a circle's edge and gives every
# point inside a circle the same distance, so a small circle on a larger one (Johor Bahru on Singapore, Battambang on
# Siem Reap) took the hover and the click at the larger one's centre. On its centre a city's own tiny point is nearest.
MAP_CENTRES = 4
CITY_CURVES = (MAP_CITIES, MAP_CENTRES)  # the traces a click on a city comes from
MAP_LEADERS = 5  # lines from a crowded circle to its name moved nearby (presentation mode)


def marker_sizes(counts: pd.Series) -> list[float]:
    """Area grows with the count; a city with none stays visible, small."""
    return [6.0 if c == 0 else 10.0 + 6.0 * math.sqrt(c) for c in counts]


# -- city labels: a greedy placement (right, left, above, below) on an estimated pixel grid ----------------------
# The map's view is fixed (lon 91..129, lat -11.5..24.5, mercator), so where a city lands on screen is known up to
# the map's width. Text widths are estimated from the font size; a label goes where its box overlaps no marker and
# no label placed before it, or is left out (then the hover still names the city).
MAP_LON, MAP_LAT = (91.0, 129.0), (-11.5, 24.5)
MAP_VIEW = (*MAP_LON, *MAP_LAT)  # west, east, south, north
LABEL_POSITIONS = ("middle right", "middle left", "top center", "bottom center")
CORNER_POSITIONS = ("top right", "top left", "bottom right", "bottom left")  # tried too where every city must be named
LABEL_SIZE, LABEL_SIZE_BIG = 11, 20  # 20: read from the back of a room (presentation mode)
LEGEND_SIZE, LEGEND_SIZE_BIG = 11, 16
# On a 1280x720 projector the map's box is about 712x443 px, wider than the view's shape: there the map shows the
# cities' latitudes only (a larger scale), and more sea and neighbours either side instead of blank strips, where
# crowded names find room. The box's height follows the scene's caption (one to three lines), so the map's scale is known only
# within a few per cent: names are kept apart at each of PRESENT_FACTORS times the estimated scale, and a few
# pixels apart (AWAY_GAP) for the font's own metrics.
PRESENT_VIEW = (82.35, 137.65, -9.8, 23.8)
PRESENT_WIDTH = 704.0
PRESENT_FACTORS = (0.93, 0.965, 1.0, 1.02)
AWAY_GAP = 4
# Where every name is shown, labels are placed in a few orders and the best placement kept: largest circles first,
# then the most crowded cities first (crowded: how many cities lie within so many degrees; ties: larger circles
# first (-1) or smaller (1)). A handful of tries costs about 0.1 s a view once (placements are cached).
CROWD_ORDERS = ((5.0, 0), (3.0, -1), (7.0, -1), (5.0, 1))
LABELS_SHOWN = 20  # at most this many of the largest circles named on screen, as many as fit (selected cities always)
# A click or a hover picks a city only within this many pixels of its circle's edge; farther, the member state under
# the pointer (plotly's default, 20 px, let a city near a border take a click meant for the state).
HOVER_PX = 4
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
    if position == "bottom center":
        return x - width / 2, y + radius, x + width / 2, y + radius + height
    dx, dy = 0.7 * radius, 0.7 * radius
    left = x + dx if position.endswith("right") else x - dx - width
    top = y - dy - height if position.startswith("top") else y + dy
    return left, top, left + width, top + height


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _clash(a: tuple, b: tuple, factors: tuple[float, ...]) -> bool:
    """Whether two anchored boxes (anchor x, anchor y, pixel box) overlap on a map drawn at any of ``factors`` times
    the estimated scale: an anchor is a place on the map (it moves with the scale), its box a fixed size in pixels
    around it (text and circles keep their size)."""
    box, ax, ay = b[2], b[0] - a[0], b[1] - a[1]
    reach = max(factors[-1] - 1, 1 - factors[0])  # factors are in increasing order
    mx, my = abs(ax) * reach, abs(ay) * reach  # the farthest b moves against a over every factor
    if not _overlaps(a[2], (box[0] - mx, box[1] - my, box[2] + mx, box[3] + my)):
        return False  # most pairs: apart at every scale
    for f in factors:
        dx, dy = ax * (f - 1), ay * (f - 1)
        if _overlaps(a[2], (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)):
            return True
    return False


# Advance widths of DejaVu Sans (what Chromium draws the map's sans-serif in on Debian; most fonts are narrower), in
# em: a name's box is measured from its letters, not from an average (a wide name overlapped its neighbour).
_WIDE = {**dict.fromkeys("ABCEKPRSVXZ", 0.70), **dict.fromkeys("DGHNOQU", 0.79), **dict.fromkeys("IJ", 0.30), "M": 0.87, "W": 0.99,
         **dict.fromkeys("LFTY", 0.61), **dict.fromkeys("abdeghnopqu", 0.635), "c": 0.55, "k": 0.58, "s": 0.52, "z": 0.53,
         **dict.fromkeys("vxy", 0.60), "m": 0.98, "w": 0.82, **dict.fromkeys("ijl", 0.28), "f": 0.36, "r": 0.42, "t": 0.40, " ": 0.32,
         "-": 0.37, ".": 0.32}


def text_width(text: str, font: float) -> float:
    """The drawn width in pixels of ``text`` at ``font`` px (a letter not in the table counts as a wide one)."""
    return font * sum(_WIDE.get(ch, 0.72) for ch in text)


def place_labels(names: list[str], lon: list[float], lat: list[float], sizes: list[float], chosen: list[int],
                 font: int = LABEL_SIZE, width_px: float = 460.0, forced: int = 0, away: dict | None = None,
                 view: tuple[float, ...] = MAP_VIEW, boxes: dict | None = None,
                 factors: tuple[float, ...] = (1.0,)) -> list[str | None]:
    """A text position for each city in ``chosen`` (in that priority order) whose label fits, else None.

    ``sizes`` are marker diameters in pixels (0: not drawn); ``width_px`` the map's estimated width. The first
    ``forced`` of ``chosen`` are named even where no position is free: given ``away`` (a dict), such a name moves
    away from its crowded circle to a free box nearby (position ``"away"``, its pixel box in ``away[i]``); else it
    takes the position overlapping least. ``view`` is the map's west, east, south and north edges; ``boxes`` (a
    dict), when given, receives each named city's label as (anchor x, anchor y, pixel box). Labels are kept apart
    on the map drawn at each of ``factors`` times the estimated scale (a box whose size is not known exactly).
    """
    xy = [_pixel_of(width_px, lo, la, view) for lo, la in zip(lon, lat)]
    bounds = (0, 0, width_px, _pixel_of(width_px, view[0], view[2], view)[1])
    markers = [(x, y, (x - s / 2, y - s / 2, x + s / 2, y + s / 2)) if s > 0 else None for (x, y), s in zip(xy, sizes)]
    placed: list[tuple] = []
    if away is not None:  # where every name must be shown, none goes under the size legend (lower left, drawn above)
        legend_w, legend_h = _legend_extent(LEGEND_SIZE_BIG if font >= LABEL_SIZE_BIG else LEGEND_SIZE, max(sizes, default=0))
        placed.append((0, bounds[3], (bounds[0] - width_px, bounds[3] - legend_h - 4, legend_w + 4, bounds[3] + width_px)))
    out: list[str | None] = [None] * len(names)
    gap = AWAY_GAP * font / LABEL_SIZE_BIG if len(factors) > 1 else 0  # where the scale is known only roughly, names keep a little further apart
    height = font * 1.25 + gap
    for rank, i in enumerate(chosen):
        if not sizes[i]:
            continue
        width = text_width(names[i], font) + 4 + gap
        best, fewest = None, None
        # Only what lies within a label's reach of this city can overlap one of its four boxes.
        x, y = xy[i]
        far = (max(AWAY_STEPS) + 1) * height if away is not None else 0  # a moved name looks further
        reach = (x - width - sizes[i] - far, y - 2 * height - sizes[i] - far, x + width + sizes[i] + far, y + 2 * height + sizes[i] + far)
        others = [o for o in placed if _overlaps(reach, o[2])] + [
            m for j, m in enumerate(markers) if m is not None and j != i and _overlaps(reach, m[2])]
        positions = LABEL_POSITIONS + (CORNER_POSITIONS if away is not None else ())
        tried = [(x, y, _label_box(x, y, sizes[i] / 2 + 2, width, height, position)) for position in positions]
        for position, anchored, clashes in zip(positions, tried, _clashes(tried, others, factors).sum(axis=1).tolist()):
            box = anchored[2]
            inside = bounds[0] <= box[0] and box[2] <= bounds[2] and bounds[1] <= box[1] and box[3] <= bounds[3]
            hits = clashes + (0 if inside else 3)
            if fewest is None or hits < fewest:  # the first position with the fewest
                best, fewest = (position, anchored), hits
            if hits <= 0:
                break
        if fewest > 0 and rank < forced and away is not None:
            moved = _free_box_nearby(x, y, sizes[i] / 2 + 2, width, height, others, bounds, factors)
            if moved is None:  # nothing free within reach: a box clear of every other name, over a circle if need be
                moved = _free_box_nearby(x, y, sizes[i] / 2 + 2, width, height, [o for o in others if o in placed], bounds, factors)
            if moved is not None:
                best, fewest = ("away", moved), 0
                away[i] = moved[2]
        if fewest <= 0 or rank < forced:
            out[i] = best[0]
            placed.append(best[1])
            if boxes is not None:
                boxes[i] = best[1]
    return out


# How far (in label heights) a name may move from a crowded circle, nearest first; its leader line says whose it is.
AWAY_STEPS = (1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0, 7.0)
AWAY_DIRECTIONS = [(math.cos(math.radians(a)), math.sin(math.radians(a))) for a in range(0, 360, 15)]


def _free_box_nearby(x: float, y: float, radius: float, width: float, height: float, others: list, bounds: tuple,
                     factors: tuple[float, ...] = (1.0,)):
    """The free box nearest its circle for a label that overlaps nothing, anchored at its centre (None: none is free
    within reach); a leader line joins them. Every step's boxes are tested at once; the nearest step with a free one
    gives the answer."""
    steps = []
    for step in AWAY_STEPS:
        reach = radius + step * height
        candidates = []
        for dx, dy in AWAY_DIRECTIONS:
            cx, cy = x + dx * (reach + width / 2 * abs(dx)), y + dy * reach
            box = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
            if bounds[0] <= box[0] and box[2] <= bounds[2] and bounds[1] <= box[1] and box[3] <= bounds[3]:
                candidates.append((cx, cy, box))
        steps.append(candidates)
    clashes = iter(_clashes([c for candidates in steps for c in candidates], others, factors).any(axis=1).tolist())
    for candidates in steps:
        best, nearest = None, None
        for (cx, cy, box), clash in zip(candidates, clashes):
            if clash:
                continue
            near = _nearest_on_box((x, y), box)
            distance = math.hypot(near[0] - x, near[1] - y)
            if nearest is None or distance < nearest:
                best, nearest = (cx, cy, box), distance
        if best is not None:
            return best
    return None


def _clashes(candidates: list, others: list, factors: tuple[float, ...]) -> np.ndarray:
    """Whether each candidate clashes with each other anchored box (candidates x others), as ``_clash`` decides for
    one pair, all pairs at once with the same arithmetic (so the same answers): placing every name on a projector's
    map tries thousands of pairs."""
    if not candidates or not others:
        return np.zeros((len(candidates), len(others)), dtype=bool)
    cand = np.array([(cx, cy, *box) for cx, cy, box in candidates], dtype=float)
    other = np.array([(ox, oy, *box) for ox, oy, box in others], dtype=float)
    ax = other[None, :, 0] - cand[:, None, 0]  # the other's anchor against the candidate's, as in _clash(candidate, other)
    ay = other[None, :, 1] - cand[:, None, 1]
    a0, a1, a2, a3 = (cand[:, None, k] for k in (2, 3, 4, 5))
    b0, b1, b2, b3 = (other[None, :, k] for k in (2, 3, 4, 5))
    hit = np.zeros(ax.shape, dtype=bool)
    for f in factors:
        dx, dy = ax * (f - 1), ay * (f - 1)
        hit |= (a0 < b2 + dx) & (b0 + dx < a2) & (a1 < b3 + dy) & (b1 + dy < a3)
    return hit


def city_labels(cities: pd.DataFrame, selected: tuple[str, ...], present: list[bool], every: bool,
                font: int = LABEL_SIZE, width_px: float = 460.0, force: bool = False, leaders: bool = False,
                view: tuple[float, ...] = MAP_VIEW, factors: tuple[float, ...] = (1.0,)) -> dict:
    """The label layer's ``text``, ``textposition``, ``marker.size``, ``lat`` and ``lon``: selected cities first, then
    the largest circles (``every``: all of them), placed so that no two labels and no label and circle overlap.
    With ``leaders`` a forced name with no free place beside its circle moves to one nearby, and ``leaders`` holds
    the lines (lat, lon, None-separated) from each such circle to its name; ``boxes`` holds each name's estimated pixel
    box (city index -> left, top, right, bottom), for checks."""
    key = (tuple(cities.index), tuple(cities["name"].tolist()), tuple(cities["lon"].tolist()), tuple(cities["lat"].tolist()))
    placed = _city_labels(key, tuple(cities["count"].tolist()), tuple(selected), tuple(present), every, font, width_px, force,
                          leaders, tuple(view), tuple(factors))
    return {"text": list(placed["text"]), "textposition": list(placed["textposition"]), "marker": {"size": list(placed["marker"]["size"])},
            "lat": list(placed["lat"]), "lon": list(placed["lon"]), "leaders": {k: list(v) for k, v in placed["leaders"].items()},
            "boxes": dict(placed["boxes"])}


@functools.lru_cache(maxsize=256)  # a filter change asks for the same placement the last visit to that view did
def _city_labels(key: tuple, counts: tuple, selected: tuple, present: tuple, every: bool, font: int, width_px: float,
                 force: bool, leaders: bool = False, view: tuple[float, ...] = MAP_VIEW,
                 factors: tuple[float, ...] = (1.0,)) -> dict:
    ids, names, lon, lat = (list(part) for part in key)
    sizes = [size if shown else 0 for size, shown in zip(marker_sizes(counts), present)]
    first = [ids.index(c) for c in selected if c in ids]
    rest = sorted((i for i in range(len(ids)) if i not in first and (every or counts[i] > 0)), key=lambda i: (-counts[i], names[i]))
    chosen = first + (rest if every else rest[:max(0, LABELS_SHOWN - len(first))])
    place = functools.partial(_placement, names, lon, lat, sizes, font=font, width_px=width_px, leaders=leaders, view=view,
                              factors=factors, forced=len(chosen) if force else len(first))  # a selected city is always named
    tries = [chosen]
    if leaders and force:  # every name shown: also with the most crowded cities choosing first, while the sea near them is free
        tries += [first + sorted(rest, key=lambda i: (-_crowd(i, lon, lat, present, within), larger * counts[i]))
                  for within, larger in CROWD_ORDERS]
    # The placement whose names clash least, then whose names moved least (the leader lines' length in all, a larger
    # circle's counting more: the cities a view is about keep their names beside them).
    positions, away, boxes = min((place(order) for order in tries), key=lambda p: (
        len(label_clashes(p[2], factors)), _leader_pixels(p[1], lon, lat, counts, width_px, view)))
    label_lat, label_lon, lines = [round(v, 2) for v in lat], [round(v, 2) for v in lon], {"lat": [], "lon": []}
    for i, box in away.items():
        label_lat[i], label_lon[i] = (round(v, 2) for v in _geo_of(width_px, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2, view))
        end = _geo_of(width_px, *_nearest_on_box(_pixel_of(width_px, lon[i], lat[i], view), box), view)
        lines["lat"] += [lat[i], round(end[0], 2), None]
        lines["lon"] += [lon[i], round(end[1], 2), None]
    # Plotly sets text off by its own trace's marker: an invisible copy of each circle keeps a label clear of it.
    return {"text": [safe(n) if p else "" for n, p in zip(names, positions)],
            "textposition": ["middle center" if p == "away" else (p or "middle right") for p in positions],
            "marker": {"size": [0 if i in away else size for i, size in enumerate(sizes)]},
            "lat": label_lat, "lon": label_lon, "leaders": lines, "boxes": boxes}


def _placement(names, lon, lat, sizes, chosen: list[int], leaders: bool, **how) -> tuple[list, dict, dict]:
    """``place_labels`` of ``chosen`` in that order: (positions, moved names' boxes, every name's anchored box)."""
    away: dict[int, tuple] = {}
    boxes: dict[int, tuple] = {}
    positions = place_labels(names, lon, lat, sizes, chosen, away=away if leaders else None, boxes=boxes, **how)
    return positions, away, boxes


def _leader_pixels(away: dict, lon: list[float], lat: list[float], counts: tuple, width_px: float, view: tuple[float, ...]) -> float:
    """Pixels of leader line in all, from each moved name's city to the nearest point of its box, each times one more
    than the city's partnerships."""
    return sum(math.dist(xy, _nearest_on_box(xy, box)) * (1 + counts[i])
               for i, box in away.items() for xy in [_pixel_of(width_px, lon[i], lat[i], view)])


def label_clashes(boxes: dict, factors: tuple[float, ...] = (1.0,)) -> list[tuple[int, int]]:
    """The pairs of placed names (city indexes) whose boxes overlap at one of ``factors`` times the scale."""
    return [(i, j) for i in boxes for j in boxes if i < j and _clash(boxes[i], boxes[j], factors)]


def _crowd(i: int, lon: list[float], lat: list[float], present: tuple, within: float) -> int:
    """How many other cities of the network lie within ``within`` degrees of city ``i``."""
    return sum(1 for j, shown in enumerate(present) if shown and j != i and math.hypot(lon[j] - lon[i], lat[j] - lat[i]) < within)


def _pixel_of(width_px: float, lon: float, lat: float, view: tuple[float, ...] = MAP_VIEW) -> tuple[float, float]:
    """(x, y) of a place on the map's estimated grid: ``view`` (west, east, south, north) drawn ``width_px`` wide."""
    scale = width_px / (view[1] - view[0])
    return (lon - view[0]) * scale, (_merc(view[3]) - _merc(lat)) * scale


def _geo_of(width_px: float, x: float, y: float, view: tuple[float, ...] = MAP_VIEW) -> tuple[float, float]:
    """(lat, lon) of a pixel of the map's estimated grid (the inverse of ``_pixel_of``)."""
    scale = width_px / (view[1] - view[0])
    merc = _merc(view[3]) - y / scale
    return math.degrees(2 * math.atan(math.exp(math.radians(merc))) - math.pi / 2), view[0] + x / scale


def _nearest_on_box(point: tuple[float, float], box: tuple) -> tuple[float, float]:
    return min(max(point[0], box[0]), box[2]), min(max(point[1], box[1]), box[3])


EXPORT_LABELS = dict(font=13, width_px=880.0, force=True)  # the exported map (assets/js/ascn.js) is 880 px wide
# The explorer's map is 460 px wide on the grid and drawn wider on a laptop (about 655 px at 1366x768): its names
# are kept apart up to 1.55 times that scale.
EXPLORER_LABELS = dict(leaders=True, factors=(1.0, 1.2, 1.4, 1.55))
# Presentation mode names every city of the network in type read from the back of a room, on the projector's wider map:
# where no place beside a circle is free a name moves nearby, joined to its circle by a leader line.
PRESENT_LABELS = dict(font=LABEL_SIZE_BIG, width_px=PRESENT_WIDTH, force=True, leaders=True, view=PRESENT_VIEW,
                      factors=PRESENT_FACTORS)


def legend_counts(largest: int) -> tuple[int, ...]:
    """Partnerships the legend's circles stand for, up to the largest city of the view: 1, a middle one, the largest."""
    if largest <= 2:
        return tuple(range(1, largest + 1))
    return tuple(sorted({1, round(math.sqrt(largest)), largest}))


# What every piece of the size legend shares, in the map's template: a filter change then sends only what differs.
LEGEND_SHAPE = dict(xref="paper", yref="paper", xsizemode="pixel", ysizemode="pixel", xanchor=0, yanchor=0, layer="above")
LEGEND_NOTE = dict(xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="middle", showarrow=False,
                   font=dict(size=LEGEND_SIZE, color=palette.TEXT))
MAP_TEMPLATE = {**TEMPLATE, "layout": {**TEMPLATE["layout"], "shapedefaults": {**TEMPLATE["layout"]["shapedefaults"], **LEGEND_SHAPE},
                                       "annotationdefaults": {**TEMPLATE["layout"]["annotationdefaults"], **LEGEND_NOTE}}}


def _export_labels(cities: pd.DataFrame, selected: tuple[str, ...], present: list[bool]) -> dict:
    """Every city's label as the exported map places it (assets/js/ascn.js): beside its circle, no leader lines."""
    every = city_labels(cities, selected, present, True, **EXPORT_LABELS)
    return {k: every[k] for k in ("text", "textposition", "marker")}


def _legend_circle(cx: float, d: float, y0: float) -> dict:
    return dict(type="circle", x0=cx - d / 2, x1=cx + d / 2, y0=y0, y1=y0 + d, fillcolor=palette.CITY, opacity=0.85,
                line=dict(color="white", width=1))


def _legend_note(text: str, xshift: float, yshift: float, font: int, anchor: str = "middle") -> dict:
    note = dict(text=text, xshift=xshift, yshift=yshift, **({} if anchor == "middle" else {"yanchor": anchor}))
    return note if font == LEGEND_SIZE else {**note, "font": dict(size=font, color=palette.TEXT)}


def _legend_extent(font: int, row: float) -> tuple[float, float]:
    """Width and height in pixels of the size legend's box whose largest circle is ``row`` pixels across."""
    return max(16 + 3 * (row + 15 + font), 150 * font / LEGEND_SIZE, 12 + 0.56 * font * len(wording.MAP_LEGEND)), row + 37 + font


def size_legend(largest: int, font: int = LEGEND_SIZE) -> tuple[list[dict], list[dict]]:
    """Shapes and annotations of the circle-size legend, in the map's lower left corner (open sea): circles for the
    counts of this view (up to its largest city), and the small dot of a city with none in the view; ``font`` is its
    type size (larger in presentation mode)."""
    counts = legend_counts(largest)
    diameters = marker_sizes(list(counts))
    none = marker_sizes([0])[0]
    row = max(diameters, default=none)  # the circles' row, above the small dot's line
    dot_y, circles_y = 11 + (font - LEGEND_SIZE) / 2, 15 + font
    notes = [_legend_note(wording.MAP_LEGEND, 10, row + 19 + font, font, "bottom"), _legend_note(wording.MAP_LEGEND_NONE, 10 + none + 4, dot_y, font)]
    shapes = [_legend_circle(10 + none / 2, none, dot_y - none / 2)]
    x = 8.0
    for count, d in zip(counts, diameters):
        cx = x + d / 2 + 4
        shapes.append(_legend_circle(cx, d, circles_y))
        notes.append(_legend_note(str(count), cx + d / 2 + 3, circles_y + d / 2, font))
        x += d + 15 + font
    box_w = max(16 + sum(d + 15 + font for d in diameters), 150 * font / LEGEND_SIZE, 12 + 0.56 * font * len(wording.MAP_LEGEND))
    frame = dict(type="rect", x0=2, x1=round(2 + box_w), y0=2, y1=row + 37 + font, fillcolor="rgba(255,255,255,0.85)", line=dict(color="#bbb", width=1))
    return [frame, *shapes], notes


def _city_customdata(cities: pd.DataFrame, state_names: dict[str, str]) -> list[list]:
    return [
        [cid, safe(name), safe(state_names.get(state, state)), int(count), safe(partners or wording.NO_PARTNERS_HERE),
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
    legend_shapes, legend_notes = size_legend(int(cities["count"].max()) if len(cities) else 0)
    return new_figure([
        dict(
            type="choropleth", geojson=geometry_url, featureidkey="id", locations=list(countries.index),
            z=[1 if m else 0 for m in member], zmin=0, zmax=2, showscale=False,
            colorscale=[[0, palette.NEIGHBOUR_FILL], [0.5, palette.MEMBER_FILL], [1, palette.MEMBER_SELECTED_FILL]],
            marker=dict(line=dict(color=palette.BORDER, width=0.6)),
            customdata=[[code, safe(name), wording.MEMBER_STATE_HOVER if m else wording.NEIGHBOUR_HOVER]
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
        dict(type="scattergeo", lat=cities["lat"].tolist(), lon=cities["lon"].tolist(), mode="markers", name="centres",
             customdata=_city_customdata(cities, state_names), hovertemplate=CITY_HOVER, showlegend=False,
             marker=dict(size=1, color="rgba(0,0,0,0)"), selected=dict(marker=dict(opacity=0)), unselected=dict(marker=dict(opacity=0))),
        dict(type="scattergeo", lat=[], lon=[], mode="lines", name="leaders", hoverinfo="skip", showlegend=False,
             line=dict(color=palette.TEXT, width=1)),
    ], geo=dict(
        projection=dict(type="mercator"), resolution=110, showframe=False, showland=False, showocean=True, oceancolor="#f3f7fb",
        showcountries=False, showcoastlines=False, showlakes=False, showrivers=False, bgcolor="#f3f7fb",
        lonaxis=dict(range=[91, 129]), lataxis=dict(range=[-11.5, 24.5]),
    ), font=dict(FONT), margin=dict(l=0, r=0, t=0, b=0), autosize=True, showlegend=False, clickmode="event+select",
        dragmode="pan", uirevision=MAP_UIREVISION, hoverdistance=HOVER_PX, template=MAP_TEMPLATE, paper_bgcolor="white",
        shapes=legend_shapes, annotations=legend_notes)


def _label_trace(cities: pd.DataFrame, selected: tuple[str, ...], present: list[bool], every: bool) -> dict:
    """City names beside their circles; ``meta.every`` holds every city's label, for exports."""
    labels = city_labels(cities, selected, present, every)
    return dict(type="scattergeo", lat=cities["lat"].tolist(), lon=cities["lon"].tolist(), mode="markers+text", name="labels",
                hoverinfo="skip", showlegend=False, textfont=dict(size=LABEL_SIZE, color=palette.TEXT, shadow=LABEL_HALO),
                meta=dict(every=_export_labels(cities, selected, present)), text=labels["text"],
                textposition=labels["textposition"], marker=dict(size=labels["marker"]["size"], color="rgba(0,0,0,0)"),
                # Names are never dimmed by a selection (plotly dims every trace's unselected points, text too):
                # selected or not, a name keeps its colour; only the cities' circles show what is selected.
                selected=dict(textfont=dict(color=palette.TEXT)), unselected=dict(textfont=dict(color=palette.TEXT)))


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
    hover = CITY_HOVER if all(in_network) else [CITY_HOVER if present else "<extra></extra>" for present in in_network]
    customdata = _city_customdata(cities, state_names)
    for trace in CITY_CURVES:  # the circles, and their centres that take the hover
        patch["data"][trace]["hovertemplate"] = hover
        patch["data"][trace]["customdata"] = customdata
    position = {cid: i for i, cid in enumerate(cities.index)}
    patch["data"][1]["selectedpoints"] = [position[c] for c in selected_cities if c in position] if selected_cities else None
    font = LABEL_SIZE_BIG if every else LABEL_SIZE
    # The explorer names the selected cities and as many of the largest as fit; a selected city's name with no free
    # place beside its circle moves nearby, with a leader line (a box drawn over a crowded corner selects many).
    labels = city_labels(cities, selected_cities, in_network, every, **(PRESENT_LABELS if every else EXPLORER_LABELS))
    view = PRESENT_VIEW if every else MAP_VIEW
    patch["layout"]["geo"]["lonaxis"]["range"], patch["layout"]["geo"]["lataxis"]["range"] = list(view[:2]), list(view[2:])
    patch["data"][3]["lat"], patch["data"][3]["lon"] = labels["lat"], labels["lon"]
    patch["data"][MAP_LEADERS]["lat"], patch["data"][MAP_LEADERS]["lon"] = labels["leaders"]["lat"], labels["leaders"]["lon"]
    patch["data"][3]["text"] = labels["text"]
    patch["data"][3]["textposition"] = labels["textposition"]
    patch["data"][3]["marker"]["size"] = labels["marker"]["size"]
    patch["data"][3]["textfont"]["size"] = font
    patch["data"][3]["meta"] = {"every": _export_labels(cities, selected_cities, in_network)}
    shown = [c for c, present in zip(cities["count"].tolist(), in_network) if present]
    patch["layout"]["shapes"], patch["layout"]["annotations"] = size_legend(int(max(shown, default=0)), LEGEND_SIZE_BIG if every else LEGEND_SIZE)
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
