"""How long one RATIO_OF_SUMS indicator takes for every EPCI of France at once.

    .venv/bin/python benchmarks/indicator_aggregation.py [--runs 5]

The groups are the 1,255 EPCI of the committed French referential
(territoria/geo/data/referential.json.gz), each with its current communes. The member
values are INSEE's unemployed and active people of 2018 (P18_CHOM1564 / P18_ACT1564 × 100)
from the "Comparateur de territoires" file in ../shared/data/insee when it is there, and
otherwise seeded random values of the same shape (the script says which). With the real
file, the communes created after 2021 and those of Mayotte (no census figures in that
edition) have no value, so their EPCI is missing: the figure includes that path too.
Also timed, for scale: the same indicator by département, and a derived
density (P18_POP / SUPERF) for every commune with the vectorised formula evaluation.

Reading the files is not timed. The figures are the medians of the runs; the goal is
2 s for the EPCI aggregation. Nothing here asserts.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import statistics
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from territoria.geo.domain.referential import decode_referential
from territoria.indicators.domain.aggregation import (
    Aggregation,
    aggregate_groups,
    groups_from_membership,
)
from territoria.indicators.domain.formula import evaluate_columns

REFERENTIAL = ROOT / "territoria" / "geo" / "data" / "referential.json.gz"
INSEE = ROOT / ".." / "shared" / "data" / "insee" / "base_cc_comparateur_csv.zip"
GOAL_SECONDS = 2.0
VARIABLES = ("P18_CHOM1564", "P18_ACT1564", "P18_POP", "SUPERF")


def _insee_values() -> dict[str, dict[str, float | None]] | None:
    if not INSEE.exists():
        return None
    with zipfile.ZipFile(INSEE) as archive:
        raw = archive.read("base_cc_comparateur.CSV")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    columns: dict[str, dict[str, float | None]] = {name: {} for name in VARIABLES}
    for row in csv.DictReader(io.StringIO(text, newline=""), delimiter=";"):
        for name in VARIABLES:
            columns[name][row["CODGEO"]] = float(row[name]) if row[name] else None
    return columns


def _synthetic_values(codes: list[str]) -> dict[str, dict[str, float | None]]:
    rng = random.Random(2018)
    active = {code: rng.lognormvariate(6, 1.5) for code in codes}
    return {"P18_ACT1564": active,
            "P18_CHOM1564": {code: a * rng.uniform(0.02, 0.25) for code, a in active.items()},
            "P18_POP": {code: a * 2.2 for code, a in active.items()},
            "SUPERF": {code: rng.uniform(0.5, 80) for code in codes}}


def _department(code: str) -> str:
    return code[:3] if code.startswith("97") else code[:2]


def _median_seconds(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    referential = decode_referential(REFERENTIAL.read_bytes())
    communes = [c for c in referential.communes if c.kind == "current"]
    epcis = groups_from_membership({c.code: c.epci for c in communes})
    departments = groups_from_membership({c.code: _department(c.code) for c in communes})
    values = _insee_values()
    source = "INSEE Comparateur de territoires 2021 (real values)"
    if values is None:
        values = _synthetic_values([c.code for c in communes])
        source = f"synthetic values (seeded; {INSEE.resolve()} not found)"
    members = sum(len(m) for m in epcis.values())

    rule = Aggregation.ratio_of_sums("P18_CHOM1564", "P18_ACT1564", scale=100)
    result = aggregate_groups(rule, epcis, values)
    epci_seconds = _median_seconds(runs, lambda: aggregate_groups(rule, epcis, values))
    department_seconds = _median_seconds(
        runs, lambda: aggregate_groups(rule, departments, values))
    codes = list(values["P18_POP"])
    density_columns = {name: [values[name][code] for code in codes]
                       for name in ("P18_POP", "SUPERF")}
    density_seconds = _median_seconds(
        runs, lambda: evaluate_columns("P18_POP / SUPERF", density_columns))

    with_value = sum(r.value is not None for r in result.values())
    print(f"Groups: the {len(epcis):,} EPCI of {referential.source} "
          f"({members:,} member communes)")
    print(f"Values: {source}")
    print(f"Indicator: unemployment rate = Σ P18_CHOM1564 / Σ P18_ACT1564 × 100; "
          f"{with_value:,} EPCI with a value, {len(result) - with_value:,} missing")
    print(f"Median of {runs} runs:")
    print(f"  {len(epcis):>6,} EPCI          {epci_seconds * 1000:8.1f} ms   "
          f"(goal {GOAL_SECONDS:.0f} s: {'met' if epci_seconds < GOAL_SECONDS else 'MISSED'})")
    print(f"  {len(departments):>6,} départements  {department_seconds * 1000:8.1f} ms")
    print(f"  {len(codes):>6,} densities    {density_seconds * 1000:8.1f} ms   "
          f"(P18_POP / SUPERF, one formula over every commune)")


if __name__ == "__main__":
    main()
