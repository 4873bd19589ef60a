"""The whole computation, on the project's own conversation and on generated ones."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.metrics import adjusted_rand_score

from territoria.opinion.domain.pipeline import MapOutcome, OpinionMap, compute
from territoria.opinion.domain.repness import RepfulFor

pytestmark = pytest.mark.filterwarnings("error")


def _camp(pid: int) -> int:
    return pid // 15


def test_three_camps_are_found(three_camps):
    result = compute(three_camps, moderated_out={11})
    assert result.outcome is MapOutcome.COMPUTED
    assert len(result.groups) == 3
    pids = sorted(result.group_of)
    assert adjusted_rand_score([_camp(p) for p in pids], [result.group_of[p] for p in pids]) == 1


def test_each_camp_is_represented_by_the_statements_it_agrees_with(three_camps):
    result = compute(three_camps, moderated_out={11})
    for group in result.groups:
        camp = _camp(group.members[0])
        agreed = {r.statement_id for r in group.representative
                  if r.repful_for is RepfulFor.AGREE}
        assert agreed == {3 * camp, 3 * camp + 1, 3 * camp + 2}


def test_the_statement_everyone_agrees_with_is_the_consensus(three_camps):
    result = compute(three_camps, moderated_out={11})
    assert [c.statement_id for c in result.consensus.agree] == [9]
    best = max(result.group_aware_consensus, key=result.group_aware_consensus.__getitem__)
    assert best == 9


def test_the_counts_are_given_with_the_map(three_camps):
    result = compute(three_camps, moderated_out={11})
    assert result.counts.participants == 45
    assert result.counts.participants_in_analysis == 45
    assert result.counts.statements == 11
    passes = result.counts.by_statement[10]
    assert passes.passed > passes.agree + passes.disagree


def test_recomputing_from_the_previous_map_changes_nothing(three_camps):
    first = compute(three_camps, moderated_out={11})
    again = compute(three_camps, moderated_out={11}, previous=first)
    assert again.group_of == first.group_of
    for pid, point in first.participant_projections.items():
        assert again.participant_projections[pid] == pytest.approx(point)


def test_groups_keep_their_numbers_when_votes_arrive(three_camps):
    first = compute(three_camps[:400], moderated_out={11})
    later = compute(three_camps, moderated_out={11}, previous=first)
    for pid, group in first.group_of.items():
        assert later.group_of[pid] == group


def test_a_statement_nobody_voted_on_yet_gets_a_high_priority(three_camps):
    result = compute(three_camps, moderated_out={11}, statements=[12])
    assert result.priorities[12] > max(v for k, v in result.priorities.items() if k != 12)
    assert result.counts.by_statement[12].seen == 0


def test_a_meta_statement_gets_polis_fixed_priority_and_is_never_representative(three_camps):
    result = compute(three_camps, moderated_out={11}, meta={9})
    assert result.priorities[9] == 49
    assert all(c.statement_id != 9 for c in result.consensus.agree)
    assert all(r.statement_id != 9 for g in result.groups for r in g.representative)


# Bad input: a clear outcome, the raw counts, no exception, no numpy warning.

def test_an_empty_conversation_says_there_are_no_votes():
    result = compute([])
    assert result.outcome is MapOutcome.NO_VOTES
    assert result.counts.votes == 0 and result.groups == ()


def test_one_statement_is_too_few():
    result = compute([(p, 1, 1) for p in range(30)])
    assert result.outcome is MapOutcome.TOO_FEW_STATEMENTS
    assert result.counts.by_statement[1].agree == 30


def test_three_participants_are_too_few_and_the_counts_are_shown():
    votes = [(p, s, 1 if (p + s) % 2 else -1) for p in range(3) for s in range(10)]
    result = compute(votes)
    assert result.outcome is MapOutcome.TOO_FEW_PARTICIPANTS
    assert result.counts.participants == 3 and result.counts.votes == 30
    assert set(result.priorities) == set(range(10))


def test_only_passes_leave_no_spread():
    result = compute([(p, s, 0) for p in range(20) for s in range(8)])
    assert result.outcome is MapOutcome.NO_SPREAD
    assert result.counts.passed == 160
    assert not result.clustered


def test_everyone_voting_alike_leaves_no_spread():
    result = compute([(p, s, 1) for p in range(20) for s in range(8)])
    assert result.outcome is MapOutcome.NO_SPREAD
    assert [c.statement_id for c in result.consensus.agree] == [0, 1, 2, 3, 4]


# Laws, on generated conversations.

votes_strategy = st.integers(min_value=6, max_value=30).flatmap(
    lambda n: st.lists(
        st.tuples(st.integers(0, n - 1), st.integers(0, 7), st.sampled_from((-1, 0, 1))),
        min_size=3 * n, max_size=8 * n,
    )
)
LAW_SETTINGS = settings(max_examples=60, deadline=None,
                        suppress_health_check=[HealthCheck.too_slow])


def _partition(result: OpinionMap, rename=lambda p: p) -> set[frozenset]:
    return {frozenset(rename(p) for p in g.members) for g in result.groups}


@LAW_SETTINGS
@given(votes=votes_strategy, seed=st.randoms(use_true_random=False))
def test_renaming_participants_does_not_change_the_groups(votes, seed):
    pids = sorted({p for p, _, _ in votes})
    shuffled = pids[:]
    seed.shuffle(shuffled)
    new_name = {p: f"resident-{q:03d}" for p, q in zip(pids, shuffled, strict=True)}
    before = compute(votes)
    after = compute([(new_name[p], s, v) for p, s, v in votes])
    assert after.outcome == before.outcome
    assert _partition(after) == _partition(before, new_name.__getitem__)


@LAW_SETTINGS
@given(votes=votes_strategy)
def test_group_aware_consensus_lies_strictly_between_zero_and_one(votes):
    result = compute(votes)
    assert all(0 < value < 1 for value in result.group_aware_consensus.values())


@LAW_SETTINGS
@given(votes=votes_strategy)
def test_a_statement_everyone_agrees_with_is_a_consensus_statement(votes):
    everyone = sorted({p for p, _, _ in votes})
    result = compute([*votes, *((p, 99, 1) for p in everyone)])
    chosen = result.consensus.agree
    unanimous = chosen and chosen[0].n_success == chosen[0].n_trials == len(everyone)
    assert 99 in [c.statement_id for c in chosen] or (len(chosen) == 5 and unanimous)


@LAW_SETTINGS
@given(votes=votes_strategy, hidden=st.sets(st.integers(0, 7), max_size=4))
def test_moderated_out_statements_never_appear(votes, hidden):
    result = compute(votes, moderated_out=hidden, statements=range(8))
    shown = set(result.statement_ids) | set(result.statement_projections)
    shown |= set(result.statement_extremity) | set(result.group_aware_consensus)
    shown |= set(result.priorities) | set(result.counts.by_statement)
    shown |= {c.statement_id for c in result.consensus.agree + result.consensus.disagree}
    for group in result.groups:
        shown |= set(group.votes) | {r.statement_id for r in group.representative}
    assert not shown & hidden


def test_the_state_survives_a_trip_through_json(three_camps):
    import json

    from territoria.opinion.domain.pipeline import MapState

    first = compute(three_camps, moderated_out={11})
    stored = json.loads(json.dumps(first.state.as_json()))
    assert MapState.from_json(stored) == first.state
    again = compute(three_camps, moderated_out={11}, previous=MapState.from_json(stored))
    assert again.group_of == first.group_of
