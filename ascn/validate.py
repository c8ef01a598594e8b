"""Validate a data directory: every problem in every file, reported at once."""

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from pandera.errors import SchemaErrors

from ascn import contract, geo, vocab
from ascn.contract import FileSchema, References
from ascn.csvread import read_csv_text
from ascn.problems import Problem


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

    economies = _check_file(report, data_dir, vocab.ECONOMIES, contract.economies_schema())
    refs = References()
    if economies is not None:
        refs = References(
            economies=frozenset(economies["code"]),
            members=frozenset(economies.loc[economies["asean_member"] == "true", "code"]),
        )
    cities = _check_file(report, data_dir, vocab.CITIES, contract.cities_schema(refs))
    if cities is not None:
        names = {}
        for city_id, name, aliases in zip(cities["city_id"], cities["name"], cities["aliases"]):
            for label in [name, *contract.split_list(aliases)]:
                names[label.strip().lower()] = city_id
        refs = References(refs.economies, refs.members, frozenset(cities["city_id"]), names)
    else:
        refs = References(refs.economies, refs.members)
    partnerships = _check_file(report, data_dir, vocab.PARTNERSHIPS, contract.partnerships_schema(refs))
    if partnerships is not None:
        refs = References(refs.economies, refs.members, refs.city_ids, refs.city_names, frozenset(partnerships["partnership_id"]))
    _check_file(report, data_dir, vocab.COMMITMENTS, contract.commitments_schema(refs))
    _check_file(report, data_dir, vocab.EVENTS, contract.events_schema())

    report.geometry, geo_problems = geo.read_geometry(data_dir / vocab.GEOMETRY, vocab.GEOMETRY, refs.members)
    report.problems.extend(geo_problems)
    report.problems.sort()
    return report


def _check_file(report: Report, data_dir: Path, name: str, fs: FileSchema) -> pd.DataFrame | None:
    """Read one CSV and validate it; keep the frame only if the file itself could be read."""
    frame, problems = read_csv_text(data_dir / name, name, contract.COLUMNS[name])
    report.problems.extend(problems)
    if frame is None:
        return None
    try:
        fs.schema.validate(frame, lazy=True)
    except SchemaErrors as err:
        report.problems.extend(_schema_problems(name, frame, fs, err.failure_cases))
    report.frames[name] = frame
    return frame


def _schema_problems(name: str, frame: pd.DataFrame, fs: FileSchema, cases: pd.DataFrame) -> list[Problem]:
    """Turn pandera's failure cases into problems with line, column, value and what is allowed."""
    problems = []
    for case in cases.itertuples(index=False):
        line = int(case.index) if pd.notna(case.index) else 0
        check = str(case.check)
        if case.schema_context == "DataFrameSchema":
            column = fs.row_check_columns.get(check, "")
            value = str(frame.at[line, column]) if column and line else None
            message = check
            if check.startswith("duplicate row"):
                twins = _duplicate_lines(frame, line)
                message = f"{check} (lines {', '.join(map(str, twins))})"
            problems.append(Problem(name, line, column, value, message))
            continue
        column = str(case.column)
        value = str(case.failure_case)
        if check == "field_uniqueness":
            others = frame.index[frame[column] == value].tolist()
            message = f"must be unique; '{value}' is on lines {', '.join(map(str, others))}"
        else:
            message = fs.explain.get(check, lambda _v, c=check: c)(value)
        problems.append(Problem(name, line, column, value, message))
    # pandera reports a row check once per column it saw; keep each finding once.
    return sorted(set(problems))


def _duplicate_lines(frame: pd.DataFrame, line: int) -> list[int]:
    body = frame.drop(columns=frame.columns[0])
    row = body.loc[line]
    return body.index[(body == row).all(axis=1)].tolist()
