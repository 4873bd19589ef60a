"""A risk's criticality: probability × impact on two scales of 1 to 4 (the usual 4 × 4 risk
matrix), and the level it falls in."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

SCALE = (1, 2, 3, 4)


def level(probability: int, impact: int) -> str:
    """low (score 1–3), medium (4–6), high (8–9), critical (12–16)."""
    if probability not in SCALE or impact not in SCALE:
        raise ValueError("probability and impact are between 1 and 4")
    score = probability * impact
    if score >= 12:
        return "critical"
    if score >= 8:
        return "high"
    if score >= 4:
        return "medium"
    return "low"


def matrix(risks: Iterable[tuple[int, int]]) -> list[tuple[int, list[tuple[int, int, str]]]]:
    """The 4 × 4 grid, probability from 4 (top) to 1, impact from 1 to 4: each cell's count of
    risks and its level."""
    counts = Counter(risks)
    return [(p, [(i, counts.get((p, i), 0), level(p, i)) for i in SCALE])
            for p in reversed(SCALE)]
