import numpy as np
import pytest

from territoria.opinion.domain.matrix import build_vote_matrix, participants_in_analysis


def test_the_last_vote_on_a_statement_counts():
    matrix = build_vote_matrix([("ann", 1, 1), ("bob", 1, -1), ("ann", 1, -1), ("ann", 2, 0)])
    dense = matrix.dense()
    assert matrix.participant_ids == ("ann", "bob")
    assert matrix.statement_ids == (1, 2)
    assert dense.tolist()[0] == [-1.0, 0.0]
    assert dense[1, 0] == -1 and np.isnan(dense[1, 1])


def test_first_vote_keeps_the_order_participants_arrived_in():
    matrix = build_vote_matrix([("zoe", 1, 1), ("adam", 1, 1), ("zoe", 2, 1)])
    assert matrix.participant_ids == ("adam", "zoe")
    assert matrix.first_vote.tolist() == [1, 0]


def test_a_vote_other_than_agree_disagree_or_pass_is_refused():
    with pytest.raises(ValueError, match="agree"):
        build_vote_matrix([(1, 1, 2)])


def test_mixed_identifier_types_are_refused():
    with pytest.raises(ValueError, match="integers or all be strings"):
        build_vote_matrix([(1, 1, 1), ("two", 1, 1)])


def test_moderated_statements_are_marked_zeroed():
    matrix = build_vote_matrix([(1, 1, 1), (1, 2, 1)], zeroed={2, 99})
    assert matrix.zeroed.tolist() == [False, True]


def _votes(counts: dict[int, int]) -> list[tuple[int, int, int]]:
    return [(pid, sid, 1) for pid, n in counts.items() for sid in range(n)]


def test_a_participant_enters_the_analysis_after_seven_votes():
    # 20 participants, so the greedy rule (fewer than 15 in) does not apply.
    counts = {pid: 7 for pid in range(16)} | {100: 6, 101: 3}
    inside = participants_in_analysis(build_vote_matrix(_votes(counts)))
    assert inside.sum() == 16
    assert not inside[-2:].any()


def test_with_few_statements_voting_on_all_of_them_is_enough():
    counts = {pid: 3 for pid in range(16)}
    inside = participants_in_analysis(build_vote_matrix(_votes(counts)))
    assert inside.all()


def test_once_in_a_participant_stays_in():
    counts = {pid: 7 for pid in range(16)} | {100: 2}
    matrix = build_vote_matrix(_votes(counts))
    assert participants_in_analysis(matrix, already_in={100})[-1]


def test_the_first_fifteen_participants_are_in_whatever_their_votes():
    # Polis takes in the most active while fewer than 15 are in: replayed vote by vote,
    # those are the first 15 to vote.
    votes = [(99, s, 1) for s in range(10)] + [(pid, 0, 1) for pid in range(30)]
    matrix = build_vote_matrix(votes)
    inside = participants_in_analysis(matrix)
    chosen = {matrix.participant_ids[i] for i in np.flatnonzero(inside)}
    assert chosen == {99} | set(range(14))


def test_who_voted_on_every_statement_there_was_stays_in_when_more_come():
    early = [(pid, s, 1) for pid in range(16) for s in range(3)]
    later = [(pid, s, -1) for pid in range(100, 116) for s in range(3, 12)]
    matrix = build_vote_matrix(early + later + [(200, 0, 1), (200, 1, 1), (200, 2, 1)])
    inside = dict(zip(matrix.participant_ids, participants_in_analysis(matrix), strict=True))
    assert inside[15] and not inside[200]


def test_identifiers_keep_their_type_even_when_they_look_like_numbers():
    matrix = build_vote_matrix([("1", "10", 1), ("2", "10", -1)])
    assert matrix.participant_ids == ("1", "2") and matrix.statement_ids == ("10",)
    with pytest.raises(ValueError, match="agree"):
        build_vote_matrix([(1, 1, 0.5)])
