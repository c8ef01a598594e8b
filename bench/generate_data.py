"""Write a valid, deterministic data directory of N synthetic partnerships for benchmarks (fixed seed).

The network's real record is far larger than Table 2's twenty rows: the Lowy Institute's Southeast
Asia Aid Map tracks over 130,000 development-finance projects in the region. This generator writes a
data directory of that scale over the 29 real cities, so the app can be measured at it:

    .venv/bin/python bench/generate_data.py bench/results/data-150k --rows 150000

The real cities, commitments, events and country shapes are copied; economies.csv gains the usual
donor economies of the region; partnerships.csv is generated with skewed (Zipf-like) spreads of
partners and cities, a realistic mix of focus areas, growth over the years and some unknown years.
The same seed and row count always give byte-identical files. Every row says it is synthetic.
"""

import argparse
import csv
import shutil
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = 20200421  # the ISEAS paper's date
FIRST_YEAR, LAST_YEAR = 2000, 2024  # fixed, so the output does not depend on today's date
UNKNOWN_YEAR_SHARE = 0.12

# Partner economies beyond the record's own: donors the Aid Map lists for the region (ISO alpha-3, name).
EXTRA_ECONOMIES = [
    ("GBR", "United Kingdom"), ("CAN", "Canada"), ("NLD", "Netherlands"), ("DNK", "Denmark"), ("NOR", "Norway"),
    ("FIN", "Finland"), ("ITA", "Italy"), ("ESP", "Spain"), ("BEL", "Belgium"), ("AUT", "Austria"),
    ("IRL", "Ireland"), ("ISR", "Israel"), ("ARE", "United Arab Emirates"), ("SAU", "Saudi Arabia"), ("QAT", "Qatar"),
    ("KWT", "Kuwait"), ("TUR", "Türkiye"), ("BRA", "Brazil"), ("POL", "Poland"), ("LUX", "Luxembourg"),
]
# Most projects come from a few large partners; the rest follow a Zipf-like tail.
HEAVY_PARTNERS = {"JPN": 18.0, "CHN": 15.0, "KOR": 9.0, "AUS": 8.0, "USA": 7.0, "DEU": 5.0, "FRA": 3.5, "SGP": 3.0}
# Capitals and the largest cities hold most projects.
HEAVY_CITIES = {
    "jakarta": 9.0, "manila": 8.0, "hanoi": 7.0, "ho-chi-minh-city": 7.0, "bangkok": 7.0, "phnom-penh": 5.0,
    "yangon": 5.0, "vientiane": 4.0, "kuala-lumpur": 4.0, "singapore": 3.0, "naypyidaw": 2.0, "da-nang": 2.0,
}
FOCUS_WEIGHTS = {
    "civic-social": 0.12, "health-wellbeing": 0.13, "safety-security": 0.08,
    "quality-environment": 0.18, "built-infrastructure": 0.30, "industry-innovation": 0.19,
}
COUNT_WEIGHTS = {"partners": [0.74, 0.18, 0.05, 0.03], "cities": [0.80, 0.11, 0.05, 0.03, 0.01], "organisations": [0.25, 0.55, 0.20]}
PROJECTS = {
    "civic-social": ["community centre programme", "social housing study", "digital public services pilot", "civil registry upgrade"],
    "health-wellbeing": ["hospital information system", "primary care network", "air quality and health study", "telemedicine pilot"],
    "safety-security": ["disaster early-warning system", "command and control centre", "flood resilience plan", "CCTV and emergency response"],
    "quality-environment": ["wastewater treatment plant", "solid waste management", "urban greening programme", "river clean-up"],
    "built-infrastructure": ["urban rail extension", "bus rapid transit corridor", "smart street lighting", "bridge rehabilitation"],
    "industry-innovation": ["start-up incubator", "smart industrial park", "digital skills academy", "fintech sandbox"],
}
SOURCE = "Synthetic record for benchmarks, written by bench/generate_data.py (seed {seed}); not a real partnership"
COPIED = ["cities.csv", "commitments.csv", "events.csv", "network_size.csv", "geo/countries.geojson"]


def _weights(codes: list[str], heavy: dict[str, float]) -> np.ndarray:
    tail = [c for c in codes if c not in heavy]
    w = np.array([heavy.get(c, 0.0) for c in codes])
    for rank, code in enumerate(tail, start=1):
        w[codes.index(code)] = 2.0 / rank ** 0.8
    return w / w.sum()


