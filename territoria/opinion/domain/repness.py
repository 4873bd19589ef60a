"""What each opinion group thinks distinctly: representativeness (repness) of statements.

Source: Polis math, ``polismath/math/repness.clj`` (``comment-stats``,
``add-comparitive-stats``, ``select-rep-comments``, ``finalize-cmt-stats``,
``repness-metric``) and ``stats.clj`` (``prop-test``, ``two-prop-test``, ``z-sig-90?``).

For a group g and a statement, with na agrees, nd disagrees and ns votes (passes included)
among g's members, and the same counts summed over the other groups (``rest``):

- probabilities with a pseudocount: pa = (na + 1) / (ns + 2), pd = (nd + 1) / (ns + 2);
- proportion test: pat = 2 √(ns + 1) ((na + 1) / (ns + 1) − ½), and pdt likewise;
- representativeness: ra = pa / ((rest na + 1) / (rest ns + 2)), and rd likewise;
- two-proportion test with every count + 1: rat = (p₁ − p₂) / √(p̂ (1 − p̂) (1/n₁ + 1/n₂)),
  0 when p̂ = 1; and rdt likewise.

A statement represents a group when rat and pat (or rdt and pdt) are significant at 90 %
(z > 1.2816). Each group gets at most five: the best agreed statement first, then the
others by ra·rat·pa·pat (repness × test × probability × test), agrees before disagrees.
A group with no significant statement still gets its best one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np

from territoria.opinion.domain.matrix import (
    AGREE,
    DISAGREE,
    BoolArray,
    FloatArray,
    IntArray,
    StatementId,
    VoteMatrix,
)

Z_90 = 1.2816
"""One-sided 90 % significance of a z statistic (Polis ``z-sig-90?``)."""
MAX_REPRESENTATIVE = 5


class RepfulFor(StrEnum):
    AGREE = "agree"
    DISAGREE = "disagree"


@dataclass(frozen=True, slots=True, eq=False)
class GroupCounts:
    """Agrees, disagrees and votes (passes included) per group × statement, and group sizes."""

    agree: IntArray
    disagree: IntArray
    seen: IntArray
    members: IntArray


def group_vote_counts(matrix: VoteMatrix, group_of_row: IntArray, n_groups: int) -> GroupCounts:
    """Count the votes of each group's members on each statement (Polis ``group-votes``).

    ``group_of_row`` gives each participant's group, or −1 for those in no group.
    """
    n_statements = matrix.shape[1]
    groups = group_of_row[matrix.rows]
    inside = groups >= 0
    cell = groups[inside] * n_statements + matrix.cols[inside]
    values = matrix.values[inside]
    size = n_groups * n_statements

    def count(mask: BoolArray | None) -> IntArray:
        chosen = cell if mask is None else cell[mask]
        return np.bincount(chosen, minlength=size).reshape(n_groups, n_statements)

    return GroupCounts(
        agree=count(values == AGREE),
        disagree=count(values == DISAGREE),
        seen=count(None),
        members=np.bincount(group_of_row[group_of_row >= 0], minlength=n_groups),
    )


def prop_test(successes: FloatArray | IntArray, trials: FloatArray | IntArray) -> FloatArray:
    """z statistic that a proportion exceeds ½, with one pseudo-observation (Polis
    ``prop-test``): 2 √(n + 1) ((s + 1) / (n + 1) − ½)."""
    s = np.asarray(successes, dtype=np.float64) + 1
    n = np.asarray(trials, dtype=np.float64) + 1
    return 2 * np.sqrt(n) * (s / n - 0.5)


def two_prop_test(succ_in: FloatArray | IntArray, succ_out: FloatArray | IntArray,
                  pop_in: FloatArray | IntArray, pop_out: FloatArray | IntArray) -> FloatArray:
    """z statistic that a group's proportion exceeds the others', every count + 1 (Polis
    ``two-prop-test``); 0 when the pooled proportion is 1."""
    s1, s2, n1, n2 = (np.asarray(x, dtype=np.float64) + 1
                      for x in (succ_in, succ_out, pop_in, pop_out))
    pooled = (s1 + s2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    z = np.divide(s1 / n1 - s2 / n2, np.sqrt(variance), out=np.zeros_like(pooled),
                  where=variance > 0)
    return np.where(pooled == 1, 0.0, z)


@dataclass(frozen=True, slots=True, eq=False)
class RepnessStats:
    """Every statistic of the module docstring, as groups × statements arrays."""

    na: IntArray
    nd: IntArray
    ns: IntArray
    pa: FloatArray
    pd: FloatArray
    pat: FloatArray
    pdt: FloatArray
    ra: FloatArray
    rd: FloatArray
    rat: FloatArray
    rdt: FloatArray


def repness_stats(counts: GroupCounts) -> RepnessStats:
    """Compute the statistics of each group against the rest, for every statement."""
    na, nd, ns = counts.agree, counts.disagree, counts.seen
    rest_na, rest_nd, rest_ns = (x.sum(axis=0) - x for x in (na, nd, ns))
    pa = (na + 1) / (ns + 2)
    pd = (nd + 1) / (ns + 2)
    return RepnessStats(
        na=na, nd=nd, ns=ns, pa=pa, pd=pd,
        pat=prop_test(na, ns), pdt=prop_test(nd, ns),
        ra=pa / ((rest_na + 1) / (rest_ns + 2)),
        rd=pd / ((rest_nd + 1) / (rest_ns + 2)),
        rat=two_prop_test(na, rest_na, ns, rest_ns),
        rdt=two_prop_test(nd, rest_nd, ns, rest_ns),
    )


@dataclass(frozen=True, slots=True)
class RepresentativeStatement:
    """A statement that represents a group, and why.

    ``repful_for`` says whether the group stands out by agreeing or by disagreeing;
    ``n_success`` of ``n_trials`` members voted that way; ``p_success`` and ``p_test`` are
    the probability and its test, ``repness`` and ``repness_test`` the comparison with the
    other groups. ``best_agree`` marks the group's best agreed statement, put first.
    ``repness_test`` is rounded to single precision, as Polis stores it.
    """

    statement_id: StatementId
    repful_for: RepfulFor
    n_success: int
    n_trials: int
    p_success: float
    p_test: float
    repness: float
    repness_test: float
    best_agree: bool = False
    n_agree: int | None = None

    @property
    def metric(self) -> float:
        """Polis ``repness-metric``: repness × repness test × probability × test."""
        return self.repness * self.repness_test * self.p_success * self.p_test


def _finalize(stats: RepnessStats, g: int, j: int, sid: StatementId) -> RepresentativeStatement:
    if stats.rat[g, j] > stats.rdt[g, j]:
        values = (RepfulFor.AGREE, stats.na[g, j], stats.pa[g, j], stats.pat[g, j],
                  stats.ra[g, j], stats.rat[g, j])
    else:
        values = (RepfulFor.DISAGREE, stats.nd[g, j], stats.pd[g, j], stats.pdt[g, j],
                  stats.rd[g, j], stats.rdt[g, j])
    repful, n_success, p_success, p_test, repness, test = values
    return RepresentativeStatement(
        statement_id=sid, repful_for=repful, n_success=int(n_success),
        n_trials=int(stats.ns[g, j]), p_success=float(p_success), p_test=float(p_test),
        repness=float(repness), repness_test=float(np.float32(test)),
    )


def _beats_best_agree(stats: RepnessStats, g: int, j: int, best: int | None) -> bool:
    """Polis ``beats-best-agr?``: the group's best agreed statement so far."""
    if stats.na[g, j] == 0 and stats.nd[g, j] == 0:
        return False
    ra, rat, pa, pat = (float(x[g, j]) for x in (stats.ra, stats.rat, stats.pa, stats.pat))
    if best is not None:
        if stats.ra[g, best] > 1.0:
            return ra * rat * pa * pat > float(
                stats.ra[g, best] * stats.rat[g, best] * stats.pa[g, best] * stats.pat[g, best])
        return pa * pat > float(stats.pa[g, best] * stats.pat[g, best])
    return pat > Z_90 or (ra > 1.0 and pa > 0.5)


