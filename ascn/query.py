"""Pure queries: Selection -> filtered partnerships and the aggregates the charts draw.

The record is turned once into integer-coded link arrays (partnership x city, partnership x
economy), so a filter is a few numpy masks and every aggregate a bincount: the same code
answers for 20 partnerships or 150,000.
"""

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ascn import vocab
from ascn.dataset import Dataset, default_dataset
from ascn.selection import Selection

FOCUS_ORDER = list(vocab.FOCUS_AREAS)
UNKNOWN = "unknown"
CONTRACT_COLUMNS = [
    "partnership_id", "title", "organisations", "partner_economies", "city_ids", "focus_area",
    "year", "year_source", "source", "source_url", "notes",
]


@dataclass(frozen=True)
class _Links:
    """Pairs (row position, code position) for one many-valued column."""

    rows: np.ndarray
    codes: np.ndarray

    def mask(self, n: int, wanted: np.ndarray) -> np.ndarray:
        hit = np.zeros(n, dtype=bool)
        hit[self.rows[wanted[self.codes]]] = True
        return hit


class Query:
    """Every question the page and the API ask of one Dataset."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        p = dataset.partnerships
        self.n = len(p)
        self.ids = p.index.to_numpy()
        self.cities = dataset.cities  # index city_id, in file order
        self.city_codes = list(self.cities.index)
        self.economy_codes = list(dataset.economies.index)
        self.members = list(dataset.economies.index[dataset.economies["asean_member"]])
        self.focus = pd.Categorical(p["focus_area"], categories=FOCUS_ORDER).codes.astype(np.int64)
        years = p["year"]
        self.known_year = years.notna().to_numpy()
        self.year = years.fillna(0).to_numpy(dtype=np.int64)
        self.city_links = _explode(p["city_ids"], self.city_codes)
        self.economy_links = _explode(p["partner_economies"], self.economy_codes)
        city_state = self.cities["member_state"].map({c: i for i, c in enumerate(self.members)}).to_numpy()
        pairs = np.unique(np.stack([self.city_links.rows, city_state[self.city_links.codes]]), axis=1)
        self.state_links = _Links(pairs[0], pairs[1])
        self._frame = p
        features = dataset.geometry["features"]
        self.countries = pd.DataFrame(  # country shapes on the map: ADM0_A3 -> name, membership
            {"name": [f["properties"]["name"] for f in features], "asean_member": [f["properties"]["asean_member"] for f in features]},
            index=pd.Index([f["id"] for f in features], name="code"),
        )

    # -- masks -----------------------------------------------------------------------------

    def mask(self, sel: Selection, skip: str | None = None) -> np.ndarray:
        """Rows matching every filter (AND across kinds, OR within one), except ``skip``."""
        keep = np.ones(self.n, dtype=bool)
        if sel.member_states and skip != "member_states":
            keep &= self.state_links.mask(self.n, _wanted(self.members, sel.member_states))
        if sel.partners and skip != "partners":
            keep &= self.economy_links.mask(self.n, _wanted(self.economy_codes, sel.partners))
        if sel.cities and skip != "cities":
            keep &= self.city_links.mask(self.n, _wanted(self.city_codes, sel.cities))
        if sel.focus_areas and skip != "focus_areas":
            keep &= np.isin(self.focus, [FOCUS_ORDER.index(f) for f in sel.focus_areas])
        if skip != "years":
            keep &= self._year_mask(sel)
        return keep

    def _year_mask(self, sel: Selection) -> np.ndarray:
        if sel.unknown_year == "only":
            return ~self.known_year
        in_range = self.known_year.copy()
        if sel.year_from is not None:
            in_range &= self.year >= sel.year_from
        if sel.year_to is not None:
            in_range &= self.year <= sel.year_to
        return in_range | (~self.known_year if sel.unknown_year == "include" else False)

    # -- rows ------------------------------------------------------------------------------

    def count(self, sel: Selection) -> int:
        return int(self.mask(sel).sum())

    def rows(self, sel: Selection, limit: int | None = None) -> pd.DataFrame:
        """The matching partnerships in the contract's columns, lists as tuples, by id."""
        frame = self._frame[self.mask(sel)]
        if limit is not None:
            frame = frame.iloc[:limit]
        return frame.reset_index()[CONTRACT_COLUMNS]

    # -- aggregates for the charts ---------------------------------------------------------------

    def facet_counts(self, sel: Selection) -> dict[str, dict[str, int]]:
        """For each filter kind, each option's count under all the OTHER filters."""
        out = {}
        for kind, links, codes in (
            ("member_state", self.state_links, self.members),
            ("partner", self.economy_links, self.economy_codes),
            ("city", self.city_links, self.city_codes),
        ):
            attr = {"member_state": "member_states", "partner": "partners", "city": "cities"}[kind]
            out[kind] = _count_links(links, self.mask(sel, skip=attr), codes)
        focus = np.bincount(self.focus[self.mask(sel, skip="focus_areas")], minlength=len(FOCUS_ORDER))
        out["focus_area"] = dict(zip(FOCUS_ORDER, focus.tolist()))
        return out

    def city_summary(self, sel: Selection, top: int = 3) -> pd.DataFrame:
        """Per city (all of them, in file order): matching partnerships and main partners."""
        keep = self.mask(sel)
        counts = _count_links(self.city_links, keep, self.city_codes)
        # City x economy counts through the partnerships both belong to.
        pair = _cross(self.city_links, self.economy_links, keep, len(self.economy_codes))
        table = np.bincount(pair, minlength=len(self.city_codes) * len(self.economy_codes))
        table = table.reshape(len(self.city_codes), len(self.economy_codes))
        names = self.dataset.economies["name"]
        partners = []
        for row in table:
            order = [i for i in np.argsort(-row, kind="stable")[:top] if row[i] > 0]
            partners.append(", ".join(f"{names.iloc[i]} ({row[i]})" for i in order))
        out = self.cities[["name", "member_state", "lat", "lon", "joined"]].copy()
        out["count"] = [counts[c] for c in self.city_codes]
        out["main_partners"] = partners
        return out

    def by_year(self, sel: Selection) -> pd.DataFrame:
        """Partnerships per year and focus area; unknown years in a row labelled 'unknown'."""
        keep = self.mask(sel)
        years = self.year[keep & self.known_year]
        focus = self.focus[keep & self.known_year]
        frame = pd.crosstab(years, focus) if len(years) else pd.DataFrame()
        frame = frame.reindex(columns=range(len(FOCUS_ORDER)), fill_value=0)
        frame.columns = FOCUS_ORDER
        frame.index = [str(y) for y in frame.index]
        unknown = np.bincount(self.focus[keep & ~self.known_year], minlength=len(FOCUS_ORDER))
        if unknown.sum():
            frame.loc[UNKNOWN] = unknown
        frame.index.name = "year"
        return frame.astype(int)

    def by_partner(self, sel: Selection) -> pd.DataFrame:
        """Partnerships per partner economy and focus area, largest first (economies with none left out)."""
        keep = self.mask(sel)
        hit = keep[self.economy_links.rows]
        codes = self.economy_links.codes[hit]
        focus = self.focus[self.economy_links.rows[hit]]
        table = np.bincount(codes * len(FOCUS_ORDER) + focus, minlength=len(self.economy_codes) * len(FOCUS_ORDER))
        frame = pd.DataFrame(table.reshape(-1, len(FOCUS_ORDER)), index=self.economy_codes, columns=FOCUS_ORDER)
        frame = frame[frame.sum(axis=1) > 0]
        frame = frame.loc[frame.sum(axis=1).sort_values(ascending=False, kind="stable").index]
        frame.index.name = "economy"
        return frame

    def by_focus(self, sel: Selection) -> pd.Series:
        """Partnerships per focus area, all six in framework order."""
        counts = np.bincount(self.focus[self.mask(sel)], minlength=len(FOCUS_ORDER))
        return pd.Series(counts, index=FOCUS_ORDER, name="partnerships")

    def commitments(self, sel: Selection) -> pd.DataFrame:
        """Commitments whose partners overlap the partner filter (all when none), by date."""
        frame = self.dataset.commitments
        if sel.partners:
            wanted = set(sel.partners)
            frame = frame[frame["partner_economies"].map(lambda codes: bool(wanted & set(codes)))]
        return frame.sort_values(["date", "title"])

    def city_detail(self, city_id: str, sel: Selection) -> dict:
        """One city's facts and its partnerships under the current filters."""
        city = self.cities.loc[city_id]
        rows = self.rows(Selection(**{**sel.__dict__, "cities": (city_id,)}))
        economies = sorted({e for codes in rows["partner_economies"] for e in codes})
        return {
            "city_id": city_id,
            "name": city["name"],
            "member_state": city["member_state"],
            "joined": int(city["joined"]),
            "rows": rows,
            "partners": economies,
            "focus_areas": [f for f in FOCUS_ORDER if f in set(rows["focus_area"])],
        }


