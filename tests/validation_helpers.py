"""Helpers of the validation tests: copies of data/, snapshots, edits a person makes."""

import csv
import io
import json
import shutil
from pathlib import Path

from tests.support import DATA

GEOMETRY = "geo/countries.geojson"


def copy_data(dest: Path) -> Path:
    """A fresh copy of the real data/ at ``dest``/data."""
    return Path(shutil.copytree(DATA, dest / "data"))


def snapshot(directory: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and modification time (ns) of every file under ``directory``."""
    return {
        str(path.relative_to(directory)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def read_rows(path: Path) -> list[list[str]]:
    """Every record of a CSV file, header first."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]], **fmt) -> None:
    """Write records the way the committed files are written (comma, minimal quoting, LF)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n", **fmt).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


def set_cell(directory: Path, name: str, row_id: str, column: str, value: str) -> None:
    """Set one cell, found by the row's id (the first column) and the column's name."""
    path = directory / name
    rows = read_rows(path)
    col = rows[0].index(column)
    hits = [row for row in rows[1:] if row[0] == row_id]
    assert len(hits) == 1, f"{name}: no single row with id {row_id!r}"
    hits[0][col] = value
    write_rows(path, rows)


def replace_once(directory: Path, name: str, old: str, new: str) -> None:
    """Replace text that occurs exactly once in a file, as a person editing it by hand would."""
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{name}: {old!r} occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8", newline="")


def edit_geometry(directory: Path, change) -> None:
    """Load the GeoJSON, let ``change`` edit it in place, and write it back compactly."""
    path = directory / GEOMETRY
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")


def feature(data: dict, code: str) -> dict:
    """The feature of ``code`` in a FeatureCollection."""
    return next(f for f in data["features"] if f["id"] == code)


def feature_label(code: str) -> str:
    """How the validator names a feature of the committed file: ``feature 24 (SGP)``."""
    features = json.loads((DATA / GEOMETRY).read_text(encoding="utf-8"))["features"]
    number = next(n for n, f in enumerate(features, start=1) if f["id"] == code)
    return f"feature {number} ({code})"
