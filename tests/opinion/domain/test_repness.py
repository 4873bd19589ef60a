import math

import numpy as np

from territoria.opinion.domain.repness import (
    GroupCounts,
    RepfulFor,
    prop_test,
    repness_stats,
    select_representative,
    two_prop_test,
)


def test_proportion_test_adds_one_pseudo_observation():
    # 6 agrees of 6 votes: 2 √7 (7/7 − ½) = √7 (Polis prints 2.6457513110645907).
    assert math.isclose(prop_test(6, 6), math.sqrt(7))
    assert prop_test(0, 0) == 1.0  # the pseudo-observation is a success: (0+1)/(0+1)


def test_two_proportion_test_adds_one_to_every_count():
    p1, p2, pooled = 4 / 6, 2 / 11, 6 / 17
    expected = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / 6 + 1 / 11))
    assert math.isclose(two_prop_test(3, 1, 5, 10), expected)
    assert two_prop_test(4, 6, 4, 6) == 0.0  # pooled proportion 1


def _counts(agree, disagree, seen):
    arrays = [np.array(x, dtype=np.int64) for x in (agree, disagree, seen)]
    return GroupCounts(*arrays, members=arrays[2].max(axis=1))


def test_a_statement_one_group_agrees_with_and_the_other_rejects_represents_both():
    counts = _counts(agree=[[10, 5], [0, 5]], disagree=[[0, 5], [10, 5]],
                     seen=[[10, 10], [10, 10]])
    stats = repness_stats(counts)
    assert math.isclose(stats.pa[0, 0], 11 / 12)
    assert math.isclose(stats.ra[0, 0], (11 / 12) / (1 / 12))
    chosen = select_representative(stats, ["split", "even"], np.array([False, False]))
    assert [(r.statement_id, r.repful_for) for r in chosen[0]] == [("split", RepfulFor.AGREE)]
    assert [(r.statement_id, r.repful_for) for r in chosen[1]] == [
        ("split", RepfulFor.DISAGREE)]
    assert chosen[0][0].best_agree and chosen[0][0].n_agree == 10


def test_an_excluded_statement_is_never_representative():
    counts = _counts(agree=[[10, 5], [0, 5]], disagree=[[0, 5], [10, 5]],
                     seen=[[10, 10], [10, 10]])
    chosen = select_representative(repness_stats(counts), ["split", "even"],
                                   np.array([True, False]))
    assert all(r.statement_id != "split" for group in chosen for r in group)


def test_at_most_five_statements_agrees_first():
    n = 8
    agree = [[9] * 4 + [0] * 4, [0] * 4 + [1] * 4]
    disagree = [[0] * 4 + [9] * 4, [9] * 4 + [1] * 4]
    counts = _counts(agree, disagree, seen=[[9] * n, [10] * n])
    chosen = select_representative(repness_stats(counts), list(range(n)), np.zeros(n, bool))
    kinds = [r.repful_for for r in chosen[0]]
    assert len(kinds) == 5
    assert kinds == sorted(kinds, key=lambda k: k is RepfulFor.DISAGREE)
