"""The data contract: one pandera schema per CSV file, built against the reference tables.

Every cell arrives as text, so the schema judges what a person typed (``2019.0`` is not a
year) before anything is converted. Each check carries an ``error`` that says what is
allowed; that text is what the validator shows, after an ``explain`` function (where there
is one) has said what is wrong with the value.

Every check takes a whole column (``element_wise=False``) and returns a boolean Series:
costly tests (dates, codes, lists of ids) run once per distinct value, cheap ones in one
plain pass. A generated file of 150,000 partnerships must validate in a few seconds.
"""

import datetime
import difflib
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pycountry

from ascn import vocab
from ascn.filters import PROVENANCE_LABELS

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
WHOLE = re.compile(r"^[1-9][0-9]*$")
DECIMAL = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
YEAR = re.compile(r"^[0-9]{4}$")
URL = re.compile(r"^https?://[^\s<>\"']+$")
# The largest whole number a double holds exactly (2**53 - 1): ids and amounts past it would change on the way
# to the browser (JavaScript numbers) or into a float column, and past 64 bits pandas cannot hold them at all.
MAX_WHOLE = 2**53 - 1
# Control characters (NUL, tab, escape codes, C1) and the invisible direction overrides that can make text read
# differently from what it holds. Line breaks are TRIMMED's to report.
CONTROL = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# A cell of only these is blank to a reader: whitespace, zero-width spaces and joiners, word joiners, soft hyphens,
# the byte-order mark and variation selectors.
INVISIBLE = re.compile(r"[\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
                       r"\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff]*")

COLUMNS: dict[str, list[str]] = {
    vocab.ECONOMIES: ["code", "name", "asean_member", "kind"],
    vocab.CITIES: ["city_id", "name", "aliases", "member_state", "lat", "lon", "joined", "geonames_id", "source"],
    vocab.PARTNERSHIPS: [
        "partnership_id", "provenance", "title", "organisations", "partner_economies", "city_ids", "focus_area",
        "year", "year_source", "year_source_url", "source", "source_url", "notes",
    ],
    vocab.COMMITMENTS: [
        "commitment_id", "kind", "title", "partner_economies", "date", "end_date", "amount", "currency",
        "usd_rate", "usd_rate_date", "table1_row", "partnership_ids", "source", "source_url", "notes",
    ],
    vocab.EVENTS: ["event_id", "date", "end_date", "title", "location", "source", "source_url", "notes"],
    vocab.NETWORK_SIZE: ["fact_id", "date", "count", "source", "source_url", "quote", "notes"],
}
LIST_COLUMNS = {"aliases", "organisations", "partner_economies", "city_ids", "partnership_ids"}
COMMITMENT_KINDS = ("statement", "funding")
ECONOMY_KINDS = ("country", "organisation")
PROVENANCES = tuple(PROVENANCE_LABELS)  # the codes; their labels are the filter kind's (ascn.filters)
TABLE_2_ROWS = range(1, 21)
ORG_CODE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

# Files that must hold at least one row: without them there is no map and no record, and a
# header-only file is what a failed export or an over-eager filter leaves behind. An empty
# commitments.csv or events.csv only means "none recorded": the dashboard shows nothing there.
NON_EMPTY = {
    vocab.ECONOMIES: "the economies that cities and partnerships refer to",
    vocab.CITIES: "the network's cities",
    vocab.PARTNERSHIPS: "the partnerships",
}


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
    economy_names: Mapping[str, str] = field(default_factory=dict)  # lowercased name -> code


# -- checks ----------------------------------------------------------------------------------

def _safe(fn: Callable[[str], object]) -> Callable[[str], bool]:
    def check(value: str) -> bool:
        try:
            return bool(fn(value))
        except (ValueError, TypeError):
            return False
    return check


def _vector(test: Callable[[pd.Series], pd.Series], error: str, optional: bool = False) -> pa.Check:
    """A check on a whole column at once; an empty cell passes when the column is optional."""
    def check(series: pd.Series) -> pd.Series:
        ok = test(series)
        return (ok | (series == "")) if optional else ok
    # ignore_na=False: cells are never NA, and pandera's NA scan would cost as much as the check.
    return pa.Check(check, error=error, ignore_na=False)


