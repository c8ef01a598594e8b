"""Validate a data directory: every problem in every file, reported at once."""

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from pandera.errors import SchemaErrorReason, SchemaErrors

from ascn import geo, numbers, rules, schemas, vocab
from ascn.checks import FileSchema
from ascn.csvread import read_csv_text
from ascn.problems import Problem
from ascn.rules import References


@dataclass
class Report:
    """What validation found, and the text frames of the files that could be read."""

    problems: list[Problem] = field(default_factory=list)
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    geometry: dict | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_dir(data_dir: Path) -> Report:
    """Read and check every file of the contract in ``data_dir``; never writes anything."""
    report = Report()
    if not data_dir.is_dir():
        report.problems.append(Problem(str(data_dir), 0, "", None, "data directory does not exist"))
        return report

    economies = _check_file(report, data_dir, vocab.ECONOMIES, schemas.economies_schema())
    refs = References() if economies is None else rules.economy_references(economies)
    cities = _check_file(report, data_dir, vocab.CITIES, schemas.cities_schema(refs))
    if cities is not None:
        refs = rules.with_cities(refs, cities)
    partnerships = _check_file(report, data_dir, vocab.PARTNERSHIPS, schemas.partnerships_schema(refs))
    if partnerships is not None:
        refs = rules.with_partnerships(refs, partnerships)
    _check_file(report, data_dir, vocab.COMMITMENTS, schemas.commitments_schema(refs))
    _check_file(report, data_dir, vocab.EVENTS, schemas.events_schema())
    sizes = _check_file(report, data_dir, vocab.NETWORK_SIZE, schemas.network_size_schema())
    if sizes is not None and cities is not None:
        report.problems.extend(_size_problems(sizes, len(cities)))

    report.geometry, geo_problems = geo.read_geometry(data_dir / vocab.GEOMETRY, vocab.GEOMETRY, refs.members)
    report.problems.extend(geo_problems)
    report.problems.sort()
    return report


def _check_file(report: Report, data_dir: Path, name: str, fs: FileSchema) -> pd.DataFrame | None:
    """Read one CSV and validate it; return the frame only if other files may trust its ids."""
    table = read_csv_text(data_dir / name, name, schemas.COLUMNS[name])
    report.problems.extend(table.problems)
    frame = table.frame
    if frame is None:
        return None
    report.frames[name] = frame
    if frame.empty and name in schemas.NON_EMPTY and table.complete:
        # A header alone would silently empty the record; say so instead of judging nothing.
        report.problems.append(Problem(name, 0, "", None, f"file has a header but no rows; it must list {schemas.NON_EMPTY[name]}"))
        return None
    report.problems.extend(check_frame(name, frame, fs))
    # Rows that could not be read may hold ids that other files point at: do not judge those references.
    return frame if table.complete else None


def _size_problems(sizes: pd.DataFrame, named: int) -> list[Problem]:
    """cities.csv must not name more cities than the latest dated count: a city beyond it would be invented."""
    if sizes.empty or not sizes["count"].map(lambda v: numbers.digits(v, 4)).all():
        return []
    latest = sizes.sort_values("date", kind="stable").iloc[-1]
    if named <= int(latest["count"]):
        return []
    return [Problem(vocab.NETWORK_SIZE, int(latest.name), "count", str(latest["count"]),
                    f"cities.csv names {named} cities, more than the latest count ({latest['date']}); add the fact that counts them")]


def check_frame(name: str, frame: pd.DataFrame, fs: FileSchema) -> list[Problem]:
    """Every problem the schema finds in one file's text frame (index = line numbers)."""
    try:
        fs.schema.validate(frame, lazy=True)
    except SchemaErrors as err:
        # pandera turns an exception inside a check into a "failure case": that is a bug in
        # the contract, and blaming the data for it would send people hunting for nothing.
        crashed = [e for e in err.schema_errors if e.reason_code == SchemaErrorReason.CHECK_ERROR]
        if crashed:
            raise RuntimeError(f"{name}: a check of the contract crashed (a bug, not a data problem): {crashed[0]}") from crashed[0]
        return _schema_problems(name, frame, fs, err.failure_cases)
    return []


def _schema_problems(name: str, frame: pd.DataFrame, fs: FileSchema, cases: pd.DataFrame) -> list[Problem]:
    """Turn pandera's failure cases into problems with line, column, value and what is allowed."""
    problems = set()
    twins = _Twins(frame)
    for case in cases.itertuples(index=False):
        line = int(case.index) if pd.notna(case.index) else 0
        check = str(case.check)  # the check's message, or the name of one of pandera's own checks
        code = fs.code_of(case.schema_context, case.column, case.check_number)
        if case.schema_context == "DataFrameSchema":
            column = fs.row_check_columns.get(code, "")
            value = str(frame.at[line, column]) if column and line else None
            message = check
            if code == rules.DUPLICATE_ROW:
                message = f"{check} (lines {', '.join(map(str, twins.rows(line)))})"
            problems.add(Problem(name, line, column, value, message))
            continue
        column = str(case.column)
        value = str(case.failure_case)
        if check == "field_uniqueness":
            message = f"must be unique; '{value}' is on lines {', '.join(map(str, twins.values(column, value)))}"
        else:
            explain = fs.explain.get(code)
            message = explain(value) if explain is not None else check
        # pandera reports a row check once per column it saw; the set keeps each finding once.
        problems.add(Problem(name, line, column, value, message))
    return sorted(problems)


class _Twins:
    """Lines that share a value or a whole row, grouped once: a file pasted twice must not cost n squared."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self._values: dict[str, dict[str, list[int]]] = {}
        self._rows: dict[int, list[int]] | None = None

    def values(self, column: str, value: str) -> list[int]:
        if column not in self._values:
            series = self.frame[column]
            self._values[column] = _groups(series[series.duplicated(keep=False)])
        return self._values[column].get(value, [])

    def rows(self, line: int) -> list[int]:
        if self._rows is None:
            # Every column but the id (the first): the duplicate-row check ignores the id.
            body = self.frame.drop(columns=self.frame.columns[0])
            body = body[body.duplicated(keep=False)]
            by_content = _groups(pd.Series(list(body.itertuples(index=False, name=None)), index=body.index, dtype=object))
            self._rows = {n: lines for lines in by_content.values() for n in lines}
        return self._rows.get(line, [line])


def _groups(series: pd.Series) -> dict:
    """Value -> sorted lines holding it."""
    groups: dict = {}
    for line, value in series.items():
        groups.setdefault(value, []).append(int(line))
    return {value: sorted(lines) for value, lines in groups.items()}
