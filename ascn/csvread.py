"""Read one CSV file as text, keeping the line each record starts on.

Problems with the file as a whole (missing, empty, BOM, not UTF-8, wrong header,
ragged rows, broken quotes) are found here; cell values are judged later by the schema.
CRLF line ends are accepted: Excel on Windows writes them, and every CSV reader copes.
"""

import csv
import dataclasses
import difflib
import io
import os
import re
import stat
from array import array
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ascn.problems import Problem

BOM = b"\xef\xbb\xbf"
# The longest cell the contract allows: the csv module's own default limit. The reader itself is given no limit
# (below), so a long cell is reported as long, and an unclosed quote as unclosed, whatever the file's size.
MAX_CELL = 131_072
csv.field_size_limit(2**31 - 1)
# The largest data file read (CSV or GeoJSON), checked before reading: a 1,000,000-row partnerships.csv is about 477 MB.
MAX_FILE_BYTES = 1 << 30  # the module's limit is process-wide; nothing else here reads CSV with the csv module


@dataclass
class CsvText:
    """A file's cells as strings (index = line number), its problems, and whether every row was read."""

    frame: pd.DataFrame | None
    problems: list[Problem] = field(default_factory=list)
    complete: bool = False  # False when rows were skipped: ids other files point at may be missing


def read_csv_text(path: Path, name: str, columns: list[str], optional: tuple[str, ...] = ()) -> CsvText:
    """Read ``path`` as text; the frame is None when the file cannot be read as a table with the expected header.
    ``optional`` columns may be left out of the header; the frame then has them empty.

    The file is read as a stream, a block at a time, and each value that repeats in a column is kept once: the
    file's text and a list of every record are never held whole, so a 1,000,000-row file is checked in about
    twice its size (bench/scale.py)."""
    if not path.exists():
        return CsvText(None, [Problem(name, 0, "", None, f"file is missing; expected a CSV with columns {', '.join(columns)}")])
    handle, why = open_regular(path)
    if handle is None:
        return CsvText(None, [Problem(name, 0, "", None, f"cannot be read: {why}")])
    with handle:
        return _read_handle(handle, name, columns, optional)


def parse_csv_text(text: str, name: str, columns: list[str], optional: tuple[str, ...] = (),
                   problems: list[Problem] | None = None) -> CsvText:
    """A file's text (already decoded) as a table, with the same checks as a file read from disk (an uploaded
    scenes file is checked by these rules too)."""
    return _parse_lines(io.StringIO(text, newline=""), name, columns, optional, list(problems or []),
                        check_length=len(text) > MAX_CELL)  # no cell is longer than the file


def _read_handle(handle: io.BufferedReader, name: str, columns: list[str], optional: tuple[str, ...]) -> CsvText:
    """Problems of the file as a whole (UTF-16, BOM, empty, not UTF-8, too large), then the table it holds."""
    first = handle.read(len(BOM))
    if first.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode Text": every character is two bytes, so no line would read right.
        return CsvText(None, [Problem(name, 0, "", None, "file is UTF-16 (Excel's 'Unicode Text'?); save it as CSV, UTF-8, comma-separated")])
    problems: list[Problem] = []
    offset = 0
    if first == BOM:
        # Excel's "CSV UTF-8" adds it; pandas and the csv module then see a column named '\ufeffcode'.
        problems.append(Problem(name, 1, "", None, "file starts with a UTF-8 byte-order mark (BOM); save it as UTF-8 without BOM"))
        offset = len(BOM)
    handle.seek(offset)
    if _blank(handle):
        problems.append(Problem(name, 0, "", None, f"file is empty; expected a header line: {','.join(columns)}"))
        return CsvText(None, problems)
    handle.seek(offset)
    size = os.fstat(handle.fileno()).st_size
    text = io.TextIOWrapper(io.BufferedReader(_Limited(handle, offset)), encoding="utf-8", newline="")
    try:
        table = _parse_lines(text, name, columns, optional, list(problems), check_length=size - offset > MAX_CELL)
        for _ in iter(lambda: text.read(1 << 20), ""):  # the rest (after a header or a quote gone wrong) must be UTF-8 too
            pass
    except UnicodeDecodeError:
        handle.seek(offset)
        return CsvText(None, problems + _encoding_problems(handle.read(MAX_FILE_BYTES + 1), name))
    except _TooLarge as err:
        return CsvText(None, [Problem(name, 0, "", None, f"cannot be read: {_too_large(err.size, MAX_FILE_BYTES)}")])
    except OSError as err:
        return CsvText(None, [Problem(name, 0, "", None, f"cannot be read: {(err.strerror or str(err)).lower()}")])
    return table


