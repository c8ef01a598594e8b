"""The data contract: one pandera schema per CSV file, built against the reference tables.

Every cell arrives as text, so the schema judges what a person typed (``2019.0`` is not a
year) before anything is converted. Each check carries an ``error`` that says what is
allowed; that text is what the validator shows.
"""

import datetime
import difflib
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa
import pycountry

from ascn import vocab

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
WHOLE = re.compile(r"^[1-9][0-9]*$")
DECIMAL = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
YEAR = re.compile(r"^[0-9]{4}$")
URL = re.compile(r"^https?://[^\s<>\"']+$")

COLUMNS: dict[str, list[str]] = {
    vocab.ECONOMIES: ["code", "name", "asean_member"],
    vocab.CITIES: ["city_id", "name", "aliases", "member_state", "lat", "lon", "joined", "geonames_id", "source"],
    vocab.PARTNERSHIPS: [
        "partnership_id", "title", "organisations", "partner_economies", "city_ids", "focus_area",
        "year", "year_source", "source", "source_url", "notes",
    ],
    vocab.COMMITMENTS: [
        "commitment_id", "kind", "title", "partner_economies", "date", "end_date", "amount", "currency",
        "usd_rate", "usd_rate_date", "table1_row", "partnership_ids", "source", "source_url", "notes",
    ],
    vocab.EVENTS: ["event_id", "date", "end_date", "title", "location", "source", "source_url", "notes"],
}
LIST_COLUMNS = {"aliases", "organisations", "partner_economies", "city_ids", "partnership_ids"}
COMMITMENT_KINDS = ("statement", "funding")


@dataclass
class FileSchema:
    """A pandera schema plus, for row checks, the column each one is about."""

    schema: pa.DataFrameSchema
    row_check_columns: dict[str, str] = field(default_factory=dict)
    explain: dict[str, Callable[[str], str]] = field(default_factory=dict)


@dataclass(frozen=True)
class References:
    """Codes and ids that other files may point at; None while the file they come from is
    unreadable, so one broken file does not make every reference to it look wrong."""

    economies: frozenset[str] | None = None
    members: frozenset[str] | None = None
    city_ids: frozenset[str] | None = None
    city_names: Mapping[str, str] = field(default_factory=dict)  # lowercased name or alias -> id
    partnership_ids: frozenset[str] | None = None


# -- element checks -------------------------------------------------------------------------

def _safe(fn: Callable[[str], bool]) -> Callable[[str], bool]:
    def check(value: str) -> bool:
        try:
            return bool(fn(value))
        except (ValueError, TypeError):
            return False
    return check


def _element(fn: Callable[[str], bool], error: str, optional: bool = False) -> pa.Check:
    """A check on each cell; an empty cell passes when the column is optional."""
    test = _safe(fn)
    return pa.Check(lambda v: (optional and v == "") or test(v), element_wise=True, error=error)


def _trimmed() -> pa.Check:
    return pa.Check(
        lambda v: v == v.strip() and "  " not in v and "\n" not in v,
        element_wise=True,
        error="no spaces at the start or end, no double spaces, no line breaks",
    )


def _required() -> pa.Check:
    return pa.Check(lambda v: v.strip() != "", element_wise=True, error="a value is required")


def _year_ok(value: str, low: int = vocab.YEAR_MIN) -> bool:
    return bool(YEAR.match(value)) and low <= int(value) <= vocab.YEAR_MAX


def _date_ok(value: str) -> bool:
    """ISO date YYYY-MM-DD, or YYYY-MM when only the month is known."""
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
        datetime.date.fromisoformat(value + "-01")
    elif re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        datetime.date.fromisoformat(value)
    else:
        return False
    return vocab.YEAR_MIN <= int(value[:4]) <= vocab.YEAR_MAX


def _currency_ok(value: str) -> bool:
    return len(value) == 3 and pycountry.currencies.get(alpha_3=value) is not None


def _iso3_ok(value: str) -> bool:
    return len(value) == 3 and value.isupper() and pycountry.countries.get(alpha_3=value) is not None


def split_list(value: str) -> list[str]:
    """Split a ';'-separated cell; an empty cell is an empty list."""
    return value.split(vocab.LIST_SEPARATOR) if value != "" else []


def _list_items_ok(value: str) -> bool:
    items = split_list(value)
    return all(i != "" and i == i.strip() for i in items) and len(set(items)) == len(items)


LIST_SHAPE = "';'-separated items, none empty, none repeated, no spaces around ';' (a trailing ';' leaves an empty item)"


