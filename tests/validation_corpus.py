"""A corpus of broken data: each case copies data/ and makes one mistake people really make, with the exact problems the
validator must report (file, line, column, value, the gist of the message). Used by the unit tier (the validator, in
process) and the integration tier (the app refusing to start on each `app` case)."""

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from shapely.geometry import shape

from ascn import vocab
from ascn.schemas import COLUMNS
from tests.validation_helpers import (
    DATA,
    GEOMETRY,
    edit_geometry,
    feature,
    feature_label,
    read_rows,
    replace_once,
    set_cell,
    write_rows,
)

P, C, M, E, ECON = vocab.PARTNERSHIPS, vocab.CITIES, vocab.COMMITMENTS, vocab.EVENTS, vocab.ECONOMIES
G = GEOMETRY


@dataclass(frozen=True)
class Expect:
    """One problem the validator must report; ``phrase`` must appear in its message."""

    file: str
    line: int
    column: str
    value: str | None
    phrase: str


@dataclass(frozen=True)
class Case:
    """One mistake: how to make it in a copy of data/, and what the validator must say."""

    id: str
    mutate: Callable[[Path], None]
    expect: list[Expect] = field(default_factory=list)  # empty: the copy must validate ok
    app: bool = False  # also start `python app.py` on it (a subset: each start costs seconds)


def _rows(name: str, change: Callable[[list[list[str]]], None], **fmt) -> Callable[[Path], None]:
    """A mutation that rewrites a CSV file's records."""
    def mutate(d: Path) -> None:
        rows = read_rows(d / name)
        change(rows)
        write_rows(d / name, rows, **fmt)
    return mutate


def _cell(name: str, row_id: str, column: str, value: str) -> Callable[[Path], None]:
    return lambda d: set_cell(d, name, row_id, column, value)


