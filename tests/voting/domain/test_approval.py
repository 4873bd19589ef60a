import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from territoria.voting.domain import approval


def test_the_most_approved_option_wins_and_ties_share_a_rank():
    counts = approval.approval_counts([[1, 0, 1], [1, 1, 0], [0, 0, 1], [1, 0, 0]])
    assert counts.tolist() == [3, 1, 2]
    result = approval.tally(counts, voters=4)
    assert result.ranking == (0, 2, 1)
    assert [o.share for o in result.outcomes] == [0.75, 0.25, 0.5]
    tied = approval.tally([2, 2, 1], voters=3)
    assert [o.rank for o in tied.outcomes] == [1, 1, 3]


def test_bad_approvals_are_refused():
    with pytest.raises(ValueError):
        approval.approval_counts([[2, 0]])
    with pytest.raises(ValueError):
        approval.tally([5], voters=3)


def test_no_voter_gives_zero_shares():
    assert [o.share for o in approval.tally([0, 0], voters=0).outcomes] == [0.0, 0.0]


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 6).flatmap(lambda k: st.lists(
    st.lists(st.integers(0, 1), min_size=k, max_size=k), min_size=1, max_size=20)),
    st.randoms(use_true_random=False))
def test_approval_is_anonymous_and_neutral(ballots, random):
    base = approval.tally(approval.approval_counts(ballots), voters=len(ballots))
    shuffled = list(ballots)
    random.shuffle(shuffled)
    assert approval.tally(approval.approval_counts(shuffled), voters=len(ballots)) == base
    permutation = list(range(len(ballots[0])))
    random.shuffle(permutation)
    moved = approval.tally(approval.approval_counts([[b[j] for j in permutation] for b in ballots]),
                           voters=len(ballots))
    assert [o.rank for o in moved.outcomes] == [base.outcomes[j].rank for j in permutation]
