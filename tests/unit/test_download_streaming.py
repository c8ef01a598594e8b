"""Full-record downloads are streamed (written as they are read, a chunk of rows at a time) and a worker streams at
most HEAVY_DOWNLOADS heavy ones at once: past that, 503 with Retry-After, so the rest of the site keeps answering."""

import csv
import io
import json

import pytest

from routes import api


@pytest.fixture
def one_heavy_slot(dash_app, monkeypatch):
    """Every download counts as heavy, and one may run at a time (the app's own limiter, emptied after)."""
    monkeypatch.setattr(api, "HEAVY_ROWS", 0)
    limiter = dash_app.server.extensions[api.EXTENSION]
    monkeypatch.setattr(limiter, "slots", api.Slots(1))
    return limiter


@pytest.mark.parametrize("extension", ["csv", "json"])
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
