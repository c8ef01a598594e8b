"""Full-record downloads are streamed (written as they are read, a chunk of rows at a time) and a worker streams at
most HEAVY_DOWNLOADS heavy ones at once: past that, 503 with Retry-After, so the rest of the site keeps answering."""

import csv
import datetime
import gzip
import io
import json
import random
import time
import zipfile

import brotli
import pandas as pd
import pytest

from routes import api, export


@pytest.fixture
def one_heavy_slot(dash_app, monkeypatch):
    """Every download counts as heavy, and one may run at a time (the app's own limiter, emptied after)."""
    monkeypatch.setattr(api, "HEAVY_ROWS", 0)
    limiter = dash_app.server.extensions[api.EXTENSION]
    monkeypatch.setattr(limiter, "slots", api.Slots(1))
    return limiter


@pytest.mark.parametrize("extension", ["csv", "json", "zip"])
def test_a_heavy_download_past_the_bound_is_refused_with_retry_after_then_served(client, one_heavy_slot, extension):
    first = client.get(f"/api/partnerships.{extension}", buffered=False)
    assert first.status_code == 200 and first.is_streamed
    busy = client.get(f"/api/partnerships.{extension}")
    assert busy.status_code == 503 and int(busy.headers["Retry-After"]) >= 1
    assert busy.get_json()["error"]
    first.close()  # the first one ends: its slot is free again
    assert client.get(f"/api/partnerships.{extension}").status_code == 200


def test_a_download_that_is_never_read_frees_its_slot_when_closed(client, one_heavy_slot):
    for _ in range(3):
        response = client.get("/api/partnerships.csv?partner=JPN", buffered=False)
        assert response.status_code == 200
        response.close()


@pytest.mark.parametrize("chunk", [1, 7, 10_000])
def test_the_streamed_csv_and_json_are_the_whole_answer(client, query, monkeypatch, chunk):
    rows = query.rows(api.Selection())
    whole = api.csv_text(rows, query.dataset)  # in one chunk
    monkeypatch.setattr(api, "CHUNK_ROWS", chunk)
    text = client.get("/api/partnerships.csv").get_data(as_text=True)
    assert text == whole
    records = list(csv.reader(io.StringIO(text)))
    assert len(records) == len(rows) + 1
    body = json.loads(client.get("/api/partnerships.json?partner=JPN").get_data(as_text=True))
    japan = query.rows(api.Selection(partners=("JPN",)))
    assert body["count"] == len(body["rows"]) == len(japan) and body["rows"] == api.json_rows(japan)
    assert list(body) == ["filters", "count", "columns", "rows", "source"]


def test_the_zip_is_streamed_a_few_rows_at_a_time_and_opens_whole(client, monkeypatch):
    whole_csv = client.get("/api/partnerships.csv").data
    monkeypatch.setattr(api, "CHUNK_ROWS", 2)
    response = client.get("/api/partnerships.zip", buffered=False)
    assert response.status_code == 200 and response.is_streamed
    chunks = [chunk for chunk in response.response if chunk]
    response.close()
    body = b"".join(chunks)
    archive = zipfile.ZipFile(io.BytesIO(body))
    assert archive.testzip() is None and archive.namelist() == ["partnerships.csv", "README.txt"]
    assert archive.read("partnerships.csv") == whole_csv


def test_the_zip_writer_sends_each_part_as_it_comes_in_bounded_memory():
    parts_read = []

    def parts():  # 8 MB of text that compresses poorly (hex of random bytes), 64 kB a part
        rng = random.Random(18)
        for number in range(128):
            parts_read.append(number)
            yield rng.randbytes(32_768).hex()

    when = datetime.datetime(2026, 1, 2, 3, 4, 5)
    chunks = export.zip_chunks(parts(), "read me", when)
    first = next(chunks)
    assert first and len(parts_read) < 16  # the first bytes leave long before the last part is written
    rest = list(chunks)
    assert max(len(c) for c in [first, *rest]) < 1 << 20  # no chunk near the whole (over 4 MB compressed)
    archive = zipfile.ZipFile(io.BytesIO(first + b"".join(rest)))
    assert archive.testzip() is None and archive.read("README.txt") == b"read me"
    assert len(archive.read("partnerships.csv")) == 128 * 65_536
    assert archive.getinfo("partnerships.csv").date_time == (2026, 1, 2, 3, 4, 4)  # ZIP times are to 2 s


def test_sources_of_many_rows_naming_one_source_take_linear_time():
    rows = pd.DataFrame({"partnership_id": range(1, 200_001), "source": "Report X", "year_source": ""})
    started = time.monotonic()
    paper, others = export.sources(rows)
    assert paper == {} and others == {"Report X": list(range(1, 200_001))}
    assert time.monotonic() - started < 5  # a list searched per row took minutes here


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_a_download_to_a_browser_is_compressed_as_it_streams(client, monkeypatch, encoding):
    plain = {kind: client.get(f"/api/partnerships.{kind}").data for kind in ("csv", "json")}
    monkeypatch.setattr(api, "CHUNK_ROWS", 3)
    for kind, whole in plain.items():
        response = client.get(f"/api/partnerships.{kind}", headers={"Accept-Encoding": encoding}, buffered=False)
        # Compressed a chunk at a time: never read whole into memory to be compressed at once (a browser always asks).
        assert response.is_streamed and response.headers["Content-Encoding"] == encoding
        body = b"".join(response.response)
        response.close()
        assert (gzip.decompress(body) if encoding == "gzip" else brotli.decompress(body)) == whole
