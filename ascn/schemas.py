"""One schema per CSV file of the record: its columns, what each cell may hold, and the rules on its rows.

The cell checks are in ascn/cells.py, the rules about the record (references, provenance, year
sources, money) in ascn/rules.py; explainers are keyed by each check's code (ascn/checks.py).
"""

import pandera.pandas as pa

from ascn import numbers, rules, vocab
from ascn.cells import (
    CURRENCY,
    SLUG,
    WHOLE,
    col,
    currency_ok,
    date,
    explain_coordinate,
    explain_currency,
    explain_number,
    explain_year,
    id_col,
    in_box,
    list_shape,
    matches,
    number_ok,
    one_of,
    required,
    text,
    url,
    year_ok,
)
from ascn.cells import build_file as _build
from ascn.checks import FileSchema, per_value, safe
from ascn.rules import References

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

# Files that must hold at least one row: without them there is no map and no record, and a
# header-only file is what a failed export or an over-eager filter leaves behind. An empty
# commitments.csv or events.csv only means "none recorded": the dashboard shows nothing there.
NON_EMPTY = {
    vocab.ECONOMIES: "the economies that cities and partnerships refer to",
    vocab.CITIES: "the network's cities",
    vocab.PARTNERSHIPS: "the partnerships",
    vocab.EVENTS: "the network's milestones (the story chart and the network's timeline are drawn from them)",
}


def economies_schema() -> FileSchema:
    kind_check, kind_explain = one_of(rules.ECONOMY_KINDS, "a kind", "kind")
    fs = _build({
        "code": col(per_value(rules.economy_code_ok, rules.ECONOMY_CODE, "economy-code"), unique=True),
        "name": col(required(), unique=True),
        "asean_member": col(pa.Check.isin(["true", "false"], error="must be true or false", name="true-or-false", ignore_na=False)),
        "kind": col(kind_check),
    }, {"kind": kind_explain})
    fs.schema.checks = rules.economy_rows(fs)
    return fs


def cities_schema(refs: References) -> FileSchema:
    member_check, member_explain = rules.member_state(refs)
    lat_error = f"a decimal latitude inside Southeast Asia ({vocab.SEA_LAT[0]} to {vocab.SEA_LAT[1]})"
    lon_error = f"a decimal longitude inside Southeast Asia ({vocab.SEA_LON[0]} to {vocab.SEA_LON[1]})"
    joined_error = f"a four-digit year from {vocab.NETWORK_FOUNDED} to {vocab.YEAR_MAX}"
    fs = _build({
        "city_id": col(matches(SLUG, "a lowercase ascii slug such as phnom-penh", "slug"), unique=True),
        "name": col(required(), unique=True),
        "aliases": col(list_shape()),
        "member_state": col(member_check),
        "lat": col(per_value(in_box(*vocab.SEA_LAT), lat_error, "latitude")),
        "lon": col(per_value(in_box(*vocab.SEA_LON), lon_error, "longitude")),
        "joined": col(per_value(lambda v: year_ok(v, vocab.NETWORK_FOUNDED), joined_error, "joined")),
        "geonames_id": col(matches(WHOLE, "empty, or a GeoNames id (a whole number)", "geonames-id", optional=True)),
        "source": text(),
    }, {
        "member-state": member_explain,
        "latitude": explain_coordinate(lat_error, "longitude", vocab.SEA_LON),
        "longitude": explain_coordinate(lon_error, "latitude", vocab.SEA_LAT),
        "joined": explain_year(joined_error, vocab.NETWORK_FOUNDED),
    })
    fs.schema.checks = [rules.duplicate_rows(fs, "city_id")]
    return fs


