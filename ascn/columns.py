"""What partnerships.csv's columns mean, and the record's edition, licence and citation: said once here."""

from ascn.vocab import FOCUS_AREAS
from ascn.wording import DASHBOARD  # the citation names the dashboard as the site does

# The date of this edition of the record (when data/ last changed). Git history is not there at run time on
# every machine, so the date is written here: change it whenever the data files change.
DATA_DATE = "2026-12-06"  # the latest entry of data/CHANGELOG.md (a unit test holds them together)

# The main source, worded as in the data files' `source` column (which adds ", Table 2, row N").
ISEAS_PAPER = ("Martinus, M. (2020), 'ASEAN Smart Cities Network: A Catalyst for Partnerships', ISEAS Perspective 2020/32, "
               "ISEAS - Yusof Ishak Institute, 21 April 2020")
ISEAS_PAPER_URL = "https://www.usascp.org/asean-smart-cities-network-a-catalyst-for-partnerships/"

# The terms of reuse, in one place (the about page and every ZIP's README quote this).
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_STATEMENT = (
    f"The compiled data (this dashboard's record of cities, partnerships, commitments and events) is offered for reuse "
    f"with attribution; the proposed licence is {LICENCE} ({LICENCE_URL}). The country shapes come from Natural Earth and "
    f"are in the public domain. The sources keep their own terms: the licence covers the compilation, not the sources' text."
)

# partnerships.csv, column -> meaning, in the file's column order (written from docs/data-contract.md).
PARTNERSHIP_COLUMNS: dict[str, str] = {
    "partnership_id": "Number of the partnership, unique. Rows 1 to 20 keep their numbers from Table 2 of the ISEAS paper.",
    "provenance": ("Where the row comes from: table-2 (one of the twenty rows of the ISEAS paper's Table 2) or later-reporting "
                   "(added from reporting after the paper, with the supporting sentence quoted in notes)."),
    "title": "The partnership as the source names it; for Table 2's rows, exactly as printed (corrections are in organisations and notes).",
    "organisations": "The parties to the partnership, separated by ';'.",
    "partner_economies": ("The economies of the partner side as ISO 3166-1 alpha-3 codes (e.g. JPN, USA), separated by ';'; at least "
                          "one. An ASEAN member here marks a partnership between ASEAN parties."),
    "city_ids": "The network's cities taking part, as ids from cities.csv (e.g. phnom-penh), separated by ';'; at least one.",
    "focus_area": ("One of the six focus areas of the ASEAN Smart Cities Framework: "
                   + ", ".join(f"{slug} ({label.lower()})" for slug, label in FOCUS_AREAS.items()) + "."),
    "year": ("Year of the partnership as found in reporting (the ISEAS table gives no years), four digits; empty when "
             "unknown: no year was found, and none is ever guessed."),
    "year_source": "Where the year was found: the outlet or document and its date; always given when there is a year.",
    "year_source_url": "The address of that report: the item the row is about, to check the year.",
    "source": "Where the partnership comes from: a citation a journalist can follow.",
    "source_url": "A web address of that source, when there is one.",
    "notes": "How an ambiguous source was read, where sources disagree, and anything else a reader should know.",
}


# Exported files only (the CSV download and the ZIP's partnerships.csv): names beside the codes they follow, so a
# reader need not look codes up. data/partnerships.csv itself holds the codes alone.
NAME_COLUMNS: dict[str, dict[str, str]] = {
    "partner_economies": {"partner_names": "The names of the partner economies, in the order of partner_economies, separated by ';'."},
    "city_ids": {"city_names": "The names of the cities, in the order of city_ids, separated by ';'.",
                 "member_state_names": "The ASEAN member states of those cities, each named once, separated by ';'."},
}


def exported_columns() -> dict[str, str]:
    """The exported CSV's columns and their meanings, in its order: the record's columns, each name column after
    the codes it names."""
    out: dict[str, str] = {}
    for column, meaning in PARTNERSHIP_COLUMNS.items():
        out[column] = meaning
        out.update(NAME_COLUMNS.get(column, {}))
    return out


def citation(version: str, url: str | None, when: str, verb: str = "exported") -> str:
    """The text to cite: the dashboard, its data version, when it was ``verb`` (exported, accessed), the view's URL (when
    the dashboard's public address is configured) and the paper."""
    where = f", {url}" if url else ""
    return f"{DASHBOARD}, data version {version}, {verb} {when}{where}. Based on {ISEAS_PAPER}."
