"""The opinion map as plain JSON, and back: what ``OpinionResult`` stores (no pickle).

Identifiers are the primary keys of ``Participant`` and ``Statement`` (integers). JSON
turns mapping keys into strings, so ``state_from_json`` turns them back into integers.
"""

from __future__ import annotations

from typing import Any

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
    return state.as_json()


def state_from_json(data: dict[str, Any] | None) -> MapState | None:
    """The state stored by ``state_to_json`` (None when there is none yet)."""
    return MapState.from_json(data) if data else None
