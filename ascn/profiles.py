"""Profiles: one page per partner economy or organisation, member state and city, with key facts computed from the
record by the Query on that profile's Selection. Every fact carries the ids of the rows it rests on and the numbers
its sentence states (the API hands both out; the property test checks the numbers against the Query's answers).

Partner profiles are the economies and organisations that are not ASEAN members; member-state profiles the members;
city profiles every city of the network. Addresses: ``/profile/<kind>/<code>`` (URL contract: docs/urls.md)."""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ascn import wording
from ascn.query import FOCUS_ORDER, Query
from ascn.selection import Selection
from ascn.vocab import FOCUS_AREAS

# Profile kind (its address segment) -> the filter kind (Selection attribute) its selection uses.
KINDS = {"partner": "partners", "member-state": "member_states", "city": "cities"}
PARAMS = {"partner": "partner", "member-state": "member_state", "city": "city"}
# The numbers each kind's count sentence states (wording.fact_count).
COUNT_NUMBERS = {"partner": ("count", "total", "cities", "member_states"), "member-state": ("count", "total", "cities", "partner_economies"),
                 "city": ("count", "total", "partner_economies")}
COMMITMENTS_NAMED = 3  # commitments named in the fact; the rest are counted ("and 2 more")


@dataclass(frozen=True)
class Fact:
    """One sentence, the ids of the rows it rests on (``table``: partnerships or commitments), and its numbers."""

    key: str
    text: str
    ids: tuple[int, ...]
    numbers: dict = field(default_factory=dict)
    table: str = "partnerships"

    def as_json(self) -> dict:
        return {"key": self.key, "text": self.text, "table": self.table, "ids": list(self.ids), "numbers": self.numbers}


@dataclass(frozen=True)
class Profile:
    kind: str
    code: str
    name: str
    selection: Selection
    count: int
    facts: tuple[Fact, ...]

    @property
    def path(self) -> str:
        return profile_path(self.kind, self.code)


def profile_path(kind: str, code: str) -> str:
    return f"/profile/{kind}/{code}"


def subjects(query: Query, kind: str) -> dict[str, str]:
    """The codes of one profile kind and their display names, in display order."""
    if kind == "partner":
        members = set(query.members)
        return {c: query.dataset.economy_name(c) for c in query.allowed["partner"] if c not in members}
    return dict(sorted(query.allowed[PARAMS[kind]].items(), key=lambda item: item[1]))  # by name, as people look them up


def canonical(query: Query, kind: str, code: str) -> str | None:
    """The record's spelling of a profile's code (codes match without regard to case), or None."""
    if kind not in KINDS:
        return None
    by_fold = {c.casefold(): c for c in subjects(query, kind)}
    return by_fold.get(code.casefold())


def selection_of(kind: str, code: str) -> Selection:
    return Selection(**{KINDS[kind]: (code,)})


def index(query: Query) -> dict[str, list[tuple[str, str, int]]]:
    """Every profile, by kind: (code, name, partnerships)."""
    return {kind: [(code, name, query.count(selection_of(kind, code))) for code, name in subjects(query, kind).items()]
            for kind in KINDS}


def build(query: Query, kind: str, code: str) -> Profile:
    """The profile of an existing code (see ``canonical``)."""
    sel = selection_of(kind, code)
    name = subjects(query, kind)[code]
    count = query.count(sel)
    facts = _facts(query, kind, sel) if count else [_empty(query, kind, code, name)]
    if kind == "partner":
        facts.append(_commitments(query, sel))
    facts = [f for f in facts if f is not None]
    return Profile(kind, code, name, sel, count, tuple(facts))


def _ids(query: Query, keep: np.ndarray) -> tuple[int, ...]:
    return tuple(int(i) for i in query.ids[keep])


def _facts(query: Query, kind: str, sel: Selection) -> list[Fact | None]:
    code = sel.lists()[KINDS[kind]][0]
    return [_count(query, kind, code, sel), *_focus(query, sel), _span(query, sel), _unknown(query, sel)]


def _count(query: Query, kind: str, code: str, sel: Selection) -> Fact:
    keep = query.mask(sel)
    cities = query.city_summary(sel)
    with_some = cities[cities["count"] > 0]
    partners = [c for c in query.by_partner(sel).index if c != code]
    every = {"count": int(keep.sum()), "total": query.n, "cities": len(with_some),
             "member_states": int(with_some["member_state"].nunique()), "partner_economies": len(partners)}
    text = wording.fact_count(kind, *every.values())
    stated = COUNT_NUMBERS[kind]  # the numbers its sentence states, no more
    return Fact("count", text, _ids(query, keep), {k: v for k, v in every.items() if k in stated})


def _leaders(counts: np.ndarray) -> list[str]:
    return [f for f, n in zip(FOCUS_ORDER, counts) if n == counts.max()]