def select_representative(
    stats: RepnessStats, statement_ids: Sequence[StatementId], excluded: BoolArray
) -> tuple[tuple[RepresentativeStatement, ...], ...]:
    """The representative statements of each group (Polis ``select-rep-comments``).

    Statements in ``excluded`` (moderated out, meta) are never selected.
    """
    n_groups = stats.na.shape[0]
    passes = ((stats.rat > Z_90) & (stats.pat > Z_90)) | ((stats.rdt > Z_90) & (stats.pdt > Z_90))
    selected: list[tuple[RepresentativeStatement, ...]] = []
    for g in range(n_groups):
        sufficient: list[RepresentativeStatement] = []
        best: RepresentativeStatement | None = None
        best_agree: int | None = None
        for j, sid in enumerate(statement_ids):
            if excluded[j]:
                continue
            if passes[g, j]:
                sufficient.append(_finalize(stats, g, j, sid))
            if not sufficient and (
                best is None or max(stats.rat[g, j], stats.rdt[g, j]) > best.repness_test
            ):
                best = _finalize(stats, g, j, sid)
            if _beats_best_agree(stats, g, j, best_agree):
                best_agree = j
        head: list[RepresentativeStatement] = []
        if best_agree is not None:
            # Polis finalises the best agreed statement as is, which may be "disagree".
            head = [replace(_finalize(stats, g, best_agree, statement_ids[best_agree]),
                            best_agree=True, n_agree=int(stats.na[g, best_agree]))]
        elif best is not None:
            head = [best]
        if not sufficient:
            selected.append(tuple(head))
            continue
        head_ids = {r.statement_id for r in head if r.best_agree}
        rest = sorted((r for r in sufficient if r.statement_id not in head_ids),
                      key=lambda r: -r.metric)
        chosen = ([*head[:1]] if head_ids else []) + rest
        chosen = chosen[:MAX_REPRESENTATIVE]
        chosen = ([r for r in chosen if r.repful_for is RepfulFor.AGREE]
                  + [r for r in chosen if r.repful_for is RepfulFor.DISAGREE])
        selected.append(tuple(chosen))
    return tuple(selected)
