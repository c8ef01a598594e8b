"""The benchmark's generator, harness and conventional peer keep working (the benchmarks themselves run in `make bench`,
not here; the felt-latency harness is tested in a browser: tests/browser/test_bench_felt.py)."""

import json

from ascn import load_dataset
from ascn.selection import Selection
from ascn.vocab import FOCUS_AREAS
from bench import generate_data
from bench.felt import busiest_partners, option_pattern
from bench.harness import ROOT, Report, Target, floor_body, percentile
from tests.support import the_query, the_record


def test_generator_writes_a_valid_deterministic_data_directory(tmp_path):
    first = generate_data.generate(tmp_path / "a", rows=400, seed=3)
    second = generate_data.generate(tmp_path / "b", rows=400, seed=3)
    assert (first / "partnerships.csv").read_bytes() == (second / "partnerships.csv").read_bytes()
    dataset = load_dataset(first)  # validates against the contract; raises on any problem
    rows = dataset.partnerships
    assert len(rows) == 400 and len(dataset.cities) == len(the_record().cities)  # the real cities, copied
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


def test_floor_body():
    body = json.loads(floor_body("x"))
    assert body["outputs"] == {"id": "floor-output", "property": "children"} and body["inputs"][0]["value"] == "x"


def test_target_names_what_it_compares_with(tmp_path):
    report = Report(started="2026-01-01 00:00:00", machine={})
    report.targets = [Target("felt latency", 150, 1.5, "ms", 120, reference="limit"),
                      Target("server time", 4, 0.05, "ms", 200, reference="peer")]
    table = report.table()
    assert "limit 120.0 ms" in table and "1.25x" in table and "peer 200.0 ms" in table and "0.02x" in table


def test_the_felt_choices_are_the_busiest_partners_as_the_dropdowns_name_them():
    assert set(busiest_partners(ROOT / "data", 2)) == {"United States", "Japan"}  # eight and six partnerships in the record
    assert option_pattern("Japan").match("Japan (4)") and option_pattern("Japan").match("Japan")
    assert not option_pattern("China").match("Hong Kong, China") and not option_pattern("Korea").match("Korea, North (1)")


def test_the_peer_answers_a_whole_filter_change_like_the_app():
    """The conventional peer serves the same record: choosing Japan gives the app's count, and its map carries the
    country GeoJSON in every answer (the conventional cost it is there to show)."""
    from bench import peer_app

    client = peer_app.server.test_client()
    values = {"filter-member-state": None, "filter-partner": ["JPN"], "filter-focus": None, "filter-years": [2013, 2019],
              "filter-unknown-year": "include", "filter-cities": None}
    answers = {}
    for dep in client.get("/_dash-dependencies").get_json():
        outputs = [part.rsplit(".", 1) for part in dep["output"].strip(".").split("...")]
        body = {"output": dep["output"], "changedPropIds": ["filter-partner.value"],
                "outputs": [{"id": i, "property": p} for i, p in outputs] if len(outputs) > 1 else {"id": outputs[0][0], "property": outputs[0][1]},
                "inputs": [{"id": d["id"], "property": d["property"], "value": values[d["id"]]} for d in dep["inputs"]]}
        answer = client.post("/_dash-update-component", json=body)
        assert answer.status_code == 200, answer.data[:300]
        answers[dep["output"]] = answer.get_json()["response"]
    assert len(answers) == 7  # one callback per chart, the summary and the table
    query = the_query()
    japan = f"{query.count(Selection(partners=('JPN',), year_from=2013, year_to=2019))} of {len(query.dataset.partnerships)} partnerships"
    assert answers["summary.children"]["summary"]["children"] == japan
    choropleth = answers["map.figure"]["map"]["figure"]["data"][0]
    assert choropleth["type"] == "choropleth" and len(choropleth["geojson"]["features"]) > 10
    partners = answers["chart-partners.figure"]["chart-partners"]["figure"]["data"]
    assert "Japan" in {y for trace in partners for y in trace["y"]}


def _changes(felt_ms: list[float], limit_ms: float | None = None, requests: int = 1):
    from bench.felt import Change

    return [Change(f"change {i}", ms, 2, [{"t": 0, "kind": "input", "what": "keydown"}, {"t": round(ms), "kind": "afterplot", "what": "map"}],
                   [{"name": "..view.data..", "body": "{}", "up": 100, "down": 1000}] * requests, limit_ms) for i, ms in enumerate(felt_ms)]


