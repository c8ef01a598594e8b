"""What one cell may hold: the checks every file shares (whitespace, control characters, ids, years,
dates, numbers, currencies, lists, choices, coordinates), each with the explainer that says what is
wrong with a failing value, and the text columns built from them."""

import datetime
import difflib
import re
from collections.abc import Callable, Collection

import pandera.pandas as pa
import pycountry

from ascn import numbers, vocab
from ascn.checks import Explain, FileSchema, build, each, isin, per_value, safe, vector

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


# The codes of the shared checks: what explainers refer to, whatever the messages say.
TRIMMED_CODE = "trimmed"
CONTROL_CODE = "control"
REQUIRED_CODE = "required"
LIST_SHAPE_CODE = "list-shape"
DATE_CODE = "date"
YEAR_DATE_CODE = "year-date"
ID_CODE = "id"

TRIMMED = "no spaces at the start or end, no double spaces, no line breaks"


def trimmed(blank_is_missing: bool = False) -> pa.Check:
    """No stray whitespace; a blank cell of a required column is left to required(), so it gets one message."""
    def ok(v: str) -> bool:
        return (v == v.strip() and "  " not in v and "\n" not in v and "\r" not in v) or (blank_is_missing and not v.strip())
    return vector(lambda s: each(s, map(ok, s.to_numpy(dtype=object))), TRIMMED, TRIMMED_CODE)


def explain_trimmed(value: str) -> str:
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


def no_control() -> pa.Check:
    """Every text cell: a NUL or an escape code is invisible in a spreadsheet but breaks exports and terminals."""
    return vector(lambda s: each(s, (CONTROL.search(v) is None for v in s.to_numpy(dtype=object))), CONTROL_ERROR, CONTROL_CODE)


def explain_control(value: str) -> str:
    found = CONTROL.search(value)
    code = f"U+{ord(found.group()):04X}" if found else "?"
    return f"has a control character ({code}); {CONTROL_ERROR}"


REQUIRED = "a value is required"


def required() -> pa.Check:
    # Zero-width characters alone look like an empty cell to every reader: they do not count as a value.
    return vector(lambda s: each(s, (INVISIBLE.fullmatch(v) is None for v in s.to_numpy(dtype=object))), REQUIRED, REQUIRED_CODE)


def explain_required(value: str) -> str:
    if value.strip():
        return f"holds only invisible characters (zero-width spaces or joiners?); {REQUIRED}"
    return REQUIRED


def matches(regex: re.Pattern, error: str, code: str, optional: bool = False) -> pa.Check:
    """Every cell against ``regex``, for columns whose values are all different (ids)."""
    return vector(lambda s: each(s, (regex.fullmatch(v) is not None for v in s.to_numpy(dtype=object))), error, code, optional)


def year_ok(value: str, low: int = vocab.YEAR_MIN) -> bool:
    return bool(YEAR.match(value)) and low <= int(value) <= vocab.YEAR_MAX


def explain_year(error: str, low: int = vocab.YEAR_MIN) -> Explain:
    def explain(value: str) -> str:
        if re.fullmatch(r"[0-9]{4}\.[0-9]*", value):
            return f"a number with decimals, not a year (a spreadsheet's number format?); {error}"
        if YEAR.match(value) and int(value) < low:
            return f"{value} is before {low}; {error}"
        if YEAR.match(value) and int(value) > vocab.YEAR_MAX:
            return f"{value} is in the future; {error}"
        return f"not a four-digit year; {error}"
    return explain


def date_ok(value: str) -> bool:
    """ISO date YYYY-MM-DD, or YYYY-MM when only the month is known."""
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
        datetime.date.fromisoformat(value + "-01")
    elif re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        datetime.date.fromisoformat(value)
    else:
        return False
    return vocab.YEAR_MIN <= int(value[:4]) <= vocab.YEAR_MAX


DATE = f"an ISO date YYYY-MM-DD, or YYYY-MM if only the month is known, {vocab.YEAR_MIN}-{vocab.YEAR_MAX}"


