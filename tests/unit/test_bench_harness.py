"""The benchmark's generator and harness keep working (the benchmarks themselves run in `make bench`, not here)."""

import json

from ascn import load_dataset
from ascn.selection import parse_params
from ascn.vocab import FOCUS_AREAS
from bench import generate_data
from bench.harness import Payloads, Report, Target, callback_name, floor_body, outputs_of, percentile, random_views


def test_generator_writes_a_valid_deterministic_data_directory(tmp_path):
    first = generate_data.generate(tmp_path / "a", rows=400, seed=3)
    second = generate_data.generate(tmp_path / "b", rows=400, seed=3)
    assert (first / "partnerships.csv").read_bytes() == (second / "partnerships.csv").read_bytes()
    dataset = load_dataset(first)  # validates against the contract; raises on any problem
    rows = dataset.partnerships
    assert len(rows) == 400 and len(dataset.cities) == len(load_dataset().cities)  # the real cities, copied
    assert set(rows["focus_area"]) == set(FOCUS_AREAS)
    assert rows["year"].isna().any() and rows["year"].notna().sum() > 300
    partners = rows["partner_economies"].explode().value_counts()
    assert len(partners) > 20 and partners.iloc[0] > 5 * partners.iloc[-1]  # a few large partners, a long tail
    assert (rows["city_ids"].map(len) > 1).any() and rows["city_ids"].explode().nunique() > 20


def test_targets_compare_against_the_floor():
    slow = Target("callback p95", value=9.0, limit=2, unit="ms", floor=3.0)
    assert slow.measure == 3.0 and not slow.passed and "ratio 3.00x (target <= 2x) FAIL" in slow.line()
    throughput = Target("throughput", value=70, limit=0.6, unit="req/s", floor=100, at_least=True)
    assert throughput.passed and ">= 0.6x" in throughput.line()
    absolute = Target("start-up", value=4.2, limit=10, unit="s")
    assert absolute.passed and absolute.line().endswith("pass")
    assert percentile([1, 2, 3, 4], 50) == 2.5 and percentile([5], 95) == 5


def test_report_writes_the_table_with_floor_figures(tmp_path):
    report = Report(started="2026-01-01 00:00:00", machine={"cpus": 2})
    report.targets = [Target("callback p95", 4.0, 2, "ms", 2.5), Target("memory", 300, 400, "MB")]
    report.info.append(("note", "x"))
    path = report.write(tmp_path)
    text = path.read_text()
    assert "2.5 ms" in text and "1.60x" in text and "<= 400 MB" in text
    assert text.strip().splitlines()[-1] == "memory: 300.0 MB (target <= 400 MB) pass"
    assert json.loads(path.with_suffix(".json").read_text())["targets"][0]["ratio"] == 1.6
    assert (tmp_path / "latest.txt").read_text() == text


def test_payloads_are_what_the_app_accepts():
    import app as dashboard

    client = dashboard.server.test_client()
    payloads = Payloads(client.get("/_dash-dependencies").get_json(), client.get("/_dash-layout").get_json())
    names = []
    for view in ({}, {"partner": "JPN", "focus_area": "built-infrastructure"}):
        for name, body in payloads.filter_change(view):
            answer = client.post("/_dash-update-component", data=body, content_type="application/json")
            assert answer.status_code == 200, (name, answer.data[:300])
            names.append(name)
    assert names[0] == "update_view" and any(n.startswith("map.figure") for n in names)


def test_floor_body_and_output_names():
    body = json.loads(floor_body("x"))
    assert body["outputs"] == {"id": "floor-output", "property": "children"} and body["inputs"][0]["value"] == "x"
    spec = {"output": "..map.figure...summary.children.."}
    assert outputs_of(spec)[1] == {"id": "summary", "property": "children"} and callback_name(spec) == "map.figure+1"


def test_random_views_are_valid_and_mixed():
    from bench.harness import ROOT

    dataset = load_dataset(ROOT / "data")
    views = random_views(ROOT / "data", 80, seed=1)
    assert all(parse_params(v, dataset).problems == [] for v in views)
    assert {"partner", "member_state", "focus_area", "city", "year_from"} <= {k for v in views for k in v}
