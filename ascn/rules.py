"""Rules about the record beyond one cell: references between files, what a kind of economy's code
looks like, provenance, where a year was found, duplicates, and the rows' own consistency (dates,
money). The per-file schemas (ascn/schemas.py) put these rules on their rows."""

import dataclasses
import difflib
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa
import pycountry

from ascn.cells import SLUG, iso3_ok, one_of, split_list, whole_ok
from ascn.checks import Explain, FileSchema, per_value, row_check
from ascn.filters import PROVENANCE_LABELS

COMMITMENT_KINDS = ("statement", "funding")
ECONOMY_KINDS = ("country", "organisation")
PROVENANCES = tuple(PROVENANCE_LABELS)  # the codes; their labels are the filter kind's (ascn.filters)
TABLE_2_ROWS = range(1, 21)
ORG_CODE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


# -- references between files ----------------------------------------------------------------

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


def economy_references(economies: pd.DataFrame) -> References:
    """The codes and names economies.csv offers to the other files."""
    flags = economies["asean_member"]
    return References(
        economies=frozenset(economies["code"]),
        # One bad flag (Excel writes TRUE) must not make a member's cities look foreign: judge membership only when every flag is clear.
        # An organisation marked as a member is its own problem (economies.csv); it must not also ask for a map shape.
        members=frozenset(economies.loc[(flags == "true") & (economies["kind"] != "organisation"), "code"])
        if flags.isin(["true", "false"]).all() else None,
        economy_names={name.strip().lower(): code for code, name in zip(economies["code"], economies["name"])},
    )


def with_cities(refs: References, cities: pd.DataFrame) -> References:
    """``refs`` plus the city ids of cities.csv, and every city's name and alias leading to its id."""
    names = {}
    for city_id, name, aliases in zip(cities["city_id"], cities["name"], cities["aliases"]):
        for label in [name, *split_list(aliases)]:
            names[label.strip().lower()] = city_id
    return dataclasses.replace(refs, city_ids=frozenset(cities["city_id"]), city_names=names)


def with_partnerships(refs: References, partnerships: pd.DataFrame) -> References:
    return dataclasses.replace(refs, partnership_ids=frozenset(partnerships["partnership_id"]))


def list_refs(allowed: Collection[str] | None, what: str, code: str,
              hint: Callable[[str], str | None] | None = None) -> tuple[pa.Check | None, Explain | None]:
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
        return f"unknown: {', '.join(_unknown(item, allowed, hint) for item in bad)}; {error}"

    return per_value(lambda v: all(i.strip() in allowed for i in split_list(v) if i.strip()), error, code), explain


def _unknown(item: str, allowed: frozenset[str], hint: Callable[[str], str | None] | None) -> str:
    """An unknown item, with the hint for it, or else a close spelling."""
    note = hint(item) if hint else None
    if note is None:
        guess = difflib.get_close_matches(item, sorted(allowed), n=1)
        note = f" (did you mean '{guess[0]}'?)" if guess else ""
    return f"'{item}'{note}"


def city_hint(names: Mapping[str, str]) -> Callable[[str], str | None]:
    """Suggest the city_id for a city's name or alias (``Phnom Penh`` -> ``phnom-penh``)."""
    def hint(item: str) -> str | None:
        if item.lower() in names:
            # 'Phnom Penh' is a name typed for an id; 'hanoi' after a rename is just an old id.
            what = "" if SLUG.match(item) else "a city's name, not its id: "
            return f" ({what}did you mean '{names[item.lower()]}'?)"
        hit = names.get(item.lower().replace("-", " "))
        return f" (did you mean '{hit}'?)" if hit else None
    return hint


def economy_hint(allowed: frozenset[str], names: Mapping[str, str]) -> Callable[[str], str | None]:
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


def economy_refs(refs: References) -> tuple[pa.Check | None, Explain | None]:
    hint = None if refs.economies is None else economy_hint(refs.economies, refs.economy_names)
    return list_refs(refs.economies, "an economy code from economies.csv (ISO alpha-3)", "economy-ref", hint)


def member_state(refs: References) -> tuple[pa.Check | None, Explain | None]:
    """A city's member_state: an ASEAN member of economies.csv; an economy that is not a member is named as such."""
    check, plain = one_of(None if refs.members is None else sorted(refs.members), "an ASEAN member state code from economies.csv", "member-state")
    if plain is None:
        return check, None

    def explain(value: str) -> str:
        if refs.economies is not None and value in refs.economies:
            return f"'{value}' is in economies.csv but is not an ASEAN member state; {check.error}"
        return plain(value)
    return check, explain


# -- economies -------------------------------------------------------------------------------

ECONOMY_CODE = ("an ISO 3166-1 alpha-3 code in capitals for a country (e.g. JPN), or a lowercase short name for an organisation "
                "that is not a country (e.g. eu, adb)")


def org_code_ok(value: str) -> bool:
    """An organisation's code: a lowercase short name (``eu``, ``adb``) that no country code could be mistaken for."""
    return bool(ORG_CODE.match(value)) and len(value) <= 20 and not iso3_ok(value.upper())


