"""Read one CSV file as text, keeping the line each record starts on.

Problems with the file as a whole (missing, empty, BOM, not UTF-8, wrong header,
ragged rows) are found here; cell values are judged later by the schema.
"""

import csv
import difflib
import io
from pathlib import Path

import pandas as pd

from ascn.problems import Problem

BOM = b"\xef\xbb\xbf"


def read_csv_text(path: Path, name: str, columns: list[str]) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Return the file's cells as strings (index = line number) and the file-level problems.

    The frame is None when the file cannot be read as a table with the expected header.
    """
    if not path.is_file():
        return None, [Problem(name, 0, "", None, f"file is missing; expected a CSV with columns {', '.join(columns)}")]
    raw = path.read_bytes()
    problems: list[Problem] = []
    if raw.startswith(BOM):
        problems.append(Problem(name, 1, "", None, "file starts with a UTF-8 byte-order mark (BOM); save it as UTF-8 without BOM"))
        raw = raw[len(BOM):]
    if not raw.strip():
        problems.append(Problem(name, 0, "", None, f"file is empty; expected a header line: {','.join(columns)}"))
        return None, problems
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        byte = raw[err.start : err.start + 1].hex().upper()
        problems.append(Problem(name, line, "", None, f"byte 0x{byte} is not UTF-8 (Latin-1 or Windows-1252?); save the file as UTF-8"))
        return None, problems

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as err:
        return None, [*problems, Problem(name, 1, "", None, f"header is not valid CSV: {err}")]
    header_problems = _check_header(name, header, columns)
    if header_problems:
        return None, problems + header_problems

    lines, rows = [], []
    start = reader.line_num + 1
    try:
        for record in reader:
            if record and any(cell.strip() for cell in record):
                if len(record) != len(header):
                    problems.append(
                        Problem(name, start, "", None, f"row has {len(record)} fields; expected {len(header)} (an unquoted comma, or a missing one?)")
                    )
                else:
                    lines.append(start)
                    rows.append(record)
            start = reader.line_num + 1
    except csv.Error as err:
        problems.append(Problem(name, start, "", None, f"not valid CSV: {err}"))
    frame = pd.DataFrame(rows, columns=header, index=pd.Index(lines, name="line"), dtype=str)
    return frame[columns], problems


def _check_header(name: str, header: list[str], columns: list[str]) -> list[Problem]:
    """Missing, unexpected, misspelt or repeated column names."""
    problems = []
    if len(header) == 1 and ";" in header[0] and len(columns) > 1:
        return [Problem(name, 1, "", header[0][:60], "the header is one ';'-separated field: save the file comma-separated")]
    seen = set()
    for col in header:
        if col in seen:
            problems.append(Problem(name, 1, col, col, "column appears twice in the header"))
        seen.add(col)
    missing = [c for c in columns if c not in header]
    for col in header:
        if col in columns or header.count(col) > 1:
            continue
        guess = difflib.get_close_matches(col.strip().lower(), missing, n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else f"allowed columns: {', '.join(columns)}"
        problems.append(Problem(name, 1, col, col, f"unknown column; {hint}"))
    for col in missing:
        problems.append(Problem(name, 1, col, None, "required column is missing from the header"))
    return problems
