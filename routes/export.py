"""ZIP download of a view: its CSV and a README saying what it is, where it comes from and how to cite it."""

import datetime
import re
import textwrap
import zipfile
from collections.abc import Iterator

import numpy as np
import pandas as pd
from flask import Flask

from ascn import columns, wording
from ascn.changelog import read_changelog
from ascn.dataset import Dataset
from ascn.filters import allowed_values
from ascn.query import Query
from ascn.selection import Selection
from ascn.settings import Settings
from ascn.wording import chips, file_name
from routes.api import csv_chunks, limiter_of, parse_request, streamed

CSV_NAME = "partnerships.csv"
README_NAME = "README.txt"
WIDTH = 100
# A partnership's `source` that is the paper itself, pointing at one row of one of its tables.
_PAPER_ROW = re.compile(r"(?:, Table (\d+), row (\d+))?")


def view_url(sel: Selection, settings: Settings) -> str:
    """The page's URL for the same filters under the configured public address (never the request's Host header),
    or its path when no address is configured."""
    return settings.link("/" + sel.to_query_string())


def filters_in_words(sel: Selection, dataset: Dataset) -> list[str]:
    """The active filters as the page's chips name them; an empty list means none."""
    return [label for _, _, label in chips(sel, allowed_values(dataset))]


def sources(rows: pd.DataFrame) -> tuple[dict[str, list[str]], dict[str, list[int]]]:
    """The sources the rows name in ``source`` and ``year_source``, deduplicated, in first-seen order.

    Returns the ISEAS paper's tables and rows cited (``{"2": ["1", "7"]}``) and every other source with the
    partnerships that name it. Each distinct text is read once (a full record names a few texts 300,000 times).
    """
    texts = pd.Series(np.column_stack([rows["source"].to_numpy(object), rows["year_source"].to_numpy(object)]).ravel(),
                      dtype=object).map(lambda text: str(text).strip())
    pids = np.repeat(rows["partnership_id"].to_numpy(), 2)  # the row each text is from, source first
    codes, uniques = pd.factorize(texts, sort=False)
    kinds = [_source_kind(text) for text in uniques]
    paper: dict[str, list[str]] = {}
    for code in codes[np.isin(codes, [k for k, kind in enumerate(kinds) if kind[0] == "paper"])]:
        paper.setdefault(kinds[code][1], []).append(kinds[code][2])
    other = np.isin(codes, [k for k, kind in enumerate(kinds) if kind[0] == "other"])
    others = {str(uniques[code]): [int(pid) for pid in pd.unique(ids.to_numpy())]
              for code, ids in pd.Series(pids[other]).groupby(codes[other], sort=False)}
    return paper, others


def _source_kind(text: str) -> tuple[str, ...]:
    """("paper", table, row) for a row of the ISEAS paper, ("other",) for another source, ("none",) for no source."""
    hit = _PAPER_ROW.fullmatch(text[len(columns.ISEAS_PAPER):]) if text.startswith(columns.ISEAS_PAPER) else None
    if hit and hit.group(1):
        return ("paper", hit.group(1), hit.group(2))
    return ("other",) if text and not hit else ("none",)


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False, break_long_words=False)


def _heading(title: str) -> list[str]:
    return ["", title, "-" * len(title)]


def readme_text(sel: Selection, rows: pd.DataFrame, dataset: Dataset, url: str, exported: str) -> str:
    """README.txt of a ZIP: what the file is, the view, its filters and rows, the columns, sources, citation and licence."""
    filters = filters_in_words(sel, dataset)
    total = len(dataset.partnerships)
    title = wording.README_TITLE
    lines = [title, "=" * len(title), ""]
    lines.append(_wrap(wording.readme_intro(CSV_NAME)))
    lines += ["", *wording.readme_facts(url, filters, len(rows), total, exported, dataset.version, columns.DATA_DATE)]

    lines += _changes(dataset)

    lines += _heading(wording.readme_columns(CSV_NAME))
    for column, meaning in columns.exported_columns().items():
        lines += [column, _wrap(meaning, "    ")]
    lines += ["", _wrap(wording.README_CELLS)]

    lines += _heading(wording.README_SOURCES)
    paper, others = sources(rows)
    lines += [_wrap(wording.readme_main_source(columns.ISEAS_PAPER, paper)),
              _wrap(columns.ISEAS_PAPER_URL, "    ")]
    if others:
        lines += ["", wording.README_OTHER_SOURCES]
        for text, ids in others.items():
            lines.append(_bullet(wording.readme_other_source(text, ids)))
    else:
        lines += ["", wording.README_NO_OTHER_SOURCES]

    lines += _heading(wording.README_CITE)
    lines.append(_wrap(columns.citation(dataset.version, url if url.startswith(("http://", "https://")) else None, exported)))

    lines += _heading(wording.README_LICENCE)
    lines.append(_wrap(columns.LICENCE_STATEMENT))
    lines.append("")
    return "\n".join(lines)


def _changes(dataset: Dataset) -> list[str]:
    """What the latest edition of the data added or corrected (data/CHANGELOG.md), so a reader of an old file can compare."""
    editions = read_changelog(dataset.data_dir)
    if not editions:
        return []
    latest = editions[0]
    return _heading(wording.readme_changes(latest.date, latest.title)) + [_bullet(item) for item in latest.items]


def _bullet(text: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent="  - ", subsequent_indent="    ", break_on_hyphens=False, break_long_words=False)


class _Sink:
    """Where the ZIP writer puts its bytes until they are sent. It has no ``tell`` or ``seek``, so ``zipfile`` writes
    for a stream: each member's sizes and CRC follow its data (a data descriptor), the directory comes last."""

    def __init__(self):
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        out, self._parts = b"".join(self._parts), []
        return out


def _member(name: str, when: datetime.datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def zip_chunks(csv_parts: Iterator[str], readme: str, when: datetime.datetime) -> Iterator[bytes]:
    """A deflated ZIP holding the CSV and the README, both UTF-8, stamped with ``when``, written as the CSV's parts
    come: a part in, its compressed bytes out, so the whole file is never held in memory."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open(_member(CSV_NAME, when), "w") as member:
            for part in csv_parts:
                member.write(part.encode("utf-8"))
                chunk = sink.take()
                if chunk:
                    yield chunk
        archive.writestr(_member(README_NAME, when), readme.encode("utf-8"))
    yield sink.take()


def register(server: Flask, query: Query, settings: Settings) -> None:
    """Add ``GET /api/partnerships.zip`` (same parameters and 400s as the CSV) to the Flask server under Dash."""

    limiter = limiter_of(server)

    @server.get("/api/partnerships.zip")
    def partnerships_zip():
        sel, error = parse_request(query)
        if error:
            return error
        rows = query.rows(sel)
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        exported = now.strftime("%Y-%m-%dT%H:%M:%SZ")
        readme = readme_text(sel, rows, query.dataset, view_url(sel, settings), exported)
        # Streamed and counted like the CSV it holds: a heavy one takes one of the worker's heavy-download slots.
        return streamed(limiter, rows, zip_chunks(csv_chunks(rows, query.dataset), readme, now), "application/zip", {
            "Content-Disposition": f'attachment; filename="{file_name(sel, "zip")}"',
            "Cache-Control": "no-store",
        })
