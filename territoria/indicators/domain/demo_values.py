"""Demonstration values: plausible, reproducible figures for communes, so that a demo
territory shows a working diagnostic before any official file is imported.

They are not statistics. Every page that shows them says so, and importing the INSEE file
replaces them. Each commune's figures are drawn from its municipal population with a random
generator seeded by its INSEE code, so two runs give the same values, and the usual
relations hold (unemployed ≤ active ≤ people aged 15–64 ≤ population; vacant + secondary +
main residences = dwellings), so the derived rates stay within their ranges.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Iterator
from typing import NamedTuple

PERIOD = "2018"
EARLIER = "2013"
# Below this population INSEE withholds income figures (statistical secrecy): so do we.
SECRECY_THRESHOLD = 1000


class DemoValue(NamedTuple):
    area_code: str
    indicator: str
    period: str
    value: float | None


def _rng(code: str) -> random.Random:
    seed = int.from_bytes(hashlib.sha256(f"territoria-demo:{code}".encode()).digest()[:8],
                          "big")
    return random.Random(seed)


def commune_values(code: str, population: int) -> list[DemoValue]:
    """The demonstration figures of one commune of ``population`` inhabitants."""
    rng = _rng(code)
    pop = max(int(population), 1)
    earlier = max(round(pop / (1 + rng.gauss(0.025, 0.05))), 1)
    households = max(round(pop / rng.uniform(2.0, 2.5)), 1)
    pop_15_64 = round(pop * rng.uniform(0.55, 0.65))
    active = round(pop_15_64 * rng.uniform(0.68, 0.80))
    unemployed = round(active * rng.uniform(0.04, 0.16))
    dwellings = round(households * rng.uniform(1.08, 1.45))
    vacant = min(round(dwellings * rng.uniform(0.03, 0.14)), dwellings - households)
    secondary = dwellings - households - vacant
    jobs = round(pop * rng.uniform(0.15, 0.65))
    establishments = max(round(pop * rng.uniform(0.06, 0.15)), 1)
    small = round(establishments * rng.uniform(0.70, 0.90))
    shares = [rng.uniform(0.5, 1.5) for _ in range(4)]
    parts = [round(establishments * s / sum(shares)) for s in shares]
    figures: dict[str, float | None] = {
        "population": pop, "area": round(rng.lognormvariate(2.7, 0.6), 2),
        "households": households, "population_15_64": pop_15_64,
        "births_5y": round(pop * rng.uniform(0.008, 0.013) * 5),
        "deaths_5y": round(pop * rng.uniform(0.007, 0.012) * 5),
        "dwellings": dwellings, "main_residences": households,
        "secondary_residences": secondary, "vacant_dwellings": vacant,
        "owner_occupied_residences": round(households * rng.uniform(0.5, 0.82)),
        "tax_households": households,
        "jobs": jobs, "salaried_jobs": round(jobs * rng.uniform(0.72, 0.9)),
        "unemployed_15_64": unemployed, "active_15_64": active,
        "establishments": establishments, "establishments_1_9": small,
        "establishments_10_plus": max(establishments - small - round(establishments * 0.05), 0),
        "establishments_agriculture": parts[0], "establishments_industry": parts[1],
        "establishments_construction": parts[2], "establishments_trade_services": parts[3],
        "median_income": (round(rng.gauss(21_800, 1_900), -1) if pop >= SECRECY_THRESHOLD
                          else None),
        "poverty_rate": (round(rng.uniform(7, 20), 1) if pop >= SECRECY_THRESHOLD else None),
    }
    values = [DemoValue(code, indicator, PERIOD, value) for indicator, value in figures.items()]
    values += [DemoValue(code, "population", EARLIER, earlier),
               DemoValue(code, "jobs", EARLIER, round(jobs / (1 + rng.gauss(0.01, 0.04))))]
    return values


def demo_values(communes: Iterable[tuple[str, int | None]]) -> Iterator[DemoValue]:
    """Figures for every commune with a known population (INSEE code, population)."""
    for code, population in communes:
        if population:
            yield from commune_values(code, population)