def test_the_verdict_holds_issue_21s_targets(tmp_path):
    """`make bench`'s verdict has a line for each of the speed issue's targets, with its bound, and a presentation step
    slower than a filter change fails its line (the figures here are made up: the bench measures the real ones)."""
    from types import SimpleNamespace

    from bench.__main__ import felt_summary, verdict

    servers = [SimpleNamespace(startup_s=1.0) for _ in range(4)]
    times = {"p50": 10.0, "p95": 12.0, "n": 9}
    raw = {"felt_real": felt_summary(_changes([120, 130, 110], limit_ms=100)), "felt_peer": felt_summary(_changes([400, 420, 380], requests=7)),
           "felt_150k": felt_summary(_changes([150, 160], limit_ms=90)), "present_steps": felt_summary(_changes([200, 210])),
           "server_real": {"floor": times, "app": times, "peer": {**times, "p50": 300.0}}, "server_150k": {"floor": times, "app": times},
           "memory_150k_mb": {1: 300.0}, "browser": {"app_bytes": 1000, "floor_bytes": 1000, "app_drawn_ms": [1500], "floor_drawn_ms": [1400],
                                                    "app_fetched_full_plotly": False, "app_foreign_requests": []}}
    report = Report(started="2026-01-01 00:00:00", machine={"cpus": 2}, raw=raw)
    verdict(report, *servers, started_at=0.0)
    bounds = {t.name: (t.limit, t.reference if t.floor is not None else None, t.passed) for t in report.targets}
    felt = "felt latency, real data (median of 3 changes)"
    assert bounds[f"{felt}, to the redraw limit"] == (1.3, "limit", True)
    assert bounds[f"{felt}, to the peer's"] == (0.6, "peer", True)
    assert bounds["felt latency, 150,000 rows (median of 2)"] == (2, "limit", True)
    assert bounds["presentation step, key to caption and charts settled (median of 2)"] == (1, "felt change", False)  # 205 > 120 ms
    assert bounds["requests per change and per presentation step (most)"] == (1, None, True)
    assert bounds["server time per whole change (p50)"][:2] == (0.05, "peer")
    assert bounds["resident memory per process, 150,000 rows (max)"] == (350, None, True)
    assert bounds["navigation to map and charts drawn (median of 1)"][:2] == (1.2, "floor")
    assert "timeline of one presentation step" in report.text()


def test_the_clientside_floor_draws_the_apps_captured_figures_without_asking_the_server():
    """Dash's clientside floor (bench/clientside_floor.py) is built from the states a felt session went through: the
    dropdown offers the names chosen, each graph in view starts with the figure of no choice at its captured size,
    and one clientside callback, not the server, hands the graphs the next figures."""
    from bench import clientside_floor
    from bench.felt import drawn_views
    from routes import serving

    figure = lambda n: json.dumps({"data": [{"type": "bar", "y": [n]}], "layout": {"title": {"text": str(n)}}})  # noqa: E731
    snaps = {f"s{i}": {"map": figure(i), "chart-focus": figure(10 + i), "chart-matrix": figure(20 + i)} for i in range(5)}
    captured = drawn_views(snaps, {"map": [600, 500], "chart-focus": [300, 300]}, ["Japan", "United States"])
    assert set(captured["views"]) == {"", "Japan", "United States"}  # s0, s1 and s3: none, the first, the second
    assert captured["views"]["United States"]["chart-focus"]["data"][0]["y"] == [13]
    assert all(set(view) == {"map", "chart-focus"} for view in captured["views"].values())  # the graphs in view only

    app = clientside_floor.create_app(captured)
    client = app.server.test_client()
    layout = client.get("/_dash-layout").get_json()
    dropdown, store, graphs = layout["props"]["children"]
    assert [o["value"] for o in dropdown["props"]["options"]] == ["Japan", "United States"]
    assert store["props"]["data"] == captured["views"]
    assert [(g["props"]["id"], g["props"]["style"], g["props"]["figure"]["data"][0]["y"]) for g in graphs["props"]["children"]] == [
        ("map", {"width": 600, "height": 500}, [0]), ("chart-focus", {"width": 300, "height": 300}, [10])]
    (callback,) = client.get("/_dash-dependencies").get_json()
    assert callback["clientside_function"] and callback["output"] == "..map.figure...chart-focus.figure.."
    serving.prepare(app)  # as gunicorn's master does before forking
    assert client.get(clientside_floor.GEOMETRY_URL).status_code == 200 and client.get("/healthz").status_code == 200