def _list_refs(allowed: Collection[str] | None, what: str, aliases: Mapping[str, str] | None = None):
    """A check that each list item is one of ``allowed`` (anything, if unknown), and how to explain a failure."""
    error = f"each item must be {what}"
    if allowed is None:
        return pa.Check(lambda v: True, element_wise=True, error=error), None
    allowed = frozenset(allowed)

    def explain(value: str) -> str:
        bad = [i for i in split_list(value) if i not in allowed]
        hints = []
        for item in bad:
            hit = (aliases or {}).get(item.strip().lower())
            guess = [hit] if hit else difflib.get_close_matches(item.strip(), sorted(allowed), n=1)
            hints.append(f"'{item}'" + (f" (did you mean '{guess[0]}'?)" if guess else ""))
        return f"unknown: {', '.join(hints)}; {error}"

    check = pa.Check(lambda v: all(i in allowed for i in split_list(v)), element_wise=True, error=error)
    return check, explain


def _one_of(allowed: Collection[str] | None, what: str):
    if allowed is None:
        return pa.Check(lambda v: True, element_wise=True, error=f"must be {what}"), None
    allowed = list(allowed)
    error = f"must be one of: {', '.join(allowed)}" if len(allowed) <= 12 else f"must be {what}"

    def explain(value: str) -> str:
        guess = difflib.get_close_matches(value.strip(), allowed, n=1)
        return error + (f" (did you mean '{guess[0]}'?)" if guess else "")

    return pa.Check.isin(allowed, error=error), explain


# -- columns ---------------------------------------------------------------------------------

def _col(*checks: pa.Check, unique: bool = False) -> pa.Column:
    return pa.Column(str, [_trimmed(), *checks], unique=unique, nullable=False)


def _id_col() -> pa.Column:
    return _col(_element(WHOLE.match, "a whole number from 1 up"), unique=True)


def _text(optional: bool = False) -> pa.Column:
    return _col() if optional else _col(_required())


def _url() -> pa.Column:
    return _col(_element(URL.match, "empty, or a full http(s):// address", optional=True))


def _date(optional: bool) -> pa.Column:
    return _col(_element(_date_ok, f"an ISO date YYYY-MM-DD, or YYYY-MM if only the month is known, {vocab.YEAR_MIN}-{vocab.YEAR_MAX}", optional))


def _row_check(fs: FileSchema, column: str, error: str, fn: Callable[[pd.DataFrame], pd.Series]) -> pa.Check:
    fs.row_check_columns[error] = column
    return pa.Check(fn, error=error)


def _duplicate_rows(fs: FileSchema, id_column: str) -> pa.Check:
    return _row_check(
        fs, "", "duplicate row: same values in every column but the id as another row",
        lambda df: ~df.drop(columns=[id_column]).duplicated(keep=False),
    )


def _build(columns: dict[str, pa.Column], explain: dict | None = None) -> FileSchema:
    explain = {error: fn for error, fn in (explain or {}).items() if fn is not None}
    return FileSchema(pa.DataFrameSchema(columns, strict=True, ordered=False), explain=explain)


def economies_schema() -> FileSchema:
    return _build({
        "code": _col(_element(_iso3_ok, "an ISO 3166-1 alpha-3 code in capitals, e.g. JPN"), unique=True),
        "name": _col(_required(), unique=True),
        "asean_member": _col(pa.Check.isin(["true", "false"], error="must be true or false")),
    })


def cities_schema(refs: References) -> FileSchema:
    member_check, member_explain = _one_of(None if refs.members is None else sorted(refs.members), "an ASEAN member state code from economies.csv")
    explain = {member_check.error: member_explain}
    fs = _build({
        "city_id": _col(_element(SLUG.match, "a lowercase ascii slug such as phnom-penh"), unique=True),
        "name": _col(_required(), unique=True),
        "aliases": _col(_element(_list_items_ok, LIST_SHAPE, optional=True)),
        "member_state": _col(member_check),
        "lat": _col(_element(lambda v: DECIMAL.match(v) and vocab.SEA_LAT[0] <= float(v) <= vocab.SEA_LAT[1],
                             f"a decimal latitude inside Southeast Asia ({vocab.SEA_LAT[0]} to {vocab.SEA_LAT[1]})")),
        "lon": _col(_element(lambda v: DECIMAL.match(v) and vocab.SEA_LON[0] <= float(v) <= vocab.SEA_LON[1],
                             f"a decimal longitude inside Southeast Asia ({vocab.SEA_LON[0]} to {vocab.SEA_LON[1]})")),
        "joined": _col(_element(lambda v: _year_ok(v, vocab.NETWORK_FOUNDED),
                                f"a four-digit year from {vocab.NETWORK_FOUNDED} to {vocab.YEAR_MAX}")),
        "geonames_id": _col(_element(WHOLE.match, "empty, or a GeoNames id (a whole number)", optional=True)),
        "source": _text(),
    }, explain)
    fs.schema.checks = [_duplicate_rows(fs, "city_id")]
    return fs