def explain_date(value: str) -> str:
    slashed = re.fullmatch(r"([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})", value)
    if slashed:
        return _explain_slashed(int(slashed[1]), int(slashed[2]), slashed[3])
    iso = re.fullmatch(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?", value)
    if iso and not 1 <= int(iso[2]) <= 12:
        return f"there is no month {int(iso[2])}; {DATE}"
    if iso and not safe(date_ok)(value) and vocab.YEAR_MIN <= int(iso[1]) <= vocab.YEAR_MAX:
        return f"no such day in the calendar; {DATE}"
    if iso:
        return f"year {iso[1]} is out of range; {DATE}"
    return f"not a date in the form YYYY-MM-DD; {DATE}"


def year_date_ok(value: str) -> bool:
    """A date as date_ok allows, or YYYY alone when the source gives only the year (commitments run over years)."""
    if YEAR.match(value):
        return vocab.YEAR_MIN <= int(value) <= vocab.YEAR_MAX
    return date_ok(value)


YEAR_DATE = (f"an ISO date YYYY-MM-DD, YYYY-MM if only the month is known, or YYYY if only the year is known, "
             f"{vocab.YEAR_MIN}-{vocab.YEAR_MAX}")


def explain_year_date(value: str) -> str:
    if YEAR.match(value):
        return f"year {value} is out of range; {YEAR_DATE}"
    return explain_date(value).replace(DATE, YEAR_DATE).replace("not a date in the form YYYY-MM-DD", "not a date in the form YYYY-MM-DD or YYYY")


def _explain_slashed(a: int, b: int, year: str) -> str:
    """A date written with slashes or dots: which way round it is, when its numbers say so."""
    if a > 12 >= b:
        return f"day/month/year; write {year}-{b:02d}-{a:02d}; {DATE}"
    if b > 12 >= a:
        return f"month/day/year; write {year}-{a:02d}-{b:02d}; {DATE}"
    return f"day and month are ambiguous; write year-month-day; {DATE}"


def currency_ok(value: str) -> bool:
    # pycountry's lookup ignores case; the contract wants the code as written in ISO 4217.
    return len(value) == 3 and value.isupper() and pycountry.currencies.get(alpha_3=value) is not None


CURRENCY = "empty, or an ISO 4217 currency code such as USD or AUD"


def explain_currency(value: str) -> str:
    country = pycountry.countries.get(alpha_3=value) if len(value) == 3 else None
    if country is not None:
        # A currency code usually starts with the country's two-letter code (AUD, JPY, USD).
        guess = sorted(c.alpha_3 for c in pycountry.currencies if c.alpha_3.startswith(country.alpha_2))
        hint = f" (did you mean '{guess[0]}'?)" if guess else ""
        return f"'{value}' is a country code ({country.name}), not a currency{hint}; {CURRENCY}"
    if currency_ok(value.upper()):
        return f"write currency codes in capitals (did you mean '{value.upper()}'?); {CURRENCY}"
    return f"not an ISO 4217 currency code; {CURRENCY}"


def iso3_ok(value: str) -> bool:
    return len(value) == 3 and value.isupper() and pycountry.countries.get(alpha_3=value) is not None


def split_list(value: str) -> list[str]:
    """Split a ';'-separated cell; an empty cell is an empty list."""
    return value.split(vocab.LIST_SEPARATOR) if value != "" else []


LIST_SHAPE = "';'-separated items, none empty, none repeated, no spaces around ';' (a trailing ';' leaves an empty item)"


def _list_shape_ok(value: str) -> bool:
    items = split_list(value)
    # Whitespace at the ends of the cell is trimmed()'s to report, so one slip gives one message.
    inner = [items[0].lstrip(), *items[1:-1], items[-1].rstrip()] if len(items) > 1 else [i.strip() for i in items]
    return all(i != "" and i == i.strip() for i in inner) and len(set(items)) == len(items)


def list_shape() -> pa.Check:
    return per_value(_list_shape_ok, LIST_SHAPE, LIST_SHAPE_CODE)


def explain_list_shape(value: str) -> str:
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


def one_of(allowed: Collection[str] | None, what: str, code: str) -> tuple[pa.Check | None, Explain | None]:
    """A check that a cell is one of ``allowed`` (skipped while unknown), and its explainer (a close spelling)."""
    if allowed is None:
        return None, None
    allowed = list(allowed)
    error = f"must be one of: {', '.join(allowed)}" if len(allowed) <= 12 else f"must be {what}"

    def explain(value: str) -> str:
        guess = difflib.get_close_matches(value.strip(), allowed, n=1)
        return error + (f" (did you mean '{guess[0]}'?)" if guess else "")

    return isin(allowed, error, code), explain


def in_box(low: float, high: float) -> Callable[[str], bool]:
    return lambda v: DECIMAL.match(v) and low <= float(v) <= high


def explain_coordinate(error: str, other: str, other_range: tuple[float, float]) -> Explain:
    """Say when a value outside the box would fit the other coordinate: lat and lon swapped."""
    def explain(value: str) -> str:
        if not DECIMAL.match(value):
            return f"not a decimal number; {error}"
        if other_range[0] <= float(value) <= other_range[1]:
            return f"outside Southeast Asia, but a plausible {other} (lat and lon swapped?); {error}"
        return f"outside Southeast Asia; {error}"
    return explain


ID = f"a whole number from 1 to {MAX_WHOLE}"


def whole_ok(value: str) -> bool:
    """A whole number from 1 to MAX_WHOLE, written without sign, spaces or leading zeros."""
    return WHOLE.fullmatch(value) is not None and numbers.whole(value, 1, MAX_WHOLE) is not None


def explain_id(value: str) -> str:
    if WHOLE.fullmatch(value):
        return f"too large; {ID}"
    return f"not a whole number; {ID}"


def number_ok(value: str) -> bool:
    """A positive decimal that a float holds: '1' and 400 zeros is infinite to float() and must not pass."""
    return DECIMAL.fullmatch(value) is not None and 0 < float(value) <= MAX_WHOLE


def explain_number(error: str, what: str) -> Explain:
    def explain(value: str) -> str:
        if DECIMAL.fullmatch(value) and float(value) > MAX_WHOLE:
            return f"too large to be {what} (at most {MAX_WHOLE}); {error}"
        return error
    return explain


# -- columns ---------------------------------------------------------------------------------

def col(*checks: pa.Check | None, unique: bool = False) -> pa.Column:
    """A text column. dtype=None: the reader makes every cell a str, and pandera's str dtype
    check on pandas 3 renders an (empty) failure table per column, a quarter of the time
    it takes to validate the small files."""
    checks = [c for c in checks if c is not None]
    is_required = any(c.name == REQUIRED_CODE for c in checks)
    return pa.Column(None, [trimmed(blank_is_missing=is_required), no_control(), *checks], unique=unique, nullable=False)


def id_col() -> pa.Column:
    return col(vector(lambda s: each(s, map(whole_ok, s.to_numpy(dtype=object))), ID, ID_CODE), unique=True)


def text(optional: bool = False) -> pa.Column:
    return col() if optional else col(required())


URL_ERROR = "empty, or a full http(s):// address"


def url() -> pa.Column:
    return col(per_value(URL.fullmatch, URL_ERROR, "url", optional=True))


def date(optional: bool, year_only: bool = False) -> pa.Column:
    """A date column; ``year_only`` also allows YYYY (a source that gives only the year: no month is invented)."""
    if year_only:
        return col(per_value(year_date_ok, YEAR_DATE, YEAR_DATE_CODE, optional))
    return col(per_value(date_ok, DATE, DATE_CODE, optional))


COMMON_EXPLAIN: dict[str, Explain] = {TRIMMED_CODE: explain_trimmed, LIST_SHAPE_CODE: explain_list_shape, DATE_CODE: explain_date,
                                      YEAR_DATE_CODE: explain_year_date, CONTROL_CODE: explain_control, REQUIRED_CODE: explain_required,
                                      ID_CODE: explain_id}


def build_file(columns: dict[str, pa.Column], explain: dict[str, Explain | None] | None = None) -> FileSchema:
    """A file's schema of text columns, explained by the shared explainers and ``explain`` (check code -> explainer)."""
    return build(columns, {**COMMON_EXPLAIN, **(explain or {})})
