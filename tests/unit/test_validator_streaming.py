"""The reader streams a file into columns a block of records at a time, keeping a repeated value once (issue 18: the
1,000,000-row validation within twice the files' size). Blocks and the choice of which columns to share must never
change what is read: the same frame, lines and problems whatever the block size."""

import pandas as pd
import pytest

from ascn import csvread

COLUMNS = ["id", "kind", "note"]


def _text(rows: int) -> str:
    lines = ["id,kind,note"]
    for n in range(1, rows + 1):
        kind = ("alpha", "beta", "gamma")[n % 3]
        if n % 7 == 0:
            lines.append(f"{n},{kind}")  # ragged: left out with a problem
        elif n % 11 == 0:
            lines.append(f'{n},{kind},"a value over\ntwo lines {n}"')  # lines and records then differ
        elif n % 13 == 0:
            lines.append("")  # a blank line is not a row
        else:
            lines.append(f"{n},{kind},note {n}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("multi_line", [False, True])
def test_blocks_of_any_size_read_the_same_frame_lines_and_problems(tmp_path, monkeypatch, multi_line):
    text = _text(200)
    if not multi_line:
        text = text.replace("\ntwo", " two")
    path = tmp_path / "f.csv"
    path.write_text(text)
    whole = csvread.read_csv_text(path, "f.csv", COLUMNS)
    monkeypatch.setattr(csvread._Columns, "CHUNK", 3)
    blocks = csvread.read_csv_text(path, "f.csv", COLUMNS)
    assert blocks.problems == whole.problems and len(whole.problems) == 200 // 7
    pd.testing.assert_frame_equal(blocks.frame, whole.frame)
    assert blocks.frame.equals(csvread.parse_csv_text(text, "f.csv", COLUMNS).frame)
    # The lines are the file's: a row's line holds its id (shifted by the values over two lines).
    for line, row_id in zip(whole.frame.index, whole.frame["id"]):
        shift = sum(1 for n in range(1, int(row_id)) if n % 11 == 0 and n % 7) if multi_line else 0
        assert line == int(row_id) + 1 + shift, (line, row_id)


def test_a_repeated_value_is_held_once(tmp_path, monkeypatch):
    path = tmp_path / "f.csv"
    path.write_text(_text(60).replace("\ntwo", " two"))
    monkeypatch.setattr(csvread._Columns, "CHUNK", 4)
    frame = csvread.read_csv_text(path, "f.csv", COLUMNS).frame
    kinds = frame["kind"].to_numpy(dtype=object)
    alphas = [value for value in kinds if value == "alpha"]
    assert len(alphas) > 10 and all(value is alphas[0] for value in alphas)  # one object, not one per cell
    assert frame["note"].nunique() == len(frame)  # distinct values stay as read
