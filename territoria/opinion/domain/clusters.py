"""Base clusters and opinion groups on the two-dimensional map.

Source: Polis math, ``polismath/math/clusters.clj`` (``kmeans``, ``clean-start-clusters``,
``most-distal``, ``silhouette``) and ``conversation.clj`` (``base-clusters``,
``group-clusterings``, ``group-clusterings-silhouettes``, ``group-k-smoother``,
``max-k-fn``).

1. Base clusters: k-means with k = 100 on the projections of the participants in the
   analysis, taken in the order they first voted. With 100 distinct positions or fewer,
   each distinct position is its own base cluster (Polis starts k-means from the first k
   distinct points, so it ends there too).
2. Opinion groups: k-means on the base-cluster centres weighted by their sizes, for each k
   from 2 to min(5, 2 + base clusters // 12); the k with the best silhouette (computed over
   base-cluster centres, unweighted, as Polis does) is chosen, subject to the smoother.
3. Stability: each k-means starts from the previous computation's centres when there are
   some (Polis's ``last-clusters``), so a group keeps its number from one computation to
   the next; a k-means without history starts as Polis's first computation does, from the
   first k distinct points (``fresh_kmeans``). Orders come from the votes (who voted
   first), never from identifiers, so renaming participants changes nothing.
4. Each participant joins the group whose centre is nearest (``assign_participants``).
5. The number of groups changes only when another k has had the best silhouette in
   ``K_BUFFER`` consecutive computations (Polis ``group-k-smoother``): a gain that holds,
   not one computation's noise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import scipy.spatial

from territoria.opinion.domain.matrix import FloatArray, IntArray

BASE_K = 100
MAX_GROUPS = 5
BASE_ITERATIONS = 100
GROUP_ITERATIONS = 20
K_BUFFER = 4
CLEAR_GAIN = 0.25
MIN_GROUP_SHARE = 0.05


@dataclass(frozen=True, slots=True, eq=False)
class KMeansResult:
    """Cluster centres (k × 2) and the cluster of each point."""

    centers: FloatArray
    labels: IntArray


@dataclass(frozen=True, slots=True)
class KSmoother:
    """Polis's memory of the best k: the last best, how many times in a row, the chosen k."""

    last_k: int
    last_k_count: int
    smoothed_k: int


def _sq_distances(points: FloatArray, centers: FloatArray) -> FloatArray:
    diff = points[:, None, :] - centers[None, :, :]
    squared: FloatArray = np.einsum("nkd,nkd->nk", diff, diff)
    return squared


def _nearest(points: FloatArray, centers: FloatArray) -> tuple[IntArray, FloatArray]:
    """Index of, and squared distance to, each point's nearest centre (the first on a tie)."""
    if len(centers) <= 8 or len(points) < 500:
        distances = _sq_distances(points, centers)
        labels = np.argmin(distances, axis=1)
        return labels, distances[np.arange(len(points)), labels]
    # Many points and centres: a k-d tree over the centres answers in O(n log k).
    distance, labels = scipy.spatial.cKDTree(centers).query(points)
    return labels.astype(np.int64), distance**2


def unique_points(points: FloatArray) -> tuple[FloatArray, IntArray, IntArray]:
    """Distinct rows of an n × 2 array: (distinct, first index of each, inverse), fast."""
    packed = np.ascontiguousarray(points, dtype=np.float64).view(np.complex128).reshape(-1)
    _, first, inverse = np.unique(packed, return_index=True, return_inverse=True)
    return points[first], first.astype(np.int64), inverse.reshape(-1).astype(np.int64)


def _weighted_means(points: FloatArray, weights: FloatArray, labels: IntArray,
                    k: int) -> tuple[FloatArray, FloatArray]:
    mass = np.bincount(labels, weights=weights, minlength=k)
    sums = np.column_stack([
        np.bincount(labels, weights=weights * points[:, d], minlength=k)
        for d in range(points.shape[1])
    ])
    return sums / np.maximum(mass, 1e-300)[:, None], mass


