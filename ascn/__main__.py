"""Command line: ``python -m ascn validate [DIR]`` checks a data directory."""

import argparse
import sys
from pathlib import Path

from ascn.dataset import DataError, load_dataset
from ascn.settings import data_dir_from_env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ascn", description="Tools for the ASCN data files.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="check a data directory against the contract; never writes")
    check.add_argument("data_dir", nargs="?", type=Path, help="default: $ASCN_DATA_DIR or data/")
    args = parser.parse_args(argv)

    data_dir = args.data_dir or data_dir_from_env()
    try:
        dataset = load_dataset(data_dir)
    except DataError as err:
        print(f"{data_dir}: the data breaks the contract (see README, 'The data contract')", file=sys.stderr)
        print(err, file=sys.stderr)
        return 1
    print(f"ok: {data_dir}: {dataset.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
