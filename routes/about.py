"""The about page (/about): what the dashboard shows, its sources and their disagreements, the columns, how to cite."""

import datetime
import functools
from pathlib import Path

import jinja2
from flask import Flask, Response

from ascn import columns
from ascn.dataset import Dataset
from ascn.query import default_query
from ascn.selection import UNKNOWN_YEAR_CHOICES
from components.controls import UNKNOWN_YEAR_LABELS
from routes.site import public_url

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# The record's other sources, worded as in the data files' `source` columns (a unit test holds them to that),
# each with what the record takes from it.
OTHER_SOURCES: tuple[tuple[str, str], ...] = (
    ("ASEAN, 'Concept Note of the ASEAN Smart Cities Network', 27 April 2018",
     "the network's founding document, released at the 32nd ASEAN Summit, and its 26 pilot cities"),
    ("VNA (Vietnam News Agency), July 2018, report on the first ASCN meeting in Singapore",
     "the inaugural ASCN meeting of 8 July 2018"),
    ("WeGO (World Smart Sustainable Cities Organization), 'Regional Networks: ASEAN Smart Cities Network' programme page",
     "the 2019 workshop and annual meeting in Bangkok and the WeGO-ASCN Mayoral Conference in Seoul"),
    ("News analysis 'COVID-19 pushes ASEAN Smart Cities Network (ASNC)', 2020",
     "the ASEAN summit held online in April 2020"),
    ("Bangkok Post, 28 July 2023, '3 provinces join Asean smart cities'",
     "Chiang Mai, Khon Kaen and Rayong joining the network in July 2023"),
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
    intra = partnerships[partnerships["partner_economies"].map(lambda codes: set(codes) <= members)]
    partners = {code for codes in partnerships["partner_economies"] for code in codes} - members
    return {
        "version": dataset.version,
        "data_date": columns.DATA_DATE,
        "counts": {
            "cities": len(cities),
            "member_states": cities["member_state"].nunique(),
            "partnerships": len(partnerships),
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
        "unknown_labels": [UNKNOWN_YEAR_LABELS[c] for c in UNKNOWN_YEAR_CHOICES],
        "intra_asean": [
            {"id": int(pid), "title": row["title"],
             "partners": ", ".join(dataset.economy_name(c) for c in row["partner_economies"]),
             "cities": ", ".join(str(cities.at[c, "name"]) for c in row["city_ids"]),
             "notes": row["notes"]}
            for pid, row in intra.iterrows()
        ],
        "base_url": base_url,
        "citation": columns.citation(dataset.version, base_url, today, verb="accessed"),
    }


def render(context: dict) -> str:
    return _environment().get_template("about.html").render(**context)


def register(server: Flask) -> None:
    """Add ``GET /about`` to the Flask server under Dash."""

    @server.get("/about")
    def about():
        today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
        # The configured public address, never the request's Host header (None: the citation names no address).
        html = render(page_context(default_query().dataset, public_url(), today))
        return Response(html, mimetype="text/html")