def _focus(query: Query, sel: Selection) -> list[Fact]:
    """The leading focus area against the record's, and the area where its mix leans most against the network's."""
    here = query.by_focus(sel).to_numpy()
    everywhere = query.by_focus(Selection()).to_numpy()
    count, total = int(here.sum()), int(everywhere.sum())
    leaders, record_leaders = _leaders(here), _leaders(everywhere)
    keep = query.mask(sel)
    in_leaders = keep & np.isin(query.focus, [FOCUS_ORDER.index(f) for f in leaders])
    lead = Fact("focus", wording.fact_focus([FOCUS_AREAS[f] for f in leaders], int(here.max()), count,
                                            [FOCUS_AREAS[f] for f in record_leaders], int(everywhere.max()), total),
                _ids(query, in_leaders),
                {"focus_areas": leaders, "count": int(here.max()), "of": count, "record_focus_areas": record_leaders,
                 "record_count": int(everywhere.max()), "record_total": total})
    gap = here / count - everywhere / total
    lean = int(np.argmax(gap))
    if gap[lean] <= 0 or count == total:
        return [lead]
    share, record_share = round(100 * here[lean] / count), round(100 * everywhere[lean] / total)
    compare = Fact("compare", wording.fact_compare(FOCUS_AREAS[FOCUS_ORDER[lean]], share, record_share),
                   _ids(query, keep & (query.focus == lean)),
                   {"focus_area": FOCUS_ORDER[lean], "share": share, "record_share": record_share})
    return [lead, compare]


def _span(query: Query, sel: Selection) -> Fact | None:
    """The earliest and the latest dated partnership (lowest id first among a year's)."""
    rows = query.columns(sel)
    dated = sorted((int(y), int(i), str(t)) for i, y, t in zip(rows["partnership_id"], rows["year"], rows["title"]) if not pd.isna(y))
    if not dated:
        return None
    first = dated[0]
    last = min(dated, key=lambda row: (-row[0], row[1]))
    one = (first[2], first[0], first[1])
    other = None if len(dated) == 1 else (last[2], last[0], last[1])
    ids = (one[2],) if other is None else (one[2], other[2])
    numbers = {"earliest": one[1], "earliest_id": one[2], "latest": (other or one)[1], "latest_id": (other or one)[2]}
    return Fact("span", wording.fact_span(one, other), ids, numbers)


def _unknown(query: Query, sel: Selection) -> Fact | None:
    keep = query.mask(sel)
    unknown = keep & ~query.known_year
    if not unknown.any():
        return None
    numbers = {"unknown": int(unknown.sum()), "of": int(keep.sum())}
    return Fact("unknown_year", wording.fact_unknown(numbers["unknown"], numbers["of"]), _ids(query, unknown), numbers)


def _commitments(query: Query, sel: Selection) -> Fact | None:
    rows = query.commitments(sel)
    if rows.empty:
        return None
    items = [(str(r["title"]), str(r["date"]), wording.amount_as_stated(r["amount"], r["currency"]))
             for _, r in rows.iloc[:COMMITMENTS_NAMED].iterrows()]
    more = len(rows) - len(items)
    numbers = {"commitments": len(rows), "amounts": [[float(a), c] for a, c in zip(rows["amount"], rows["currency"]) if a == a]}
    return Fact("commitments", wording.fact_commitments(items, more), tuple(int(i) for i in rows.index), numbers, table="commitments")


def _empty(query: Query, kind: str, code: str, name: str) -> Fact:
    cities = query.cities
    named = list(cities.loc[cities["member_state"] == code, "name"]) if kind == "member-state" else []
    return Fact("empty", wording.fact_empty(kind, name, named), ())


def related(query: Query, profile: Profile) -> dict[str, list[tuple[str, str, str]]]:
    """Links to related profiles: (kind, code, name) of a partner's cities, a city's partners and member state, a
    member state's cities and partners."""
    sel = profile.selection
    cities = query.city_summary(sel)
    partner_names = subjects(query, "partner")
    partners = [("partner", c, partner_names[c]) for c in query.by_partner(sel).index if c in partner_names and c != profile.code]
    with_some = [("city", c, str(n)) for c, n in zip(cities.index, cities["name"]) if cities.at[c, "count"] > 0]
    if profile.kind == "partner":
        return {wording.PROFILE_CITIES_OF: with_some}
    if profile.kind == "member-state":
        own = [("city", c, str(n)) for c, n in zip(cities.index, cities["name"]) if cities.at[c, "member_state"] == profile.code]
        return {wording.PROFILE_CITIES_OF: own, wording.PROFILE_PARTNERS_OF: partners}
    state = str(query.cities.at[profile.code, "member_state"])
    return {wording.PROFILE_STATE_OF: [("member-state", state, query.dataset.economy_name(state))],
            wording.PROFILE_PARTNERS_OF: partners}
