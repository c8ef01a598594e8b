"""Profiles: ``/profiles`` (every profile with its count), ``/profile/<kind>/<code>`` (facts, map, chart,
partnerships with sources, commitments, related profiles; prints as one A4 page) and ``/api/profile/<kind>/<code>.json``
(the facts with their row ids). The facts come from ascn/profiles.py; the figures from the function the app factory
hands in (layouts/profile_figures.py: routes may not import components). Pages carry no inline script: the figures
ride in a JSON data block that static/profile.js draws, so the site's CSP applies unchanged."""

import datetime
import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
from flask import Flask, Response, redirect

from ascn import columns, messages, profiles, wording
from ascn.query import Query
from ascn.selection import Selection
from ascn.settings import Settings
from routes.about import _environment
from routes.pages import not_found_page

STATIC = Path(__file__).resolve().parent.parent / "static"
STATIC_FILES = {"profile.css": "text/css", "profile.js": "text/javascript"}
PRINT_ROWS = 14  # partnerships a printed brief lists; "N more at <address>" counts the rest


def _today() -> str:
    return datetime.datetime.now(datetime.timezone.utc).date().isoformat()


def address(settings: Settings, path: str) -> str:
    """The profile's address: absolute under the configured public address, else the path (never the Host header)."""
    return settings.public_url.rstrip("/") + path if settings.public_url else path


def short_source(url: str) -> str:
    """A source in short form: its site's name ('usascp.org')."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def profile_json(query: Query, profile: profiles.Profile, settings: Settings) -> dict:
    return {
        "kind": profile.kind, "code": profile.code, "name": profile.name, "path": profile.path,
        "address": address(settings, profile.path), "partnerships": profile.count, "total": query.n,
        "view": profile.selection.to_params(), "data_version": query.dataset.version,
        "facts": [fact.as_json() for fact in profile.facts],
        "citation": columns.citation(query.dataset.version, None, _today(), verb="accessed"),
    }


def _rows(query: Query, profile: profiles.Profile) -> list[dict]:
    dataset = query.dataset
    rows = query.columns(profile.selection)
    out = []
    for pid, title, year, partners, cities, url, source in zip(rows["partnership_id"], rows["title"], rows["year"],
                                                               rows["partner_economies"], rows["city_ids"], rows["source_url"], rows["source"]):
        if profile.kind == "partner":
            with_ = [str(query.cities.at[c, "name"]) for c in cities]
        else:
            with_ = [dataset.economy_name(c) for c in partners]
        out.append({"id": int(pid), "title": title, "year": "" if pd.isna(year) else int(year),
                    "with": ", ".join(with_), "url": url, "source": short_source(url) if url else source})
    return out


def _commitments(query: Query, profile: profiles.Profile) -> list[dict]:
    if profile.kind != "partner":
        return []
    rows = query.commitments(Selection(partners=(profile.code,)))
    return [{"id": int(cid), "title": r["title"], "date": r["date"], "amount": wording.amount_as_stated(r["amount"], r["currency"]),
             "url": r["source_url"]} for cid, r in rows.iterrows()]


def page_context(query: Query, profile: profiles.Profile, settings: Settings, figures: str) -> dict:
    here = address(settings, profile.path)
    cite = columns.citation(query.dataset.version, None, _today(), verb="accessed")
    rows = _rows(query, profile)
    shown = query.facet_counts(profile.selection)["provenance"]
    return {
        "w": wording, "site_name": wording.SITE_NAME, "site_short": wording.SITE_SHORT, "kind_label": wording.PROFILE_KIND_LABELS[profile.kind],
        "profile": profile, "title": wording.profile_title(profile.kind, profile.name),
        "description": wording.profile_description(profile.kind, profile.name, profile.count, query.n),
        "address": here, "public": bool(settings.public_url),
        "facts": [{"fact": f, "rows": wording.copy_rows(f.ids, "commitment" if f.table == "commitments" else "partnership")}
                  for f in profile.facts],
        "citation": cite, "rows": rows, "print_rows": PRINT_ROWS,
        "more": wording.more_at(len(rows) - PRINT_ROWS, here) if len(rows) > PRINT_ROWS else "",
        "commitments": _commitments(query, profile), "related": profiles.related(query, profile),
        "explore": "/" + profile.selection.to_query_string(), "api": f"/api{profile.path}.json",
        "sources": wording.map_credit(shown).removeprefix("Sources: ").removeprefix("Source: "),
        "footer": wording.brief_footer(query.dataset.version, _today()), "figures": figures,
    }


def index_context(query: Query) -> dict:
    return {"w": wording, "site_name": wording.SITE_NAME, "site_short": wording.SITE_SHORT,
            "groups": [(wording.PROFILE_KIND_PLURALS[kind], kind, items) for kind, items in profiles.index(query).items()]}


def _html(template: str, context: dict) -> Response:
    return Response(_environment().get_template(template).render(**context), mimetype="text/html")


def register(server: Flask, query: Query, settings: Settings, figures: Callable[[Selection], str]) -> None:
    """Add the profile pages, their index, their JSON and their two static files to the Flask server."""

    @server.get("/profiles")
    def profile_index():
        return _html("profiles.html", index_context(query))

    static = {name: (STATIC / name).read_bytes() for name in STATIC_FILES}  # two small files, read once

    @server.get("/profiles/<name>")
    def profile_static(name: str):
        if name not in static:
            return not_found_page()
        response = Response(static[name], mimetype=STATIC_FILES[name])
        response.cache_control.public, response.cache_control.max_age = True, 3600
        return response

    @server.get("/profile/<kind>/<code>")
    def profile_page(kind: str, code: str):
        found = profiles.canonical(query, kind, code)
        if found is None:
            return not_found_page()
        if found != code:
            return redirect(profiles.profile_path(kind, found), code=301)
        profile = profiles.build(query, kind, found)
        return _html("profile.html", page_context(query, profile, settings, figures(profile.selection)))

    @server.get("/api/profile/<kind>/<code>.json")
    def profile_api(kind: str, code: str):
        found = profiles.canonical(query, kind, code)
        if found is None:
            body = {"error": messages.no_profile(profiles.KINDS)}
            return Response(json.dumps(body), status=404, mimetype="application/json")
        return Response(json.dumps(profile_json(query, profiles.build(query, kind, found), settings), ensure_ascii=False),
                        mimetype="application/json")
