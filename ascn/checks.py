"""How the contract's checks are built and explained: the machinery, with no rule of its own.

Every cell arrives as text, so a schema judges what a person typed (``2019.0`` is not a
year) before anything is converted. Each check carries an ``error`` that says what is
allowed; that text is what the validator shows, after an explainer (where there is one)
has said what is wrong with the value.

Each check also carries a stable ``code`` (pandera's ``name``): explainers and the column a
row check is about are looked up by that code, never by the message, so rewording a message
changes no behaviour.

Every check takes a whole column (``element_wise=False``) and returns a boolean Series:
costly tests (dates, codes, lists of ids) run once per distinct value, cheap ones in one
plain pass. A generated file of 150,000 partnerships must validate in a few seconds.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pandera.pandas as pa

Explain = Callable[[str], str]


@dataclass
class FileSchema:
    """A pandera schema, the column each row check is about, and how to explain a failed check (both keyed by check code)."""

    schema: pa.DataFrameSchema
    row_check_columns: dict[str, str] = field(default_factory=dict)
    explain: dict[str, Explain] = field(default_factory=dict)

    def code_of(self, context: str, column: str, number: object) -> str | None:
        """The code of the check a pandera failure case names (by its position), or None for pandera's own checks."""
        if number is None or pd.isna(number):
            return None
        checks = self.schema.checks if context == "DataFrameSchema" else self.schema.columns[column].checks
        return checks[int(number)].name


def safe(fn: Callable[[str], object]) -> Callable[[str], bool]:
    """``fn`` as a yes/no test: a value it cannot even parse fails."""
    def check(value: str) -> bool:
        try:
            return bool(fn(value))
        except (ValueError, TypeError):
            return False
    return check


def vector(test: Callable[[pd.Series], pd.Series], error: str, code: str, optional: bool = False) -> pa.Check:
    """A check on a whole column at once; an empty cell passes when the column is optional."""
    def check(series: pd.Series) -> pd.Series:
        ok = test(series)
        return (ok | (series == "")) if optional else ok
    # ignore_na=False: cells are never NA, and pandera's NA scan would cost as much as the check.
    return pa.Check(check, error=error, name=code, ignore_na=False)


def per_value(fn: Callable[[str], object], error: str, code: str, optional: bool = False) -> pa.Check:
    """A check that calls ``fn`` once per distinct value, not per cell: years, dates, codes,
    URLs and lists of ids repeat, so 150,000 rows hold a few thousand distinct values."""
    test = safe(fn)

    def check(series: pd.Series) -> pd.Series:
        # A plain object array: iterating pandas' string array element by element is slow.
        values = np.asarray(series.unique(), dtype=object)
        bad = [v for v in values if not ((optional and v == "") or test(v))]
        return ~series.isin(bad) if bad else pd.Series(True, index=series.index)
    return pa.Check(check, error=error, name=code, ignore_na=False)


def each(series: pd.Series, flags) -> pd.Series:
    """A boolean Series from one pass over the values, for cheap tests: a plain pass costs
    less than finding the distinct values first, and less than pandas' .str on Python strings."""
    return pd.Series(np.fromiter(flags, dtype=bool, count=len(series)), index=series.index)


def isin(allowed: list[str], error: str, code: str) -> pa.Check:
    return pa.Check.isin(allowed, error=error, name=code, ignore_na=False)


def row_check(fs: FileSchema, code: str, column: str, error: str, fn: Callable[[pd.DataFrame], pd.Series]) -> pa.Check:
    """A check on whole rows, reported against ``column`` ("" for the row as a whole)."""
    fs.row_check_columns[code] = column
    return pa.Check(fn, error=error, name=code, ignore_na=False)


def build(columns: dict[str, pa.Column], explain: dict[str, Explain | None]) -> FileSchema:
    """A strict schema of text columns; explainers of checks that were not built (None) are left out."""
    return FileSchema(pa.DataFrameSchema(columns, strict=True, ordered=False),
                      explain={code: fn for code, fn in explain.items() if fn is not None})
