"""The vote matrix of a conversation, and who is in the analysis.

Source: Polis math, ``polismath/math/conversation.clj`` (``raw-rating-mat``, ``rating-mat``,
``user-vote-counts``, ``in-conv``) and ``named_matrix.clj`` (``zero-out-columns``).

A vote is a (participant, statement, value) triple with value 1 (agree), −1 (disagree) or
0 (pass); a missing vote is NaN. The last vote of a participant on a statement counts.
Polis stores agree as −1 internally; this module uses agree = +1 throughout, so a centre or
a projection computed here is the negative of the one Polis prints (a sign, nothing more).

The matrix is kept sparse (only the votes cast): with missing values imputed by column
means, a centred matrix is zero wherever nobody voted, which is what makes the maths cheap
for 10,000 participants × 1,000 statements.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

type ParticipantId = int | str
type StatementId = int | str
type Vote = tuple[ParticipantId, StatementId, int]
"""(participant, statement, value): 1 agree, −1 disagree, 0 pass."""

AGREE = 1
DISAGREE = -1
PASS = 0

MIN_VOTES_TO_ENTER = 7
"""A participant enters the analysis after voting on min(7, number of statements)."""
GREEDY_PARTICIPANTS = 15
"""Below this many participants in the analysis, the most active voters are taken in."""

type IntArray = npt.NDArray[np.int64]
type FloatArray = npt.NDArray[np.float64]
type BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True, eq=False)
class VoteMatrix:
    """The latest vote of each participant on each statement, as sparse coordinates.

    Rows are participants (``participant_ids``, sorted), columns the statements that have
    at least one vote (``statement_ids``, sorted). ``rows``, ``cols`` and ``values`` list
    the votes cast. ``zeroed`` marks the columns that Polis sets to 0 (pass) for every
    participant before the analysis: moderated-out and meta statements
    (``named_matrix/zero-out-columns``). They move no one, but still count in the size of
    the matrix, as in Polis.
    """

    participant_ids: tuple[ParticipantId, ...]
    statement_ids: tuple[StatementId, ...]
    rows: IntArray
    cols: IntArray
    values: IntArray
    first_vote: IntArray
    zeroed: BoolArray

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.participant_ids), len(self.statement_ids)

    def votes_per_participant(self) -> IntArray:
        """Votes cast by each participant, moderated statements included (Polis's
        ``user-vote-counts`` reads the raw matrix)."""
        return np.bincount(self.rows, minlength=self.shape[0]).astype(np.int64)

    def dense(self) -> FloatArray:
        """The raw matrix with NaN for a missing vote (for tests and small conversations)."""
        out = np.full(self.shape, np.nan)
        out[self.rows, self.cols] = self.values
        return out


def _id_array(ids: list[ParticipantId] | list[StatementId]) -> npt.NDArray[np.generic]:
    kinds = set(map(type, ids))
    if not (all(issubclass(k, str) for k in kinds)
            or all(issubclass(k, int | np.integer) for k in kinds)):
        raise ValueError("identifiers must all be integers or all be strings")
    return np.asarray(ids)


def build_vote_matrix(
    votes: Iterable[Vote], *, zeroed: AbstractSet[StatementId] = frozenset()
) -> VoteMatrix:
    """Build the vote matrix from (participant, statement, value) triples, in vote order.

    The last triple for a pair wins (one vote per participant and statement, last vote
    counts). Values other than −1, 0, 1 are refused with ``ValueError``. Statements in
    ``zeroed`` (moderated out or meta) keep their column, as in Polis, and are set to pass
    for everyone by the analysis (``VoteMatrix.zeroed``).
    """
    triples = votes if isinstance(votes, list | tuple) else list(votes)
    if not triples:
        empty = np.zeros(0, np.int64)
        return VoteMatrix((), (), empty, empty, empty, empty, np.zeros(0, np.bool_))
    participant_column, statement_column, value_column = zip(*triples, strict=True)
    participants = _id_array(list(participant_column))
    statements = _id_array(list(statement_column))
    values = np.asarray(value_column)
    if values.dtype.kind not in "iub" or not np.isin(values, (AGREE, DISAGREE, PASS)).all():
        raise ValueError("a vote must be 1 (agree), -1 (disagree) or 0 (pass)")
    participant_ids, first_vote, rows = np.unique(participants, return_index=True,
                                                  return_inverse=True)
    statement_ids, cols = np.unique(statements, return_inverse=True)
    key = rows.astype(np.int64) * len(statement_ids) + cols
    # Keep the last vote of each (participant, statement): sort stably by pair, take the
    # last of each run.
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    last = np.ones(len(key), dtype=np.bool_)
    last[:-1] = sorted_key[1:] != sorted_key[:-1]
    keep = np.sort(order[last])
    column_ids = tuple(statement_ids.tolist())
    zeroed_mask = np.fromiter((sid in zeroed for sid in column_ids), dtype=np.bool_,
                              count=len(column_ids))
    return VoteMatrix(
        participant_ids=tuple(participant_ids.tolist()),
        statement_ids=column_ids,
        rows=rows[keep].astype(np.int64),
        cols=cols[keep].astype(np.int64),
        values=values[keep].astype(np.int64),
        first_vote=first_vote.astype(np.int64),
        zeroed=zeroed_mask,
    )


def participants_in_analysis(
    matrix: VoteMatrix,
    *,
    already_in: AbstractSet[ParticipantId] = frozenset(),
    min_votes: int = MIN_VOTES_TO_ENTER,
    greedy: int = GREEDY_PARTICIPANTS,
) -> BoolArray:
    """Which participants the groups are computed on (Polis ``in-conv``).

    A participant is in once they have voted on at least min(``min_votes``, number of
    statements with votes) statements, and once in, stays in (``already_in``, from the
    previous computation). While fewer than ``greedy`` participants are in, the most active
    voters are added until there are ``greedy`` of them (on a tie, who voted first).
    """
    n_participants, n_statements = matrix.shape
    counts = matrix.votes_per_participant()
    inside = counts >= min(min_votes, n_statements)
    if already_in:
        inside |= np.fromiter((pid in already_in for pid in matrix.participant_ids),
                              dtype=np.bool_, count=n_participants)
    missing = greedy - int(inside.sum())
    if missing > 0:
        candidates = np.flatnonzero(~inside & (counts > 0))
        order = candidates[np.lexsort((matrix.first_vote[candidates], -counts[candidates]))]
        inside[order[:missing]] = True
    return inside
