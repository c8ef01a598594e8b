"""Checks on the committed country geometry and plotly's offline topojson."""

import json
from pathlib import Path

import pytest
from shapely.geometry import shape

ROOT = Path(__file__).resolve().parents[2]
GEOJSON = ROOT / "data" / "geo" / "countries.geojson"
TOPOJSON = ROOT / "assets" / "topojson" / "world_110m.json"
ASEAN = {"BRN", "IDN", "KHM", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "VNM"}
# lon_min, lat_min, lon_max, lat_max, as in scripts/build_geo.py
CLIP_BOX = (88.0, -13.0, 145.0, 29.0)
# Object names plotly.js 4.x reads: geo base layers and locationmodeToLayer.
PLOTLY_OBJECTS = {
    "coastlines",
    "countries",
    "lakes",
    "land",
    "ocean",
    "rivers",
    "subunits",
}


@pytest.fixture(scope="module")
def features():
    """Features of the committed GeoJSON."""
    collection = json.loads(GEOJSON.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    return collection["features"]


@pytest.fixture(scope="module")
def by_id(features):
    """Features keyed by id."""
    return {f["id"]: f for f in features}


def points(coords):
    """Yield every (lon, lat) pair of nested GeoJSON coordinates."""
    if isinstance(coords[0], (int, float)):
        yield coords
        return
    for part in coords:
        yield from points(part)


def test_geojson_is_under_300_kb():
    assert GEOJSON.stat().st_size < 307200


def test_all_ten_asean_members_are_present(by_id):
    assert ASEAN <= set(by_id)


def test_asean_member_flag_is_true_exactly_for_the_ten_members(features):
    flagged = {f["id"] for f in features if f["properties"]["asean_member"] is True}
    assert flagged == ASEAN
    assert all(isinstance(f["properties"]["asean_member"], bool) for f in features)


def test_ids_are_unique_sorted_and_match_adm0_a3(features):
    ids = [f["id"] for f in features]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)
    assert all(f["id"] == f["properties"]["adm0_a3"] for f in features)
    assert "-99" not in ids


def test_properties_are_exactly_adm0_a3_name_and_asean_member(features):
    for f in features:
        assert set(f["properties"]) == {"adm0_a3", "name", "asean_member"}
        assert isinstance(f["properties"]["name"], str) and f["properties"]["name"]


def test_names_are_english_and_not_garbled(by_id):
    assert by_id["VNM"]["properties"]["name"] == "Vietnam"
    assert by_id["LAO"]["properties"]["name"] == "Laos"
    assert all("\ufffd" not in f["properties"]["name"] for f in by_id.values())


def test_every_geometry_is_a_valid_non_empty_polygon(features):
    for f in features:
        geom = shape(f["geometry"])
        assert geom.geom_type in ("Polygon", "MultiPolygon"), f["id"]
        assert geom.is_valid, f["id"]
        assert not geom.is_empty and geom.area > 0, f["id"]


def test_exterior_rings_are_clockwise_for_d3(features):
    # plotly.js (d3-geo) fills the outside of counter-clockwise rings.
    for f in features:
        geom = shape(f["geometry"])
        for poly in getattr(geom, "geoms", [geom]):
            assert not poly.exterior.is_ccw, f["id"]


@pytest.mark.parametrize(
    ("code", "lon_range", "lat_range"),
    # Natural Earth's Brunei starts at lon 113.999, hence 113.9.
    [("SGP", (103.6, 104.1), (1.1, 1.5)), ("BRN", (113.9, 115.4), (4.0, 5.1))],
)
def test_small_members_keep_real_area_in_the_right_place(by_id, code, lon_range, lat_range):
    geom = shape(by_id[code]["geometry"])
    assert geom.geom_type in ("Polygon", "MultiPolygon")
    assert geom.area > 0.01  # square degrees; SGP is ~0.04, BRN ~0.46
    lon_min, lat_min, lon_max, lat_max = geom.bounds
    assert lon_range[0] <= lon_min < lon_max <= lon_range[1]
    assert lat_range[0] <= lat_min < lat_max <= lat_range[1]


def test_every_coordinate_is_inside_the_clip_box(features):
    lon0, lat0, lon1, lat1 = CLIP_BOX
    for f in features:
        for lon, lat in points(f["geometry"]["coordinates"]):
            assert lon0 <= lon <= lon1 and lat0 <= lat <= lat1, f["id"]


def test_coordinates_have_at_most_three_decimals(features):
    for f in features:
        for lon, lat in points(f["geometry"]["coordinates"]):
            assert round(lon, 3) == lon and round(lat, 3) == lat, f["id"]


def test_topojson_parses_and_has_every_object_plotly_reads():
    topo = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    assert topo["type"] == "Topology"
    assert PLOTLY_OBJECTS <= set(topo["objects"])
    for name in PLOTLY_OBJECTS:
        assert topo["objects"][name]["type"] == "GeometryCollection", name
        assert isinstance(topo["objects"][name]["geometries"], list), name


def test_topojson_arc_references_exist():
    topo = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    n_arcs = len(topo["arcs"])

    def refs(arcs):
        if isinstance(arcs, int):
            yield arcs if arcs >= 0 else ~arcs
        else:
            for a in arcs:
                yield from refs(a)

    for obj in topo["objects"].values():
        for geom in obj["geometries"]:
            assert all(0 <= i < n_arcs for i in refs(geom["arcs"]))