def _explode(column: pd.Series, codes: list[str]) -> _Links:
    position = {c: i for i, c in enumerate(codes)}
    lengths = column.map(len).to_numpy()
    rows = np.repeat(np.arange(len(column)), lengths)
    flat = [position[v] for values in column for v in values]
    return _Links(rows, np.asarray(flat, dtype=np.int64))


def _wanted(codes: list[str], chosen: tuple[str, ...]) -> np.ndarray:
    wanted = np.zeros(len(codes), dtype=bool)
    position = {c: i for i, c in enumerate(codes)}
    for value in chosen:
        if value in position:
            wanted[position[value]] = True
    return wanted


def _count_links(links: _Links, keep: np.ndarray, codes: list[str]) -> dict[str, int]:
    counts = np.bincount(links.codes[keep[links.rows]], minlength=len(codes))
    return dict(zip(codes, counts.tolist()))


def _cross(left: _Links, right: _Links, keep: np.ndarray, right_size: int) -> np.ndarray:
    """Codes ``left * right_size + right`` for every kept row that has both."""
    lk = keep[left.rows]
    rk = keep[right.rows]
    l_frame = pd.DataFrame({"row": left.rows[lk], "l": left.codes[lk]})
    r_frame = pd.DataFrame({"row": right.rows[rk], "r": right.codes[rk]})
    both = l_frame.merge(r_frame, on="row")
    return (both["l"].to_numpy() * right_size + both["r"].to_numpy()).astype(np.int64)


@functools.cache
def default_query() -> Query:
    """The Query over the process's dataset, built once."""
    return Query(default_dataset())