def partnerships_schema(refs: References) -> FileSchema:
    econ_check, econ_explain = rules.economy_refs(refs)
    city_check, city_explain = rules.list_refs(refs.city_ids, "a city_id from cities.csv", "city-ref", rules.city_hint(refs.city_names))
    focus_check, focus_explain = one_of(vocab.FOCUS_AREAS, "a focus area", "focus-area")
    year_error = f"empty when unknown, or a four-digit year from {vocab.YEAR_MIN} to {vocab.YEAR_MAX}"
    provenance_check, provenance_explain = one_of(rules.PROVENANCES, "a provenance", "provenance")
    fs = _build({
        "partnership_id": id_col(),
        "provenance": col(provenance_check),
        "title": text(),
        "organisations": col(required(), list_shape()),
        "partner_economies": col(required(), list_shape(), econ_check),
        "city_ids": col(required(), list_shape(), city_check),
        "focus_area": col(focus_check),
        "year": col(per_value(year_ok, year_error, "year", optional=True)),
        "year_source": text(optional=True),
        "year_source_url": url(),
        "source": text(),
        "source_url": url(),
        "notes": text(optional=True),
    }, {"economy-ref": econ_explain, "city-ref": city_explain, "focus-area": focus_explain, "year": explain_year(year_error),
        "provenance": provenance_explain})
    fs.schema.checks = rules.partnership_rows(fs)
    return fs


def commitments_schema(refs: References) -> FileSchema:
    econ_check, econ_explain = rules.economy_refs(refs)
    # No spelling hint for ids: '21' is not a typo of '2'.
    part_check, part_explain = rules.list_refs(refs.partnership_ids, "a partnership_id from partnerships.csv", "partnership-ref", lambda _item: "")
    kind_check, kind_explain = one_of(rules.COMMITMENT_KINDS, "a kind", "kind")
    positive = safe(number_ok)
    amount_error = "empty, or a positive number as stated, digits only (10000000, not 10m or 10,000,000)"
    rate_error = "empty, or US dollars per one unit of the currency"
    fs = _build({
        "commitment_id": id_col(),
        "kind": col(kind_check),
        "title": text(),
        "partner_economies": col(required(), list_shape(), econ_check),
        "date": date(optional=False, year_only=True),
        "end_date": date(optional=True, year_only=True),
        "amount": col(per_value(positive, amount_error, "amount", optional=True)),
        "currency": col(per_value(currency_ok, CURRENCY, "currency", optional=True)),
        "usd_rate": col(per_value(positive, rate_error, "usd-rate", optional=True)),
        "usd_rate_date": date(optional=True),
        "table1_row": col(per_value(lambda v: numbers.whole(v, 1, 6) is not None, "empty, or Table 1's row number, 1 to 6", "table1-row", optional=True)),
        "partnership_ids": col(list_shape(), part_check),
        "source": text(),
        "source_url": url(),
        "notes": text(optional=True),
    }, {"economy-ref": econ_explain, "partnership-ref": part_explain, "kind": kind_explain, "currency": explain_currency,
        "amount": explain_number(amount_error, "an amount"), "usd-rate": explain_number(rate_error, "a rate")})
    fs.schema.checks = rules.commitment_rows(fs)
    return fs


def events_schema() -> FileSchema:
    fs = _build({
        "event_id": id_col(),
        "date": date(optional=False),
        "end_date": date(optional=True),
        "title": text(),
        "location": text(optional=True),
        "source": text(),
        "source_url": url(),
        "notes": text(optional=True),
    })
    fs.schema.checks = [rules.duplicate_rows(fs, "event_id"), rules.ends_after_start(fs)]
    return fs


def network_size_schema() -> FileSchema:
    """network_size.csv: how many cities a dated source says the network has; its quote is what a reader checks."""
    fs = _build({
        "fact_id": id_col(),
        "date": date(optional=False),
        "count": col(per_value(lambda v: WHOLE.fullmatch(v) and numbers.whole(v, 1, 1000) is not None, "a whole number of cities, 1 to 1000", "city-count")),
        "source": text(),
        "source_url": url(),
        "quote": text(),
        "notes": text(optional=True),
    })
    fs.schema.checks = [rules.duplicate_rows(fs, "fact_id")]
    return fs

