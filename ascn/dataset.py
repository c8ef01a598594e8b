"""Load a validated data directory once into a read-only, typed Dataset."""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ascn import scenes, vocab
from ascn.cells import split_list
from ascn.filters import allowed_values
from ascn.problems import format_report
from ascn.schemas import LIST_COLUMNS
from ascn.selection import parse_params
from ascn.settings import DEFAULT_DATA_DIR
from ascn.validate import Report, validate_dir


class DataError(Exception):
    """The data directory breaks the contract; ``str(err)`` is the full report."""

    def __init__(self, report: Report, data_dir: Path):
        self.report = report
        self.data_dir = data_dir
        super().__init__(format_report(report.problems))


@dataclass(frozen=True)
class Dataset:
    """The whole record. Frames are handed out as copy-on-write views, so callers cannot
    change what the next caller sees."""

    data_dir: Path
    version: str
    _economies: pd.DataFrame
    _cities: pd.DataFrame
    _partnerships: pd.DataFrame
    _commitments: pd.DataFrame
    _events: pd.DataFrame
    _network_size: pd.DataFrame
    _scenes: pd.DataFrame
    geometry_bytes: bytes

    @property
    def economies(self) -> pd.DataFrame:
        """Index ``code``; columns ``name``, ``asean_member`` (bool), ``kind`` (country or organisation)."""
        return self._economies.copy(deep=False)

    @property
    def cities(self) -> pd.DataFrame:
        """Index ``city_id``; ``aliases`` is a tuple; ``lat``/``lon`` floats; ``joined`` int."""
        return self._cities.copy(deep=False)

    @property
    def partnerships(self) -> pd.DataFrame:
        """Index ``partnership_id`` (int); list columns are tuples; ``year`` is nullable Int64."""
        return self._partnerships.copy(deep=False)

    @property
    def commitments(self) -> pd.DataFrame:
        """Index ``commitment_id``; ``amount``/``usd_rate`` floats (NaN when not stated)."""
        return self._commitments.copy(deep=False)

    @property
    def events(self) -> pd.DataFrame:
        """Index ``event_id``; dates stay text (YYYY-MM-DD or YYYY-MM)."""
        return self._events.copy(deep=False)

    @property
    def network_size(self) -> pd.DataFrame:
        """Index ``fact_id``; ``count`` int; the network's size as dated sources state it, by date."""
        return self._network_size.copy(deep=False)

    def size_by_year(self) -> pd.DataFrame:
        """Per year from the first fact to the last: the latest count any source gives by then and how many cities
        cities.csv names as joined by then (a count above the named cities means some are not named)."""
        facts = self._network_size.sort_values("date", kind="stable")
        years = range(int(facts["date"].str[:4].min()), int(facts["date"].str[:4].max()) + 1) if len(facts) else range(0)
        rows = []
        for year in years:
            known = facts[facts["date"].str[:4].astype(int) <= year]
            this_year = facts[facts["date"].str[:4].astype(int) == year]
            rows.append({"year": year, "count": int(known["count"].iloc[-1]),
                         "counts_stated": sorted(set(this_year["count"].astype(int))),
                         "named": int((self._cities["joined"] <= year).sum())})
        return pd.DataFrame(rows, columns=["year", "count", "counts_stated", "named"]).set_index("year")

    @property
    def scenes(self) -> pd.DataFrame:
        """Index ``scene_id``; ``title``, ``caption``, ``view`` (URL parameters), in presentation order."""
        return self._scenes.copy(deep=False)

    @property
    def geometry(self) -> dict:
        """The country FeatureCollection (a fresh copy each time)."""
        return json.loads(self.geometry_bytes)

    def economy_name(self, code: str) -> str:
        """Display name of an economy code (the one place names come from)."""
        return str(self._economies.at[code, "name"]) if code in self._economies.index else code

    def summary(self) -> str:
        """One line of counts, as ``python -m ascn validate`` prints it."""
        members = int(self._economies["asean_member"].sum())
        return (
            f"{len(self._cities)} cities in {self._cities['member_state'].nunique()} member states, "
            f"{len(self._partnerships)} partnerships ({int((self._partnerships['provenance'] == 'table-2').sum())} from Table 2, "
            f"{int((self._partnerships['provenance'] != 'table-2').sum())} added from later reporting), {len(self._commitments)} commitments, "
            f"{len(self._events)} events, {len(self._economies)} economies ({members} ASEAN members), "
            f"{len(self.geometry['features'])} country shapes, {len(self._network_size)} dated network sizes, "
            f"{len(self._scenes)} presentation scenes"
        )


