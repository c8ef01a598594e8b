"""The ASCN domain: data contract, validation, loading and queries (no Dash inside)."""

from ascn.dataset import DataError, Dataset, data_dir_from_env, default_dataset, load_dataset
from ascn.problems import Problem

__all__ = ["Dataset", "DataError", "Problem", "data_dir_from_env", "default_dataset", "load_dataset"]
