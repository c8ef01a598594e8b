"""The data contract now lives in four modules:

- ascn/checks.py: how a check is built and explained (FileSchema; explainers keyed by check code),
- ascn/cells.py: what one cell may hold, with the explainers of the shared checks,
- ascn/rules.py: rules about the record (references between files, provenance, year sources, money),
- ascn/schemas.py: one schema per CSV file (its columns, cell checks and row rules).

This module only keeps importable the names that modules outside the validator import from here
(ascn/dataset.py, tests/unit/test_validate_corpus.py); new code imports from the modules above.
"""

from ascn.cells import split_list
from ascn.schemas import COLUMNS, LIST_COLUMNS

__all__ = ["COLUMNS", "LIST_COLUMNS", "split_list"]