def load_dataset(data_dir: Path | None = None) -> Dataset:
    """Validate ``data_dir`` (default: the repository's ``data/``) and load it; raise DataError if invalid."""
    data_dir = Path(data_dir) if data_dir is not None else DEFAULT_DATA_DIR
    report = validate_dir(data_dir)
    scene_frame, scene_problems = scenes.read_scenes(data_dir)
    report.problems.extend(scene_problems)
    if not report.ok:
        report.problems.sort()
        raise DataError(report, data_dir)
    # Each text frame is let go once its typed frame is made (at 1,000,000 rows the partnerships frame is most of the record).
    f = report.frames
    economies = _typed(f[vocab.ECONOMIES], "code")
    economies["asean_member"] = economies["asean_member"] == "true"
    cities = _typed(f[vocab.CITIES], "city_id")
    cities = cities.astype({"lat": float, "lon": float, "joined": int})
    partnerships = _typed(f.pop(vocab.PARTNERSHIPS), "partnership_id", int)
    partnerships["year"] = _nullable_int(partnerships["year"])
    commitments = _typed(f[vocab.COMMITMENTS], "commitment_id", int)
    for col in ("amount", "usd_rate"):
        commitments[col] = pd.to_numeric(commitments[col].replace("", None), errors="raise").astype(float)
    commitments["table1_row"] = _nullable_int(commitments["table1_row"])
    commitments["partnership_ids"] = commitments["partnership_ids"].map(lambda ids: tuple(int(i) for i in ids))
    events = _typed(f[vocab.EVENTS], "event_id", int)
    network_size = _typed(f[vocab.NETWORK_SIZE], "fact_id", int).astype({"count": int})
    geometry_bytes = (data_dir / vocab.GEOMETRY).read_bytes()
    dataset = Dataset(
        data_dir=data_dir,
        version=_fingerprint(data_dir),
        _economies=economies,
        _cities=cities,
        _partnerships=partnerships,
        _commitments=commitments,
        _events=events,
        _network_size=network_size,
        _scenes=scenes.typed(scene_frame),
        geometry_bytes=geometry_bytes,
    )
    allowed = allowed_values(dataset)
    problems = scenes.view_problems(scene_frame, lambda params: parse_params(params, allowed))
    if problems:
        report.problems.extend(problems)
        raise DataError(report, data_dir)
    return dataset


def _typed(frame: pd.DataFrame, index: str, index_type: type = str) -> pd.DataFrame:
    """Text frame -> typed frame. Text columns become object dtype: under copy-on-write their
    ``to_numpy()`` is then read-only, so no caller can write into the shared record."""
    out = frame.reset_index(drop=True)
    for col in LIST_COLUMNS & set(out.columns):
        lists = {value: tuple(split_list(value)) for value in out[col].unique()}  # each distinct cell split once
        out[col] = out[col].map(lists)
    out[index] = out[index].astype(index_type)
    out = out.astype({col: object for col in out.columns if out[col].dtype == "str"})
    return out.set_index(index).sort_index()


def _nullable_int(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.replace("", None)).astype("Int64")


def _fingerprint(data_dir: Path) -> str:
    """A short hash of every contract file: changes whenever the data does."""
    digest = hashlib.sha256()
    for name in (vocab.ECONOMIES, vocab.CITIES, vocab.PARTNERSHIPS, vocab.COMMITMENTS, vocab.EVENTS, vocab.NETWORK_SIZE, vocab.GEOMETRY,
                 "scenes.csv"):
        if (data_dir / name).exists():  # scenes.csv is optional
            with open(data_dir / name, "rb") as handle:  # a block at a time: never a second copy of a large file
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()[:12]

