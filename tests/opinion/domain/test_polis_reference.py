"""The module checked against Polis's own outputs (../shared/data/polis; skipped when absent).

Data: Polis conversations from pol.is, with the outputs Polis's math computed for them
(red-dwarf's test fixtures, MPL-2.0), and Polis open data (CC BY 4.0, The Computational
Democracy Project: compdemocracy.org/case-studies — 2015-vtaiwan-uberx,
2022-Austria-Klimarat, 2016-canadian-electoral-reform, 2019-scoop-hivemind-biodiversity,
2017-brexit-consensus).

Polis's output is the product of its history: who was once in the analysis stays in, and
each update starts from the last one's components and centres. Where that history matters,
the tests pass Polis's state as ``previous``, the way the platform passes the last map.
Polis prints agree as −1: its centre and projections are the negatives of ours.
"""

import json

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from territoria.opinion.domain.clusters import KSmoother
from territoria.opinion.domain.pipeline import MapState, OpinionMap, compute
from territoria.opinion.domain.polis_format import read_groups, read_moderated_out, read_votes

from .conftest import shared

pytestmark = pytest.mark.filterwarnings("error")


def _load(name: str) -> tuple[list, dict]:
    folder = shared("reddwarf-fixtures", name)
    math = json.loads((folder / "math-pca2.json").read_text())
    raw = json.loads((folder / "votes.json").read_text())
    pid, tid = ("pid", "tid") if "pid" in raw[0] else ("participant_id", "statement_id")
    raw.sort(key=lambda v: float(v["modified"]))
    return [(v[pid], v[tid], v["vote"]) for v in raw], math


def _polis_groups(math: dict) -> dict[int, int]:
    base = math["base-clusters"]
    members = dict(zip(base["id"], base["members"], strict=True))
    return {pid: group["id"] for group in math["group-clusters"]
            for bid in group["members"] for pid in members[bid]}


def _compute(votes: list, math: dict, previous: MapState) -> OpinionMap:
    meta = set(math["meta-tids"])
    return compute(votes, moderated_out=set(math["mod-out"]) - meta, meta=meta,
                   previous=previous)


@pytest.fixture(scope="module")
def below_100() -> tuple[OpinionMap, dict]:
    votes, math = _load("below-100-ptpts")
    comps = math["pca"]["comps"]
    k = len(math["group-clusters"])
    # Who is in the analysis is not given: replaying the votes finds Polis's 23 (19 with
    # seven votes or more, and 4 who came early with one or two votes).
    state = MapState(
        components={tid: (comps[0][j], comps[1][j]) for j, tid in enumerate(math["tids"])},
        group_centers={k: tuple((-g["center"][0], -g["center"][1])
                                for g in math["group-clusters"])},
        k_smoother=KSmoother(last_k=k, last_k_count=1, smoothed_k=k),
    )
    return _compute(votes, math, state), math


def _by_tid(result: OpinionMap, values: list[float]) -> tuple[np.ndarray, np.ndarray]:
    index = {tid: j for j, tid in enumerate(result.statement_ids)}
    tids = list(index)
    return np.array([values[t] for t in tids]), np.array([index[t] for t in tids])


def test_below_100_pca_is_polis_own(below_100):
    result, math = below_100
    assert result.statement_ids == tuple(t for t in math["tids"] if t not in math["mod-out"])
    center, order = _by_tid(result, math["pca"]["center"])
    assert np.allclose(np.array(result.center)[order], -center, atol=1e-12)
    for ours, theirs in zip(result.components, math["pca"]["comps"], strict=True):
        expected, order = _by_tid(result, theirs)
        assert np.allclose(np.array(ours)[order], expected, atol=1e-12)


def test_below_100_statement_projections_and_extremity_are_polis_own(below_100):
    result, math = below_100
    projection = math["pca"]["comment-projection"]
    for tid in result.statement_ids:
        x, y = result.statement_projections[tid]
        assert (x, y) == pytest.approx((-projection[0][tid], -projection[1][tid]), abs=1e-12)
        assert result.statement_extremity[tid] == pytest.approx(
            math["pca"]["comment-extremity"][tid], abs=1e-12)


def test_below_100_participant_projections_are_polis_own(below_100):
    result, math = below_100
    base = math["base-clusters"]
    for members, x, y in zip(base["members"], base["x"], base["y"], strict=True):
        for pid in members:
            assert result.participant_projections[pid] == pytest.approx((-x, -y), abs=1e-12)


def test_below_100_groups_are_polis_own(below_100):
    result, math = below_100
    assert set(result.in_analysis) == set(math["in-conv"])
    assert result.group_of == _polis_groups(math)
    assert [g.id for g in result.groups] == [g["id"] for g in math["group-clusters"]]


