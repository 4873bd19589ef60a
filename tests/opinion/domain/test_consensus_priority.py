import math

import numpy as np

from territoria.opinion.domain.consensus import group_aware_consensus, select_consensus
from territoria.opinion.domain.matrix import build_vote_matrix
from territoria.opinion.domain.priority import META_PRIORITY, priorities
from territoria.opinion.domain.repness import GroupCounts


def test_group_aware_consensus_multiplies_each_groups_agreement():
    counts = GroupCounts(agree=np.array([[3], [1]]), disagree=np.array([[0], [1]]),
                         seen=np.array([[4], [2]]), members=np.array([4, 2]))
    assert math.isclose(group_aware_consensus(counts)[0], (4 / 6) * (2 / 4))


def test_consensus_needs_a_significant_majority():
    votes = [(p, "liked", 1) for p in range(10)] + [(p, "split", p % 2 * 2 - 1)
                                                    for p in range(10)]
    votes += [(p, "rejected", -1) for p in range(10)]
    result = select_consensus(build_vote_matrix(votes), np.zeros(3, bool))
    assert [c.statement_id for c in result.agree] == ["liked"]
    assert [c.statement_id for c in result.disagree] == ["rejected"]
    liked = result.agree[0]
    assert (liked.n_success, liked.n_trials) == (10, 10)
    assert math.isclose(liked.p_success, 11 / 12)


def test_priority_matches_polis_formula():
    value = priorities(np.array([20]), np.array([0]), np.array([23]), np.array([1.0]),
                       np.array([False]))[0]
    p, a = (3 + 1) / 25, 21 / 25
    assert math.isclose(value, ((1 - p) * 2 * a * (1 + 8 * 2 ** (-23 / 5))) ** 2)


def test_a_new_statement_comes_before_an_old_one_and_meta_has_a_fixed_priority():
    new, old, meta = priorities(np.array([0, 10, 0]), np.array([0, 10, 0]),
                                np.array([0, 20, 0]), np.zeros(3),
                                np.array([False, False, True]))
    assert new > old
    assert meta == META_PRIORITY**2
