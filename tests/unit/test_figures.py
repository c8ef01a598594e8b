"""Figure builders: trace types, ids in customdata, counts, empty states, no markup from data."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ascn.selection import Selection, parse_params
from components import charts, clicks, figure_base, maps
from layouts.modes import split_search
from tests.support import examples


def test_map_has_countries_cities_and_highlight_layers(query):
    names = {c: query.dataset.economy_name(c) for c in query.members}
    fig = maps.map_figure("/geo/countries.geojson", query.countries, query.city_summary(Selection()), names)
    countries, cities, highlight, labels, centres, leaders = fig.data
    assert (countries.type, cities.type, highlight.type, labels.type, centres.type) == ("choropleth",) + ("scattergeo",) * 4
    assert centres.customdata == cities.customdata and centres.hovertemplate == cities.hovertemplate  # a city's hover at its centre
    assert leaders.mode == "lines" and not leaders.lat  # drawn only where a projector moves a crowded name
    assert countries.geojson == "/geo/countries.geojson"  # a URL: the geometry is not inside the figure
    assert len(cities.customdata) == len(query.dataset.cities)  # every named city
    by_id = {row[0]: row for row in cities.customdata}
    in_phnom_penh = sum("phnom-penh" in ids for ids in query.dataset.partnerships["city_ids"])
    assert in_phnom_penh >= 4  # Table 2's rows 4, 5, 6 and 7 at least
    assert by_id["phnom-penh"][3] == in_phnom_penh and by_id["phnom-penh"][2] == "Cambodia"
    assert fig.layout.uirevision == maps.MAP_UIREVISION


def test_map_patch_changes_sizes_and_selection_without_geometry(query):
    names = {c: query.dataset.economy_name(c) for c in query.members}
    sel = Selection(cities=("phnom-penh",), member_states=("KHM",))
    patch = maps.map_patch(query.city_summary(sel), names, sel.cities, query.countries, sel.member_states).to_plotly_json()
    text = str(patch)
    assert "geojson" not in text and "coordinates" not in text
    assert len(str(patch)) < 12_000  # the cities' hover data twice (circles, centres: 2.8 KB) and the size legend (1.1 KB)


def test_map_names_the_largest_and_selected_cities_without_overlap(query):
    cities = query.city_summary(Selection())
    present = [True] * len(cities)
    labels = maps.city_labels(cities, ("luang-prabang",), present, every=False)
    named = [n for n, t in zip(cities["name"], labels["text"]) if t]
    assert "Phnom Penh" in named and "Luang Prabang" in named  # the largest circle, and a selected city
    assert 3 <= len(named) <= maps.LABELS_SHOWN
    exported = maps.city_labels(cities, (), present, every=True, **maps.EXPORT_LABELS)
    assert all(exported["text"])  # an exported map names every city
    # Where placement is free, no label box overlaps another label or another city's circle.
    sizes = maps.marker_sizes(cities["count"].tolist())
    names, lon, lat = cities["name"].tolist(), cities["lon"].tolist(), cities["lat"].tolist()
    boxes: dict = {}
    positions = maps.place_labels(names, lon, lat, sizes, list(range(len(cities))), boxes=boxes)
    assert sum(p is not None for p in positions) >= 12 and set(boxes) == {i for i, p in enumerate(positions) if p}
    xy = [maps._pixel_of(460.0, x, y) for x, y in zip(lon, lat)]
    for i, (x, y, box) in boxes.items():  # each box is beside its city, as wide as its name's letters
        assert (x, y) == xy[i] and box[2] - box[0] == pytest.approx(maps.text_width(names[i], maps.LABEL_SIZE) + 4)
    circles = [(x - s / 2, y - s / 2, x + s / 2, y + s / 2) for (x, y), s in zip(xy, sizes)]
    assert maps.label_clashes(boxes) == []
    assert not any(maps._overlaps(box, c) for _, _, box in boxes.values() for c in circles)
    laptop = maps.city_labels(cities, (), present, every=False, **maps.EXPLORER_LABELS)  # the explorer's first view
    assert len(laptop["boxes"]) >= 16 and maps.label_clashes(laptop["boxes"], maps.EXPLORER_LABELS["factors"]) == []
    # A box drawn over the Mekong selects many crowded cities: each is named (moved with a leader line where no place
    # beside its circle is free), none over another.
    crowded = ("bangkok", "battambang", "chonburi", "ho-chi-minh-city", "khon-kaen", "phnom-penh", "rayong", "siem-reap")
    sel = Selection(cities=crowded)
    chosen = query.city_summary(sel)
    labels = maps.city_labels(chosen, sel.cities, present, every=False, **maps.EXPLORER_LABELS)
    assert {n for n, t in zip(chosen["name"], labels["text"]) if t} == {query.allowed["city"][c] for c in crowded}
    assert maps.label_clashes(labels["boxes"], maps.EXPLORER_LABELS["factors"]) == [] and labels["leaders"]["lat"]


def test_text_width_follows_the_letters():
    assert maps.text_width("Ho Chi Minh City", 20) < maps.text_width("Sumedang Sumedang", 20)
    assert maps.text_width("Sumedang", 20) == pytest.approx(107.5, abs=3)  # as Chromium draws it at 20 px
    assert maps.text_width("Vientiane", 20) == pytest.approx(94.5, abs=3)


def test_a_projector_names_every_city_of_every_scene_and_no_two_names_meet(query, record):
    """Issue 20, item 12: on the projector's map every city of a scene's network is named in 20 px type, and no two
    names overlap at any scale the map's box may take (the caption's lines change its height)."""
    for scene_id, view in record.scenes["view"].items():
        params, page = split_search(view)
        sel = parse_params(params, query.allowed).selection
        as_of = int(page["network_year"]) if "network_year" in page else None
        cities = query.city_summary(sel)
        present = [as_of is None or joined <= as_of for joined in cities["joined"].tolist()]
        labels = maps.city_labels(cities, sel.cities, present, True, **maps.PRESENT_LABELS)
        named = [n for n, t in zip(cities["name"], labels["text"]) if t]
        assert named == [n for n, p in zip(cities["name"], present) if p], scene_id
        assert maps.label_clashes(labels["boxes"], maps.PRESENT_FACTORS) == [], scene_id
        assert len(labels["leaders"]["lat"]) == 3 * sum(s == 0 for s, p in zip(labels["marker"]["size"], present) if p)


def test_a_projector_map_fills_its_box_and_the_explorer_gets_its_view_back(query):
    names = {c: query.dataset.economy_name(c) for c in query.members}
    cities = query.city_summary(Selection())
    geo = [maps.map_patch(cities, names, (), query.countries, (), every=every).to_plotly_json()["operations"] for every in (True, False)]
    ranges = [{tuple(op["location"]): op["params"]["value"] for op in ops if op["location"][:2] == ["layout", "geo"]} for ops in geo]
    assert ranges[0] == {("layout", "geo", "lonaxis", "range"): list(maps.PRESENT_VIEW[:2]),
                         ("layout", "geo", "lataxis", "range"): list(maps.PRESENT_VIEW[2:])}
    assert ranges[1] == {("layout", "geo", "lonaxis", "range"): list(maps.MAP_LON), ("layout", "geo", "lataxis", "range"): list(maps.MAP_LAT)}
    # The projector's map box (about 712x443 px at 1280x720) has the presentation view's shape: no blank strips.
    top, bottom = maps._merc(maps.PRESENT_VIEW[3]), maps._merc(maps.PRESENT_VIEW[2])
    assert (maps.PRESENT_VIEW[1] - maps.PRESENT_VIEW[0]) / (top - bottom) == pytest.approx(712 / 443, rel=0.02)


def test_cities_with_no_partnership_stay_visible():
    sizes = maps.marker_sizes(pd.Series([0, 1, 4]))
    assert sizes[0] > 0 and sizes[0] < sizes[1] < sizes[2]


def test_trend_shows_unknown_year_bar_and_year_ids(query):
    fig = charts.trend_figure(query.by_year(Selection()), "Partnerships per year", "Source: x")
    assert {t.type for t in fig.data} == {"bar"}
    assert "year unknown" in fig.data[0].hovertext
    assert "unknown" in fig.data[0].customdata
    assert sum(sum(t.y) for t in fig.data) == len(query.dataset.partnerships)
    assert any("Source: x" in a.text for a in fig.layout.annotations)


def test_cumulative_trend_ends_at_the_known_total(query):
    fig = charts.trend_figure(query.by_year(Selection()), "t", "s", cumulative=True)
    last_known = sum(t.y[-2] for t in fig.data)
    assert last_known == int(query.dataset.partnerships["year"].notna().sum())  # every partnership with a known year


def test_partners_bars_carry_economy_codes(query):
    names = {c: query.dataset.economy_name(c) for c in query.economy_codes}
    fig = charts.partners_figure(query.by_partner(Selection()), names, "t", "s")
    codes = {c for t in fig.data for c in t.customdata}
    assert {"JPN", "CHN", "USA"} <= codes


def test_focus_bars_carry_slugs(query):
    fig = charts.focus_figure(query.by_focus(Selection(provenances=("table-2",))), "t", "s")
    assert [t.customdata[0] for t in fig.data][::-1][0] == "civic-social"
    assert {t.customdata[0]: t.x[0] for t in fig.data}["industry-innovation"] == 7  # the paper's Table 2 count


def test_commitments_timeline_keeps_currencies(query):
    names = {c: query.dataset.economy_name(c) for c in query.economy_codes}
    fig = charts.commitments_figure(query.commitments(Selection()), names, "t", "s")
    texts = [x for t in fig.data for x in t.text]
    assert "AUD 20 m" in texts and "USD 10 m" in texts and "JPY 250 bn" in texts and "EUR 5.1 m" in texts  # short beside the marker
    hovers = [row[3] for t in fig.data for row in t.customdata]
    assert "AUD 20,000,000" in hovers and "USD 10,000,000" in hovers  # in full in the hover


def test_commitments_timeline_places_a_year_only_date_at_its_start_and_says_so(query):
    commitments = query.commitments(Selection())
    year_only = commitments[commitments["date"].str.len() == 4]
    assert len(year_only)  # a commitment whose source gives only years (Korea's data-driven planning course, 2022-2027)
    names = {c: query.dataset.economy_name(c) for c in query.economy_codes}
    fig = charts.commitments_figure(commitments, names, "t", "s")
    placed = {cd[0]: (x, cd[2]) for t in fig.data for x, cd in zip(t.x, t.customdata)}
    for cid, row in year_only.iterrows():
        x, when = placed[cid]
        assert x == f"{row['date']}-01-01" and when.startswith(f"{row['date']} (year only)")
        assert not row["end_date"] or when.endswith(f" to {row['end_date']}")


@pytest.mark.parametrize("builder", ["trend", "partners", "focus", "commitments"])
def test_empty_selection_shows_a_message_not_an_error(query, builder):
    none = Selection(cities=("chiang-mai",))
    names = {c: query.dataset.economy_name(c) for c in query.economy_codes}
    fig = {
        "trend": lambda: charts.trend_figure(query.by_year(none), "t", "s"),
        "partners": lambda: charts.partners_figure(query.by_partner(none), names, "t", "s"),
        "focus": lambda: charts.focus_figure(query.by_focus(none), "t", "s"),
        "commitments": lambda: charts.commitments_figure(query.commitments(Selection(partners=("BRN",))), names, "t", "s"),
    }[builder]()
    assert fig.data == ()
    assert any(a.text.startswith("No ") for a in fig.layout.annotations)


def test_markup_in_titles_is_escaped():
    fig = figure_base.empty_figure("<img src=x onerror=alert(1)>", "m", "s")
    assert "<img" not in fig.layout.title.text and "&lt;img" in fig.layout.title.text


LONG_TITLE = ("Partnerships per year: Cambodia, Vietnam; partner Japan, Republic of Korea, United States; "
              "built infrastructure, safety and security; 2016–2019 <b>& co</b>")


def test_a_long_title_wraps_whole_and_the_chart_grows_to_hold_it(query):
    short = charts.trend_figure(query.by_year(Selection()), "Partnerships per year: all partnerships", "s")
    long = charts.trend_figure(query.by_year(Selection()), LONG_TITLE, "s")
    lines = long.layout.title.text.split("<br>")
    assert len(lines) > 2 and short.layout.title.text.count("<br>") == 0
    assert max(len(line) for line in lines) <= figure_base.TITLE_CHARS + len("&lt;b&gt;&amp;")  # escaping lengthens a line
    assert " ".join(lines).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == LONG_TITLE  # every word kept
    grown = (len(lines) - 1) * figure_base.TITLE_LINE
    assert long.layout.height == short.layout.height + grown and long.layout.margin.t == short.layout.margin.t + grown


def test_presentation_rewraps_the_title_for_larger_type_and_keeps_it_escaped(query):
    fig = figure_base.presentable(charts.trend_figure(query.by_year(Selection()), LONG_TITLE, "s"), big=True)
    lines = fig.layout.title.text.split("<br>")
    assert len(lines) > 3 and fig.layout.title.font.size == 22
    assert "<b>" not in fig.layout.title.text and "&lt;b&gt;" in fig.layout.title.text
    assert fig.layout.margin.t == figure_base.CHART_MARGIN["t"] + (len(lines) - 1) * figure_base.PRESENT_TITLE_LINE


def test_reading_back_clicks():
    assert clicks.selected_city_ids({"points": [{"curveNumber": 1, "customdata": ["hanoi", "Hanoi"]},
                                                 {"curveNumber": 0, "location": "VNM"}]}) == ("hanoi",)
    assert clicks.clicked_member_state({"points": [{"curveNumber": 0, "location": "VNM"}]}, {"VNM"}) == "VNM"
    assert clicks.clicked_member_state({"points": [{"curveNumber": 0, "location": "CHN"}]}, {"VNM"}) is None
    assert clicks.clicked_value({"points": [{"customdata": "JPN"}]}) == "JPN"
    assert clicks.clicked_value(None) is None


def test_who_works_with_whom_counts_partners_in_cities(query):
    counts = query.partner_city_counts(Selection(partners=("JPN",), provenances=("table-2",)))
    assert list(counts.index) == ["JPN"]
    assert sorted(counts.columns) == ["chonburi", "jakarta", "phnom-penh", "yangon"]  # the paper's Table 2 rows
    fig = charts.matrix_figure(counts, {"JPN": "Japan"}, {"phnom-penh": "Phnom Penh"}, "Who works with whom: partner Japan", "Source")
    assert {tuple(c[:2]) for c in fig.data[0].customdata} == {("JPN", c) for c in counts.columns}
    empty = charts.matrix_figure(counts.iloc[:0], {}, {}, "Who works with whom: nothing", "Source")
    assert empty.data == () and "No partnerships" in empty.layout.annotations[0].text


def test_the_trend_axis_is_a_number_line_with_empty_years_empty_and_year_unknown_apart():
    from ascn.selection import Selection
    from components import charts
    from tests.support import the_query
    query = the_query()
    gaps = 0
    for partner in [None, *sorted(query.allowed["partner"])]:
        by_year = query.by_year(Selection(partners=(partner,) if partner else ()))
        known = sorted(int(y) for y in by_year.index if y != "unknown")
        if len(known) < 2:
            continue
        every = list(range(known[0], known[-1] + 1))
        for cumulative in (False, True):
            fig = charts.trend_figure(by_year, "t", "s", cumulative=cumulative)
            axis, bars = fig["layout"]["xaxis"], fig["data"]
            assert axis["type"] == "linear" and axis["tickangle"] == 0
            years = [x for x, c in zip(bars[0]["x"], bars[0]["customdata"]) if c != "unknown"]
            assert years == every, partner  # a slot for every year, at its own place on the line
            labels = [v for v, t in zip(axis["tickvals"], axis["ticktext"]) if "unknown" not in t]
            assert labels and all(known[0] <= v <= known[-1] for v in labels)
            steps = {b - a for a, b in zip(labels, labels[1:])}
            assert len(steps) <= 1, "evenly spaced ticks"
            slots = len(every) + (2 if "unknown" in by_year.index else 0)
            assert not steps or steps.pop() * charts.NARROWEST_PLOT_PX / slots >= charts.LABEL_PX, "labels apart in a 300 px embed"
            if "unknown" in by_year.index:
                at = bars[0]["x"][bars[0]["customdata"].index("unknown")]
                assert at >= known[-1] + 2, "year unknown is set apart from the last year"
                assert axis["ticktext"][axis["tickvals"].index(at)] == "year<br>unknown"
                assert fig["layout"]["shapes"][0]["x0"] == at - 1
                assert (at - max(labels)) * charts.NARROWEST_PLOT_PX / slots >= charts.UNKNOWN_APART_PX, "the last year apart from it"
            totals = dict(zip(years, [sum(t["y"][i] for t in bars) for i in range(len(years))]))
            if not cumulative:
                assert all(totals[y] == 0 for y in every if y not in known)
                gaps += any(y not in known for y in every)
    assert gaps, "no view's years have a gap: the test checks nothing"


def test_the_commitments_credit_follows_its_rows_and_the_grouped_row_is_named_in_words(query):
    from ascn import wording
    from ascn.selection import Selection
    from components import charts
    from layouts.filter_change import commitments_figure
    names = query.allowed["partner"]
    seen = set()
    for partners in [(), *((p,) for p in sorted(names))]:
        rows = query.commitments(Selection(partners=partners))
        if rows.empty:
            continue
        paper = [pd.notna(r) or "Martinus" in s for r, s in zip(rows["table1_row"], rows["source"])]
        expected = (wording.COMMITMENT_SOURCE if all(paper) else wording.COMMITMENT_LATER_SOURCE if not any(paper)
                    else wording.COMMITMENT_BOTH_SOURCE)
        fig = commitments_figure(query, partners, False)
        credit = fig.layout.annotations[-1].text
        assert credit == wording.safe(expected).replace("\n", "<br>") or credit.replace("<br>", "\n") == expected, partners
        seen.add(expected)
        hovers = {c[0]: c[5] for t in fig.data for c in t.customdata}
        for cid, is_paper in zip(rows.index, paper):
            assert (hovers[int(cid)] == wording.FROM_PAPER) == is_paper
    assert {wording.COMMITMENT_SOURCE, wording.COMMITMENT_BOTH_SOURCE} <= seen, "the record has both kinds of rows"
    everything = query.commitments(Selection())
    grouped = [codes for codes in everything["partner_economies"] if len(codes) > 2]
    fig = charts.commitments_figure(everything, names, "t", "s")
    labels = {y for t in fig.data for y in t.y}
    for codes in grouped:
        label = next(label for label in labels if label.startswith(f"{len(codes)} partners:"))
        assert all(wording.safe(names[c]).split()[0] in label for c in codes), "every partner of the grouped row named"


def test_the_matrix_says_how_much_it_leaves_out_and_its_source_sits_below_the_city_names(query):
    from ascn import query as query_module
    from ascn.selection import Selection
    from components import charts
    counts = query.partner_city_counts(Selection())
    names = dict(zip(query.cities.index, query.cities["name"]))
    partners, cities = counts.attrs["partners"], counts.attrs["cities"]
    assert counts.shape == (min(partners, query_module.MAX_PARTNERS), min(cities, query_module.MAX_CITIES))
    fig = charts.matrix_figure(counts, query.allowed["partner"], names, "t", "Source: s")
    notes = [a["text"] for a in fig["layout"]["annotations"]]
    capped = counts.shape != (partners, cities)
    assert any(f"{counts.shape[1]} of {cities} cities" in n for n in notes) == capped
    source = next(a for a in fig["layout"]["annotations"] if a["text"].startswith("Source"))
    longest = max(len(names[c]) for c in counts.columns)
    assert -source["yshift"] >= charts.MATRIX_CHAR_PX * longest and fig["layout"]["margin"]["b"] > -source["yshift"]
    small = charts.matrix_figure(counts.iloc[:2, :2], query.allowed["partner"], names, "t", "Source: s")
    assert any("2 of " in a["text"] and " cities shown" in a["text"] for a in small["layout"]["annotations"])


def test_a_small_embed_chooses_what_it_shows_and_says_so(query):
    """Issue 20, item 6: in an embed of one chart the focus areas are all named (short names, full in the hover), the
    partners and the matrix show the busiest few with a line saying how many there are, nothing is cut."""
    from ascn import wording
    from ascn.vocab import FOCUS_AREAS
    from tests.support import filter_change
    names = dict(zip(query.cities.index, query.cities["name"]))
    focus = filter_change(search="?chart=focus")["focus"]
    assert [b["y"][0] for b in focus["data"]][::-1] == list(wording.FOCUS_SHORT.values())
    assert [b["hovertext"][0] for b in focus["data"]][::-1] == list(FOCUS_AREAS.values())
    assert focus["layout"]["yaxis"]["tickmode"] == "linear", "all six named, however short the plot"
    out = filter_change(search="?chart=partners")
    by_partner = query.by_partner(Selection())
    bars = out["partners"]["data"]
    assert len(bars) == 1 and len(bars[0]["y"]) == min(charts.COMPACT_PARTNERS, len(by_partner))
    assert all(len(label) <= charts.COMPACT_NAME_CHARS for label in bars[0]["y"])
    assert bars[0]["hovertext"][::-1] == [query.allowed["partner"][c] for c in by_partner.index[:len(bars[0]["y"])]]
    notes = [a["text"] for a in out["partners"]["layout"]["annotations"]]
    assert (f"top {len(bars[0]['y'])} of {len(by_partner)} partners shown" in notes) == (len(by_partner) > len(bars[0]["y"]))
    full = filter_change()["partners"]["data"]
    assert len(full) > 1 and len(full[0]["y"]) == min(15, len(by_partner)), "the page keeps every partner and the focus areas"
    matrix = filter_change(search="?chart=matrix")["matrix"]
    counts = query.partner_city_counts(Selection())
    cells = matrix["data"][0]["customdata"]
    assert len({c[0] for c in cells}) <= charts.COMPACT_MATRIX_PARTNERS and len({c[1] for c in cells}) <= charts.COMPACT_CITIES
    assert all(c[3] == names[c[1]] for c in cells), "the hover names the city in full"
    assert all(len(line) <= charts.COMPACT_CITY_LINE for label in matrix["layout"]["xaxis"]["categoryarray"] for line in label.split("<br>"))
    shown = len(matrix["layout"]["xaxis"]["categoryarray"])
    assert f"{len(matrix['layout']['yaxis']['categoryarray'])} of {counts.attrs['partners']} partners, {shown} of {counts.attrs['cities']} cities" in [
        a["text"] for a in matrix["layout"]["annotations"]]


def test_an_embed_of_the_story_names_a_few_milestones_and_every_other_page_keeps_the_layouts(query):
    from dash import no_update

    from layouts.presenter import story_for_embed
    events = query.dataset.events
    fig = story_for_embed(query, "/embed", "?chart=story")
    named = [t for t in fig["data"][0]["text"] if t]
    assert len(named) == min(charts.COMPACT_STORY_LABELS, len(events)) and len(fig["data"][0]["customdata"]) == len(events)
    assert fig["data"][0]["text"][0] and fig["data"][0]["text"][-1], "the first and the last milestone named"
    for pathname, search in (("/", "?chart=story"), ("/embed", "?chart=map"), ("/embed", "?chart=story&partner=JAP")):
        assert story_for_embed(query, pathname, search) is no_update


_COORD = st.floats(min_value=-50, max_value=900, allow_nan=False)
_BOX = st.tuples(_COORD, _COORD, st.floats(min_value=0, max_value=150), st.floats(min_value=0, max_value=60)).map(
    lambda b: (b[0], b[1], b[0] + b[2], b[1] + b[3]))
_ANCHORED = st.tuples(_COORD, _COORD, _BOX)


@settings(max_examples=examples(60, long=1000), deadline=None, derandomize=True)
@given(st.lists(_ANCHORED, max_size=8), st.lists(_ANCHORED, max_size=30),
       st.sampled_from([(1.0,), maps.PRESENT_FACTORS, maps.EXPLORER_LABELS["factors"]]))
def test_the_clash_test_of_many_pairs_at_once_agrees_with_the_test_of_one_pair(candidates, others, factors):
    """Names are placed by testing many boxes against many at once (numpy); each answer is what the one-pair test
    (``_clash``) gives, so a projector's map names its cities exactly where it did before."""
    many = maps._clashes(candidates, others, factors)
    assert many.shape == (len(candidates), len(others))
    assert many.tolist() == [[maps._clash(c, o, factors) for o in others] for c in candidates]
