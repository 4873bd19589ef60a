"""Where the territory agrees: consensus statements and group-informed consensus.

Source: Polis math, ``polismath/math/repness.clj`` (``consensus-stats``,
``select-consensus-comments``) and ``conversation.clj`` (``group-aware-consensus``).

- Consensus statements: over every participant, pa = (na + 1) / (ns + 2) and its
  proportion test pat (see ``repness.prop_test``); a statement is a consensus for agreement
  when pa > ½ and pat is significant at 90 %; the five with the highest pa × pat are kept.
  The same for disagreement.
- Group-informed consensus of a statement: the product over the opinion groups of
  (agrees + 1) / (votes + 2) in the group, so it is high only when every group agrees; it
  lies strictly between 0 and 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from territoria.opinion.domain.matrix import (
    AGREE,
    DISAGREE,
    BoolArray,
    FloatArray,
    StatementId,
    VoteMatrix,
)
from territoria.opinion.domain.repness import (
    MAX_REPRESENTATIVE,
    Z_90,
    GroupCounts,
    prop_test,
)


@dataclass(frozen=True, slots=True)
class ConsensusStatement:
    """A statement most participants agree (or disagree) with, significantly."""

    statement_id: StatementId
    n_success: int
    n_trials: int
    p_success: float
    p_test: float


@dataclass(frozen=True, slots=True)
class Consensus:
    """Up to five consensus statements for agreement and five for disagreement."""

    agree: tuple[ConsensusStatement, ...]
    disagree: tuple[ConsensusStatement, ...]


def select_consensus(
    matrix: VoteMatrix, excluded: BoolArray, *, pick: int = MAX_REPRESENTATIVE
) -> Consensus:
    """Consensus statements over all participants (Polis ``select-consensus-comments``).

    Statements in ``excluded`` (moderated out, meta) are never selected. Ties keep the
    statements' order.
    """
    n_statements = matrix.shape[1]
    ns = np.bincount(matrix.cols, minlength=n_statements)

    def side(vote: int) -> tuple[ConsensusStatement, ...]:
        successes = np.bincount(matrix.cols[matrix.values == vote], minlength=n_statements)
        p = (successes + 1) / (ns + 2)
        test = prop_test(successes, ns)
        eligible = np.flatnonzero((p > 0.5) & (test > Z_90) & ~excluded)
        order = eligible[np.argsort(-(p * test)[eligible], kind="stable")][:pick]
        return tuple(
            ConsensusStatement(statement_id=matrix.statement_ids[j],
                               n_success=int(successes[j]), n_trials=int(ns[j]),
                               p_success=float(p[j]), p_test=float(test[j]))
            for j in order
        )

    return Consensus(agree=side(AGREE), disagree=side(DISAGREE))


def group_aware_consensus(counts: GroupCounts) -> FloatArray:
    """Group-informed consensus of each statement (Polis ``group-aware-consensus``):
    Π over groups of (agrees + 1) / (votes + 2)."""
    return np.prod((counts.agree + 1.0) / (counts.seen + 2.0), axis=0)

