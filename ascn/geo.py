"""Check and read the committed country geometry (GeoJSON, lon/lat order)."""

import json
import re
from pathlib import Path

import shapely
from shapely.geometry import shape

from ascn.csvread import read_bytes
from ascn.problems import Problem

# Wider than the clip box the file is built with: a swapped lat/lon lands far outside it.
REGION_LON = (80.0, 160.0)
REGION_LAT = (-20.0, 40.0)
NESTED = "arrays nested too deeply (a Polygon nests 3 levels, a MultiPolygon 4)"


def _problem(file: str, line: int, where: str, value: str | None, message: str) -> Problem:
    """A problem about the file or a feature: printed as ``feature 3 (SGP)``, not as a CSV column."""
    return Problem(file, line, where, value, message, label="")


def read_geometry(path: Path, name: str, members: frozenset[str] | None) -> tuple[dict | None, list[Problem]]:
    """Return the parsed FeatureCollection and every problem found in it.

    ``members`` are the ASEAN codes from economies.csv; None (unreadable) skips membership checks.
    """
    data, problems = _load(path, name)
    if data is None:
        return None, problems
    seen: dict[str, int] = {}
    for number, feature in enumerate(data["features"], start=1):
        problems.extend(_feature_problems(name, number, feature, seen, members))
    for code in sorted((members or frozenset()) - set(seen)):
        problems.append(_problem(name, 0, "", code,
                                 "ASEAN member state (per economies.csv) has no feature, so the map would leave it out; rebuild with `make geo`"))
    return (data if not problems else None), problems


def _load(path: Path, name: str) -> tuple[dict | None, list[Problem]]:
    """The file as a FeatureCollection, or None and the one problem that stops it being read."""
    if not path.exists():
        return None, [_problem(name, 0, "", None, "file is missing; build it with `make geo`")]
    raw, why = read_bytes(path)
    if raw is None:
        return None, [_problem(name, 0, "", None, f"cannot be read: {why}")]
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        return None, [_problem(name, 0, "", None, f"not UTF-8 ({err.reason} at byte {err.start})")]
    except json.JSONDecodeError as err:
        return None, [_problem(name, err.lineno, "", None,
                              f"not valid JSON: {err.msg} at column {err.colno} (cut short or edited by hand? rebuild it with `make geo`)")]
    except RecursionError:
        return None, [_problem(name, 0, "", None, f"not readable GeoJSON: {NESTED}; rebuild it with `make geo`")]
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        return None, [_problem(name, 0, "", None, "expected a GeoJSON FeatureCollection with a 'features' list")]
    return data, []


def _feature_problems(name: str, number: int, feature: object, seen: dict[str, int], members: frozenset[str] | None) -> list[Problem]:
    """One feature's problems; records its id in ``seen`` (id -> feature number)."""
    where = f"feature {number}"
    if not isinstance(feature, dict):
        return [_problem(name, 0, where, repr(feature)[:80], "a feature must be an object with id, properties and geometry")]
    fid = feature.get("id")
    if not isinstance(fid, str) or len(fid) != 3 or not fid.isupper():
        return [_problem(name, 0, where, repr(fid), "feature id must be the country's ADM0_A3 code, e.g. 'THA'")]
    where = f"feature {number} ({fid})"
    problems = []
    if fid in seen:
        problems.append(_problem(name, 0, where, fid, f"id repeats feature {seen[fid]}"))
    seen[fid] = number
    props = feature.get("properties")
    if props is None:
        props = {}  # GeoJSON allows null properties: asean_member is then reported missing
    problems.extend(_property_problems(name, where, fid, props, members))
    problems.extend(_geometry_problems(name, where, feature.get("geometry")))
    return problems


def _property_problems(name: str, where: str, fid: str, props: object, members: frozenset[str] | None) -> list[Problem]:
    """The feature's properties: an object with asean_member (agreeing with economies.csv) and a name."""
    if not isinstance(props, dict):
        return [_problem(name, 0, where, repr(props)[:80], "properties must be an object such as {\"asean_member\": true}")]
    problems = []
    if not isinstance(props.get("asean_member"), bool):
        problems.append(_problem(name, 0, where, repr(props.get("asean_member")), "property asean_member must be true or false"))
    elif members is not None and props["asean_member"] != (fid in members):
        problems.append(_problem(name, 0, where, str(props["asean_member"]).lower(), "asean_member disagrees with economies.csv"))
    if not (isinstance(props.get("name"), str) and props["name"].strip()):
        problems.append(_problem(name, 0, where, repr(props.get("name"))[:80], "property name must be the country's name"))
    return problems


def _geometry_problems(name: str, where: str, geometry: object) -> list[Problem]:
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return [_problem(name, 0, where, None, "geometry must be a Polygon or MultiPolygon")]
    try:
        geom = shape(geometry)
    except KeyError as err:
        return [_problem(name, 0, where, None, f"geometry cannot be read: it has no {err}")]
    except (ValueError, TypeError, AttributeError, IndexError, shapely.errors.ShapelyError) as err:
        return [_problem(name, 0, where, None, f"geometry cannot be read: {err}")]
    except RecursionError:
        return [_problem(name, 0, where, None, f"geometry cannot be read: {NESTED}")]
    if geom.is_empty:  # no bounds to judge
        return [_problem(name, 0, where, None, "geometry is empty")]
    problems = []
    lon_min, lat_min, lon_max, lat_max = geom.bounds
    if not (REGION_LON[0] <= lon_min and lon_max <= REGION_LON[1] and REGION_LAT[0] <= lat_min and lat_max <= REGION_LAT[1]):
        problems.append(_problem(name, 0, where, f"[{lon_min:.2f}, {lat_min:.2f}, {lon_max:.2f}, {lat_max:.2f}]",
                                f"coordinates fall outside the region (lon {REGION_LON[0]} to {REGION_LON[1]}, "
                                f"lat {REGION_LAT[0]} to {REGION_LAT[1]}); GeoJSON wants [longitude, latitude]"))
    if not geom.is_valid:
        problems.append(_problem(name, 0, where, None, _plain_reason(shapely.is_valid_reason(geom))))
    return problems


def _plain_reason(reason: str) -> str:
    """GEOS's reason (``Self-intersection[103.8 1.325]``) in plain words, with the place as lon, lat."""
    match = re.fullmatch(r"(.*?)\[(\S+) (\S+)\]", reason)
    if match is None:
        return f"invalid polygon: {reason}"
    what, lon, lat = match.groups()
    near = f"near lon {float(lon):.3f}, lat {float(lat):.3f}"
    if what == "Self-intersection":
        return f"invalid polygon: the outline crosses itself {near} (a bow-tie, or points out of order); a ring must not cross itself"
    if what == "Ring Self-intersection":
        return f"invalid polygon: a ring touches itself {near}; a ring must not cross or touch itself"
    return f"invalid polygon: {what.lower()} {near}"
