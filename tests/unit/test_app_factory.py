"""The app factory takes its inputs: two apps built from two records in one process each answer from their own,
and a new filter kind is one entry of ascn.filters and one control, working in the page, the API and the chips."""

import csv
import io
import shutil

import numpy as np
import pytest

from app import EXTENSION, create_app
from ascn import filters, load_dataset
from ascn.selection import Selection
from ascn.settings import Settings
from tests.support import DATA, envelope, find_callback


def _partners_rewritten(tmp_path, old: str, new: str):
    """A copy of the record in which every partnership of ``old`` is one of ``new`` instead."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "partnerships.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in rows:
        row["partner_economies"] = ";".join(new if code == old else code for code in row["partner_economies"].split(";"))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return load_dataset(data)


def _summary(dash_app, partner: str) -> str:
    """The summary line the page shows after choosing ``partner`` in the partner dropdown (a real callback request)."""
    output = find_callback(filters.kind("partner").control, "value", "summary.children", dash_app=dash_app)
    body = envelope(output, {f"{filters.kind('partner').control}.value": [partner], "filter-years.min": 1990, "filter-years.max": 2030,
                             "view.data": {}}, trigger=f"{filters.kind('partner').control}.value", dash_app=dash_app)
    answer = dash_app.server.test_client().post("/_dash-update-component", json=body)
    assert answer.status_code == 200, answer.data[:300]
    return answer.get_json()["response"]["summary"]["children"]


def test_two_apps_in_one_process_answer_each_from_its_own_record(tmp_path, record):
    other = _partners_rewritten(tmp_path, "KOR", "JPN")  # Korea's partnerships become Japan's in the second record
    first, second = create_app(record, Settings()), create_app(other, Settings(public_url="https://second.example/"))
    japan = [app.server.extensions[EXTENSION]["query"].count(Selection(partners=("JPN",))) for app in (first, second)]
    korea = int(record.partnerships["partner_economies"].map(lambda codes: "KOR" in codes and "JPN" not in codes).sum())
    assert korea > 0 and japan[1] == japan[0] + korea
    for app, expected in zip((first, second), japan):
        client = app.server.test_client()
        assert client.get("/api/partnerships.json?partner=JPN").get_json()["count"] == expected
        assert _summary(app, "JPN").startswith(f"{expected} of {len(record.partnerships)} partnerships")
    # Callbacks are the app's own: both apps have the filter change, and each answers from its record (above).
    assert find_callback("filter-partner", "value", dash_app=first) and find_callback("filter-partner", "value", dash_app=second)
    assert b"https://second.example/" in second.server.test_client().get("/about").data
    assert b"https://second.example/" not in first.server.test_client().get("/about").data


def _initial(title: str) -> str:
    return title.strip()[0].upper()


INITIAL = filters.ListKind(
    "initial", "initials", "Title starts with", "Initial", "Any letter", "filter-initial",
    values=lambda dataset: {c: c for c in sorted({_initial(t) for t in dataset.partnerships["title"]})},
    pairs=lambda dataset: (np.arange(len(dataset.partnerships)), [_initial(t) for t in dataset.partnerships["title"]]),
)


@pytest.fixture
def with_initial(monkeypatch):
    monkeypatch.setattr(filters, "LIST_KINDS", [*filters.LIST_KINDS, INITIAL])


def _find(node, component_id):
    """The component with ``component_id`` in a layout's JSON, or None."""
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == component_id:
            return node
        return next((hit for child in node.values() if (hit := _find(child, component_id))), None)
    if isinstance(node, list):
        return next((hit for child in node if (hit := _find(child, component_id))), None)
    return None


def test_a_new_filter_kind_is_one_entry_and_one_control(with_initial, record):
    dash_app = create_app(record, Settings())
    client = dash_app.server.test_client()
    letter = max(INITIAL.values(record).items(), key=lambda item: sum(_initial(t) == item[0] for t in record.partnerships["title"]))[0]
    expected = sorted(int(i) for i, t in record.partnerships["title"].items() if _initial(t) == letter)
    # The page: its control, labelled, offering the record's letters.
    control = _find(client.get("/_dash-layout").get_json(), "filter-initial")
    assert control and [o["value"] for o in control["props"]["options"]] == list(INITIAL.values(record))
    # The API: the same parameter filters the rows, and a wrong value is refused saying what is allowed.
    rows = client.get(f"/api/partnerships.json?initial={letter}").get_json()["rows"]
    assert sorted(r["partnership_id"] for r in rows) == expected
    refused = client.get("/api/partnerships.json?initial=%3F")
    assert refused.status_code == 400 and "initial" in refused.get_json()["error"]
    # The page's answer to choosing it: the count, the chip and the link all carry it.
    output = find_callback("filter-initial", "value", "chips.children", dash_app=dash_app)
    body = envelope(output, {"filter-initial.value": [letter], "filter-years.min": 1990, "filter-years.max": 2030, "view.data": {}},
                    trigger="filter-initial.value", dash_app=dash_app)
    answer = client.post("/_dash-update-component", json=body)
    assert answer.status_code == 200, answer.data[:300]
    response = answer.get_json()["response"]
    assert response["summary"]["children"].startswith(f"{len(expected)} of {len(record.partnerships)} partnerships")
    chips = [chip["props"] for chip in response["chips"]["children"][0]["props"]["children"]]  # the chips' line
    assert [chip["id"] for chip in chips] == [{"type": "chip", "param": "initial", "value": letter}]
    assert chips[0]["children"][0] == f"Initial: {letter}"
    assert response["url"]["search"] == f"?initial={letter}"
