"""Aggregation checked on INSEE's real "Comparateur de territoires" file (35,010 communes).

The file lives in the shared data folder beside the repository; the tests are skipped,
saying so, when it is absent.
"""

import csv
import io
import math
import re
import zipfile
from pathlib import Path

import pytest

from territoria.indicators.domain.aggregation import (
    Aggregation,
    aggregate,
    aggregate_groups,
    groups_from_membership,
)
from territoria.indicators.domain.formula import evaluate_columns
from territoria.indicators.domain.values import Missing

INSEE_DIR = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "insee"
ARCHIVE = INSEE_DIR / "base_cc_comparateur_csv.zip"

# Paris, Lyon and Marseille appear both as a commune and as their 45 arrondissements:
# grouping both would count those cities twice.
ARRONDISSEMENT = re.compile(r"^(?:751(?:0[1-9]|1[0-9]|20)|6938[1-9]|132(?:0[1-9]|1[0-6]))$")

UNEMPLOYMENT = Aggregation.ratio_of_sums("P18_CHOM1564", "P18_ACT1564", scale=100)


def _department(code: str) -> str:
    return code[:3] if code.startswith("97") else code[:2]


def _number(text: str) -> float | None:
    return float(text) if text else None  # an empty cell is a value INSEE withholds


@pytest.fixture(scope="module")
def communes() -> dict[str, dict[str, float | None]]:
    """CODGEO → variable → value, every commune and arrondissement of the file."""
    if not ARCHIVE.exists():
        pytest.skip(f"INSEE comparateur file not found at {ARCHIVE.resolve()}")
    with zipfile.ZipFile(ARCHIVE) as archive:
        raw = archive.read("base_cc_comparateur.CSV")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    rows = csv.DictReader(io.StringIO(text, newline=""), delimiter=";")
    return {row["CODGEO"]: {name: _number(value) for name, value in row.items()
                            if name != "CODGEO"}
            for row in rows}


def _column(communes, variable):
    return {code: values[variable] for code, values in communes.items()}


def test_the_file_has_every_commune(communes):
    assert len(communes) == 35_010
    assert sum(1 for code in communes if ARRONDISSEMENT.match(code)) == 45


def test_the_unemployment_rate_of_the_loire_is_the_ratio_of_its_sums(communes):
    loire = [code for code in communes if code.startswith("42")]
    unemployed = math.fsum(communes[code]["P18_CHOM1564"] for code in loire)
    active = math.fsum(communes[code]["P18_ACT1564"] for code in loire)
    data = {name: _column(communes, name) for name in UNEMPLOYMENT.inputs}
    result = aggregate(UNEMPLOYMENT, loire, data)
    assert len(loire) == 323
    assert result.coverage.complete and result.coverage.members == 323
    assert result.value == pytest.approx(unemployed / active * 100, rel=1e-12)
    assert round(result.value, 2) == 12.98
    # The mean of the communes' rates is another, wrong, figure.
    mean_of_rates = math.fsum(communes[c]["P18_CHOM1564"] / communes[c]["P18_ACT1564"]
                              for c in loire) / len(loire) * 100
    assert abs(mean_of_rates - result.value) > 0.5


def test_every_departement_is_aggregated_at_once(communes):
    membership = {code: None if ARRONDISSEMENT.match(code) else _department(code)
                  for code in communes}
    groups = groups_from_membership(membership)
    data = {name: _column(communes, name) for name in UNEMPLOYMENT.inputs}
    results = aggregate_groups(UNEMPLOYMENT, groups, data)
    assert len(groups) == 101
    assert sum(len(members) for members in groups.values()) == 35_010 - 45
    for department, members in groups.items():
        counted = [communes[c] for c in members if communes[c]["P18_ACT1564"] is not None]
        if not counted:
            continue
        expected = (math.fsum(v["P18_CHOM1564"] for v in counted)
                    / math.fsum(v["P18_ACT1564"] for v in counted) * 100)
        assert results[department].value == pytest.approx(expected, rel=1e-12), department
    # Mayotte's 17 communes have no census figures in this edition: missing, not zero.
    assert results["976"].value is None and results["976"].reason is Missing.NO_DATA
    assert results["976"].coverage.members == 17
    assert sum(result.value is not None for result in results.values()) == 100
    assert results["42"] == aggregate(UNEMPLOYMENT, groups["42"], data)


def test_the_population_of_france_is_the_sum_of_its_communes_but_not_with_mayotte(communes):
    population = {"P18_POP": _column(communes, "P18_POP")}
    france = [code for code in communes if not ARRONDISSEMENT.match(code)]
    rule = Aggregation.sum("P18_POP")
    whole = aggregate(rule, france, population)
    assert whole.value is None and whole.reason is Missing.INCOMPLETE
    assert (whole.coverage.members, whole.coverage.covered) == (34_965, 34_965 - 17)
    partial = aggregate(rule, france, population, min_coverage=0.99)
    assert partial.value == math.fsum(communes[c]["P18_POP"] or 0 for c in france)


def test_a_derived_density_is_computed_for_every_commune_at_once(communes):
    codes = list(communes)
    columns = {name: [communes[code][name] for code in codes] for name in ("P18_POP",
                                                                           "SUPERF")}
    density = evaluate_columns("P18_POP / SUPERF", columns)
    row = codes.index("42218")  # Saint-Étienne
    assert density.values[row] == pytest.approx(
        communes["42218"]["P18_POP"] / communes["42218"]["SUPERF"])
    assert sum(reason is Missing.MISSING_INPUT for reason in density.reasons) == 17