def _pick_sets(rng: np.random.Generator, n: int, codes: list[str], p: np.ndarray, size_weights: list[float]) -> list[list[str]]:
    """n lists of distinct codes, each of a size drawn from size_weights, codes drawn by p."""
    sizes = rng.choice(np.arange(1, len(size_weights) + 1), size=n, p=np.asarray(size_weights) / sum(size_weights))
    # Draw more than enough codes at once, then take distinct ones per row (vectorised draw, cheap loop).
    pool = rng.choice(len(codes), size=(n, 3 * len(size_weights)), p=p)
    out = []
    for row, size in zip(pool, sizes):
        seen = list(dict.fromkeys(row.tolist()))[:size]
        out.append([codes[i] for i in seen])
    return out


def _years(rng: np.random.Generator, n: int) -> list[str]:
    span = np.arange(FIRST_YEAR, LAST_YEAR + 1)
    growth = np.exp(0.12 * (span - FIRST_YEAR))  # the record grows year on year
    years = rng.choice(span, size=n, p=growth / growth.sum())
    unknown = rng.random(n) < UNKNOWN_YEAR_SHARE
    return ["" if u else str(y) for y, u in zip(years.tolist(), unknown.tolist())]


def generate(out_dir: Path, rows: int = 150_000, seed: int = DEFAULT_SEED, source_dir: Path = ROOT / "data") -> Path:
    """Write a complete data directory with ``rows`` partnerships to ``out_dir``; return it."""
    rng = np.random.default_rng(seed)
    out_dir = Path(out_dir)
    (out_dir / "geo").mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        shutil.copyfile(source_dir / name, out_dir / name)

    with open(source_dir / "economies.csv", encoding="utf-8", newline="") as f:
        economies = list(csv.DictReader(f))
    known = {e["code"] for e in economies}
    economies += [{"code": c, "name": n, "asean_member": "false", "kind": "country"} for c, n in EXTRA_ECONOMIES if c not in known]
    _write(out_dir / "economies.csv", ["code", "name", "asean_member", "kind"],
           ([e["code"], e["name"], e["asean_member"], e.get("kind", "country")] for e in economies))
    names = {e["code"]: e["name"] for e in economies}
    members = [e["code"] for e in economies if e["asean_member"] == "true"]
    # Partners are mostly from outside ASEAN; ASEAN members partner too (Singapore most of all).
    partner_codes = [e["code"] for e in economies if e["asean_member"] == "false"] + members
    partner_p = _weights(partner_codes, HEAVY_PARTNERS)

    with open(source_dir / "cities.csv", encoding="utf-8", newline="") as f:
        cities = list(csv.DictReader(f))
    city_ids = [c["city_id"] for c in cities]
    city_names = {c["city_id"]: c["name"] for c in cities}
    city_p = _weights(city_ids, HEAVY_CITIES)

    focus_codes = list(FOCUS_WEIGHTS)
    focus = rng.choice(len(focus_codes), size=rows, p=np.array(list(FOCUS_WEIGHTS.values())))
    partners = _pick_sets(rng, rows, partner_codes, partner_p, COUNT_WEIGHTS["partners"])
    places = _pick_sets(rng, rows, city_ids, city_p, COUNT_WEIGHTS["cities"])
    years = _years(rng, rows)
    n_orgs = rng.choice([1, 2, 3], size=rows, p=COUNT_WEIGHTS["organisations"])
    project = rng.integers(0, 4, size=rows)
    with_url = rng.random(rows) < 0.4
    source = SOURCE.format(seed=seed)
    # The contract wants a followable year source (with its date) and, for rows from later reporting, a quoted sentence.
    quote = '"This synthetic row was generated for benchmarks and is not a real partnership."'

    def records():
        for i in range(rows):
            pid = i + 1
            area = focus_codes[focus[i]]
            city = city_names[places[i][0]]
            lead = names[partners[i][0]]
            orgs = [f"{lead} development agency", f"{city} city government", f"Contractor {pid % 997 + 1}"][: n_orgs[i]]
            year = years[i]
            yield [
                pid,
                "later-reporting",
                f"{lead}-{city} {PROJECTS[area][project[i]]} (synthetic project {pid})",
                ";".join(orgs),
                ";".join(partners[i]),
                ";".join(places[i]),
                area,
                year,
                f"Synthetic benchmark record (seed {seed}), {year}" if year else "",
                f"https://example.org/ascn-bench/{pid}/year" if year and with_url[i] else "",
                source,
                f"https://example.org/ascn-bench/{pid}",
                quote,
            ]

    columns = ["partnership_id", "provenance", "title", "organisations", "partner_economies", "city_ids", "focus_area", "year", "year_source",
               "year_source_url", "source", "source_url", "notes"]
    _write(out_dir / "partnerships.csv", columns, records())
    return out_dir


def _write(path: Path, header: list[str], rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--rows", type=int, default=150_000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    generate(args.out_dir, args.rows, args.seed)
    print(f"wrote {args.rows} partnerships to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