def test_below_100_representative_statements_are_polis_own(below_100):
    result, math = below_100
    for group in result.groups:
        expected = math["repness"][str(group.id)]
        assert len(group.representative) == len(expected)
        for ours, theirs in zip(group.representative, expected, strict=True):
            assert ours.statement_id == theirs["tid"]
            assert ours.repful_for.value == theirs["repful-for"]
            assert (ours.n_success, ours.n_trials) == (theirs["n-success"], theirs["n-trials"])
            assert ours.best_agree == theirs.get("best-agree", False)
            for field in ("p-success", "p-test", "repness", "repness-test"):
                assert getattr(ours, field.replace("-", "_")) == pytest.approx(theirs[field])


def test_below_100_consensus_is_polis_own(below_100):
    result, math = below_100
    for side in ("agree", "disagree"):
        ours = getattr(result.consensus, side)
        expected = math["consensus"][side]
        assert [c.statement_id for c in ours] == [c["tid"] for c in expected]
        for c, e in zip(ours, expected, strict=True):
            assert (c.n_success, c.n_trials) == (e["n-success"], e["n-trials"])
            assert (c.p_success, c.p_test) == pytest.approx((e["p-success"], e["p-test"]))


def test_below_100_group_aware_consensus_and_priorities_are_polis_own(below_100):
    result, math = below_100
    for tid in result.statement_ids:
        assert result.group_aware_consensus[tid] == pytest.approx(
            math["group-aware-consensus"][str(tid)], rel=1e-12)
        assert result.priorities[tid] == pytest.approx(
            math["comment-priorities"][str(tid)], rel=1e-12)


def test_above_100_groups_agree_with_polis():
    votes, math = _load("above-100-ptpts")
    # Polis kept 31 participants with 2 to 6 votes in its analysis for reasons these votes
    # do not show (replaying them finds 177 of its 208): its list is passed as history.
    result = _compute(votes, math, MapState(in_analysis=frozenset(math["in-conv"])))
    polis = _polis_groups(math)
    assert len(result.groups) == len(math["group-clusters"])
    common = [p for p in polis if p in result.group_of]
    assert len(common) == len(polis)
    ari = adjusted_rand_score([polis[p] for p in common], [result.group_of[p] for p in common])
    assert ari >= 0.9


# Adjusted Rand index of red-dwarf 0.4.0's groups against Polis's (../shared/data/README.md),
# the floor each conversation must reach; 0.9 on vtaiwan.uberx as the issue asks.
# brexit-consensus has no figure in the README: 0.636 is red-dwarf 0.4.0's as measured by
# benchmarks/opinion_math.py (docs/performance.md).
OPENDATA_FLOOR = {
    "austria-climate.5twd2jsnkf.2022-08-08": 0.95,
    "brexit-consensus": 0.636,
    "canadian-electoral-reform": 1.00,
    "scoop-hivemind.biodiversity": 0.95,
    "vtaiwan.uberx": 0.90,
}


def opendata_ari(name: str) -> tuple[float, int, int]:
    """ARI of our groups against Polis's group-id, and the two numbers of groups."""
    folder = shared("opendata", name)
    with (folder / "votes.csv").open() as lines:
        votes = read_votes(lines)
    with (folder / "comments.csv").open() as lines:
        hidden = read_moderated_out(lines)
    with (folder / "participants-votes.csv").open() as lines:
        polis = read_groups(lines)
    result = compute(votes, moderated_out=hidden)
    common = [p for p in polis if p in result.group_of]
    assert len(common) >= 0.98 * len(polis)
    ari = adjusted_rand_score([polis[p] for p in common], [result.group_of[p] for p in common])
    return ari, len(result.groups), len(set(polis.values()))


# Not reached yet (strict: the test says so when they are): Polis's groups there are a local
# optimum its history led to, and a computation from the final votes alone lands nearby.
NOT_YET = {
    "brexit-consensus": "3 groups where Polis shows 2 (so does red-dwarf): Polis's k smoother"
                        " holds a number of groups its history chose; ARI 0.56",
    "canadian-electoral-reform": "ARI 0.96 (red-dwarf 1.00): Polis splits off a small group"
                                 " of 18 participants; our border leaves out one or two",
}


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(n in NOT_YET, reason=NOT_YET.get(n, ""),
                                            strict=True))
    for n in sorted(OPENDATA_FLOOR)
])
def test_opendata_groups_agree_with_polis_at_least_as_well_as_red_dwarf(name):
    ari, ours, theirs = opendata_ari(name)
    assert ours == theirs
    assert ari >= OPENDATA_FLOOR[name] - 0.005