def kmeans(points: FloatArray, seeds: FloatArray, *, weights: FloatArray | None = None,
           max_iterations: int = BASE_ITERATIONS, tolerance: float = 0.01) -> KMeansResult:
    """Weighted Lloyd k-means from the given seed centres (Polis ``kmeans``/``cluster-step``).

    Each step assigns every point to its nearest centre (the first one on a tie) and moves
    each centre to the weighted mean of its points. It stops when no point changes cluster,
    when no centre moved by ``tolerance`` or more (Polis ``same-clustering?``, 0.01), or
    after ``max_iterations`` steps. A cluster left empty takes the point farthest from its
    nearest centre (Polis ``most-distal``), so k stays as asked whenever there are k
    distinct points.
    """
    w = np.ones(len(points)) if weights is None else weights
    centers = seeds.astype(np.float64, copy=True)
    k = len(centers)
    labels = np.full(len(points), -1, dtype=np.int64)
    for _ in range(max_iterations):
        new_labels, nearest = _nearest(points, centers)
        for cluster in np.flatnonzero(np.bincount(new_labels, minlength=k) == 0):
            farthest = int(np.argmax(nearest))
            if nearest[farthest] <= 0:
                break
            new_labels[farthest] = cluster
            centers[cluster] = points[farthest]
            nearest[farthest] = 0.0
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
        means, mass = _weighted_means(points, w, labels, k)
        moved = np.where(mass[:, None] > 0, means, centers)
        shift = float(np.max(np.linalg.norm(moved - centers, axis=1)))
        centers = moved
        if shift < tolerance:
            break
    return KMeansResult(centers=centers, labels=labels)


def _maximin_seeds(points: FloatArray, k: int, first: int) -> FloatArray:
    chosen = [first]
    nearest = np.sum((points - points[first]) ** 2, axis=1)
    for _ in range(1, k):
        nxt = int(np.argmax(nearest))
        chosen.append(nxt)
        nearest = np.minimum(nearest, np.sum((points - points[nxt]) ** 2, axis=1))
    return points[chosen]


def _first_distinct(points: FloatArray, k: int) -> FloatArray:
    _, first, _ = unique_points(points)
    return points[np.sort(first)[:k]]


def fresh_kmeans(points: FloatArray, k: int, *, weights: FloatArray | None = None,
                 max_iterations: int = BASE_ITERATIONS) -> KMeansResult:
    """k-means without history, as Polis starts one (``init-clusters``): from the first k
    distinct points in the given order (participants in the order they first voted, base
    clusters in the order of their ids).

    The first points can all lie in one camp, which Polis's later updates repair and a
    single computation cannot; so farthest-point seedings (from the point nearest the
    weighted mean and from the farthest one) are also tried, and one replaces Polis's start
    only when it is clearly better: a silhouette higher by ``CLEAR_GAIN`` or more, with
    every group holding at least ``MIN_GROUP_SHARE`` of the weight (a silhouette can
    reward splitting off a handful of outliers).
    """
    w = np.ones(len(points)) if weights is None else weights
    polis = kmeans(points, _first_distinct(points, k), weights=w, max_iterations=max_iterations)
    mean = np.average(points, axis=0, weights=w)
    spread = np.sum((points - mean) ** 2, axis=1)
    best, best_score = polis, silhouette(points, polis.labels) + CLEAR_GAIN
    for first in (int(np.argmin(spread)), int(np.argmax(spread))):
        other = kmeans(points, _maximin_seeds(points, k, first), weights=w,
                       max_iterations=max_iterations)
        mass = np.bincount(other.labels, weights=w, minlength=k)
        if mass.min() < MIN_GROUP_SHARE * w.sum():
            continue
        score = silhouette(points, other.labels)
        if score >= best_score:
            best, best_score = other, score
    return best


def seeded_kmeans(points: FloatArray, k: int, previous: FloatArray | None, *,
                  weights: FloatArray | None = None,
                  max_iterations: int = BASE_ITERATIONS) -> KMeansResult:
    """k-means seeded with the previous centres (Polis ``clean-start-clusters``): extra
    centres are dropped, missing ones added at the most distal points; without previous
    centres, ``fresh_kmeans``."""
    if previous is None or len(previous) == 0:
        return fresh_kmeans(points, k, weights=weights, max_iterations=max_iterations)
    seeds = np.asarray(previous, dtype=np.float64)[:k]
    while len(seeds) < k:
        _, nearest = _nearest(points, seeds)
        seeds = np.vstack([seeds, points[int(np.argmax(nearest))]])
    return kmeans(points, seeds, weights=weights, max_iterations=max_iterations)


