"""One entry point: from votes to everything an opinion-map page shows.

``compute(votes, moderated_out=..., meta=..., previous=...)`` follows Polis's conversation
update (``polismath/math/conversation.clj``): vote matrix → participants in the analysis →
PCA and projections → base clusters → opinion groups → representative statements,
consensus, group-informed consensus, priorities. It is pure and deterministic: the same
votes and the same ``previous`` give the same map.

``previous`` carries what Polis keeps between two updates (``MapState``): who is already in
the analysis, the orientation of the components, the base-cluster and group centres, and
the memory of the best number of groups. Passing the last map keeps groups and axes stable.

When there is too little to cluster (no vote, fewer than two statements, fewer than four
participants in the analysis, or everyone at the same place), the map says so in
``outcome`` and still gives the raw counts, the consensus statements and the priorities.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

import numpy as np

from territoria.opinion.domain.clusters import (
    KSmoother,
    assign_participants,
    base_clusters,
    choose_k,
    group_clusterings,
    silhouette,
)
from territoria.opinion.domain.consensus import (
    Consensus,
    group_aware_consensus,
    select_consensus,
)
from territoria.opinion.domain.matrix import (
    AGREE,
    DISAGREE,
    FloatArray,
    IntArray,
    ParticipantId,
    StatementId,
    Vote,
    VoteMatrix,
    build_vote_matrix,
    participants_in_analysis,
)
from territoria.opinion.domain.pca import Pca, compute_pca
from territoria.opinion.domain.priority import priorities
from territoria.opinion.domain.repness import (
    GroupCounts,
    RepresentativeStatement,
    group_vote_counts,
    repness_stats,
    select_representative,
)

type Point = tuple[float, float]

MIN_STATEMENTS = 2
MIN_PARTICIPANTS = 4


class MapOutcome(StrEnum):
    """Whether the groups could be computed, and if not, why."""

    COMPUTED = "computed"
    NO_VOTES = "no_votes"
    TOO_FEW_STATEMENTS = "too_few_statements"
    TOO_FEW_PARTICIPANTS = "too_few_participants"
    NO_SPREAD = "no_spread"
    """Everyone in the analysis sits at the same place (for example, only passes)."""


@dataclass(frozen=True, slots=True)
class StatementCounts:
    """Agrees, disagrees and passes on one statement."""

    agree: int = 0
    disagree: int = 0
    passed: int = 0

    @property
    def seen(self) -> int:
        return self.agree + self.disagree + self.passed


@dataclass(frozen=True, slots=True)
class Counts:
    """The raw counts of a conversation (moderated-out statements left out).

    ``participants`` voted at least once; ``participants_in_analysis`` are those the groups
    are computed on; ``statements`` are those in the map's outputs.
    """

    participants: int
    participants_in_analysis: int
    statements: int
    agree: int
    disagree: int
    passed: int
    by_statement: Mapping[StatementId, StatementCounts]

    @property
    def votes(self) -> int:
        return self.agree + self.disagree + self.passed


@dataclass(frozen=True, slots=True)
class BaseCluster:
    """A small cluster of participants at nearly the same place (Polis base cluster)."""

    id: int
    center: Point
    members: tuple[ParticipantId, ...]


@dataclass(frozen=True, slots=True)
class OpinionGroup:
    """An opinion group: its members, centre, votes and representative statements."""

    id: int
    center: Point
    members: tuple[ParticipantId, ...]
    votes: Mapping[StatementId, StatementCounts]
    representative: tuple[RepresentativeStatement, ...]


@dataclass(frozen=True, slots=True)
class MapState:
    """What the next computation needs from this one to stay stable (Polis keeps the same
    between updates): participants in the analysis, component loadings by statement, base
    cluster centres, group centres for every k tried, and the k smoother."""

    in_analysis: frozenset[ParticipantId] = frozenset()
    components: Mapping[StatementId, Point] = field(default_factory=dict)
    base_centers: tuple[Point, ...] = ()
    group_centers: Mapping[int, tuple[Point, ...]] = field(default_factory=dict)
    k_smoother: KSmoother | None = None

    def as_json(self) -> dict[str, Any]:
        """Plain lists and numbers, for a JSON column; identifiers keep their type."""
        smoother = self.k_smoother
        return {
            "in_analysis": sorted(self.in_analysis, key=lambda p: (str(type(p)), p)),
            "components": [[sid, x, y] for sid, (x, y) in self.components.items()],
            "base_centers": [list(c) for c in self.base_centers],
            "group_centers": [[k, [list(c) for c in centres]]
                              for k, centres in self.group_centers.items()],
            "k_smoother": None if smoother is None else [
                smoother.last_k, smoother.last_k_count, smoother.smoothed_k],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> MapState:
        """The inverse of ``as_json``."""
        smoother = data.get("k_smoother")
        return cls(
            in_analysis=frozenset(data.get("in_analysis", ())),
            components={sid: (float(x), float(y)) for sid, x, y in data.get("components", ())},
            base_centers=tuple((float(x), float(y)) for x, y in data.get("base_centers", ())),
            group_centers={int(k): tuple((float(x), float(y)) for x, y in centres)
                           for k, centres in data.get("group_centers", ())},
            k_smoother=None if smoother is None else KSmoother(*map(int, smoother)),
        )


@dataclass(frozen=True, slots=True)
class OpinionMap:
    """An opinion map, ready for a page.

    Statement-indexed values cover the statements with votes that are not moderated out
    (``statement_ids``), in that order for ``center`` and ``components``. Coordinates use
    agree = +1; Polis prints the same map with the opposite sign.
    """

    outcome: MapOutcome
    counts: Counts
    statement_ids: tuple[StatementId, ...]
    center: tuple[float, ...]
    components: tuple[tuple[float, ...], ...]
    participant_projections: Mapping[ParticipantId, Point]
    statement_projections: Mapping[StatementId, Point]
    statement_extremity: Mapping[StatementId, float]
    in_analysis: tuple[ParticipantId, ...]
    base_clusters: tuple[BaseCluster, ...]
    groups: tuple[OpinionGroup, ...]
    group_of: Mapping[ParticipantId, int]
    silhouettes: Mapping[int, float]
    consensus: Consensus
    group_aware_consensus: Mapping[StatementId, float]
    priorities: Mapping[StatementId, float]
    state: MapState

    @property
    def clustered(self) -> bool:
        return self.outcome is MapOutcome.COMPUTED


def _point(row: FloatArray) -> Point:
    return float(row[0]), float(row[1])


def _statement_counts(agree: IntArray, disagree: IntArray, seen: IntArray,
                      ids: tuple[StatementId, ...], keep: Iterable[int]
                      ) -> dict[StatementId, StatementCounts]:
    return {ids[j]: StatementCounts(int(agree[j]), int(disagree[j]),
                                    int(seen[j] - agree[j] - disagree[j])) for j in keep}


def _counts(matrix: VoteMatrix, shown: IntArray, n_in: int,
            extra: tuple[StatementId, ...]) -> Counts:
    n = matrix.shape[1]
    agree = np.bincount(matrix.cols[matrix.values == AGREE], minlength=n)
    disagree = np.bincount(matrix.cols[matrix.values == DISAGREE], minlength=n)
    seen = np.bincount(matrix.cols, minlength=n)
    by_statement = _statement_counts(agree, disagree, seen, matrix.statement_ids, shown)
    for sid in extra:
        by_statement[sid] = StatementCounts()
    a, d, s = (int(x[shown].sum()) for x in (agree, disagree, seen))
    return Counts(participants=matrix.shape[0], participants_in_analysis=n_in,
                  statements=len(by_statement), agree=a, disagree=d, passed=s - a - d,
                  by_statement=by_statement)


def _priorities(matrix: VoteMatrix, counts: GroupCounts, extremity: FloatArray,
                shown: IntArray, meta: AbstractSet[StatementId],
                extra: tuple[StatementId, ...]) -> dict[StatementId, float]:
    ids = matrix.statement_ids
    is_meta = np.fromiter((sid in meta for sid in ids), dtype=np.bool_, count=len(ids))
    values = priorities(counts.agree.sum(axis=0), counts.disagree.sum(axis=0),
                        counts.seen.sum(axis=0), extremity, is_meta)
    result = {ids[j]: float(values[j]) for j in shown}
    zero = np.zeros(1, dtype=np.int64)
    for sid in extra:
        result[sid] = float(priorities(zero, zero, zero, np.zeros(1),
                                       np.array([sid in meta]))[0])
    return result


def _previous_components(state: MapState, ids: tuple[StatementId, ...]) -> FloatArray | None:
    if not state.components:
        return None
    zero = (0.0, 0.0)
    return np.array([state.components.get(sid, zero) for sid in ids]).T


def compute(
    votes: Iterable[Vote],
    *,
    moderated_out: Iterable[StatementId] = (),
    meta: Iterable[StatementId] = (),
    statements: Iterable[StatementId] = (),
    previous: OpinionMap | MapState | None = None,
) -> OpinionMap:
    """Compute the opinion map of a conversation (see the module docstring).

    ``votes`` are (participant, statement, value) triples in the order they were cast
    (1 agree, −1 disagree, 0 pass; the last vote on a pair counts). ``moderated_out``
    statements are set to pass for everyone, as Polis does, and never appear in the result.
    ``meta`` statements (about the conversation itself) are left out of the maths and of
    the representative and consensus statements, and get Polis's fixed priority.
    ``statements`` may list published statements nobody has voted on yet, so that they get
    counts and a priority.
    """
    state = previous.state if isinstance(previous, OpinionMap) else (previous or MapState())
    hidden = frozenset(moderated_out)
    meta_ids = frozenset(meta) - hidden
    matrix = build_vote_matrix(votes, zeroed=hidden | meta_ids)
    ids = matrix.statement_ids
    shown = np.flatnonzero([sid not in hidden for sid in ids]).astype(np.int64)
    known = set(ids)
    extra = tuple(dict.fromkeys(s for s in statements if s not in known and s not in hidden))
    inside = participants_in_analysis(matrix, already_in=state.in_analysis)
    in_rows = np.flatnonzero(inside)
    in_rows = in_rows[np.argsort(matrix.first_vote[in_rows], kind="stable")]
    counts = _counts(matrix, shown, len(in_rows), extra)
    consensus = select_consensus(matrix, matrix.zeroed)
    shown_ids = tuple(ids[j] for j in shown)

    def without_groups(outcome: MapOutcome) -> OpinionMap:
        everyone = group_vote_counts(matrix, np.where(inside, 0, -1), 1)
        return OpinionMap(
            outcome=outcome, counts=counts, statement_ids=shown_ids, center=(),
            components=(), participant_projections={}, statement_projections={},
            statement_extremity={}, in_analysis=tuple(matrix.participant_ids[i] for i in in_rows),
            base_clusters=(), groups=(), group_of={}, silhouettes={}, consensus=consensus,
            group_aware_consensus={},
            priorities=_priorities(matrix, everyone, np.zeros(len(ids)), shown, meta_ids, extra),
            # Keep the last map's centres and axes for when there is enough to cluster again.
            state=replace(state, in_analysis=frozenset(matrix.participant_ids[i]
                                                        for i in in_rows)),
        )

    if len(matrix.values) == 0:
        return without_groups(MapOutcome.NO_VOTES)
    if int((~matrix.zeroed).sum()) < MIN_STATEMENTS:
        return without_groups(MapOutcome.TOO_FEW_STATEMENTS)
    if len(in_rows) < MIN_PARTICIPANTS:
        return without_groups(MapOutcome.TOO_FEW_PARTICIPANTS)
    pca = compute_pca(matrix, previous=_previous_components(state, ids))
    base = base_clusters(
        pca.participants[in_rows],
        previous=np.array(state.base_centers) if state.base_centers else None,
    )
    base_sizes = np.bincount(base.labels, minlength=len(base.centers)).astype(np.float64)
    if len(base.centers) < 2:
        return without_groups(MapOutcome.NO_SPREAD)
    previous_groups = {k: np.array(c) for k, c in state.group_centers.items()}
    clusterings = group_clusterings(base.centers, base_sizes, previous=previous_groups)
    silhouettes = {k: silhouette(base.centers, c.labels) for k, c in clusterings.items()}
    smoother = choose_k(silhouettes, state.k_smoother)
    chosen = clusterings[smoother.smoothed_k]
    return _assemble(matrix, pca, in_rows, base.centers, base.labels, chosen.centers,
                     chosen.labels, shown, extra, meta_ids, counts, consensus,
                     MapState(
                         in_analysis=frozenset(matrix.participant_ids[i] for i in in_rows),
                         components={ids[j]: _point(pca.components[:, j]) for j in shown},
                         base_centers=tuple(_point(c) for c in base.centers),
                         group_centers={k: tuple(_point(c) for c in r.centers)
                                        for k, r in clusterings.items()},
                         k_smoother=smoother,
                     ), silhouettes)


def _assemble(matrix: VoteMatrix, pca: Pca, in_rows: IntArray,
              base_centers: FloatArray, base_labels: IntArray, group_centers: FloatArray,
              group_labels: IntArray, shown: IntArray, extra: tuple[StatementId, ...],
              meta: frozenset[StatementId], counts: Counts, consensus: Consensus,
              state: MapState, silhouettes: Mapping[int, float]) -> OpinionMap:
    pids, ids = matrix.participant_ids, matrix.statement_ids
    n_groups = len(group_centers)
    group_of_row = np.full(matrix.shape[0], -1, dtype=np.int64)
    group_of_row[in_rows] = assign_participants(pca.participants[in_rows], group_centers,
                                                group_labels[base_labels])
    group_counts = group_vote_counts(matrix, group_of_row, n_groups)
    representative = select_representative(repness_stats(group_counts), ids, matrix.zeroed)
    consensus_by_group = group_aware_consensus(group_counts)
    members_of_base: list[list[ParticipantId]] = [[] for _ in range(len(base_centers))]
    for row, label in zip(in_rows.tolist(), base_labels.tolist(), strict=True):
        members_of_base[label].append(pids[row])
    groups = tuple(
        OpinionGroup(
            id=g, center=_point(group_centers[g]),
            members=tuple(pids[i] for i in np.flatnonzero(group_of_row == g)),
            votes=_statement_counts(group_counts.agree[g], group_counts.disagree[g],
                                    group_counts.seen[g], ids, shown),
            representative=representative[g],
        )
        for g in range(n_groups)
    )
    return OpinionMap(
        outcome=MapOutcome.COMPUTED,
        counts=counts,
        statement_ids=tuple(ids[j] for j in shown),
        center=tuple(pca.center[shown].tolist()),
        components=tuple(tuple(c[shown].tolist()) for c in pca.components),
        participant_projections=dict(zip(pids, map(tuple, pca.participants.tolist()),
                                         strict=True)),
        statement_projections={ids[j]: _point(pca.statements[j]) for j in shown},
        statement_extremity={ids[j]: float(pca.extremity[j]) for j in shown},
        in_analysis=tuple(pids[i] for i in in_rows),
        base_clusters=tuple(BaseCluster(id=b, center=_point(c), members=tuple(m))
                            for b, (c, m) in enumerate(zip(base_centers, members_of_base,
                                                           strict=True))),
        groups=groups,
        group_of={pids[i]: int(group_of_row[i]) for i in in_rows},
        silhouettes=dict(silhouettes),
        consensus=consensus,
        group_aware_consensus={ids[j]: float(consensus_by_group[j]) for j in shown},
        priorities=_priorities(matrix, group_counts, pca.extremity, shown, meta, extra),
        state=state,
    )
