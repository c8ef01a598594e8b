"""Pure queries: Selection -> filtered partnerships and the aggregates the charts draw.

The record is turned once into integer-coded link arrays (partnership x city, partnership x
economy), so a filter is a few numpy masks and every aggregate a bincount: the same code
answers for 20 partnerships or 150,000.
"""

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ascn import filters, vocab
from ascn.dataset import Dataset
from ascn.selection import Selection

FOCUS_ORDER = list(vocab.FOCUS_AREAS)
UNKNOWN = "unknown"
MAX_PARTNERS, MAX_CITIES = 15, 20  # the matrix: beyond this its circles get too small to read or click (its title says so)
CONTRACT_COLUMNS = [
    "partnership_id", "provenance", "title", "organisations", "partner_economies", "city_ids", "focus_area",
    "year", "year_source", "year_source_url", "source", "source_url", "notes",
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
        # Every filter kind as (its allowed codes, the rows holding each): masks and facet counts come from these.
        self.allowed = filters.allowed_values(dataset)  # treat as read-only
        self.kinds = {k.attr: _kind_links(k, dataset, list(self.allowed[k.param])) for k in filters.list_kinds()}
        # The charts' aggregates count cities and economies in the record's order: the same pairs, codes renumbered.
        self.city_links = _recoded(self.kinds["cities"], self.city_codes)
        self.economy_links = _recoded(self.kinds["partners"], self.economy_codes)
        self._table = p.reset_index()[CONTRACT_COLUMNS]  # rows() hands out slices of this (pandas shares the columns)
        # The same columns as object arrays over the same values (text is object dtype already: nothing is copied):
        # columns() takes a view's rows with one numpy index per column, none of pandas' per-call overhead.
        self._arrays = {c: self._table[c].to_numpy(dtype=object) for c in CONTRACT_COLUMNS}
        self._city_base = self.cities[["name", "member_state", "lat", "lon", "joined"]].copy()
        # Every (partnership, city, partner economy) triple, as city x economy codes: the city table's
        # main partners are one bincount over it (no join per query).
        self.city_economy = _pairs(self.city_links, self.economy_links, len(self.economy_codes))
        self.economy_names = [str(dataset.economy_name(c)) for c in self.economy_codes]
        # Masks per filter kind and value set, shared by every question about one selection (a filter
        # change asks about 10): read-only, bounded (one mask is a byte per partnership: 150 KB at 150,000).
        self._kind_mask = functools.lru_cache(maxsize=48)(self._kind_mask_uncached)
        self._mask = functools.lru_cache(maxsize=16)(self._mask_uncached)
        self._commitments = functools.lru_cache(maxsize=64)(self._commitments_uncached)
        self._commitments_by_date = dataset.commitments.sort_values(["date", "title"])
        self._commitment_partners = [frozenset(codes) for codes in self._commitments_by_date["partner_economies"]]
        features = dataset.geometry["features"]
        self.countries = pd.DataFrame(  # country shapes on the map: ADM0_A3 -> name, membership
            {"name": [f["properties"]["name"] for f in features], "asean_member": [f["properties"]["asean_member"] for f in features]},
            index=pd.Index([f["id"] for f in features], name="code"),
        )

    # -- masks -----------------------------------------------------------------------------

    def mask(self, sel: Selection, skip: str | None = None) -> np.ndarray:
        """Rows matching every filter (AND across kinds, OR within one), except ``skip``. Read-only."""
        return self._mask(sel, skip)

    def _mask_uncached(self, sel: Selection, skip: str | None) -> np.ndarray:
        keep = np.ones(self.n, dtype=bool)
        for attr, values in sel.lists().items():
            if skip != attr:
                keep &= self._kind_mask(attr, values)
        if skip != "years":
            keep &= self._kind_mask("years", (sel.year_from, sel.year_to, sel.unknown_year))
        keep.flags.writeable = False
        return keep

    def _kind_mask_uncached(self, kind: str, values: tuple) -> np.ndarray:
        if kind == "years":
            out = self._year_mask(Selection(year_from=values[0], year_to=values[1], unknown_year=values[2]))
        else:
            codes, links = self.kinds[kind]
            out = links.mask(self.n, _wanted(codes, values))
        out.flags.writeable = False
        return out

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

    def _positions(self, sel: Selection, limit: int | None) -> np.ndarray:
        positions = np.flatnonzero(self.mask(sel))
        return positions if limit is None else positions[:limit]  # only these rows are copied, whatever the match count

    def rows(self, sel: Selection, limit: int | None = None) -> pd.DataFrame:
        """The matching partnerships in the contract's columns, lists as tuples, by id (the first ``limit``)."""
        return self._table.take(self._positions(sel, limit)).reset_index(drop=True)

    def columns(self, sel: Selection, limit: int | None = None) -> dict[str, np.ndarray]:
        """The same rows as ``rows``, column by column (object arrays): for the page's hot path."""
        positions = self._positions(sel, limit)
        return {c: values[positions] for c, values in self._arrays.items()}

    # -- aggregates for the charts ---------------------------------------------------------------

    def facet_counts(self, sel: Selection) -> dict[str, dict[str, int]]:
        """For each filter kind (by URL parameter), each option's count under all the OTHER filters."""
        return {k.param: _count_links(self.kinds[k.attr][1], self.mask(sel, skip=k.attr), self.kinds[k.attr][0])
                for k in filters.list_kinds()}

    def charts(self, sel: Selection) -> dict:
        """The aggregates the page's charts are drawn from, each computed once for one answer (the charts and their
        text summaries share them)."""
        return {"city_summary": self.city_summary(sel), "by_focus": self.by_focus(sel), "by_partner": self.by_partner(sel),
                "by_year": self.by_year(sel), "commitments": self.commitments(sel)}

    def city_summary(self, sel: Selection, top: int = 3) -> pd.DataFrame:
        """Per city (all of them, in file order): matching partnerships and main partners."""
        keep = self.mask(sel)
        counts = _count_links(self.city_links, keep, self.city_codes)
        # City x economy counts through the partnerships both belong to.
        size = len(self.economy_codes)
        table = np.bincount(self.city_economy.codes[keep[self.city_economy.rows]], minlength=len(self.city_codes) * size)
        table = table.reshape(len(self.city_codes), size)
        order = np.argsort(-table, axis=1, kind="stable")[:, :top]
        partners = [", ".join(f"{self.economy_names[i]} ({table[c, i]})" for i in order[c] if table[c, i] > 0)
                    for c in range(len(self.city_codes))]
        out = self._city_base.copy(deep=False)  # copy-on-write: the two new columns never touch the base
        out["count"] = [counts[c] for c in self.city_codes]
        out["main_partners"] = partners
        return out

    def by_year(self, sel: Selection) -> pd.DataFrame:
        """Partnerships per year and focus area; unknown years in a row labelled 'unknown'."""
        keep = self.mask(sel)
        known = keep & self.known_year
        width = len(FOCUS_ORDER)
        frame = pd.DataFrame(columns=FOCUS_ORDER, dtype=int)
        if known.any():
            years = self.year[known]
            low = int(years.min())
            table = np.bincount((years - low) * width + self.focus[known], minlength=(int(years.max()) - low + 1) * width)
            table = table.reshape(-1, width)
            present = table.sum(axis=1) > 0  # only years that have partnerships, as crosstab gave
            frame = pd.DataFrame(table[present], index=[str(low + i) for i in np.flatnonzero(present)], columns=FOCUS_ORDER)
        unknown = np.bincount(self.focus[keep & ~self.known_year], minlength=width)
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
        table = table.reshape(-1, len(FOCUS_ORDER))
        totals = table.sum(axis=1)
        order = [i for i in np.argsort(-totals, kind="stable") if totals[i] > 0]
        return pd.DataFrame(table[order], index=pd.Index(self.economy_codes, name="economy")[order], columns=FOCUS_ORDER)

    def by_focus(self, sel: Selection) -> pd.Series:
        """Partnerships per focus area, all six in framework order."""
        counts = np.bincount(self.focus[self.mask(sel)], minlength=len(FOCUS_ORDER))
        return pd.Series(counts, index=FOCUS_ORDER, name="partnerships")

    def commitments(self, sel: Selection) -> pd.DataFrame:
        """Commitments whose partners overlap the partner filter (all when none), by date."""
        return self._commitments(sel.partners).copy(deep=False)

    def _commitments_uncached(self, partners: tuple[str, ...]) -> pd.DataFrame:
        if not partners:
            return self._commitments_by_date
        wanted = set(partners)
        return self._commitments_by_date.iloc[[i for i, codes in enumerate(self._commitment_partners) if wanted & codes]]

    def partner_city_counts(self, sel: Selection) -> pd.DataFrame:
        """Partnerships of each partner economy in each city for the selection, busiest rows and columns first.

        Economies and cities with none are left out; at most MAX_PARTNERS rows and MAX_CITIES columns.
        """
        keep = self.mask(sel)
        size = len(self.economy_codes)
        table = np.bincount(self.city_economy.codes[keep[self.city_economy.rows]], minlength=len(self.city_codes) * size)
        table = table.reshape(len(self.city_codes), size).T  # economies x cities
        rows = [i for i in np.argsort(-table.sum(axis=1), kind="stable") if table[i].sum() > 0][:MAX_PARTNERS]
        sub = table[rows]
        cols = [j for j in np.argsort(-sub.sum(axis=0), kind="stable") if sub[:, j].sum() > 0][:MAX_CITIES]
        counts = pd.DataFrame(sub[:, cols], index=[self.economy_codes[i] for i in rows], columns=[self.city_codes[j] for j in cols])
        # How many there are in all, for the chart to say how many it leaves out.
        counts.attrs.update(partners=int((table.sum(axis=1) > 0).sum()), cities=int((table.sum(axis=0) > 0).sum()))
        return counts

    def city_detail(self, city_id: str, sel: Selection, limit: int | None = None) -> dict:
        """One city's facts and its partnerships under the current filters (``rows``: the first ``limit``, as
        ``columns``; ``count``: all)."""
        city = self.cities.loc[city_id]
        in_city = sel.replace(cities=(city_id,))
        keep = self.mask(in_city)
        economies = np.flatnonzero(np.bincount(self.economy_links.codes[keep[self.economy_links.rows]], minlength=len(self.economy_codes)))
        focus = np.bincount(self.focus[keep], minlength=len(FOCUS_ORDER))
        return {
            "city_id": city_id,
            "name": city["name"],
            "member_state": city["member_state"],
            "joined": int(city["joined"]),
            "count": int(keep.sum()),
            "rows": self.columns(in_city, limit=limit),
            "partners": sorted(self.economy_codes[i] for i in economies),
            "focus_areas": [f for f, n in zip(FOCUS_ORDER, focus) if n],
        }


def _recoded(kind: tuple[list[str], _Links], codes: list[str]) -> _Links:
    """A filter kind's (row, value) pairs with each value numbered by its place in ``codes`` instead."""
    kind_codes, links = kind
    position = {c: i for i, c in enumerate(codes)}
    return _Links(links.rows, np.array([position[c] for c in kind_codes], dtype=np.int64)[links.codes])


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


def _pairs(left: _Links, right: _Links, right_size: int) -> _Links:
    """For every row with both, each (row, ``left * right_size + right``) pair: built once per dataset."""
    l_frame = pd.DataFrame({"row": left.rows, "l": left.codes})
    r_frame = pd.DataFrame({"row": right.rows, "r": right.codes})
    both = l_frame.merge(r_frame, on="row")
    return _Links(both["row"].to_numpy(), (both["l"].to_numpy() * right_size + both["r"].to_numpy()).astype(np.int64))


def _kind_links(kind: filters.ListKind, dataset: Dataset, codes: list[str]) -> tuple[list[str], _Links]:
    """A filter kind's allowed codes and, for each of its (row, value) pairs, the value's position among them."""
    rows, values = kind.pairs(dataset)
    position = {c: i for i, c in enumerate(codes)}
    known = np.array([v in position for v in values], dtype=bool)  # a value the kind does not offer filters nothing
    return codes, _Links(np.asarray(rows)[known], np.array([position[v] for v, ok in zip(values, known) if ok], dtype=np.int64))
