"""Links from the explorer's chips and the table's row detail to the profiles of what they name (a partner, a member
state, a city)."""

from dash import html

from ascn import profiles, wording
from ascn.query import Query
from ascn.selection import Selection

CHIP_KINDS = {"partners": "partner", "member_states": "member-state", "cities": "city"}  # Selection attribute -> profile kind


def chip_profile_links(query: Query, sel: Selection) -> list:
    """A line under the chips linking each chosen partner's, member state's and city's profile by its name, after
    one "Profiles:" (partners that are ASEAN members have a member-state profile, not a partner one, and get no link
    here). The line wraps: every name reads whole, however many are chosen (a box drawn over the map chooses many)."""
    links = []
    for attr, kind in CHIP_KINDS.items():
        names = profiles.subjects(query, kind)
        links += [html.A(names[code], href=profiles.profile_path(kind, code), className="me-2 chip-profile", title=wording.profile_link(names[code]),
                         **{"aria-label": wording.profile_link(names[code])})
                  for code in getattr(sel, attr) if code in names]
    return [html.Div([html.Span(wording.CHIP_PROFILES, className="text-secondary me-1"), *links], className="chip-profiles small")] if links else []


def row_profile_links(query: Query, partner_codes, city_ids) -> list:
    """The profiles of a table row's partners, cities and their member states, in that order, each once."""
    cities = query.dataset.cities
    wanted = [("partner", code) for code in partner_codes] + [("city", cid) for cid in city_ids]
    wanted += [("member-state", str(cities.at[cid, "member_state"])) for cid in city_ids if cid in cities.index]
    links, seen = [], set()
    for kind, code in wanted:
        name = profiles.subjects(query, kind).get(code)
        if name and (kind, code) not in seen:
            seen.add((kind, code))
            links.append(html.A(name, href=profiles.profile_path(kind, code), className="me-2"))
    return links