def _blank(handle: io.BufferedReader) -> bool:
    """True when the rest of the file is empty or only whitespace (read a block at a time: no copy of the file)."""
    return all(block.isspace() for block in iter(lambda: handle.read(1 << 20), b""))


class _TooLarge(Exception):
    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


class _Limited(io.RawIOBase):
    """A file's bytes from where it stands, refused past MAX_FILE_BYTES: a file that grows while it is read stops there."""

    def __init__(self, handle: io.BufferedReader, offset: int):
        self.handle, self.seen = handle, offset

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self.handle.readinto(buffer)
        self.seen += count
        if self.seen > MAX_FILE_BYTES:
            raise _TooLarge(self.seen)
        return count


def _parse_lines(lines: io.TextIOBase, name: str, columns: list[str], optional: tuple[str, ...], problems: list[Problem],
                 check_length: bool) -> CsvText:
    """The table in ``lines`` (a text stream) with its header checked, its rows read as they come."""
    counted = _Lines(lines)
    reader = csv.reader(counted, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as err:
        return CsvText(None, problems + [Problem(name, 1, "", None, _csv_error(err))])
    if header is None:
        return CsvText(None, problems + [Problem(name, 1, "", None, "no header line")])
    header_problems = _check_header(name, header, columns, optional)
    if header_problems:
        return CsvText(None, problems + header_problems)
    rows = _Columns(header)
    broken = _read_rows(reader, rows, name, check_length)
    # When there are as many lines as records, record i is on line i (a line break inside a value, or one the csv
    # module reads as a line end, makes them differ: then each record is on the line the reader says it starts on).
    fast = broken is None and counted.count() == rows.records
    problems += rows.left_out(fast)
    if broken is not None:
        problems.append(broken)
    frame = rows.frame(fast)
    for col in optional:
        if col not in frame.columns:
            frame[col] = ""
    return CsvText(frame[columns + list(optional)], problems, complete=not rows.ragged and broken is None)


class _Lines:
    """The lines a csv reader reads, counted: line breaks, and whether the last line ends with one."""

    def __init__(self, lines: io.TextIOBase):
        self.lines, self.breaks, self.last = lines, 0, ""

    def __iter__(self):
        for line in self.lines:
            self.breaks += line.count("\n")
            self.last = line
            yield line

    def count(self) -> int:
        return self.breaks + (0 if self.last.endswith("\n") else 1)


def _read_rows(reader, rows: "_Columns", name: str, check_length: bool) -> Problem | None:
    """Every record after the header into ``rows``; the problem that stopped the reader, if any."""
    start = reader.line_num + 1
    try:
        for record in reader:
            rows.add(record, start, check_length, name)
            start = reader.line_num + 1
    except csv.Error as err:
        return Problem(name, start, "", None, _csv_error(err))
    finally:
        rows.flush()
    return None


class _Columns:
    """The rows that fit the header, gathered column by column, with the lines they are on, and a problem for each
    row left out (ragged, or with a huge cell). A value that repeats in a column (a focus area, a source, a list of
    partners) is kept once; a column whose first rows are mostly distinct (ids, titles) is not looked up at all."""

    CHUNK = 8192  # records held as read before they are moved into columns
    SAMPLE = 4096  # rows read before a column is judged mostly distinct

    def __init__(self, header: list[str]):
        self.header = header
        self.cells: list[list[str]] = [[] for _ in header]
        self.memo: list[dict[str, str] | None] = [{} for _ in header]
        self.chunk: list[list[str]] = []
        self.lines, self.numbers = array("q"), array("q")  # where each row starts; its record's number (the header is 1)
        self.records = 1
        self.ragged: list[tuple[int, Problem]] = []  # each with its record's number

    def add(self, record: list[str], line: int, check_length: bool, name: str) -> None:
        self.records += 1
        if not "".join(record).strip():  # a blank line (or one of only commas) is not a row
            return
        long_cells = _long_cells(name, self.header, record, line) if check_length else []
        if long_cells:
            # The row is left out (as a ragged one is): one cell that size is a paste gone wrong, not a value.
            self.ragged += [(self.records, problem) for problem in long_cells]
        elif len(record) == len(self.header):
            self.chunk.append(record)
            self.lines.append(line)
            self.numbers.append(self.records)
            if len(self.chunk) == self.CHUNK:
                self.flush()
        else:
            self.ragged.append((self.records, Problem(name, line, "", None, _ragged(len(record), len(self.header)))))

    def flush(self) -> None:
        if not self.chunk:
            return
        for number, values in enumerate(zip(*self.chunk)):
            memo = self.memo[number]
            self.cells[number].extend(values if memo is None else map(memo.setdefault, values, values))
            if memo is not None and len(self.cells[number]) >= self.SAMPLE and len(memo) > len(self.cells[number]) // 2:
                self.memo[number] = None  # mostly distinct: looking values up would only cost memory
        self.chunk = []

    def left_out(self, fast: bool) -> list[Problem]:
        """A problem for each row left out, on the line the rows' lines are counted by."""
        return [dataclasses.replace(problem, line=number) if fast else problem for number, problem in self.ragged]

    def frame(self, fast: bool) -> pd.DataFrame:
        lines = self.numbers if fast else self.lines
        index = pd.Index(np.frombuffer(lines, dtype=np.int64).copy() if lines else [], name="line")
        frame = pd.DataFrame(dict(zip(self.header, self.cells)), index=index, dtype=str)
        self.cells = []
        return frame


def _long_cells(name: str, header: list[str], record: list[str], line: int) -> list[Problem]:
    """A problem for each cell of ``record`` longer than a cell may be."""
    return [Problem(name, line, header[number] if number < len(header) else "", cell[:60] + "...",
                    f"value is {len(cell)} characters long; a cell holds at most {MAX_CELL}")
            for number, cell in enumerate(record) if len(cell) > MAX_CELL]


_KINDS = ((stat.S_ISDIR, "it is a directory, not a file"), (stat.S_ISFIFO, "it is a FIFO (a named pipe), not a regular file"),
          (stat.S_ISCHR, "it is a device, not a regular file"), (stat.S_ISBLK, "it is a device, not a regular file"),
          (stat.S_ISSOCK, "it is a socket, not a regular file"))


def open_regular(path: Path) -> tuple[io.BufferedReader | None, str]:
    """The file opened for reading, or None and why it cannot be read (a directory, a FIFO, a device or a socket in
    its place, a file over MAX_FILE_BYTES, no permission, an I/O error). What the path is, is asked before anything
    is read: a FIFO is opened without waiting for a writer, a device (a link to /dev/zero) is never read."""
    try:
        mode = os.stat(path).st_mode
    except OSError as err:
        return None, (err.strerror or str(err)).lower()
    why = next((text for test, text in _KINDS if test(mode)), "" if stat.S_ISREG(mode) else "it is not a regular file")
    if why:
        return None, why
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # swapped for a FIFO since the stat: still no wait
    except OSError as err:
        return None, (err.strerror or str(err)).lower()
    handle = os.fdopen(fd, "rb")
    try:
        info = os.fstat(handle.fileno())
    except OSError as err:
        handle.close()
        return None, (err.strerror or str(err)).lower()
    why = "it is not a regular file" if not stat.S_ISREG(info.st_mode) else ""
    if not why and info.st_size > MAX_FILE_BYTES:
        why = _too_large(info.st_size, MAX_FILE_BYTES)
    if why:
        handle.close()
        return None, why
    return handle, ""


def read_bytes(path: Path) -> tuple[bytes | None, str]:
    """A file's bytes, or None and why it cannot be read (see open_regular)."""
    handle, why = open_regular(path)
    if handle is None:
        return None, why
    with handle:
        try:
            raw = handle.read(MAX_FILE_BYTES + 1)  # a file that grows while it is read stops at the limit
        except OSError as err:
            return None, (err.strerror or str(err)).lower()
    return (None, _too_large(len(raw), MAX_FILE_BYTES)) if len(raw) > MAX_FILE_BYTES else (raw, "")


def _too_large(size: int, limit: int) -> str:
    return f"it is {size:,} bytes, more than the {limit:,} bytes a data file may hold"


def _parse(text: str, name: str) -> tuple[list[list[str]], list[int], Problem | None]:
    """Every record with the line it starts on, and the problem that stopped the reader, if any."""
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error:
        pass
    else:
        # Fast path: when there are as many lines as records, record i is on line i.
        n_lines = text.count("\n") + (0 if text.endswith("\n") else 1)
        if n_lines == len(records):
            return records, list(range(1, n_lines + 1)), None
    # Some value spans lines (or the CSV is broken): ask the reader where each record starts.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records, lines, start = [], [], 1
    try:
        for record in reader:
            records.append(record)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as err:
        return records, lines, Problem(name, start, "", None, _csv_error(err))
    return records, lines, None


def _csv_error(err: csv.Error) -> str:
    """The csv module's complaint in plain words; the rows after it could not be read."""
    text = str(err)
    if "unexpected end of data" in text:
        what = "a double quote opened in this row is never closed, so the rest of the file reads as one value"
    elif "expected after" in text:
        what = ("a double quote in this row is not where CSV allows it: a quoted value must end with '\"' followed by ','"
                " (write \"\" for a quote inside a value)")
    else:
        what = f"not valid CSV ({text})"
    return f"{what}; the rows after it were not read"


def _ragged(found: int, expected: int) -> str:
    if found > expected:
        return f"row has {found} fields but the header has {expected}: a value that contains a comma must be in double quotes"
    return f"row has {found} fields but the header has {expected}: a field or a comma is missing"


def _encoding_problems(raw: bytes, name: str) -> list[Problem]:
    """One problem per cell holding bytes that are not UTF-8, shown as Latin-1 so the person can find it."""
    text = raw.decode("utf-8", errors="surrogateescape")
    records, lines, _ = _parse(text, name)
    header = records[0] if records else []
    problems = []
    for record, line in zip(records, lines):
        for number, cell in enumerate(record):
            bad = re.search(r"[\udc80-\udcff]", cell)
            if bad is None:
                continue
            byte = ord(bad.group()) - 0xDC00
            shown = cell.encode("utf-8", errors="surrogateescape").decode("cp1252", errors="replace")
            column = header[number] if line > 1 and number < len(header) else ""
            problems.append(Problem(
                name, line, column, shown,
                f"byte 0x{byte:02X} ('{bytes([byte]).decode('cp1252', errors='replace')}' in Latin-1/Windows-1252) is not UTF-8; "
                "save the file as UTF-8",
            ))
    if not problems:  # the reader could not reach the byte: say where it is in the file
        start = raw.decode("utf-8", errors="replace").find("\ufffd")
        problems.append(Problem(name, raw[:start].count(b"\n") + 1, "", None, "not UTF-8 text; save the file as UTF-8"))
    return problems


def _check_header(name: str, header: list[str], columns: list[str], optional: tuple[str, ...] = ()) -> list[Problem]:
    """Missing, unexpected, misspelt or repeated column names."""
    problems = []
    if len(header) == 1 and ";" in header[0] and len(columns) > 1:
        return [Problem(name, 1, "", header[0], "the header is one ';'-separated field: save the file comma-separated")]
    seen = set()
    for col in header:
        if col in seen:
            problems.append(Problem(name, 1, col, col, "column appears twice in the header"))
        seen.add(col)
    missing = [c for c in columns if c not in header]
    allowed = [*columns, *optional]
    for col in header:
        if col in allowed or header.count(col) > 1:
            continue
        guess = difflib.get_close_matches(col.strip().lower(), missing, n=1)
        if guess:
            # A misspelt name is one mistake: report it once, not also as a missing column.
            missing.remove(guess[0])
            problems.append(Problem(name, 1, col, col, f"unknown column; did you mean '{guess[0]}'? (a required column)"))
        else:
            problems.append(Problem(name, 1, col, col, f"unknown column; allowed columns: {', '.join(allowed)}"))
    for col in missing:
        problems.append(Problem(name, 1, col, None, "required column is missing from the header"))
    return problems
