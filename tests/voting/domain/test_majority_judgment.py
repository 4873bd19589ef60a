import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from territoria.voting.domain import majority_judgment as mj
from territoria.voting.domain.scales import ORSAY_2007, PLATFORM, SCALES, GradeScale

GRADES = PLATFORM.size


def test_the_majority_grade_is_the_lower_median():
    assert mj.majority_grade([0, 1, 1, 1, 0, 0]) == 2  # grades 1, 2, 3 → 2
    assert mj.majority_grade([0, 1, 0, 1, 0, 0]) == 1  # grades 1, 3 → the lower, 1
    assert mj.majority_grade([1, 1, 1, 1, 0, 0]) == 1  # 0, 1, 2, 3 → 1
    assert mj.majority_grade([0, 0, 0, 0, 0, 0]) is None


def test_the_gauge_counts_voters_above_and_below():
    gauge = mj.majority_gauge([1, 2, 3, 4, 0, 0])  # 10 voters, grades 0..3
    assert gauge.grade == 2
    assert (gauge.above, gauge.below, gauge.voters) == (4, 3, 10)
    assert gauge.sign == mj.PLUS
    assert mj.majority_gauge([3, 1, 2, 4, 0, 0]).sign == mj.MINUS


def test_plus_beats_minus_and_larger_p_or_smaller_q_wins():
    grade_2_plus = [2, 1, 3, 4, 0, 0]   # 10 voters: majority grade 2, p = .4, q = .3
    grade_2_minus = [3, 1, 3, 3, 0, 0]  # majority grade 2, p = .3, q = .4
    assert mj.majority_gauge(grade_2_plus).sign == mj.PLUS
    assert mj.majority_gauge(grade_2_minus).sign == mj.MINUS
    assert mj.compare(grade_2_plus, grade_2_minus) == 1
    assert mj.compare(grade_2_minus, grade_2_plus) == -1
    # Among "+" at the same grade, the larger p wins.
    assert mj.compare([1, 1, 3, 5, 0, 0], grade_2_plus) == 1
    # Among "−" at the same grade, the smaller q wins.
    assert mj.compare([1, 2, 4, 3, 0, 0], grade_2_minus) == 1
    # A higher majority grade beats any gauge.
    assert mj.compare([4, 0, 0, 0, 6, 0], [0, 0, 0, 10, 0, 0]) == 1
    assert mj.compare(grade_2_plus, grade_2_plus) == 0


def test_the_majority_value_breaks_exact_gauge_ties():
    # Same gauge (grade 2, p = 2/5, q = 2/5 → −) but different profiles.
    a = [0, 2, 1, 2, 0, 0]
    b = [2, 0, 1, 0, 2, 0]
    assert mj.majority_gauge(a).sort_key() == mj.majority_gauge(b).sort_key()
    assert mj.majority_value(a).tolist() == [2, 1, 3, 1, 3]
    assert mj.majority_value(b).tolist() == [2, 0, 4, 0, 4]
    assert mj.compare(a, b) == 1
    result = mj.tally([b, a])
    assert result.ranking == (1, 0)
    assert [o.rank for o in result.outcomes] == [2, 1]


def test_the_majority_value_reads_outwards_from_the_lower_median():
    assert mj._median_order(4).tolist() == [1, 2, 0, 3]
    assert mj._median_order(5).tolist() == [2, 1, 3, 0, 4]
    assert mj._median_order(6).tolist() == [2, 3, 1, 4, 0, 5]
    assert mj._median_order(1).tolist() == [0]


def test_identical_profiles_share_a_rank():
    result = mj.tally([[0, 0, 1, 1, 0, 0], [1, 1, 0, 0, 0, 0], [0, 0, 1, 1, 0, 0]])
    assert [o.rank for o in result.outcomes] == [1, 3, 1]


def test_shares_and_counts_are_listed_best_first():
    result = mj.tally([[1, 0, 0, 0, 0, 3]])
    assert result.outcomes[0].counts == (3, 0, 0, 0, 0, 1)
    assert result.outcomes[0].shares == (0.75, 0, 0, 0, 0, 0.25)
    assert PLATFORM.label(result.outcomes[0].majority_grade) == "Excellent"


def test_counting_refuses_a_grade_off_the_scale():
    with pytest.raises(ValueError, match="between 0 and 5"):
        mj.grade_counts([[0, 6]], GRADES)
    with pytest.raises(ValueError):
        mj.grade_counts([[-1, 0]], GRADES)
    with pytest.raises(ValueError):
        mj.tally([[1, 2, 3]])


def test_no_ballot_gives_no_grade_and_a_shared_rank():
    result = mj.tally(np.zeros((3, GRADES), dtype=int))
    assert result.voters == 0
    assert [o.majority_grade for o in result.outcomes] == [None, None, None]
    assert [o.rank for o in result.outcomes] == [1, 1, 1]


def test_scales_label_grades_from_the_best():
    assert PLATFORM.label(5) == "Excellent" and PLATFORM.label(0) == "To reject"
    assert ORSAY_2007.label(5) == "Very good"
    assert set(SCALES) == {"platform", "orsay_2007"}
    with pytest.raises(ValueError):
        GradeScale("one", ("Only",))
    with pytest.raises(ValueError):
        PLATFORM.label(6)


# -- laws (hypothesis) ----------------------------------------------------------------------

ballot_tables = st.integers(1, 6).flatmap(lambda options: st.lists(
    st.lists(st.integers(0, GRADES - 1), min_size=options, max_size=options),
    min_size=1, max_size=25))


def ranks(ballots) -> list[int]:
    result = mj.tally(mj.grade_counts(ballots, GRADES))
    return [o.rank for o in result.outcomes]


@settings(max_examples=150, deadline=None)
@given(ballot_tables, st.randoms(use_true_random=False))
def test_anonymity_permuting_ballots_changes_nothing(ballots, random):
    shuffled = list(ballots)
    random.shuffle(shuffled)
    assert mj.tally(mj.grade_counts(shuffled, GRADES)) == mj.tally(mj.grade_counts(ballots, GRADES))


@settings(max_examples=150, deadline=None)
@given(ballot_tables, st.randoms(use_true_random=False))
def test_neutrality_permuting_options_permutes_the_result(ballots, random):
    n_options = len(ballots[0])
    permutation = list(range(n_options))
    random.shuffle(permutation)
    permuted = [[ballot[j] for j in permutation] for ballot in ballots]
    original, moved = ranks(ballots), ranks(permuted)
    assert moved == [original[j] for j in permutation]


@settings(max_examples=200, deadline=None)
@given(ballot_tables, st.data())
def test_monotonicity_raising_a_grade_never_lowers_the_rank(ballots, data):
    voter = data.draw(st.integers(0, len(ballots) - 1))
    option = data.draw(st.integers(0, len(ballots[0]) - 1))
    current = ballots[voter][option]
    raised_to = data.draw(st.integers(current, GRADES - 1))
    raised = [list(ballot) for ballot in ballots]
    raised[voter][option] = raised_to
    assert ranks(raised)[option] <= ranks(ballots)[option]


@settings(max_examples=100, deadline=None)
@given(ballot_tables)
def test_the_ranking_agrees_with_pairwise_comparison(ballots):
    counts = mj.grade_counts(ballots, GRADES)
    result = mj.tally(counts)
    for better, worse in zip(result.ranking, result.ranking[1:]):
        assert mj.compare(counts[better], counts[worse]) >= 0
