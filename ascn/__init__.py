"""The ASCN domain: data contract, validation, loading and queries (no Dash inside)."""

from ascn.dataset import DataError, Dataset, load_dataset
from ascn.problems import Problem

__all__ = ["Dataset", "DataError", "Problem", "load_dataset"]