def partnerships_schema(refs: References) -> FileSchema:
    econ_check, econ_explain = _list_refs(refs.economies, "an economy code from economies.csv (ISO alpha-3)")
    city_check, city_explain = _list_refs(refs.city_ids, "a city_id from cities.csv", refs.city_names)
    focus_check, focus_explain = _one_of(vocab.FOCUS_AREAS, "a focus area")
    fs = _build({
        "partnership_id": _id_col(),
        "title": _text(),
        "organisations": _col(_required(), _element(_list_items_ok, LIST_SHAPE)),
        "partner_economies": _col(_required(), _element(_list_items_ok, LIST_SHAPE), econ_check),
        "city_ids": _col(_required(), _element(_list_items_ok, LIST_SHAPE), city_check),
        "focus_area": _col(focus_check),
        "year": _col(_element(_year_ok, f"empty when unknown, or a four-digit year from {vocab.YEAR_MIN} to {vocab.YEAR_MAX}", optional=True)),
        "year_source": _text(optional=True),
        "source": _text(),
        "source_url": _url(),
        "notes": _text(optional=True),
    }, {econ_check.error: econ_explain, city_check.error: city_explain, focus_check.error: focus_explain})
    fs.schema.checks = [
        _duplicate_rows(fs, "partnership_id"),
        _row_check(fs, "year_source", "a year needs a year_source saying where it was found",
                   lambda df: (df["year"] == "") | (df["year_source"] != "")),
    ]
    return fs


def commitments_schema(refs: References) -> FileSchema:
    econ_check, econ_explain = _list_refs(refs.economies, "an economy code from economies.csv (ISO alpha-3)")
    part_check, part_explain = _list_refs(refs.partnership_ids, "a partnership_id from partnerships.csv")
    kind_check, kind_explain = _one_of(COMMITMENT_KINDS, "a kind")
    positive = _safe(lambda v: DECIMAL.match(v) and float(v) > 0)
    fs = _build({
        "commitment_id": _id_col(),
        "kind": _col(kind_check),
        "title": _text(),
        "partner_economies": _col(_required(), _element(_list_items_ok, LIST_SHAPE), econ_check),
        "date": _date(optional=False),
        "end_date": _date(optional=True),
        "amount": _col(_element(positive, "empty, or a positive number as stated, digits only (10000000, not 10m or 10,000,000)", optional=True)),
        "currency": _col(_element(_currency_ok, "empty, or an ISO 4217 currency code such as USD or AUD", optional=True)),
        "usd_rate": _col(_element(positive, "empty, or US dollars per one unit of the currency", optional=True)),
        "usd_rate_date": _date(optional=True),
        "table1_row": _col(_element(lambda v: WHOLE.match(v) and int(v) <= 6, "empty, or Table 1's row number, 1 to 6", optional=True)),
        "partnership_ids": _col(_element(_list_items_ok, LIST_SHAPE, optional=True), part_check),
        "source": _text(),
        "source_url": _url(),
        "notes": _text(optional=True),
    }, {econ_check.error: econ_explain, part_check.error: part_explain, kind_check.error: kind_explain})
    fs.schema.checks = [
        _duplicate_rows(fs, "commitment_id"),
        _row_check(fs, "currency", "an amount and its currency go together",
                   lambda df: (df["amount"] == "") == (df["currency"] == "")),
        _row_check(fs, "usd_rate_date", "a conversion to USD needs both usd_rate and usd_rate_date, an amount, and a currency other than USD",
                   lambda df: ((df["usd_rate"] == "") & (df["usd_rate_date"] == ""))
                   | ((df["usd_rate"] != "") & (df["usd_rate_date"] != "") & (df["amount"] != "") & (df["currency"] != "USD"))),
        _row_check(fs, "end_date", "end_date must not be before date", _ends_after_start),
        _row_check(fs, "table1_row", "each Table 1 row appears once",
                   lambda df: (df["table1_row"] == "") | ~df["table1_row"].duplicated(keep=False)),
    ]
    return fs


def events_schema() -> FileSchema:
    fs = _build({
        "event_id": _id_col(),
        "date": _date(optional=False),
        "end_date": _date(optional=True),
        "title": _text(),
        "location": _text(optional=True),
        "source": _text(),
        "source_url": _url(),
        "notes": _text(optional=True),
    })
    fs.schema.checks = [
        _duplicate_rows(fs, "event_id"),
        _row_check(fs, "end_date", "end_date must not be before date", _ends_after_start),
    ]
    return fs


def _ends_after_start(df: pd.DataFrame) -> pd.Series:
    # Compare as text: ISO dates sort correctly, and YYYY-MM sorts before its days.
    return (df["end_date"] == "") | (df["end_date"] >= df["date"])