def _per_value(fn: Callable[[str], object], error: str, optional: bool = False) -> pa.Check:
    """A check that calls ``fn`` once per distinct value, not per cell: years, dates, codes,
    URLs and lists of ids repeat, so 150,000 rows hold a few thousand distinct values."""
    test = _safe(fn)

    def check(series: pd.Series) -> pd.Series:
        # A plain object array: iterating pandas' string array element by element is slow.
        values = np.asarray(series.unique(), dtype=object)
        bad = [v for v in values if not ((optional and v == "") or test(v))]
        return ~series.isin(bad) if bad else pd.Series(True, index=series.index)
    return pa.Check(check, error=error, ignore_na=False)


def _each(series: pd.Series, flags) -> pd.Series:
    """A boolean Series from one pass over the values, for cheap tests: a plain pass costs
    less than finding the distinct values first, and less than pandas' .str on Python strings."""
    return pd.Series(np.fromiter(flags, dtype=bool, count=len(series)), index=series.index)


TRIMMED = "no spaces at the start or end, no double spaces, no line breaks"


def _trimmed(blank_is_missing: bool = False) -> pa.Check:
    """No stray whitespace; a blank cell of a required column is left to _required(), so it gets one message."""
    def ok(v: str) -> bool:
        return (v == v.strip() and "  " not in v and "\n" not in v and "\r" not in v) or (blank_is_missing and not v.strip())
    return _vector(lambda s: _each(s, map(ok, s.to_numpy(dtype=object))), TRIMMED)


def _explain_trimmed(value: str) -> str:
    what = []
    if value[:1].isspace():
        what.append("starts with a space")
    if value[-1:].isspace():
        what.append("ends with a space")
    if "  " in value:
        what.append("has a double space")
    if "\n" in value or "\r" in value:
        what.append("has a line break")
    return f"{' and '.join(what) or 'has stray whitespace'}; {TRIMMED}"


CONTROL_ERROR = "text without control characters (NUL, tab, escape codes, direction overrides); use plain spaces"


def _no_control() -> pa.Check:
    """Every text cell: a NUL or an escape code is invisible in a spreadsheet but breaks exports and terminals."""
    return _vector(lambda s: _each(s, (CONTROL.search(v) is None for v in s.to_numpy(dtype=object))), CONTROL_ERROR)


def _explain_control(value: str) -> str:
    found = CONTROL.search(value)
    code = f"U+{ord(found.group()):04X}" if found else "?"
    return f"has a control character ({code}); {CONTROL_ERROR}"


REQUIRED = "a value is required"


def _required() -> pa.Check:
    # Zero-width characters alone look like an empty cell to every reader: they do not count as a value.
    return _vector(lambda s: _each(s, (INVISIBLE.fullmatch(v) is None for v in s.to_numpy(dtype=object))), REQUIRED)


def _explain_required(value: str) -> str:
    if value.strip():
        return f"holds only invisible characters (zero-width spaces or joiners?); {REQUIRED}"
    return REQUIRED


def _matches(regex: re.Pattern, error: str, optional: bool = False) -> pa.Check:
    """Every cell against ``regex``, for columns whose values are all different (ids)."""
    return _vector(lambda s: _each(s, (regex.fullmatch(v) is not None for v in s.to_numpy(dtype=object))), error, optional)


def _year_ok(value: str, low: int = vocab.YEAR_MIN) -> bool:
    return bool(YEAR.match(value)) and low <= int(value) <= vocab.YEAR_MAX


def _explain_year(error: str, low: int = vocab.YEAR_MIN) -> Callable[[str], str]:
    def explain(value: str) -> str:
        if re.fullmatch(r"[0-9]{4}\.[0-9]*", value):
            return f"a number with decimals, not a year (a spreadsheet's number format?); {error}"
        if YEAR.match(value) and int(value) < low:
            return f"{value} is before {low}; {error}"
        if YEAR.match(value) and int(value) > vocab.YEAR_MAX:
            return f"{value} is in the future; {error}"
        return f"not a four-digit year; {error}"
    return explain


def _date_ok(value: str) -> bool:
    """ISO date YYYY-MM-DD, or YYYY-MM when only the month is known."""
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
        datetime.date.fromisoformat(value + "-01")
    elif re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        datetime.date.fromisoformat(value)
    else:
        return False
    return vocab.YEAR_MIN <= int(value[:4]) <= vocab.YEAR_MAX