def economy_code_ok(value: str) -> bool:
    return iso3_ok(value) or org_code_ok(value)


def _kind_matches_code(kinds: pd.Series, codes: pd.Series) -> pd.Series:
    """Judged only where both cells are valid on their own: one slip gets one message."""
    iso, org = codes.map(iso3_ok).astype(bool), codes.map(org_code_ok).astype(bool)
    return ((kinds == "country") & iso) | ((kinds == "organisation") & org) | ~kinds.isin(ECONOMY_KINDS) | ~(iso | org)


def economy_rows(fs: FileSchema) -> list[pa.Check]:
    return [
        # A made-up country code would put an organisation on the map as a country, and the reverse hides a country.
        row_check(fs, "kind-matches-code", "kind",
                  "kind must match the code: 'country' for an ISO alpha-3 code in capitals, 'organisation' for a lowercase name",
                  lambda df: _kind_matches_code(df["kind"], df["code"])),
        row_check(fs, "organisation-not-member", "asean_member", "an organisation is not an ASEAN member state: asean_member must be false",
                  lambda df: ~((df["kind"] == "organisation") & (df["asean_member"] == "true"))),
    ]


# -- rows in general -------------------------------------------------------------------------

DUPLICATE_ROW = "duplicate-row"  # the validator names the twin rows of a failure of this check


def duplicate_rows(fs: FileSchema, id_column: str) -> pa.Check:
    return row_check(
        fs, DUPLICATE_ROW, "", "duplicate row: same values in every column but the id as another row",
        lambda df: ~_rows_as_tuples(df.drop(columns=[id_column])).duplicated(keep=False),
    )


def _rows_as_tuples(df: pd.DataFrame) -> pd.Series:
    """One tuple per row: hashing tuples of strings is about twice as fast as DataFrame.duplicated."""
    return pd.Series(list(zip(*(df[c].to_numpy(dtype=object) for c in df.columns))), index=df.index, dtype=object)


def ends_after_start(fs: FileSchema) -> pa.Check:
    # Compare as text: ISO dates sort correctly, and YYYY-MM sorts before its days (YYYY before its months).
    return row_check(fs, "end-after-start", "end_date", "end_date must not be before date",
                     lambda df: (df["end_date"] == "") | (df["end_date"] >= df["date"]))


# -- partnerships: provenance and where a year was found -------------------------------------

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


def _table_2_row(df: pd.DataFrame) -> pd.Series:
    """'table-2' only on ids 1 to 20 (an id that is not a whole number is the id check's to report)."""
    ids = df["partnership_id"]
    return (df["provenance"] != "table-2") | ~ids.map(whole_ok).astype(bool) | ids.map(lambda v: int(v) in TABLE_2_ROWS if whole_ok(v) else False)


def partnership_rows(fs: FileSchema) -> list[pa.Check]:
    later = "later-reporting"
    return [
        duplicate_rows(fs, "partnership_id"),
        row_check(fs, "year-needs-source", "year_source", "a year needs a year_source saying where it was found",
                  lambda df: (df["year"] == "") | (df["year_source"] != "")),
        row_check(fs, "year-source-followable", "year_source", FOLLOWABLE,
                  lambda df: (df["year"] == "") | (df["year_source"] == "") | df["year_source"].map(followable).astype(bool)),
        row_check(fs, "table-2-rows", "provenance", "provenance 'table-2' is only for Table 2's rows: partnership_id 1 to 20", _table_2_row),
        row_check(fs, "later-reporting-quotes", "notes", QUOTED,
                  lambda df: (df["provenance"] != later) | df["notes"].map(quotes_source).astype(bool)),
        row_check(fs, "later-reporting-source-url", "source_url", "a row from later reporting needs the address of its source in source_url",
                  lambda df: (df["provenance"] != later) | (df["source_url"] != "")),
    ]


# -- commitments: money and Table 1 ----------------------------------------------------------

def _converted(df: pd.DataFrame) -> pd.Series:
    """No conversion at all, or a complete one: rate, its date, an amount, in a currency other than USD."""
    rate, rate_date = df["usd_rate"], df["usd_rate_date"]
    return ((rate == "") & (rate_date == "")) | ((rate != "") & (rate_date != "") & (df["amount"] != "") & (df["currency"] != "USD"))


def commitment_rows(fs: FileSchema) -> list[pa.Check]:
    return [
        duplicate_rows(fs, "commitment_id"),
        row_check(fs, "amount-with-currency", "currency", "an amount and its currency go together",
                  lambda df: (df["amount"] == "") == (df["currency"] == "")),
        row_check(fs, "usd-conversion", "usd_rate_date",
                  "a conversion to USD needs both usd_rate and usd_rate_date, an amount, and a currency other than USD", _converted),
        ends_after_start(fs),
        row_check(fs, "table1-row-once", "table1_row", "each Table 1 row appears once",
                  lambda df: (df["table1_row"] == "") | ~df["table1_row"].duplicated(keep=False)),
    ]
