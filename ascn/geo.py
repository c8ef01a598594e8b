"""Check and read the committed country geometry (GeoJSON, lon/lat order)."""

import json
from pathlib import Path

import shapely
from shapely.geometry import shape

from ascn.problems import Problem

# Wider than the clip box the file is built with: a swapped lat/lon lands far outside it.
REGION_LON = (80.0, 160.0)
REGION_LAT = (-20.0, 40.0)


def read_geometry(path: Path, name: str, members: frozenset[str] | None) -> tuple[dict | None, list[Problem]]:
    """Return the parsed FeatureCollection and every problem found in it.

    ``members`` are the ASEAN codes from economies.csv; None (unreadable) skips membership checks.
    """
    if not path.is_file():
        return None, [Problem(name, 0, "", None, "file is missing; build it with `make geo`")]
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as err:
        return None, [Problem(name, 0, "", None, f"not UTF-8 ({err.reason} at byte {err.start})")]
    except json.JSONDecodeError as err:
        return None, [Problem(name, err.lineno, "", None, f"not valid JSON: {err.msg} (column {err.colno})")]
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        return None, [Problem(name, 0, "", None, "expected a GeoJSON FeatureCollection with a 'features' list")]

    problems, seen = [], {}
    for number, feature in enumerate(data["features"], start=1):
        where = f"feature {number}"
        fid = feature.get("id") if isinstance(feature, dict) else None
        props = feature.get("properties") or {} if isinstance(feature, dict) else {}
        if not isinstance(fid, str) or len(fid) != 3 or not fid.isupper():
            problems.append(Problem(name, 0, where, repr(fid), "feature id must be the country's ADM0_A3 code, e.g. 'THA'"))
            continue
        where = f"feature {number} ({fid})"
        if fid in seen:
            problems.append(Problem(name, 0, where, fid, f"id repeats feature {seen[fid]}"))
        seen[fid] = number
        if not isinstance(props.get("asean_member"), bool):
            problems.append(Problem(name, 0, where, repr(props.get("asean_member")), "property asean_member must be true or false"))
        elif members is not None and props["asean_member"] != (fid in members):
            problems.append(Problem(name, 0, where, str(props["asean_member"]).lower(),
                                    "asean_member disagrees with economies.csv"))
        problems.extend(_geometry_problems(name, where, feature.get("geometry")))

    for code in sorted((members or frozenset()) - set(seen)):
        problems.append(Problem(name, 0, "", code, "ASEAN member state has no feature"))
    return (data if not problems else None), problems


def _geometry_problems(name: str, where: str, geometry: object) -> list[Problem]:
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return [Problem(name, 0, where, None, "geometry must be a Polygon or MultiPolygon")]
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError) as err:
        return [Problem(name, 0, where, None, f"geometry cannot be read: {err}")]
    problems = []
    lon_min, lat_min, lon_max, lat_max = geom.bounds
    if not (REGION_LON[0] <= lon_min and lon_max <= REGION_LON[1] and REGION_LAT[0] <= lat_min and lat_max <= REGION_LAT[1]):
        problems.append(Problem(name, 0, where, f"[{lon_min:.2f}, {lat_min:.2f}, {lon_max:.2f}, {lat_max:.2f}]",
                                f"coordinates fall outside the region (lon {REGION_LON[0]} to {REGION_LON[1]}, "
                                f"lat {REGION_LAT[0]} to {REGION_LAT[1]}); GeoJSON wants [longitude, latitude]"))
    if geom.is_empty:
        problems.append(Problem(name, 0, where, None, "geometry is empty"))
    elif not geom.is_valid:
        problems.append(Problem(name, 0, where, None, f"invalid polygon: {shapely.is_valid_reason(geom)}"))
    return problems
