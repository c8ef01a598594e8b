"""`make bench-scale`, small: the validator runs as a child process on a generated record and its peak memory is
read from the kernel (the full run, 1,000,000 rows against twice the files' size, is `make bench-scale`'s)."""

import json

from bench import scale

ROWS = 2_000


def test_the_scale_command_measures_the_validators_peak_memory(tmp_path):
    out = tmp_path / "scale.json"
    # A small record's peak is mostly the interpreter and its libraries: the ratio is loose here, not in the real run.
    status = scale.main(["--rows", str(ROWS), "--data", str(tmp_path / "data"), "--max-ratio", "1000", "--json", str(out)])
    result = json.loads(out.read_text())
    assert status == 0, result
    assert result["validate_exit"] == 0 and f"{ROWS} partnerships" in result["output"]
    assert result["rows"] == ROWS and result["files_mb"] > 0.5
    assert 50 < result["peak_mb"] < 2000  # an interpreter with pandas loaded, read from the kernel
    assert result["peak_over_files"] == round(result["peak_mb"] / result["files_mb"], 2) or abs(
        result["peak_over_files"] - result["peak_mb"] / result["files_mb"]) < 0.05 * result["peak_over_files"]
    assert scale.failures({**result, "peak_over_files": 2.01}, 2.0)
    assert scale.failures({**result, "validate_exit": 1}, 2.0)
    assert not scale.failures({**result, "peak_over_files": 1.9}, 2.0)
