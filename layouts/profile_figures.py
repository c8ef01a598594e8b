"""A profile's figures: the explorer's map and focus chart (components/maps.py, components/charts.py) on the
profile's selection, at a fixed size that fits beside each other on a printed A4 page. Handed to routes/profiles.py
by the app factory (routes may not import components), as JSON text safe inside a <script type="application/json">."""

import json

import plotly.utils

from ascn import wording
from ascn.query import Query
from ascn.selection import Selection
from components import charts, maps
from layouts.explorer import GEOMETRY_URL

WIDTH, HEIGHT = 340, 300  # px: two side by side fill a printed A4 page's width (186 mm at 10 mm margins is 703 px)


def profile_figures(query: Query, sel: Selection) -> str:
    """The map (member state or city picked out) and the focus chart of ``sel``, as JSON text."""
    return _as_text({"map": _map(query, sel), "chart": _focus(query, sel)})


def _map(query: Query, sel: Selection) -> dict:
    cities = query.city_summary(sel)
    fig = maps.map_figure(GEOMETRY_URL, query.countries, cities, query.allowed["member_state"])
    fig["data"][maps.MAP_COUNTRIES]["z"] = [2 if code in sel.member_states else (1 if member else 0)
                                            for code, member in zip(query.countries.index, query.countries["asean_member"])]
    position = {cid: i for i, cid in enumerate(cities.index)}
    if sel.cities:
        fig["data"][maps.MAP_CITIES]["selectedpoints"] = [position[c] for c in sel.cities]
    named = sel.cities or tuple(c for c in cities.index if cities.at[c, "member_state"] in sel.member_states)  # a state's cities
    labels = maps.city_labels(cities, named, [True] * len(cities), False, width_px=float(WIDTH))
    trace = fig["data"][maps.MAP_LABELS]
    trace.update(text=labels["text"], textposition=labels["textposition"], marker={**trace["marker"], "size": labels["marker"]["size"]})
    fig["layout"].update(width=WIDTH, height=HEIGHT, autosize=False, dragmode=False, clickmode="none")
    return fig


def _focus(query: Query, sel: Selection) -> dict:
    shown = query.facet_counts(sel)["provenance"]
    what = wording.describe(sel, query.allowed)
    fig = charts.focus_figure(query.by_focus(sel), wording.focus_title(what), wording.partnership_credit(shown))
    fig["layout"].update(width=WIDTH, height=HEIGHT, autosize=False)
    return fig


def _as_text(figures: dict) -> str:
    text = json.dumps(figures, cls=plotly.utils.PlotlyJSONEncoder, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
