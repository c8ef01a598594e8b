"""A 50 MB partnerships.csv, generated at test time (never committed), with one broken row deep inside."""

import csv
import io

from ascn import vocab
from ascn.validate import validate_dir
from tests.validation_helpers import copy_data, read_rows, snapshot

SIZE = 50 * 1024 * 1024
BROKEN_ID = 33_333  # rows from later reporting are long: a 50 MB file holds about 57,000
ID = "@@ID@@"  # a placeholder no real cell contains


def _write_large_partnerships(data_dir) -> int:
    """Repeat the real rows with fresh ids (and titles, so no row duplicates another) until
    the file holds SIZE bytes; return the number of rows."""
    path = data_dir / vocab.PARTNERSHIPS
    header, *rows = read_rows(path)
    # Copies get ids past Table 2's twenty, so only rows from later reporting (which quote their sources) are copied.
    rows = [row for row in rows if row[header.index("provenance")] == "later-reporting"]
    city, title = header.index("city_ids"), header.index("title")
    broken = list(rows[(BROKEN_ID - 1) % len(rows)])
    broken[city] = "kuala-lumpor"

    def template(row: list[str]) -> str:
        # Rendered once per real row; each copy only swaps in its number (a csv.writer per row is 3x slower).
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow([ID, *row[1:title], f"{row[title]} (copy {ID})", *row[title + 1:]])
        return out.getvalue()

    templates = [template(row) for row in rows]
    lines, size, number = [",".join(header) + "\n"], 0, 0
    while size < SIZE:
        number += 1
        line = (template(broken) if number == BROKEN_ID else templates[(number - 1) % len(rows)]).replace(ID, str(number))
        lines.append(line)
        size += len(line.encode("utf-8"))
    path.write_text("".join(lines), encoding="utf-8", newline="")
    return number


def test_one_broken_row_deep_in_a_50_mb_file_is_reported_at_its_line(tmp_path):
    data_dir = copy_data(tmp_path)
    count = _write_large_partnerships(data_dir)
    assert (data_dir / vocab.PARTNERSHIPS).stat().st_size >= SIZE and count > BROKEN_ID
    before = snapshot(data_dir)

    problems = validate_dir(data_dir).problems

    assert [(p.file, p.line, p.column, p.value) for p in problems] == [(vocab.PARTNERSHIPS, BROKEN_ID + 1, "city_ids", "kuala-lumpor")]
    assert "unknown: 'kuala-lumpor' (did you mean 'kuala-lumpur'?)" in problems[0].message
    assert snapshot(data_dir) == before
