"""`make bench-scale`: the validator's peak memory on a record of 1,000,000 partnerships (issue 18, item 10).

    python -m bench.scale [--rows 1000000] [--max-ratio 2] [--data DIR] [--json PATH]

Writes a synthetic record of ``--rows`` rows (bench/generate_data.py; kept in ``--data`` when given, and reused
when it is already there), runs ``python -m ascn validate`` on it in a child process and reads the child's peak
resident memory from the kernel (getrusage). Exit status 0 only when the record is valid and the peak is at most
``--max-ratio`` times the size of the data files. Kept apart from `make bench` so that stays under 15 minutes.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from bench.generate_data import generate  # noqa: E402
from bench.harness import verdict  # noqa: E402

MB = 1024 * 1024


def files_bytes(data: Path) -> int:
    """The size of the data files the validator reads (every file under the directory)."""
    return sum(p.stat().st_size for p in data.rglob("*") if p.is_file())


def validate_peak(data: Path) -> dict:
    """Run the validator on ``data`` in a child process: its exit status, output, seconds and peak memory."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as log:
        child = subprocess.Popen([sys.executable, "-m", "ascn", "validate", str(data)], cwd=ROOT, stdout=log,
                                 stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)  # reaped here, so the kernel's peak of this child is at hand
        child.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode(errors="replace")
    return {"exit": child.returncode, "seconds": round(time.monotonic() - started, 1),
            "peak_mb": round(usage.ru_maxrss / 1024, 1), "output": output[-2000:]}


def run(rows: int, data: Path | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        target = data or Path(tmp) / "data"
        marker = target / ".rows"
        if not (marker.exists() and marker.read_text() == str(rows)):
            started = time.monotonic()
            generate(target, rows=rows)
            marker.write_text(str(rows))
            generated_s = round(time.monotonic() - started, 1)
        else:
            generated_s = 0.0
        size = files_bytes(target) - marker.stat().st_size
        partnerships = (target / "partnerships.csv").stat().st_size
        result = validate_peak(target)
    return {"rows": rows, "files_mb": round(size / MB, 1), "partnerships_csv_mb": round(partnerships / MB, 1),
            "generated_s": generated_s, "validate_s": result["seconds"], "validate_exit": result["exit"],
            "peak_mb": result["peak_mb"], "peak_over_files": round(result["peak_mb"] * MB / size, 2), "output": result["output"]}


def failures(result: dict, max_ratio: float) -> list[str]:
    out = []
    if result["validate_exit"] != 0:
        out.append(f"the validator refused the record: {result['output'][-500:]}")
    if result["peak_over_files"] > max_ratio:
        out.append(f"peak {result['peak_mb']} MB is {result['peak_over_files']} times the files' {result['files_mb']} MB"
                   f" (limit {max_ratio})")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--max-ratio", type=float, default=2.0, help="peak memory allowed, in times the data files' size")
    parser.add_argument("--data", type=Path, help="keep the generated record here (reused when it has --rows rows)")
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args(argv)
    result = run(args.rows, args.data)
    return verdict(result, failures(result, args.max_ratio), args.json)


if __name__ == "__main__":
    sys.exit(main())
