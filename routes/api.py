"""The data API: the page's filters as URL parameters, answered by the page's own query code."""

import csv
import io
import json
import threading
from collections.abc import Iterator

import pandas as pd
from flask import Flask, Response, request

from ascn import columns, messages
from ascn.dataset import Dataset
from ascn.query import CONTRACT_COLUMNS, Query
from ascn.selection import Selection, parse_params
from ascn.vocab import PARTNERSHIPS
from ascn.wording import file_name
from routes.serving import off_the_event_loop

LIST_FIELDS = {"organisations", "partner_economies", "city_ids"}
CHUNK_ROWS = 1_000  # rows written per chunk of a streamed download; between chunks the worker serves others (gevent):
# a chunk is a few tens of ms, so four downloads in turn still let /healthz through within a second
HEAVY_ROWS = 10_000  # a download of more rows is heavy: it holds one of the worker's HEAVY_DOWNLOADS slots
HEAVY_DOWNLOADS = 4  # heavy downloads one worker streams at once; past that, 503 with Retry-After
RETRY_AFTER_S = 5
EXTENSION = "ascn-downloads"  # server.extensions[EXTENSION]: the app's download limiter
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (OWASP CSV injection): prefix a quote."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def csv_text(rows: pd.DataFrame, dataset: Dataset) -> str:
    """Rows in the contract's columns, each list of codes followed by the names it stands for
    (``columns.exported_columns``): lists joined with ';', unknown year empty, formulas made inert."""
    return "".join(csv_chunks(rows, dataset))


def csv_chunks(rows: pd.DataFrame, dataset: Dataset) -> Iterator[str]:
    """``csv_text`` a chunk of CHUNK_ROWS rows at a time (the header first)."""
    yield _csv_lines([list(columns.exported_columns())])
    for start in range(0, len(rows), CHUNK_ROWS):
        yield _csv_lines(_csv_cells(rows.iloc[start:start + CHUNK_ROWS], dataset))


def _csv_lines(records) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(records)
    return out.getvalue()


def _csv_cells(rows: pd.DataFrame, dataset: Dataset) -> Iterator[list[str]]:
    names = _Names(dataset)  # one download's lookups: pandas' per-cell access was most of a download's time
    for record in rows.itertuples(index=False):
        cells = []
        for column, value in zip(CONTRACT_COLUMNS, record):
            following = names.after(column, value)
            if column in LIST_FIELDS:
                value = ";".join(value)
            elif column == "year":
                value = "" if pd.isna(value) else str(int(value))
            cells += [neutralise(str(v)) for v in (value, *following)]
        yield cells


def json_chunks(head: dict, rows: pd.DataFrame, tail: dict) -> Iterator[str]:
    """``json.dumps({**head, "rows": json_rows(rows), **tail})``, a chunk of CHUNK_ROWS rows at a time."""
    opened = json.dumps({**head, "rows": []}, ensure_ascii=False)
    yield opened[:-2]  # up to the rows' opening bracket
    for start in range(0, len(rows), CHUNK_ROWS):
        chunk = json.dumps(json_rows(rows.iloc[start:start + CHUNK_ROWS]), ensure_ascii=False)[1:-1]
        yield (", " if start else "") + chunk
    yield "]" + json.dumps(tail, ensure_ascii=False).replace("{", ", ", 1) if tail else "]}"


class _Names:
    """The names that follow a column in an export, looked up once per code for one download."""

    def __init__(self, dataset: Dataset):
        self._dataset = dataset
        cities = dataset.cities
        self._cities = {code: (str(name), str(state)) for code, name, state in zip(cities.index, cities["name"], cities["member_state"])}
        self._economies: dict[str, str] = {}

    def economy(self, code: str) -> str:
        if code not in self._economies:
            self._economies[code] = self._dataset.economy_name(code)
        return self._economies[code]

    def after(self, column: str, codes) -> list[str]:
        """The name columns that follow ``column`` in an export (none for most columns)."""
        if column == "partner_economies":
            return [";".join(self.economy(c) for c in codes)]
        if column == "city_ids":
            known = [self._cities[c] for c in codes if c in self._cities]
            states = dict.fromkeys(state for _, state in known)  # each once, in the cities' order
            return [";".join(name for name, _ in known), ";".join(self.economy(s) for s in states)]
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


class Slots:
    """At most ``size`` heavy downloads at once in this process; taken without waiting (a full worker says 503)."""

    def __init__(self, size: int):
        self._free = threading.BoundedSemaphore(size)  # cooperative under gunicorn's gevent worker (monkey-patched)

    def take(self) -> bool:
        return self._free.acquire(blocking=False)

    def give_back(self) -> None:
        self._free.release()


class Limiter:
    """The app's heavy-download slots (one limiter per app, so per worker process)."""

    def __init__(self, size: int = HEAVY_DOWNLOADS):
        self.slots = Slots(size)


_END = object()


def _cooperative(chunks: Iterator[str]) -> Iterator[str]:
    """Each chunk made in gevent's thread pool (under gunicorn's gevent worker; directly elsewhere): the event loop's
    thread keeps the interpreter lock at most a switch interval (5 ms) at a time, so /healthz and the page's callbacks
    are answered while downloads are written. Made on the loop itself, four downloads took turns of a chunk each and
    a health check waited seconds for its turn (and with sleep(0) between chunks gevent looked at its sockets only
    every 50 turns)."""
    while True:
        chunk = off_the_event_loop(next, chunks, _END)
        if chunk is _END:
            return
        yield chunk


def streamed(limiter: Limiter, rows: pd.DataFrame, chunks: Iterator[str], mimetype: str, headers: dict | None = None) -> Response:
    slots = limiter.slots if len(rows) > HEAVY_ROWS else None
    if slots is not None and not slots.take():
        return Response(json.dumps({"error": messages.DOWNLOADS_BUSY}), status=503, mimetype="application/json",
                        headers={"Retry-After": str(RETRY_AFTER_S)})
    response = Response(_cooperative(chunks), mimetype=mimetype, headers=headers)
    if slots is not None:
        response.call_on_close(slots.give_back)  # when the download ends, is cut short or is never read
    return response


def limiter_of(server: Flask) -> Limiter:
    """The app's one download limiter: the CSV, JSON and ZIP downloads share its slots."""
    return server.extensions.setdefault(EXTENSION, Limiter())


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
    limiter = limiter_of(server)

    @server.get("/api/partnerships.csv")
    def partnerships_csv():
        sel, error = parse_request(query)
        if error:
            return error
        rows = query.rows(sel)
        return streamed(limiter, rows, csv_chunks(rows, query.dataset), "text/csv",
                         {"Content-Disposition": f'attachment; filename="{file_name(sel, "csv")}"'})

    @server.get("/api/partnerships.json")
    def partnerships_json():
        sel, error = parse_request(query)
        if error:
            return error
        rows = query.rows(sel)
        head = {"filters": sel.to_params(), "count": len(rows), "columns": CONTRACT_COLUMNS}
        tail = {"source": messages.json_source(PARTNERSHIPS, query.dataset.version)}
        return streamed(limiter, rows, json_chunks(head, rows, tail), "application/json")

    @server.get("/geo/countries.geojson")
    def countries_geojson():
        # Sent once per browser: the ETag changes only with the data.
        dataset = query.dataset
        response = Response(dataset.geometry_bytes, mimetype="application/geo+json")
        response.set_etag(dataset.version)
        response.cache_control.public = True
        response.cache_control.max_age = 86400
        return response.make_conditional(request)