DATE = f"an ISO date YYYY-MM-DD, or YYYY-MM if only the month is known, {vocab.YEAR_MIN}-{vocab.YEAR_MAX}"


def _explain_date(value: str) -> str:
    slashed = re.fullmatch(r"([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})", value)
    if slashed:
        a, b, year = int(slashed[1]), int(slashed[2]), slashed[3]
        if a > 12 >= b:
            return f"day/month/year; write {year}-{b:02d}-{a:02d}; {DATE}"
        if b > 12 >= a:
            return f"month/day/year; write {year}-{a:02d}-{b:02d}; {DATE}"
        return f"day and month are ambiguous; write year-month-day; {DATE}"
    iso = re.fullmatch(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?", value)
    if iso and not 1 <= int(iso[2]) <= 12:
        return f"there is no month {int(iso[2])}; {DATE}"
    if iso and not _safe(_date_ok)(value) and vocab.YEAR_MIN <= int(iso[1]) <= vocab.YEAR_MAX:
        return f"no such day in the calendar; {DATE}"
    if iso:
        return f"year {iso[1]} is out of range; {DATE}"
    return f"not a date in the form YYYY-MM-DD; {DATE}"


def _currency_ok(value: str) -> bool:
    # pycountry's lookup ignores case; the contract wants the code as written in ISO 4217.
    return len(value) == 3 and value.isupper() and pycountry.currencies.get(alpha_3=value) is not None


CURRENCY = "empty, or an ISO 4217 currency code such as USD or AUD"


def _explain_currency(value: str) -> str:
    country = pycountry.countries.get(alpha_3=value) if len(value) == 3 else None
    if country is not None:
        # A currency code usually starts with the country's two-letter code (AUD, JPY, USD).
        guess = sorted(c.alpha_3 for c in pycountry.currencies if c.alpha_3.startswith(country.alpha_2))
        hint = f" (did you mean '{guess[0]}'?)" if guess else ""
        return f"'{value}' is a country code ({country.name}), not a currency{hint}; {CURRENCY}"
    if _currency_ok(value.upper()):
        return f"write currency codes in capitals (did you mean '{value.upper()}'?); {CURRENCY}"
    return f"not an ISO 4217 currency code; {CURRENCY}"


def _iso3_ok(value: str) -> bool:
    return len(value) == 3 and value.isupper() and pycountry.countries.get(alpha_3=value) is not None


def split_list(value: str) -> list[str]:
    """Split a ';'-separated cell; an empty cell is an empty list."""
    return value.split(vocab.LIST_SEPARATOR) if value != "" else []


LIST_SHAPE = "';'-separated items, none empty, none repeated, no spaces around ';' (a trailing ';' leaves an empty item)"


def _list_shape_ok(value: str) -> bool:
    items = split_list(value)
    # Whitespace at the ends of the cell is _trimmed()'s to report, so one slip gives one message.
    inner = [items[0].lstrip(), *items[1:-1], items[-1].rstrip()] if len(items) > 1 else [i.strip() for i in items]
    return all(i != "" and i == i.strip() for i in inner) and len(set(items)) == len(items)


def _list_shape() -> pa.Check:
    return _per_value(_list_shape_ok, LIST_SHAPE)


def _explain_list_shape(value: str) -> str:
    items = value.split(";")
    what = []
    if "" in items:
        what.append("an empty item (a ';' at the start or end, or ';;')")
    if re.search(r"\s;|;\s", value):
        what.append("spaces around ';'")
    repeated = sorted({i for i in items if i and items.count(i) > 1})
    if repeated:
        what.append("a repeated item: " + ", ".join(f"'{i}'" for i in repeated))
    return f"{' and '.join(what) or 'not a clean list'}; a list is {LIST_SHAPE}"


def _list_refs(allowed: Collection[str] | None, what: str, hint: Callable[[str], str | None] | None = None):
    """A check that each list item is one of ``allowed`` (skipped while unknown), and how to explain a failure.

    Items are compared stripped and empty items are ignored: stray spaces and ';' are the
    list shape check's to report, so one slip gives one message.
    """
    error = f"each item must be {what}"
    if allowed is None:
        return None, None
    allowed = frozenset(allowed)

    def explain(value: str) -> str:
        bad = [i.strip() for i in split_list(value) if i.strip() and i.strip() not in allowed]
        notes = []
        for item in bad:
            note = hint(item) if hint else None
            if note is None:  # no specific hint: try a close spelling
                guess = difflib.get_close_matches(item, sorted(allowed), n=1)
                note = f" (did you mean '{guess[0]}'?)" if guess else ""
            notes.append(f"'{item}'{note}")
        return f"unknown: {', '.join(notes)}; {error}"

    return _per_value(lambda v: all(i.strip() in allowed for i in split_list(v) if i.strip()), error), explain


def _city_hint(names: Mapping[str, str]) -> Callable[[str], str | None]:
    """Suggest the city_id for a city's name or alias (``Phnom Penh`` -> ``phnom-penh``)."""
    def hint(item: str) -> str | None:
        if item.lower() in names:
            # 'Phnom Penh' is a name typed for an id; 'hanoi' after a rename is just an old id.
            what = "" if SLUG.match(item) else "a city's name, not its id: "
            return f" ({what}did you mean '{names[item.lower()]}'?)"
        hit = names.get(item.lower().replace("-", " "))
        return f" (did you mean '{hit}'?)" if hit else None
    return hint


def _economy_hint(allowed: frozenset[str], names: Mapping[str, str]) -> Callable[[str], str | None]:
    """Suggest the code for a lowercase code or an economy's name; say when a real code is simply not listed."""
    def hint(item: str) -> str | None:
        if item.upper() in allowed:
            return f" (codes are in capitals: did you mean '{item.upper()}'?)"
        if item.lower() in names:
            return f" (a name; did you mean '{names[item.lower()]}'?)"
        country = pycountry.countries.get(alpha_3=item) if len(item) == 3 else None
        if country is not None:
            return f" (the ISO code of {country.name}, which is not in economies.csv: add it there first)"
        return None
    return hint


def _one_of(allowed: Collection[str] | None, what: str):
    if allowed is None:
        return None, None
    allowed = list(allowed)
    error = f"must be one of: {', '.join(allowed)}" if len(allowed) <= 12 else f"must be {what}"

    def explain(value: str) -> str:
        guess = difflib.get_close_matches(value.strip(), allowed, n=1)
        return error + (f" (did you mean '{guess[0]}'?)" if guess else "")

    return pa.Check.isin(allowed, error=error, ignore_na=False), explain


def _in_box(low: float, high: float) -> Callable[[str], bool]:
    return lambda v: DECIMAL.match(v) and low <= float(v) <= high


def _explain_coordinate(error: str, other: str, other_range: tuple[float, float]) -> Callable[[str], str]:
    """Say when a value outside the box would fit the other coordinate: lat and lon swapped."""
    def explain(value: str) -> str:
        if not DECIMAL.match(value):
            return f"not a decimal number; {error}"
        if other_range[0] <= float(value) <= other_range[1]:
            return f"outside Southeast Asia, but a plausible {other} (lat and lon swapped?); {error}"
        return f"outside Southeast Asia; {error}"
    return explain


# -- columns ---------------------------------------------------------------------------------

def _col(*checks: pa.Check | None, unique: bool = False) -> pa.Column:
    """A text column. dtype=None: the reader makes every cell a str, and pandera's str dtype
    check on pandas 3 renders an (empty) failure table per column, a quarter of the time
    it takes to validate the small files."""
    checks = [c for c in checks if c is not None]
    required = any(c.error == REQUIRED for c in checks)
    return pa.Column(None, [_trimmed(blank_is_missing=required), _no_control(), *checks], unique=unique, nullable=False)


ID = f"a whole number from 1 to {MAX_WHOLE}"


def whole_ok(value: str) -> bool:
    """A whole number from 1 to MAX_WHOLE, written without sign, spaces or leading zeros."""
    return WHOLE.fullmatch(value) is not None and (len(value) < 16 or int(value) <= MAX_WHOLE)


def _explain_id(value: str) -> str:
    if WHOLE.fullmatch(value):
        return f"too large; {ID}"
    return f"not a whole number; {ID}"


def _id_col() -> pa.Column:
    return _col(_vector(lambda s: _each(s, map(whole_ok, s.to_numpy(dtype=object))), ID), unique=True)


def _number_ok(value: str) -> bool:
    """A positive decimal that a float holds: '1' and 400 zeros is infinite to float() and must not pass."""
    return DECIMAL.fullmatch(value) is not None and 0 < float(value) <= MAX_WHOLE


def _explain_number(error: str, what: str) -> Callable[[str], str]:
    def explain(value: str) -> str:
        if DECIMAL.fullmatch(value) and float(value) > MAX_WHOLE:
            return f"too large to be {what} (at most {MAX_WHOLE}); {error}"
        return error
    return explain


def _text(optional: bool = False) -> pa.Column:
    return _col() if optional else _col(_required())


URL_ERROR = "empty, or a full http(s):// address"


def _url() -> pa.Column:
    return _col(_per_value(URL.fullmatch, URL_ERROR, optional=True))


def _date(optional: bool) -> pa.Column:
    return _col(_per_value(_date_ok, DATE, optional))


def _row_check(fs: FileSchema, column: str, error: str, fn: Callable[[pd.DataFrame], pd.Series]) -> pa.Check:
    fs.row_check_columns[error] = column
    return pa.Check(fn, error=error, ignore_na=False)


def _duplicate_rows(fs: FileSchema, id_column: str) -> pa.Check:
    return _row_check(
        fs, "", "duplicate row: same values in every column but the id as another row",
        lambda df: ~_rows_as_tuples(df.drop(columns=[id_column])).duplicated(keep=False),
    )


def _rows_as_tuples(df: pd.DataFrame) -> pd.Series:
    """One tuple per row: hashing tuples of strings is about twice as fast as DataFrame.duplicated."""
    return pd.Series(list(zip(*(df[c].to_numpy(dtype=object) for c in df.columns))), index=df.index, dtype=object)


COMMON_EXPLAIN = {TRIMMED: _explain_trimmed, LIST_SHAPE: _explain_list_shape, DATE: _explain_date,
                  CONTROL_ERROR: _explain_control, REQUIRED: _explain_required, ID: _explain_id}


def _build(columns: dict[str, pa.Column], explain: dict | None = None) -> FileSchema:
    explain = {error: fn for error, fn in {**COMMON_EXPLAIN, **(explain or {})}.items() if error and fn is not None}
    return FileSchema(pa.DataFrameSchema(columns, strict=True, ordered=False), explain=explain)


def _error(check: pa.Check | None) -> str | None:
    return check.error if check is not None else None


def org_code_ok(value: str) -> bool:
    """An organisation's code: a lowercase short name (``eu``, ``adb``) that no country code could be mistaken for."""
    return bool(ORG_CODE.match(value)) and len(value) <= 20 and not _iso3_ok(value.upper())


def _kind_matches_code(kinds: pd.Series, codes: pd.Series) -> pd.Series:
    """Judged only where both cells are valid on their own: one slip gets one message."""
    iso, org = codes.map(_iso3_ok).astype(bool), codes.map(org_code_ok).astype(bool)
    return ((kinds == "country") & iso) | ((kinds == "organisation") & org) | ~kinds.isin(ECONOMY_KINDS) | ~(iso | org)


ECONOMY_CODE = ("an ISO 3166-1 alpha-3 code in capitals for a country (e.g. JPN), or a lowercase short name for an organisation "
                "that is not a country (e.g. eu, adb)")


def economies_schema() -> FileSchema:
    kind_check, kind_explain = _one_of(ECONOMY_KINDS, "a kind")
    fs = _build({
        "code": _col(_per_value(lambda v: _iso3_ok(v) or org_code_ok(v), ECONOMY_CODE), unique=True),
        "name": _col(_required(), unique=True),
        "asean_member": _col(pa.Check.isin(["true", "false"], error="must be true or false", ignore_na=False)),
        "kind": _col(kind_check),
    }, {_error(kind_check): kind_explain})
    fs.schema.checks = [
        # A made-up country code would put an organisation on the map as a country, and the reverse hides a country.
        _row_check(fs, "kind", "kind must match the code: 'country' for an ISO alpha-3 code in capitals, 'organisation' for a lowercase name",
                   lambda df: _kind_matches_code(df["kind"], df["code"])),
        _row_check(fs, "asean_member", "an organisation is not an ASEAN member state: asean_member must be false",
                   lambda df: ~((df["kind"] == "organisation") & (df["asean_member"] == "true"))),
    ]
    return fs


def cities_schema(refs: References) -> FileSchema:
    member_check, member_explain = _one_of(None if refs.members is None else sorted(refs.members), "an ASEAN member state code from economies.csv")
    if member_explain is not None:
        def explain_member(value: str, plain=member_explain) -> str:
            if refs.economies is not None and value in refs.economies:
                return f"'{value}' is in economies.csv but is not an ASEAN member state; {member_check.error}"
            return plain(value)
        member_explain = explain_member
    lat_error = f"a decimal latitude inside Southeast Asia ({vocab.SEA_LAT[0]} to {vocab.SEA_LAT[1]})"
    lon_error = f"a decimal longitude inside Southeast Asia ({vocab.SEA_LON[0]} to {vocab.SEA_LON[1]})"
    joined_error = f"a four-digit year from {vocab.NETWORK_FOUNDED} to {vocab.YEAR_MAX}"
    explain = {
        _error(member_check): member_explain,
        lat_error: _explain_coordinate(lat_error, "longitude", vocab.SEA_LON),
        lon_error: _explain_coordinate(lon_error, "latitude", vocab.SEA_LAT),
        joined_error: _explain_year(joined_error, vocab.NETWORK_FOUNDED),
    }
    fs = _build({
        "city_id": _col(_matches(SLUG, "a lowercase ascii slug such as phnom-penh"), unique=True),
        "name": _col(_required(), unique=True),
        "aliases": _col(_list_shape()),
        "member_state": _col(member_check),
        "lat": _col(_per_value(_in_box(*vocab.SEA_LAT), lat_error)),
        "lon": _col(_per_value(_in_box(*vocab.SEA_LON), lon_error)),
        "joined": _col(_per_value(lambda v: _year_ok(v, vocab.NETWORK_FOUNDED), joined_error)),
        "geonames_id": _col(_matches(WHOLE, "empty, or a GeoNames id (a whole number)", optional=True)),
        "source": _text(),
    }, explain)
    fs.schema.checks = [_duplicate_rows(fs, "city_id")]
    return fs


def _economy_refs(refs: References):
    hint = None if refs.economies is None else _economy_hint(refs.economies, refs.economy_names)
    return _list_refs(refs.economies, "an economy code from economies.csv (ISO alpha-3)", hint)


def partnerships_schema(refs: References) -> FileSchema:
    econ_check, econ_explain = _economy_refs(refs)
    city_check, city_explain = _list_refs(refs.city_ids, "a city_id from cities.csv", _city_hint(refs.city_names))
    focus_check, focus_explain = _one_of(vocab.FOCUS_AREAS, "a focus area")
    year_error = f"empty when unknown, or a four-digit year from {vocab.YEAR_MIN} to {vocab.YEAR_MAX}"
    provenance_check, provenance_explain = _one_of(PROVENANCES, "a provenance")
    fs = _build({
        "partnership_id": _id_col(),
        "provenance": _col(provenance_check),
        "title": _text(),
        "organisations": _col(_required(), _list_shape()),
        "partner_economies": _col(_required(), _list_shape(), econ_check),
        "city_ids": _col(_required(), _list_shape(), city_check),
        "focus_area": _col(focus_check),
        "year": _col(_per_value(_year_ok, year_error, optional=True)),
        "year_source": _text(optional=True),
        "year_source_url": _url(),
        "source": _text(),
        "source_url": _url(),
        "notes": _text(optional=True),
    }, {_error(econ_check): econ_explain, _error(city_check): city_explain, _error(focus_check): focus_explain,
        year_error: _explain_year(year_error), _error(provenance_check): provenance_explain})
    fs.schema.checks = [
        _duplicate_rows(fs, "partnership_id"),
        _row_check(fs, "year_source", "a year needs a year_source saying where it was found",
                   lambda df: (df["year"] == "") | (df["year_source"] != "")),
        _row_check(fs, "year_source", FOLLOWABLE,
                   lambda df: (df["year"] == "") | (df["year_source"] == "") | df["year_source"].map(followable).astype(bool)),
        _row_check(fs, "provenance", "provenance 'table-2' is only for Table 2's rows: partnership_id 1 to 20",
                   lambda df: (df["provenance"] != "table-2") | ~df["partnership_id"].map(whole_ok).astype(bool)
                   | df["partnership_id"].map(lambda v: int(v) in TABLE_2_ROWS if whole_ok(v) else False)),
        _row_check(fs, "notes", QUOTED,
                   lambda df: (df["provenance"] != "later-reporting") | df["notes"].map(quotes_source).astype(bool)),
        _row_check(fs, "source_url", "a row from later reporting needs the address of its source in source_url",
                   lambda df: (df["provenance"] != "later-reporting") | (df["source_url"] != "")),
    ]
    return fs


# Words that say a source exists without saying which one: a reader cannot check "(public reporting)".
GENERIC_WORDS = frozenset("""
    a an and the of in on to by from at as per various several many public publicly reporting reported report reports
    media news press sources source outlets outlet online internet web website websites found according
""".split())
FOLLOWABLE = ("a year_source must say where the year can be checked: the outlet or document, its date (with the year), "
              "e.g. 'Korea Bizwire, 16 August 2016'; generic words such as '(public reporting)' are not a source")


def followable(text: str) -> bool:
    """True when ``text`` names something a reader can look up: a four-digit year and words beyond the generic."""
    words = [w for w in re.findall(r"[^\W\d_]+", text.lower()) if w not in GENERIC_WORDS]
    return bool(re.search(r"(?<![0-9])(19|20)[0-9]{2}(?![0-9])", text)) and len(words) >= 2 and "public reporting" not in text.lower()


QUOTED = "a row from later reporting must quote, in notes, the sentence of its source that supports it (in double quotes)"


def quotes_source(notes: str) -> bool:
    """A quoted passage of at least 20 characters, in straight or curly double quotes."""
    return re.search(r'"[^"]{20,}"|\u201c[^\u201d]{20,}\u201d', notes) is not None


def commitments_schema(refs: References) -> FileSchema:
    econ_check, econ_explain = _economy_refs(refs)
    # No spelling hint for ids: '21' is not a typo of '2'.
    part_check, part_explain = _list_refs(refs.partnership_ids, "a partnership_id from partnerships.csv", lambda _item: "")
    kind_check, kind_explain = _one_of(COMMITMENT_KINDS, "a kind")
    positive = _safe(_number_ok)
    amount_error = "empty, or a positive number as stated, digits only (10000000, not 10m or 10,000,000)"
    rate_error = "empty, or US dollars per one unit of the currency"
    fs = _build({
        "commitment_id": _id_col(),
        "kind": _col(kind_check),
        "title": _text(),
        "partner_economies": _col(_required(), _list_shape(), econ_check),
        "date": _date(optional=False),
        "end_date": _date(optional=True),
        "amount": _col(_per_value(positive, amount_error, optional=True)),
        "currency": _col(_per_value(_currency_ok, CURRENCY, optional=True)),
        "usd_rate": _col(_per_value(positive, rate_error, optional=True)),
        "usd_rate_date": _date(optional=True),
        "table1_row": _col(_per_value(lambda v: WHOLE.match(v) and int(v) <= 6, "empty, or Table 1's row number, 1 to 6", optional=True)),
        "partnership_ids": _col(_list_shape(), part_check),
        "source": _text(),
        "source_url": _url(),
        "notes": _text(optional=True),
    }, {_error(econ_check): econ_explain, _error(part_check): part_explain, _error(kind_check): kind_explain,
        CURRENCY: _explain_currency, amount_error: _explain_number(amount_error, "an amount"),
        rate_error: _explain_number(rate_error, "a rate")})
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


def network_size_schema() -> FileSchema:
    """network_size.csv: how many cities a dated source says the network has; its quote is what a reader checks."""
    fs = _build({
        "fact_id": _id_col(),
        "date": _date(optional=False),
        "count": _col(_per_value(lambda v: WHOLE.fullmatch(v) and int(v) <= 1000, "a whole number of cities, 1 to 1000")),
        "source": _text(),
        "source_url": _url(),
        "quote": _text(),
        "notes": _text(optional=True),
    })
    fs.schema.checks = [_duplicate_rows(fs, "fact_id")]
    return fs


def _ends_after_start(df: pd.DataFrame) -> pd.Series:
    # Compare as text: ISO dates sort correctly, and YYYY-MM sorts before its days.
    return (df["end_date"] == "") | (df["end_date"] >= df["date"])