def _text(name: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda d: replace_once(d, name, old, new)


_NAMED_CITIES = (DATA / "cities.csv").read_text(encoding="utf-8").count("\n") - 1  # the header aside
_LAST_LINE_P = (DATA / "partnerships.csv").read_text(encoding="utf-8").count("\n")  # the last row, whatever rows the record adds


def _drop_final_quote(d: Path) -> None:
    """The last row's closing quote goes missing (its notes cell is quoted), as when a file is cut short."""
    path = d / "partnerships.csv"
    text = path.read_text(encoding="utf-8")
    assert text.endswith('"\n'), "the last row of partnerships.csv should end with a quoted cell"
    path.write_text(text[:-2] + "\n", encoding="utf-8", newline="")


def _both(*mutations: Callable[[Path], None]) -> Callable[[Path], None]:
    def mutate(d: Path) -> None:
        for m in mutations:
            m(d)
    return mutate


def _drop_column(name: str, column: str):
    def change(rows):
        col = rows[0].index(column)
        for row in rows:
            del row[col]
    return _rows(name, change)


def _rename_column(name: str, old: str, new: str):
    def change(rows):
        rows[0][rows[0].index(old)] = new
    return _rows(name, change)


def _add_column(name: str, header: str, value: str = ""):
    def change(rows):
        rows[0].append(header)
        for row in rows[1:]:
            row.append(value)
    return _rows(name, change)


def _header_only(name: str):
    def change(rows):
        del rows[1:]
    return _rows(name, change)


def _append_copy(name: str, row_id: str, new_id: str):
    def change(rows):
        twin = list(next(r for r in rows if r[0] == row_id))
        twin[0] = new_id
        rows.append(twin)
    return _rows(name, change)


def _write_bytes(name: str, make: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def mutate(d: Path) -> None:
        path = d / name
        path.write_bytes(make(path.read_bytes()))
    return mutate


def _crlf_everywhere(d: Path) -> None:
    for path in d.glob("*.csv"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


def _excel_semicolons(d: Path) -> None:
    # What Excel saves as "CSV" where the decimal separator is a comma (much of Europe and Asia).
    rows = read_rows(d / P)
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    (d / P).write_text(out.getvalue(), encoding="utf-8", newline="")


def _swap_lat_lon(d: Path) -> None:
    rows = read_rows(d / C)
    lat, lon = rows[0].index("lat"), rows[0].index("lon")
    row = next(r for r in rows if r[0] == "bangkok")
    row[lat], row[lon] = row[lon], row[lat]
    write_rows(d / C, rows)


def _bow_tie(data: dict) -> None:
    # Two corners of Singapore's box in the wrong order: the outline crosses itself.
    feature(data, "SGP")["geometry"] = {
        "type": "Polygon",
        "coordinates": [[[103.6, 1.2], [104.0, 1.45], [104.0, 1.2], [103.6, 1.45], [103.6, 1.2]]],
    }


def _swap_pairs(coords):
    if isinstance(coords[0], (int, float)):
        return [coords[1], coords[0]]
    return [_swap_pairs(c) for c in coords]


def _lat_lon_order(data: dict) -> None:
    geom = feature(data, "THA")["geometry"]
    geom["coordinates"] = _swap_pairs(geom["coordinates"])


def _swapped_bounds(code: str) -> str:
    """The bounds the validator shows for ``code``'s feature after its pairs are swapped."""
    data = json.loads((DATA / G).read_text(encoding="utf-8"))
    lon_min, lat_min, lon_max, lat_max = shape(feature(data, code)["geometry"]).bounds
    return f"[{lat_min:.2f}, {lon_min:.2f}, {lat_max:.2f}, {lon_max:.2f}]"


FUTURE = str(vocab.YEAR_MAX + 1)
HUGE = "9" * 25  # past 64 bits: pandas' int64 used to overflow on it
INFINITE = "1" + "0" * 400  # float() makes it inf, which used to pass as "positive"
LONG = "x" * 200_000  # past the csv module's field limit (131,072)
N_FEATURES = len(json.loads((DATA / G).read_text(encoding="utf-8"))["features"])


def _replace_with_directory(name: str) -> Callable[[Path], None]:
    """The file cannot be read (tests run as root, so a mode bit would not stop them): a directory in its place."""
    def mutate(d: Path) -> None:
        (d / name).unlink()
        (d / name).mkdir()
    return mutate


def _deep_coordinates(data: dict) -> None:
    # Deep enough to stop shapely (it recurses per level), shallow enough for the JSON reader.
    nested: list = [0]
    for _ in range(800):
        nested = [nested]
    feature(data, "SGP")["geometry"]["coordinates"] = nested
SGP, THA = feature_label("SGP"), feature_label("THA")

CASES = [
    # The acceptance check: two mistakes in one copy, both named by row and column.
    Case("focus-area-misspelt-and-unknown-city", _both(
        _cell(P, "3", "focus_area", "industry-inovation"),
        _cell(P, "11", "city_ids", "kuala-lumpor"),
    ), [
        Expect(P, 4, "focus_area", "industry-inovation", "did you mean 'industry-innovation'?"),
        Expect(P, 12, "city_ids", "kuala-lumpor", "unknown: 'kuala-lumpor' (did you mean 'kuala-lumpur'?)"),
    ], app=True),
    # -- lists and references
    Case("economy-not-in-economies-csv", _cell(P, "3", "partner_economies", "GBR"),
         [Expect(P, 4, "partner_economies", "GBR", "the ISO code of United Kingdom, which is not in economies.csv")]),
    Case("economy-code-lowercase", _cell(P, "7", "partner_economies", "jpn"),
         [Expect(P, 8, "partner_economies", "jpn", "did you mean 'JPN'?")]),
    Case("economy-name-for-code", _cell(P, "7", "partner_economies", "Japan"),
         [Expect(P, 8, "partner_economies", "Japan", "did you mean 'JPN'?")]),
    Case("city-name-for-id", _cell(P, "5", "city_ids", "Phnom Penh"),
         [Expect(P, 6, "city_ids", "Phnom Penh", "did you mean 'phnom-penh'?")]),
    Case("list-trailing-semicolon", _cell(P, "17", "partner_economies", "USA;CHN;"),
         [Expect(P, 18, "partner_economies", "USA;CHN;", "an empty item")]),
    Case("list-spaces-around-semicolon", _cell(P, "9", "partner_economies", "CHE ; SWE"),
         [Expect(P, 10, "partner_economies", "CHE ; SWE", "spaces around ';'")]),
    Case("list-repeated-item", _cell(P, "18", "partner_economies", "DEU;CHN;DEU"),
         [Expect(P, 19, "partner_economies", "DEU;CHN;DEU", "a repeated item: 'DEU'")]),
    Case("commitment-unknown-partnership", _cell(M, "7", "partnership_ids", "99"),
         [Expect(M, 8, "partnership_ids", "99", "unknown: '99'; each item must be a partnership_id")]),
    Case("city-id-renamed-breaks-references", _cell(C, "hanoi", "city_id", "ha-noi"),
         [Expect(P, 11, "city_ids", "hanoi", "unknown: 'hanoi' (did you mean 'ha-noi'?)")]),
    # -- years
    Case("year-as-decimal", _cell(P, "4", "year", "2019.0"),
         [Expect(P, 5, "year", "2019.0", "a number with decimals")]),
    Case("year-fiscal", _cell(P, "18", "year", "FY2019"), [Expect(P, 19, "year", "FY2019", "not a four-digit year")]),
    Case("year-too-old", _cell(P, "12", "year", "1850"), [Expect(P, 13, "year", "1850", "1850 is before 1990")]),
    Case("year-in-future", _cell(P, "19", "year", FUTURE), [Expect(P, 20, "year", FUTURE, "is in the future")]),
    Case("year-without-source", _cell(P, "3", "year", "2019"),
         [Expect(P, 4, "year_source", "", "a year needs a year_source")]),
    # -- rows and cells
    Case("duplicate-partnership-id", _cell(P, "6", "partnership_id", "5"), [
        Expect(P, 6, "partnership_id", "5", "must be unique; '5' is on lines 6, 7"),
        Expect(P, 7, "partnership_id", "5", "must be unique; '5' is on lines 6, 7"),
    ]),
    Case("duplicate-row-new-id", _append_copy(P, "13", "99"), [
        Expect(P, 14, "", None, f"duplicate row: same values in every column but the id as another row (lines 14, {_LAST_LINE_P + 1})"),
        Expect(P, _LAST_LINE_P + 1, "", None,
               f"duplicate row: same values in every column but the id as another row (lines 14, {_LAST_LINE_P + 1})"),
        # A pasted Table 2 row under a new number would claim a row of the paper that is not there.
        Expect(P, _LAST_LINE_P + 1, "provenance", "table-2", "provenance 'table-2' is only for Table 2's rows"),
    ]),
    Case("title-empty", _cell(P, "10", "title", ""), [Expect(P, 11, "title", "", "a value is required")]),
    Case("title-trailing-space", _cell(P, "5", "title", "Pundi X and City of Phnom Penh "),
         [Expect(P, 6, "title", "Pundi X and City of Phnom Penh ", "ends with a space")]),
    Case("source-url-without-scheme", _cell(P, "2", "source_url", "www.usascp.org/asean-smart-cities"),
         [Expect(P, 3, "source_url", "www.usascp.org/asean-smart-cities", "a full http(s):// address")]),
    # -- header and file
    Case("column-missing", _drop_column(P, "notes"), [Expect(P, 1, "notes", None, "required column is missing")]),
    Case("column-misspelt", _rename_column(P, "focus_area", "focus_areas"),
         [Expect(P, 1, "focus_areas", "focus_areas", "did you mean 'focus_area'?")]),
    Case("column-unknown-extra", _add_column(C, "population"),
         [Expect(C, 1, "population", "population", "unknown column; allowed columns: city_id,")]),
    Case("column-twice", _add_column(P, "notes"), [Expect(P, 1, "notes", "notes", "column appears twice")]),
    Case("header-only-partnerships", _header_only(P), [Expect(P, 0, "", None, "file has a header but no rows")], app=True),
    Case("header-only-cities", _header_only(C), [Expect(C, 0, "", None, "file has a header but no rows")]),
    Case("header-only-economies", _header_only(ECON), [Expect(ECON, 0, "", None, "file has a header but no rows")]),
    # Decision (docs/data-contract.md): no commitments is a legitimate state ("none recorded"); no events is refused
    # (the story chart is drawn from them). tests/unit/test_validator_agrees_with_start_up.py builds the app on each.
    Case("header-only-events", _header_only(E), [Expect(E, 0, "", None, "file has a header but no rows")], app=True),
    Case("header-only-commitments-is-accepted", _header_only(M)),
    Case("file-empty", _write_bytes(M, lambda _raw: b""), [Expect(M, 0, "", None, "file is empty; expected a header line")]),
    Case("file-missing", lambda d: (d / E).unlink(), [Expect(E, 0, "", None, "file is missing")], app=True),
    # -- encodings and CSV dialects
    Case("utf8-bom", _write_bytes(C, lambda raw: b"\xef\xbb\xbf" + raw), [Expect(C, 1, "", None, "byte-order mark (BOM)")], app=True),
    Case("latin1", _write_bytes(P, lambda raw: raw.decode("utf-8").encode("latin-1", errors="replace")), [
        Expect(P, 13, "title", "Dassault Systèmes and Virtual 3d Singapore", "byte 0xE8 ('è' in Latin-1/Windows-1252) is not UTF-8"),
        Expect(P, 13, "organisations", "Dassault Systèmes;Virtual Singapore", "byte 0xE8"),
        Expect(P, 13, "year_source", "Virtual Singapore with Dassault Systèmes, launched December 2014: CityMetric, 'Planners are building a 3d computer "
                                     "model of the whole of Singapore'; engineering.com, 'Dassault Systèmes and Singapore Team Up to Create 3D Model of an "
                                     "Entire Country'", "byte 0xE8"),
    ], app=True),
    Case("excel-unicode-text-utf16", _write_bytes(E, lambda raw: raw.decode("utf-8").replace(",", "\t").encode("utf-16")),
         [Expect(E, 0, "", None, "file is UTF-16")]),
    Case("excel-semicolon-csv", _excel_semicolons, [
        Expect(P, 1, "", ";".join(COLUMNS[P]), "the header is one ';'-separated field: save the file comma-separated"),
    ]),
    # Decision: CRLF is accepted. Excel on Windows writes it, every CSV reader copes, and
    # refusing it would make a round trip through Excel look like a broken record.
    Case("crlf-line-ends-are-accepted", _crlf_everywhere),
    Case("ragged-row-unquoted-comma", _text(P, "5,table-2,Pundi x and City of Phnom Penh,", "5,table-2,Pundi x and City of Phnom Penh, Cambodia,"),
         [Expect(P, 6, "", None, "row has 14 fields but the header has 13: a value that contains a comma must be in double quotes")],
         app=True),
    Case("ragged-row-missing-field", _text(P, "KOR,singapore,industry-innovation,", "KOR,industry-innovation,"),
         [Expect(P, 2, "", None, "row has 12 fields but the header has 13: a field or a comma is missing")]),
    Case("quote-unterminated-mid-file", _text(P, "5,table-2,Pundi x and City of Phnom Penh,", '5,table-2,"Pundi x and City of Phnom Penh,'),
         [Expect(P, 6, "", None, "a double quote in this row is not where CSV allows it")]),
    Case("quote-unterminated-at-end", _drop_final_quote,
         [Expect(P, _LAST_LINE_P, "", None, "a double quote opened in this row is never closed")]),
    # -- cities
    Case("city-outside-southeast-asia", _cell(C, "manila", "lat", "41.6042"),
         [Expect(C, 20, "lat", "41.6042", "outside Southeast Asia; a decimal latitude inside Southeast Asia (-12.0 to 29.0)")]),
    Case("city-lat-lon-swapped", _swap_lat_lon, [
        Expect(C, 22, "lat", "100.50144", "a plausible longitude (lat and lon swapped?)"),
        Expect(C, 22, "lon", "13.75398", "a plausible latitude (lat and lon swapped?)"),
    ]),
    Case("city-member-state-not-asean", _cell(C, "kuching", "member_state", "JPN"),
         [Expect(C, 14, "member_state", "JPN", "'JPN' is in economies.csv but is not an ASEAN member state")]),
    Case("city-joined-before-network", _cell(C, "rayong", "joined", "2017"),
         [Expect(C, 27, "joined", "2017", "2017 is before 2018")]),
    Case("economy-flag-excel-uppercase", _cell(ECON, "BRN", "asean_member", "TRUE"),
         [Expect(ECON, 2, "asean_member", "TRUE", "must be true or false")]),
    # -- commitments and events
    Case("amount-10m", _cell(M, "2", "amount", "10m"), [Expect(M, 3, "amount", "10m", "digits only")]),
    Case("amount-thousands-separators", _cell(M, "2", "amount", "10,000,000"), [Expect(M, 3, "amount", "10,000,000", "digits only")]),
    Case("amount-without-currency", _cell(M, "3", "currency", ""), [Expect(M, 4, "currency", "", "an amount and its currency go together")]),
    Case("currency-is-a-country-code", _cell(M, "3", "currency", "AUS"),
         [Expect(M, 4, "currency", "AUS", "'AUS' is a country code (Australia), not a currency (did you mean 'AUD'?)")]),
    Case("usd-rate-without-date", _cell(M, "3", "usd_rate", "0.71"),
         [Expect(M, 4, "usd_rate_date", "", "a conversion to USD needs both usd_rate and usd_rate_date")]),
    Case("date-day-month-year", _cell(M, "1", "date", "15/11/2018"),
         [Expect(M, 2, "date", "15/11/2018", "day/month/year; write 2018-11-15")], app=True),
    Case("end-date-before-date", _cell(M, "4", "end_date", "2019-10-01"),
         [Expect(M, 5, "end_date", "2019-10-01", "end_date must not be before date")]),
    Case("event-month-13", _cell(E, "9", "date", "2019-13-01"), [Expect(E, 10, "date", "2019-13-01", "there is no month 13")]),
    # A commitment the source dates by years only keeps the year (YYYY); an event needs at least its month.
    Case("commitment-year-only-date-is-accepted", _both(_cell(M, "8", "date", "2018"), _cell(M, "8", "end_date", "2023"))),
    Case("commitment-year-only-date-out-of-range", _cell(M, "8", "date", "1899"),
         [Expect(M, 9, "date", "1899", "year 1899 is out of range; an ISO date YYYY-MM-DD, YYYY-MM if only the month is known, "
                 "or YYYY if only the year is known")]),
    Case("commitment-year-only-end-before-start", _cell(M, "8", "end_date", "2017"),
         [Expect(M, 9, "end_date", "2017", "end_date must not be before date")]),
    Case("event-year-only-is-refused", _cell(E, "9", "date", "2019"),
         [Expect(E, 10, "date", "2019", "not a date in the form YYYY-MM-DD; an ISO date YYYY-MM-DD, or YYYY-MM if only the month is known")]),
    # -- geometry
    Case("geometry-bow-tie", lambda d: edit_geometry(d, _bow_tie), [Expect(G, 0, SGP, None, "the outline crosses itself")], app=True),
    Case("geometry-lat-lon-order", lambda d: edit_geometry(d, _lat_lon_order),
         [Expect(G, 0, THA, _swapped_bounds("THA"), "GeoJSON wants [longitude, latitude]")]),
    Case("geometry-member-missing", lambda d: edit_geometry(d, lambda data: data["features"].remove(feature(data, "BRN"))),
         [Expect(G, 0, "", "BRN", "ASEAN member state (per economies.csv) has no feature")]),
    Case("geometry-null", lambda d: edit_geometry(d, lambda data: feature(data, "LAO").update(geometry=None)),
         [Expect(G, 0, feature_label("LAO"), None, "geometry must be a Polygon or MultiPolygon")]),
    Case("geometry-not-json", _write_bytes(G, lambda raw: raw[: len(raw) // 2]), [Expect(G, 1, "", None, "not valid JSON")]),
    # -- the record's own rules (issue 10): followable years, provenance, quoted sources, organisations, network size
    Case("year-source-generic", _cell(P, "4", "year_source", "(public reporting)"),
         [Expect(P, 5, "year_source", "(public reporting)", "a year_source must say where the year can be checked")], app=True),
    Case("year-source-without-a-date", _cell(P, "4", "year_source", "Fresh News Asia"),
         [Expect(P, 5, "year_source", "Fresh News Asia", "its date (with the year)")]),
    Case("later-row-without-a-quote", _cell(P, "26", "notes", "Selected in 2020 according to the ministry."),
         [Expect(P, 27, "notes", "Selected in 2020 according to the ministry.", "must quote, in notes, the sentence of its source")]),
    Case("later-row-without-an-address", _cell(P, "25", "source_url", ""),
         [Expect(P, 26, "source_url", "", "a row from later reporting needs the address of its source")]),
    Case("table-2-claimed-by-a-later-row", _cell(P, "26", "provenance", "table-2"),
         [Expect(P, 27, "provenance", "table-2", "provenance 'table-2' is only for Table 2's rows")]),
    Case("provenance-misspelt", _cell(P, "3", "provenance", "table 2"),
         [Expect(P, 4, "provenance", "table 2", "must be one of: table-2, later-reporting (did you mean 'table-2'?)")]),
    Case("organisation-under-a-country-code", _both(_cell(ECON, "eu", "code", "EST"), _cell(M, "12", "partner_economies", "EST")),
         [Expect(ECON, 26, "kind", "organisation", "kind must match the code")]),
    Case("organisation-as-asean-member", _cell(ECON, "eu", "asean_member", "true"),
         [Expect(ECON, 26, "asean_member", "true", "an organisation is not an ASEAN member state")]),
    Case("network-size-without-quote", _cell("network_size.csv", "8", "quote", ""),
         [Expect("network_size.csv", 9, "quote", "", "a value is required")]),
    Case("more-cities-than-the-latest-count", _cell("network_size.csv", "8", "count", "26"),
         [Expect("network_size.csv", 9, "count", "26", f"cities.csv names {_NAMED_CITIES} cities, more than the latest count")]),
    # -- hostile or careless input that once crashed the validator (issue 9, item 4)
    Case("id-too-large-for-64-bits", _cell(P, "20", "partnership_id", HUGE),
         [Expect(P, 21, "partnership_id", HUGE, "too large; a whole number from 1 to 9007199254740991")], app=True),
    Case("commitment-id-too-large", _cell(M, "8", "commitment_id", HUGE),
         [Expect(M, 9, "commitment_id", HUGE, "too large")]),
    Case("event-id-too-large", _cell(E, "11", "event_id", HUGE), [Expect(E, 11, "event_id", HUGE, "too large")]),
    Case("amount-infinite", _cell(M, "2", "amount", INFINITE),
         [Expect(M, 3, "amount", INFINITE, "too large to be an amount")], app=True),
    Case("usd-rate-infinite", _both(_cell(M, "3", "usd_rate", INFINITE), _cell(M, "3", "usd_rate_date", "2019-04-01")),
         [Expect(M, 4, "usd_rate", INFINITE, "too large")]),
    Case("cell-longer-than-csv-field-limit", _cell(P, "19", "notes", LONG),
         [Expect(P, 20, "notes", LONG[:60] + "...", "200000 characters long; a cell holds at most 131072")], app=True),
    Case("text-cell-with-nul", _cell(P, "10", "title", "Cisco\x00 and City of Hanoi on Smart Utilities"),
         [Expect(P, 11, "title", "Cisco\x00 and City of Hanoi on Smart Utilities", "a control character (U+0000)")], app=True),
    Case("text-cell-with-escape-and-tab", _cell(E, "2", "notes", "Held alongside\tthe \x1b[31mWorld Cities Summit"),
         [Expect(E, 3, "notes", "Held alongside\tthe \x1b[31mWorld Cities Summit", "a control character (U+0009)")]),
    Case("title-only-zero-width", _cell(P, "10", "title", "\u200b\u200c\u2060"),
         [Expect(P, 11, "title", "\u200b\u200c\u2060", "only invisible characters")], app=True),
    Case("file-is-a-directory", _replace_with_directory(E), [Expect(E, 0, "", None, "cannot be read: it is a directory")], app=True),
    Case("geometry-is-a-directory", _replace_with_directory(G), [Expect(G, 0, "", None, "cannot be read: it is a directory")]),
    Case("geometry-properties-not-an-object", lambda d: edit_geometry(d, lambda data: feature(data, "LAO").update(properties=["Laos"])),
         [Expect(G, 0, feature_label("LAO"), "['Laos']", "properties must be an object")], app=True),
    Case("geometry-feature-not-an-object", lambda d: edit_geometry(d, lambda data: data["features"].append("Laos")),
         [Expect(G, 0, f"feature {N_FEATURES + 1}", "'Laos'", "a feature must be an object")]),
    Case("geometry-nested-past-json-limit", _write_bytes(G, lambda raw: raw.replace(b'"coordinates":', b'"coordinates":' + b"[" * 100_000, 1)),
         [Expect(G, 0, "", None, "arrays nested too deeply")], app=True),
    Case("geometry-nested-past-shapely-limit", lambda d: edit_geometry(d, _deep_coordinates),
         [Expect(G, 0, SGP, None, "geometry cannot be read: arrays nested")]),
]


def matches(problem, expect: Expect) -> bool:
    return (problem.file, problem.line, problem.column, problem.value) == (expect.file, expect.line, expect.column, expect.value) \
        and expect.phrase in problem.message

APP_CASES = [c for c in CASES if c.app]
