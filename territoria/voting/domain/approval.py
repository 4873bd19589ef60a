"""Approval voting: each voter approves any number of options; the most approved wins.

S. J. Brams and P. C. Fishburn, "Approval voting", *American Political Science Review*
72(3), 1978, pp. 831-847. An option's score is its number of approvals; its share is that
number over the number of voters. Options with as many approvals share a rank.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


def approval_counts(ballots: np.ndarray | Sequence[Sequence[bool]]) -> np.ndarray:
    """Approvals per option from ``voters × options`` ballots (true or 1 = approved)."""
    ballots = np.asarray(ballots)
    if ballots.ndim != 2:
        raise ValueError("Ballots must be a table of voters × options.")
    if ballots.size and not np.isin(ballots, (0, 1)).all():
        raise ValueError("An approval ballot holds only approvals (1) and blanks (0).")
    return ballots.astype(bool).sum(axis=0).astype(np.int64)


@dataclass(frozen=True, slots=True)
class ApprovalOutcome:
    index: int
    rank: int
    approvals: int
    share: float


@dataclass(frozen=True, slots=True)
class ApprovalResult:
    voters: int
    outcomes: tuple[ApprovalOutcome, ...]
    ranking: tuple[int, ...]

    def ranked(self) -> list[ApprovalOutcome]:
        return [self.outcomes[index] for index in self.ranking]


def tally(approvals: np.ndarray | Sequence[int], voters: int) -> ApprovalResult:
    """Rank options by their number of ``approvals`` out of ``voters`` ballots."""
    approvals = np.asarray(approvals, dtype=np.int64)
    if approvals.ndim != 1:
        raise ValueError("Approvals must be one count per option.")
    if (approvals < 0).any() or (approvals > voters).any():
        raise ValueError("An option cannot have more approvals than voters.")
    order = sorted(range(approvals.size), key=lambda index: -int(approvals[index]))
    ranks = [0] * approvals.size
    for position, index in enumerate(order):
        previous = order[position - 1] if position else None
        tied = previous is not None and approvals[index] == approvals[previous]
        ranks[index] = ranks[previous] if tied else position + 1
    outcomes = tuple(ApprovalOutcome(index=index, rank=ranks[index],
                                     approvals=int(approvals[index]),
                                     share=int(approvals[index]) / voters if voters else 0.0)
                     for index in range(approvals.size))
    return ApprovalResult(voters=voters, outcomes=outcomes, ranking=tuple(order))