def base_clusters(projections: FloatArray, *, k: int = BASE_K,
                  previous: FloatArray | None = None) -> KMeansResult:
    """Polis's base clusters of the participants' projections, given in the order the
    participants first voted.

    With at most ``k`` distinct positions, each distinct position is a base cluster,
    numbered in order of first appearance; otherwise k-means with k clusters, seeded with
    the previous centres or with the first k distinct positions (Polis ``init-clusters``).
    """
    distinct, first, inverse = unique_points(projections)
    if len(distinct) <= k:
        order = np.argsort(first, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        return KMeansResult(centers=distinct[order], labels=rank[inverse].astype(np.int64))
    seeds = previous if previous is not None and len(previous) else _first_distinct(projections, k)
    return seeded_kmeans(projections, k, seeds)


def silhouette(points: FloatArray, labels: IntArray) -> float:
    """Mean silhouette coefficient over points, unweighted (Polis ``silhouette``).

    For a point, a = mean distance to the other members of its cluster, b = the least mean
    distance to another cluster's members, s = (b − a) / max(a, b); 0 in a singleton.
    """
    n = len(points)
    clusters = np.unique(labels)
    if len(clusters) < 2:
        return 0.0
    diff = points[:, None, :] - points[None, :, :]
    distances = np.sqrt(np.einsum("ijd,ijd->ij", diff, diff))
    onehot = (labels[:, None] == clusters[None, :]).astype(np.float64)
    sums = distances @ onehot
    sizes = onehot.sum(axis=0)
    own = np.searchsorted(clusters, labels)
    own_size = sizes[own] - 1
    a = np.divide(sums[np.arange(n), own], own_size, out=np.zeros(n), where=own_size > 0)
    other = sums / sizes
    other[np.arange(n), own] = np.inf
    b = other.min(axis=1)
    denominator = np.maximum(a, b)
    s = np.divide(b - a, denominator, out=np.zeros(n), where=denominator > 0)
    s[own_size == 0] = 0.0
    return float(s.mean())


def max_groups(n_base_clusters: int, *, max_k: int = MAX_GROUPS) -> int:
    """Largest k tried (Polis ``max-k-fn``): min(5, 2 + base clusters // 12)."""
    return min(max_k, 2 + n_base_clusters // 12)


def group_clusterings(
    base_centers: FloatArray, base_sizes: FloatArray, *,
    previous: Mapping[int, FloatArray] | None = None,
) -> dict[int, KMeansResult]:
    """Group clusterings of the base clusters for every k tried, each seeded with the
    previous computation's centres for that k when given."""
    n_distinct = len(unique_points(base_centers)[0])
    top = min(max_groups(len(base_centers)), n_distinct)
    return {
        k: seeded_kmeans(base_centers, k, (previous or {}).get(k), weights=base_sizes,
                         max_iterations=GROUP_ITERATIONS)
        for k in range(2, top + 1)
    }


def assign_participants(projections: FloatArray, group_centers: FloatArray,
                        through_base: IntArray) -> IntArray:
    """The group of each participant: the one whose centre is nearest.

    Polis gives a participant the group of their base cluster (``through_base``); a base
    cluster that straddles the border between two groups then takes a few participants to
    the wrong side. Below 100 participants each is their own base cluster and both rules
    agree on a converged clustering; above, the nearest centre agrees better with Polis's
    own groups (see docs/performance.md). Should a group end up empty, the base clusters'
    assignment is kept.
    """
    labels, _ = _nearest(projections, group_centers)
    if len(np.unique(labels)) < len(group_centers):
        return through_base
    return labels


def choose_k(silhouettes: Mapping[int, float], previous: KSmoother | None) -> KSmoother:
    """The number of groups to show (Polis ``group-k-smoother``).

    The best k is the one with the highest silhouette (the smaller k on a tie). It replaces
    the k shown when it has been the best ``K_BUFFER`` times in a row, or when the shown k
    is no longer tried (too few base clusters for it).
    """
    best = max(sorted(silhouettes), key=lambda k: silhouettes[k])
    if previous is None:
        return KSmoother(last_k=best, last_k_count=1, smoothed_k=best)
    count = previous.last_k_count + 1 if previous.last_k == best else 1
    shown = previous.smoothed_k
    if count >= K_BUFFER or shown not in silhouettes:
        shown = best
    return KSmoother(last_k=best, last_k_count=count, smoothed_k=shown)
