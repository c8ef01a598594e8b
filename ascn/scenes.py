"""Presentation scenes (scenes.csv): named views a presenter steps through, checked like the record."""

import re
from pathlib import Path
from urllib.parse import parse_qs

import pandas as pd
import pandera.pandas as pa

from ascn import cells, vocab
from ascn.checks import FileSchema
from ascn.csvread import parse_csv_text, read_csv_text
from ascn.problems import Problem
from ascn.validate import check_frame

SCENES = "scenes.csv"
COLUMNS = ["scene_id", "title", "caption", "view"]
OPTIONAL = ("charts",)  # may be left out of the header; empty: the stage chooses (layouts/stage.py)
VIEW_ONLY_PARAMS = ("network_year",)  # page parameters a scene may set besides the filters


def _trimmed() -> pa.Check:
    return pa.Check(lambda s: s == s.str.strip(), error="no spaces at the start or end")


def _plain() -> pa.Check:
    return pa.Check(lambda s: ~s.str.contains(cells.CONTROL.pattern, regex=True), error=cells.CONTROL_ERROR)


def chart_names(cell: str) -> list[str]:
    """A ``charts`` cell's names (space- or comma-separated), in order."""
    return (cell or "").replace(",", " ").split()


def charts_ok(cell: str) -> bool:
    names = chart_names(cell)
    return all(n in vocab.SCENE_CHARTS for n in names) and len(names) <= vocab.MAX_SCENE_CHARTS and len(set(names)) == len(names)


CHARTS_RULE = (f"empty, or up to {vocab.MAX_SCENE_CHARTS} different chart names separated by a space: "
               + ", ".join(vocab.SCENE_CHARTS))


def schema() -> FileSchema:
    return FileSchema(pa.DataFrameSchema({
        "scene_id": pa.Column(str, [_trimmed(), pa.Check(lambda s: s.map(cells.whole_ok).astype(bool), error=cells.ID)], unique=True),
        "title": pa.Column(str, [_trimmed(), _plain(), pa.Check(lambda s: ~s.str.fullmatch(cells.INVISIBLE.pattern), error="a value is required")]),
        "caption": pa.Column(str, [_trimmed(), _plain()]),
        "view": pa.Column(str, [_trimmed(), pa.Check(lambda s: ~s.str.contains(r"[\s?#]", regex=True),
                                                     error="URL parameters such as partner=JPN&focus_area=built-infrastructure, "
                                                           "without '?', '#' or spaces")]),
        "charts": pa.Column(str, [_trimmed(), pa.Check(lambda s: s.map(charts_ok).astype(bool), error=CHARTS_RULE)]),
    }, strict=True))


def read_scenes(data_dir: Path) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The scenes file's text frame and its problems. A missing file means no scenes, not an error."""
    if not (data_dir / SCENES).exists():
        return pd.DataFrame(columns=[*COLUMNS, *OPTIONAL], index=pd.Index([], name="line"), dtype=str), []
    return checked(read_csv_text(data_dir / SCENES, SCENES, COLUMNS, OPTIONAL))


def read_scenes_text(text: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """An uploaded scenes file's text (a presenter's deck), checked by the same rules as the file on disk."""
    return checked(parse_csv_text(text, SCENES, COLUMNS, OPTIONAL))


def checked(table) -> tuple[pd.DataFrame | None, list[Problem]]:
    if table.frame is None:
        return None, table.problems
    return table.frame, table.problems + check_frame(SCENES, table.frame, schema())


def view_problems(frame: pd.DataFrame, parse) -> list[Problem]:
    """Every scene's view must be one the page understands: ``parse`` is ``selection.parse_params`` bound to the dataset."""
    problems = []
    for line, view in zip(frame.index, frame["view"]):
        params = parse_qs(view, keep_blank_values=True)
        year = params.pop("network_year", [""])[-1]
        if "network_year" in view and not (re.fullmatch(r"[0-9]{4}", year) and vocab.NETWORK_FOUNDED <= int(year) <= vocab.YEAR_MAX):
            problems.append(Problem(SCENES, int(line), "view", view, f"network_year must be a year from {vocab.NETWORK_FOUNDED} to {vocab.YEAR_MAX}"))
        for problem in parse(params).problems:
            problems.append(Problem(SCENES, int(line), "view", view, f"{problem.param}={problem.value!r}: {problem.allowed}"))
    return problems


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Index ``scene_id`` (int), in file order (the order a presenter steps through)."""
    out = frame.reset_index(drop=True)
    out["scene_id"] = out["scene_id"].astype(int)
    return out.set_index("scene_id")
