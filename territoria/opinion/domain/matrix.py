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

import array
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import chain
from typing import Any

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
    the votes cast. ``first_vote`` is the position, in the votes given, of each
    participant's first vote (the order participants arrived in). ``zeroed`` marks the
    columns that Polis sets to 0 (pass) for every participant before the analysis:
    moderated-out and meta statements (``named_matrix/zero-out-columns``). They move no one,
    but still count in the size of the matrix, as in Polis.

    The early history of the conversation, for who entered the analysis then: for each
    first vote of a participant on a statement cast before the seventh statement had votes,
    in vote order, ``history_rows`` is the participant, ``history_count`` how many
    statements they had voted on then, and ``history_statements`` how many statements had
    votes then. (Later, entering takes seven votes, which the final counts show.)
    """

    participant_ids: tuple[ParticipantId, ...]
    statement_ids: tuple[StatementId, ...]
    rows: IntArray
    cols: IntArray
    values: IntArray
    first_vote: IntArray
    zeroed: BoolArray
    history_rows: IntArray
    history_count: IntArray
    history_statements: IntArray

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


def _columns(triples: list[Vote] | tuple[Vote, ...]
             ) -> tuple[npt.NDArray[np.generic], npt.NDArray[np.generic], IntArray]:
    """Participants, statements and values as arrays; fast when every field is an integer
    (``array`` refuses anything else, strings of digits included)."""
    try:
        fields: Iterable[Any] = chain.from_iterable(triples)
        packed = array.array("q", fields)
    except (TypeError, OverflowError):
        participant_column, statement_column, value_column = zip(*triples, strict=True)
        return (_id_array(list(participant_column)), _id_array(list(statement_column)),
                np.asarray(value_column))
    ints = np.frombuffer(packed, dtype=np.int64).reshape(-1, 3)
    return ints[:, 0], ints[:, 1], ints[:, 2]


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
        return VoteMatrix((), (), empty, empty, empty, empty, np.zeros(0, np.bool_),
                          empty, empty, empty)
    participants, statements, values = _columns(triples)
    if values.dtype.kind not in "iub" or not np.isin(values, (AGREE, DISAGREE, PASS)).all():
        raise ValueError("a vote must be 1 (agree), -1 (disagree) or 0 (pass)")
    participant_ids, first_vote, rows = np.unique(participants, return_index=True,
                                                  return_inverse=True)
    statement_ids, statement_first, cols = np.unique(statements, return_index=True,
                                                     return_inverse=True)
    key = rows.astype(np.int64) * len(statement_ids) + cols
    # Keep the last vote of each (participant, statement): sort stably by pair, take the
    # last of each run.
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    last = np.ones(len(key), dtype=np.bool_)
    last[:-1] = sorted_key[1:] != sorted_key[:-1]
    keep = np.sort(order[last])
    rows_history, count_history, statements_history = _history(
        rows.astype(np.int64), sorted_key, order, np.sort(statement_first))
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
        history_rows=rows_history,
        history_count=count_history,
        history_statements=statements_history,
    )


def _history(rows: IntArray, sorted_key: IntArray, order: IntArray,
             statement_first: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """For each participant's first vote on a statement before the seventh statement had
    votes, in vote order: the participant, their number of statements voted on so far, and
    the number of statements with votes."""
    first = np.ones(len(sorted_key), dtype=np.bool_)
    first[1:] = sorted_key[1:] != sorted_key[:-1]
    positions = order[first]
    if len(statement_first) >= MIN_VOTES_TO_ENTER:
        positions = positions[positions < statement_first[MIN_VOTES_TO_ENTER - 1]]
    positions = np.sort(positions)
    who = rows[positions]
    by_participant = np.argsort(who, kind="stable")
    grouped = who[by_participant]
    starts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]])
    run_start = np.repeat(starts, np.diff(np.r_[starts, len(grouped)]))
    count = np.empty(len(who), dtype=np.int64)
    count[by_participant] = np.arange(len(grouped)) - run_start + 1
    statements = np.searchsorted(statement_first, positions, side="right").astype(np.int64)
    return who, count, statements


def participants_in_analysis(
    matrix: VoteMatrix,
    *,
    already_in: AbstractSet[ParticipantId] = frozenset(),
    greedy: int = GREEDY_PARTICIPANTS,
) -> BoolArray:
    """Which participants the groups are computed on (Polis ``in-conv``).

    A participant is in once they have voted on at least min(7, number of statements with
    votes) statements, and once in, stays in. Polis applies the rule at each update and
    remembers who is in; replaying the votes in order does the same here (an update after
    every vote): a participant who voted on the only 3 statements there were stays in after
    more statements came. While fewer than ``greedy`` participants are in, Polis takes in
    the most active voters: replayed, that is the first ``greedy`` participants to vote.
    ``already_in`` (from the previous computation) are in too.
    """
    n_participants = matrix.shape[0]
    inside = matrix.votes_per_participant() >= MIN_VOTES_TO_ENTER
    early = matrix.history_count >= matrix.history_statements
    inside[matrix.history_rows[early]] = True
    inside[np.argsort(matrix.first_vote, kind="stable")[:greedy]] = True
    if already_in:
        inside |= np.fromiter((pid in already_in for pid in matrix.participant_ids),
                              dtype=np.bool_, count=n_participants)
    return inside
