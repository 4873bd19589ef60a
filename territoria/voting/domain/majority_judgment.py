"""Majority judgment: every voter grades every option; the majority grade decides.

Rules, after M. Balinski and R. Laraki, *Majority Judgment: Measuring, Ranking, and
Electing*, MIT Press, 2011 (ch. 13-15), and "A theory of measuring, electing, and
ranking", *PNAS* 104(21), 2007, pp. 8720-8725:

- The **majority grade** of an option is the *lower* median of its grades: the highest
  grade that more than half of the voters give or exceed (with an even number of voters,
  the lower of the two middle grades).
- Its **majority gauge** is ``(p, α, q)``: ``p`` the share of voters who graded it *above*
  its majority grade ``α``, ``q`` the share *below*. It is written ``α+`` when ``p > q``,
  else ``α−``.
- **Ranking**: a higher majority grade wins; with the same grade, ``+`` beats ``−``; among
  two ``+`` the larger ``p`` wins; among two ``−`` the smaller ``q`` wins.
- Options still exactly tied are ordered by their **majority values**: the sequence of
  majority grades obtained by removing one majority grade at a time (PNAS 2007, the
  "majority ranking"), compared lexicographically. Options whose majority values are equal
  (the same merit profile) share a rank.

Everything works from grade **counts** (``options × grades``, grade 0 the worst): the ballots
are counted once with ``numpy.bincount`` and nothing later depends on the number of ballots,
so 100,000 ballots over 20 options tally in milliseconds (``benchmarks/vote_tally.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cmp_to_key

import numpy as np

from territoria.voting.domain.scales import PLATFORM, GradeScale

PLUS = "+"
MINUS = "−"


def grade_counts(ballots: np.ndarray | Sequence[Sequence[int]], n_grades: int) -> np.ndarray:
    """Count the grades of each option: ``ballots`` is ``voters × options`` (grade 0 the
    worst); returns an ``options × n_grades`` array of counts. Raises ``ValueError`` on a
    grade off the scale."""
    ballots = np.asarray(ballots, dtype=np.int64)
    if ballots.ndim != 2:
        raise ValueError("Ballots must be a table of voters × options.")
    n_options = ballots.shape[1]
    if ballots.size and (ballots.min() < 0 or ballots.max() >= n_grades):
        raise ValueError(f"Grades must lie between 0 and {n_grades - 1}.")
    offsets = np.arange(n_options, dtype=np.int64) * n_grades
    flat = np.bincount((ballots + offsets).ravel(), minlength=n_options * n_grades)
    return flat.reshape(n_options, n_grades)


def majority_grade(counts: Sequence[int] | np.ndarray) -> int | None:
    """The lower median grade of one option's ``counts`` (index 0 the worst grade); ``None``
    when nobody graded it."""
    counts = np.asarray(counts, dtype=np.int64)
    total = int(counts.sum())
    if total == 0:
        return None
    at_or_above = np.cumsum(counts[::-1])[::-1]  # at_or_above[g] = voters grading ≥ g
    return int(np.flatnonzero(2 * at_or_above > total)[-1])


@dataclass(frozen=True, slots=True)
class Gauge:
    """The majority gauge ``(p, α, q)`` as counts of voters: ``above`` graded the option
    higher than its majority grade, ``below`` lower, out of ``voters``."""

    grade: int
    above: int
    below: int
    voters: int

    @property
    def sign(self) -> str:
        return PLUS if self.above > self.below else MINUS

    @property
    def above_share(self) -> float:
        return self.above / self.voters

    @property
    def below_share(self) -> float:
        return self.below / self.voters

    def sort_key(self) -> tuple[int, int, Fraction]:
        """Larger is better: grade, then ``+`` before ``−``, then larger p or smaller q."""
        if self.sign == PLUS:
            return (self.grade, 1, Fraction(self.above, self.voters))
        return (self.grade, 0, -Fraction(self.below, self.voters))


def majority_gauge(counts: Sequence[int] | np.ndarray) -> Gauge | None:
    """The majority gauge of one option's ``counts``; ``None`` when nobody graded it."""
    counts = np.asarray(counts, dtype=np.int64)
    grade = majority_grade(counts)
    if grade is None:
        return None
    return Gauge(grade=grade, above=int(counts[grade + 1:].sum()),
                 below=int(counts[:grade].sum()), voters=int(counts.sum()))


