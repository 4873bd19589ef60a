"""The opinion map as plain JSON, and back: what ``OpinionResult`` stores (no pickle).

Identifiers are the primary keys of ``Participant`` and ``Statement`` (integers). JSON
turns mapping keys into strings, so ``state_from_json`` turns them back into integers.
"""

from __future__ import annotations

from typing import Any

from territoria.opinion.domain.clusters import KSmoother
from territoria.opinion.domain.pipeline import MapState, OpinionMap, StatementCounts


def _counts(c: StatementCounts) -> list[int]:
    return [c.agree, c.disagree, c.passed]


def _round(point) -> list[float]:
    return [round(float(point[0]), 5), round(float(point[1]), 5)]


def map_to_json(opinion_map: OpinionMap) -> dict[str, Any]:
    """Everything the results page shows: outcome, counts, projections, groups with their
    votes and representative statements, consensus, group-aware consensus, priorities."""
    m = opinion_map
    return {
        "outcome": m.outcome.value,
        "counts": {
            "participants": m.counts.participants,
            "in_analysis": m.counts.participants_in_analysis,
            "statements": m.counts.statements,
            "agree": m.counts.agree, "disagree": m.counts.disagree, "passed": m.counts.passed,
            "by_statement": {str(k): _counts(v) for k, v in m.counts.by_statement.items()},
        },
        "projections": {str(k): _round(v) for k, v in m.participant_projections.items()},
        "statement_projections": {str(k): _round(v)
                                  for k, v in m.statement_projections.items()},
        "groups": [{
            "id": g.id,
            "center": _round(g.center),
            "members": list(g.members),
            "votes": {str(k): _counts(v) for k, v in g.votes.items()},
            "representative": [{
                "statement": r.statement_id, "repful_for": r.repful_for.value,
                "n_success": r.n_success, "n_trials": r.n_trials,
                "p_success": r.p_success, "p_test": r.p_test, "repness": r.repness,
                "repness_test": r.repness_test, "best_agree": r.best_agree,
            } for r in g.representative],
        } for g in m.groups],
        "group_of": {str(k): v for k, v in m.group_of.items()},
        "consensus": {side: [{"statement": c.statement_id, "n_success": c.n_success,
                              "n_trials": c.n_trials, "p_success": c.p_success,
                              "p_test": c.p_test} for c in getattr(m.consensus, side)]
                      for side in ("agree", "disagree")},
        "group_aware_consensus": {str(k): v for k, v in m.group_aware_consensus.items()},
        "priorities": {str(k): v for k, v in m.priorities.items()},
        "silhouettes": {str(k): v for k, v in m.silhouettes.items()},
    }


def state_to_json(state: MapState) -> dict[str, Any]:
    smoother = state.k_smoother
    return {
        "in_analysis": sorted(state.in_analysis),
        "components": {str(k): list(v) for k, v in state.components.items()},
        "base_centers": [list(c) for c in state.base_centers],
        "group_centers": {str(k): [list(c) for c in centers]
                          for k, centers in state.group_centers.items()},
        "k_smoother": None if smoother is None else {
            "last_k": smoother.last_k, "last_k_count": smoother.last_k_count,
            "smoothed_k": smoother.smoothed_k},
    }


def state_from_json(data: dict[str, Any] | None) -> MapState | None:
    """The state stored by ``state_to_json`` (None when there is none yet)."""
    if not data:
        return None
    smoother = data.get("k_smoother")
    return MapState(
        in_analysis=frozenset(int(p) for p in data.get("in_analysis", ())),
        components={int(k): (float(v[0]), float(v[1]))
                    for k, v in data.get("components", {}).items()},
        base_centers=tuple((float(c[0]), float(c[1])) for c in data.get("base_centers", ())),
        group_centers={int(k): tuple((float(c[0]), float(c[1])) for c in centers)
                       for k, centers in data.get("group_centers", {}).items()},
        k_smoother=KSmoother(**smoother) if smoother else None,
    )
