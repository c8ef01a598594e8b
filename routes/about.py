"""The about page (/about): what the dashboard shows, its sources and their disagreements, the columns, how to cite."""

import datetime
import functools
from pathlib import Path

import jinja2
from flask import Flask, Response

from ascn import columns, wording
from ascn.changelog import read_changelog
from ascn.dataset import Dataset
from ascn.filters import PROVENANCE_LABELS, UNKNOWN_YEAR_CHOICES
from ascn.settings import Settings

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# The record's other sources, worded as in the data files' `source` columns (a unit test holds them to that),
# each with what the record takes from it.
OTHER_SOURCES: tuple[tuple[str, str], ...] = (
    ("ASEAN, 'Concept Note of the ASEAN Smart Cities Network', 27 April 2018",
     "the network's founding document, released at the 32nd ASEAN Summit, and its 26 pilot cities"),
    ("VNA (Vietnam News Agency), July 2018, report on the first ASCN meeting in Singapore",
     "the inaugural ASCN meeting of July 2018"),
    ("WeGO (World Smart Sustainable Cities Organization), 'Regional Networks: ASEAN Smart Cities Network' programme page",
     "the 2019 workshop and annual meeting in Bangkok and the WeGO-ASCN Mayoral Conference in Seoul"),
    ("Bangkok Post, 28 July 2023, '3 provinces join Asean smart cities'",
     "Chiang Mai, Khon Kaen and Rayong joining the network in July 2023"),
    ("SEAsia, 17 December 2024, 'ASCN adds 5 more smart cities to 2024 network, 31 cities in total'",
     "Sumedang and Sihanoukville joining in 2024, and the view that the Thai cities joined then too"),
    ("METI (Japan), press release, 31 October 2024",
     "\u201cThirty-one model cities\u201d in October 2024"),
    ("The Sun (Malaysia), 6 April 2025, 'Malaysia gears up to host ASEAN AI summit, SE Asia's inaugural smart city expo'",
     "the network's 34 cities of 2025"),
    ("Antara, June 2024, 'Ditjen Bina Adwil matangkan persiapan RI di ASEAN Smart Cities Network'",
     "31 cities in June 2024, Sumedang and Sihanoukville among them, and the Thai cities dated to 2024"),
    ("Manila Bulletin, 4 October 2025, 'DILG: PH assumes 2026 ASEAN Smart Cities Network leadership'",
     "Cauayan City (Philippines) joining in 2025"),
)


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


def page_context(dataset: Dataset, base_url: str | None, today: str) -> dict:
    """Everything the template shows, from the loaded dataset (nothing is read from disk here)."""
    partnerships = dataset.partnerships
    economies = dataset.economies
    cities = dataset.cities
    members = set(economies.index[economies["asean_member"]])
    unknown = partnerships[partnerships["year"].isna()]
    table_2 = partnerships[partnerships["provenance"] == "table-2"]
    first_year = int(cities["joined"].min())
    older = partnerships[partnerships["year"].notna() & (partnerships["year"] < first_year)]
    editions = read_changelog(dataset.data_dir)
    sizes = dataset.size_by_year()
    intra = partnerships[partnerships["partner_economies"].map(lambda codes: set(codes) <= members)]
    partners = {code for codes in partnerships["partner_economies"] for code in codes} - members
    return {
        "site_name": wording.SITE_NAME,
        "site_short": wording.SITE_SHORT,
        "dashboard": wording.DASHBOARD,
        "about_title": wording.ABOUT_TITLE,
        "back_to_map": wording.BACK_TO_MAP,
        "provenance_labels": PROVENANCE_LABELS,
        "version": dataset.version,
        "data_date": columns.DATA_DATE,
        "counts": {
            "cities": len(cities),
            "member_states": cities["member_state"].nunique(),
            "partnerships": len(partnerships),
            "table_2": len(table_2),
            "later": len(partnerships) - len(table_2),
            "partner_economies": len(partners),
            "commitments": len(dataset.commitments),
            "events": len(dataset.events),
        },
        "pilot_cities": int((cities["joined"] == cities["joined"].min()).sum()),
        "columns": columns.PARTNERSHIP_COLUMNS,
        "iseas_paper": columns.ISEAS_PAPER,
        "iseas_url": columns.ISEAS_PAPER_URL,
        "other_sources": OTHER_SOURCES,
        "licence_statement": columns.LICENCE_STATEMENT,
        "unknown_ids": [int(i) for i in unknown.index],
        "unknown_table_2": [int(i) for i in unknown.index if i in table_2.index],
        "network_founded": first_year,
        "older_rows": [{"id": int(pid), "year": int(row["year"]), "title": row["title"]} for pid, row in older.iterrows()],
        "followable": int((partnerships["year"].notna() & (partnerships["year_source_url"] != "")).sum()),
        "dated": int(partnerships["year"].notna().sum()),
        "sizes": [{"year": int(year), "count": int(row["count"]), "named": int(row["named"]),
                   "stated": ", ".join(str(c) for c in row["counts_stated"])} for year, row in sizes.iterrows()],
        "size_facts": [{"date": row["date"], "count": int(row["count"]), "source": row["source"], "url": row["source_url"],
                        "quote": row["quote"], "notes": row["notes"]} for _, row in dataset.network_size.sort_values("date").iterrows()],
        "organisations": [str(name) for name in economies.loc[economies["kind"] == "organisation", "name"]],
        "edition": editions[0] if editions else None,
        "editions": editions,
        "unknown_labels": list(UNKNOWN_YEAR_CHOICES.values()),
        "intra_asean": [
            {"id": int(pid), "title": row["title"],
             "partners": ", ".join(dataset.economy_name(c) for c in row["partner_economies"]),
             "cities": ", ".join(str(cities.at[c, "name"]) for c in row["city_ids"]),
             "notes": row["notes"]}
            for pid, row in intra.iterrows()
        ],
        "profiles_title": wording.PROFILES_TITLE, "profiles_intro": wording.PROFILES_INTRO, "profiles_link": wording.PROFILES_INDEX_LINK,
        "profile_links": profile_links(dataset),
        "base_url": base_url,
        "citation": columns.citation(dataset.version, base_url, today, verb="accessed"),
    }


def profile_links(dataset: Dataset) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Every profile (ascn/profiles.py: partners are the economies that are not members), by kind, by name."""
    economies = dataset.economies.sort_values("name")
    cities = dataset.cities.sort_values("name")
    named = list(zip(economies.index, economies["name"], economies["asean_member"]))
    return [
        (wording.PROFILE_KIND_PLURALS["partner"], "partner", [(c, n) for c, n, member in named if not member]),
        (wording.PROFILE_KIND_PLURALS["member-state"], "member-state", [(c, n) for c, n, member in named if member]),
        (wording.PROFILE_KIND_PLURALS["city"], "city", list(zip(cities.index, cities["name"]))),
    ]


def render(context: dict) -> str:
    return _environment().get_template("about.html").render(**context)


def register(server: Flask, dataset: Dataset, settings: Settings) -> None:
    """Add ``GET /about``, about ``dataset``, to the Flask server under Dash."""

    @server.get("/about")
    def about():
        today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
        # The configured public address, never the request's Host header (None: the citation names no address).
        html = render(page_context(dataset, settings.public_url, today))
        return Response(html, mimetype="text/html")