def _median_order(n: int) -> np.ndarray:
    """Positions of a sorted list of ``n`` grades in the order the majority value reads
    them: the lower median first, then outwards (for odd ``n``: centre, below, above, …;
    for even ``n``: lower middle, upper middle, below, above, …)."""
    centre = (n - 1) // 2
    order = np.empty(n, dtype=np.int64)
    order[0] = centre
    steps = np.arange(1, n)
    offsets = (steps + 1) // 2
    if n % 2:  # odd: below first
        order[1:] = np.where(steps % 2 == 1, centre - offsets, centre + offsets)
    else:  # even: above first
        order[1:] = np.where(steps % 2 == 1, centre + offsets, centre - offsets)
    return order


def majority_value(counts: Sequence[int] | np.ndarray) -> np.ndarray:
    """The majority value of one option: its majority grade, then the majority grade of
    what remains once one voter's majority grade is removed, and so on (PNAS 2007)."""
    counts = np.asarray(counts, dtype=np.int64)
    ascending = np.repeat(np.arange(counts.size), counts)
    return ascending[_median_order(ascending.size)]


def compare(a: Sequence[int] | np.ndarray, b: Sequence[int] | np.ndarray) -> int:
    """``1`` if the option with counts ``a`` ranks above the one with counts ``b``, ``-1``
    below, ``0`` if they are tied (equal majority values). Unrated options rank last."""
    gauge_a, gauge_b = majority_gauge(a), majority_gauge(b)
    if gauge_a is None or gauge_b is None:
        return (gauge_a is not None) - (gauge_b is not None)
    key_a, key_b = gauge_a.sort_key(), gauge_b.sort_key()
    if key_a != key_b:
        return 1 if key_a > key_b else -1
    value_a, value_b = majority_value(a), majority_value(b)
    length = min(value_a.size, value_b.size)
    differ = np.flatnonzero(value_a[:length] != value_b[:length])
    if differ.size == 0:
        return 0
    first = differ[0]
    return 1 if value_a[first] > value_b[first] else -1


@dataclass(frozen=True, slots=True)
class OptionOutcome:
    """One option's result. ``counts`` and ``shares`` are listed from the best grade to the
    worst, like the scale's labels; ``rank`` starts at 1 and tied options share it."""

    index: int
    rank: int
    majority_grade: int | None
    sign: str
    above_share: float
    below_share: float
    counts: tuple[int, ...]
    shares: tuple[float, ...]

    @property
    def gauge_label(self) -> str:
        return self.sign


@dataclass(frozen=True, slots=True)
class MajorityJudgmentResult:
    """A tally: ``outcomes`` in the options' order, ``ranking`` the option indices from the
    first to the last."""

    scale: GradeScale
    voters: int
    outcomes: tuple[OptionOutcome, ...]
    ranking: tuple[int, ...]

    def ranked(self) -> list[OptionOutcome]:
        return [self.outcomes[index] for index in self.ranking]


def tally(counts: np.ndarray | Sequence[Sequence[int]],
          scale: GradeScale = PLATFORM) -> MajorityJudgmentResult:
    """Rank options by majority judgment from their grade ``counts`` (``options × grades``,
    grade 0 the worst), with the majority gauge and, for exact ties, the majority value."""
    counts = np.asarray(counts, dtype=np.int64)
    if counts.ndim != 2 or counts.shape[1] != scale.size:
        raise ValueError(f"Counts must be a table of options × {scale.size} grades.")
    if (counts < 0).any():
        raise ValueError("Counts cannot be negative.")
    n_options = counts.shape[0]
    order = sorted(range(n_options), key=cmp_to_key(lambda i, j: compare(counts[j], counts[i])))
    ranks = [0] * n_options
    for position, index in enumerate(order):
        tied = position and compare(counts[index], counts[order[position - 1]]) == 0
        ranks[index] = ranks[order[position - 1]] if tied else position + 1
    totals = counts.sum(axis=1)
    outcomes = []
    for index in range(n_options):
        row = counts[index]
        gauge = majority_gauge(row)
        total = int(totals[index])
        best_first = tuple(int(c) for c in row[::-1])
        outcomes.append(OptionOutcome(
            index=index, rank=ranks[index],
            majority_grade=gauge.grade if gauge else None,
            sign=gauge.sign if gauge else "",
            above_share=gauge.above_share if gauge else 0.0,
            below_share=gauge.below_share if gauge else 0.0,
            counts=best_first,
            shares=tuple(c / total if total else 0.0 for c in best_first)))
    return MajorityJudgmentResult(scale=scale, voters=int(totals.max()) if n_options else 0,
                                  outcomes=tuple(outcomes), ranking=tuple(order))
