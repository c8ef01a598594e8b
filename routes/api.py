"""The data API: the page's filters as URL parameters, answered by the page's own query code."""

import csv
import io
import json

import pandas as pd
from flask import Flask, Response, request

from ascn import columns, messages
from ascn.dataset import Dataset
from ascn.query import CONTRACT_COLUMNS, Query
from ascn.selection import Selection, parse_params
from ascn.vocab import PARTNERSHIPS
from ascn.wording import file_name

LIST_FIELDS = {"organisations", "partner_economies", "city_ids"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (OWASP CSV injection): prefix a quote."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def csv_text(rows: pd.DataFrame, dataset: Dataset) -> str:
    """Rows in the contract's columns, each list of codes followed by the names it stands for
    (``columns.exported_columns``): lists joined with ';', unknown year empty, formulas made inert."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(list(columns.exported_columns()))
    for record in rows.itertuples(index=False):
        cells = []
        for column, value in zip(CONTRACT_COLUMNS, record):
            names = _names(column, value, dataset)
            if column in LIST_FIELDS:
                value = ";".join(value)
            elif column == "year":
                value = "" if pd.isna(value) else str(int(value))
            cells += [neutralise(str(v)) for v in (value, *names)]
        writer.writerow(cells)
    return out.getvalue()


def _names(column: str, codes, dataset: Dataset) -> list[str]:
    """The name columns that follow ``column`` in an export (none for most columns)."""
    if column == "partner_economies":
        return [";".join(dataset.economy_name(c) for c in codes)]
    if column == "city_ids":
        cities = dataset.cities
        known = [c for c in codes if c in cities.index]
        states = dict.fromkeys(str(cities.at[c, "member_state"]) for c in known)  # each once, in the cities' order
        return [";".join(str(cities.at[c, "name"]) for c in known), ";".join(dataset.economy_name(s) for s in states)]
    return []


def json_rows(rows: pd.DataFrame) -> list[dict]:
    records = []
    for record in rows.itertuples(index=False):
        item = dict(zip(CONTRACT_COLUMNS, record))
        for column in LIST_FIELDS:
            item[column] = list(item[column])
        item["partnership_id"] = int(item["partnership_id"])
        item["year"] = None if pd.isna(item["year"]) else int(item["year"])
        records.append(item)
    return records


def parse_request(query: Query) -> tuple[Selection | None, Response | None]:
    """The selection a request's parameters name, or the 400 answer saying what was refused and why."""
    parsed = parse_params(request.args.to_dict(flat=False), query.allowed)
    if not parsed.problems:
        return parsed.selection, None
    # Nothing is answered for a request with a problem: it was refused, not ignored (that is the page's way).
    body = {"error": messages.bad_request([p.says(messages.REFUSED) for p in parsed.problems]),
            "problems": [{"param": p.param, "value": p.value, "allowed": p.allowed, "suggestion": p.suggestion or None}
                         for p in parsed.problems]}
    return None, Response(json.dumps(body, ensure_ascii=False), status=400, mimetype="application/json")


def register(server: Flask, query: Query) -> None:
    """Add the API and geometry routes, answering from ``query``'s record, to the Flask server under Dash."""

    @server.get("/api/partnerships.csv")
    def partnerships_csv():
        sel, error = parse_request(query)
        if error:
            return error
        body = csv_text(query.rows(sel), query.dataset)
        return Response(body, mimetype="text/csv", headers={
            "Content-Disposition": f'attachment; filename="{file_name(sel, "csv")}"',
        })

    @server.get("/api/partnerships.json")
    def partnerships_json():
        sel, error = parse_request(query)
        if error:
            return error
        rows = query.rows(sel)
        body = {"filters": sel.to_params(), "count": len(rows), "columns": CONTRACT_COLUMNS, "rows": json_rows(rows),
                "source": messages.json_source(PARTNERSHIPS, query.dataset.version)}
        return Response(json.dumps(body, ensure_ascii=False), mimetype="application/json")

    @server.get("/geo/countries.geojson")
    def countries_geojson():
        # Sent once per browser: the ETag changes only with the data.
        dataset = query.dataset
        response = Response(dataset.geometry_bytes, mimetype="application/geo+json")
        response.set_etag(dataset.version)
        response.cache_control.public = True
        response.cache_control.max_age = 86400
        return response.make_conditional(request)
