import numpy as np
from sklearn.metrics import silhouette_score

from territoria.opinion.domain.clusters import (
    KSmoother,
    base_clusters,
    choose_k,
    group_clusterings,
    kmeans,
    max_groups,
    silhouette,
)

TWO_BLOBS = np.array([[0.0, 0.0], [0.1, 0.2], [0.2, 0.1], [5.0, 5.0], [5.1, 4.9], [4.8, 5.2]])


def test_silhouette_is_the_usual_mean_silhouette():
    rng = np.random.default_rng(1)
    points = rng.normal(size=(40, 2))
    labels = (points[:, 0] > 0).astype(np.int64) + (points[:, 1] > 1)
    assert np.isclose(silhouette(points, labels), silhouette_score(points, labels))


def test_a_single_cluster_has_silhouette_zero():
    assert silhouette(TWO_BLOBS, np.zeros(6, dtype=np.int64)) == 0.0


def test_kmeans_separates_two_blobs_and_weights_move_centres():
    result = kmeans(TWO_BLOBS, TWO_BLOBS[[0, 3]])
    assert result.labels.tolist() == [0, 0, 0, 1, 1, 1]
    weighted = kmeans(TWO_BLOBS, TWO_BLOBS[[0, 3]], weights=np.array([10, 1, 1, 1, 1, 1.0]))
    assert np.allclose(weighted.centers[0], (10 * TWO_BLOBS[0] + TWO_BLOBS[1] + TWO_BLOBS[2]) / 12)


def test_an_empty_cluster_takes_the_most_distal_point():
    result = kmeans(TWO_BLOBS, np.array([[0.0, 0.0], [100.0, 100.0], [0.1, 0.1]]))
    assert len(set(result.labels.tolist())) == 3


def test_few_distinct_positions_are_each_their_own_base_cluster_in_arrival_order():
    points = np.array([[3.0, 0.0], [1.0, 1.0], [3.0, 0.0], [-2.0, 0.5]])
    result = base_clusters(points)
    assert result.labels.tolist() == [0, 1, 0, 2]
    assert np.allclose(result.centers, [[3.0, 0.0], [1.0, 1.0], [-2.0, 0.5]])


def test_many_positions_make_one_hundred_base_clusters():
    points = np.random.default_rng(0).normal(size=(500, 2))
    result = base_clusters(points)
    assert len(result.centers) == 100
    assert set(result.labels.tolist()) == set(range(100))


def test_groups_are_tried_from_two_up_to_the_polis_limit():
    assert max_groups(23) == 3 and max_groups(100) == 5 and max_groups(5) == 2
    centers = np.random.default_rng(2).normal(size=(30, 2))
    assert sorted(group_clusterings(centers, np.ones(30))) == [2, 3, 4]


def test_groups_keep_their_numbers_when_seeded_with_previous_centres():
    fresh = group_clusterings(TWO_BLOBS, np.ones(6))[2]
    swapped = group_clusterings(TWO_BLOBS, np.ones(6), previous={2: fresh.centers[::-1]})[2]
    assert swapped.labels.tolist() == (1 - fresh.labels).tolist()


def test_the_best_k_is_taken_at_once_the_first_time():
    assert choose_k({2: 0.3, 3: 0.5}, None) == KSmoother(3, 1, 3)


def test_k_changes_only_after_being_best_four_times_in_a_row():
    state = KSmoother(last_k=2, last_k_count=5, smoothed_k=2)
    for count in (1, 2, 3):
        state = choose_k({2: 0.3, 3: 0.9}, state)
        assert (state.smoothed_k, state.last_k_count) == (2, count)
    assert choose_k({2: 0.3, 3: 0.9}, state).smoothed_k == 3


def test_k_changes_when_the_shown_k_is_no_longer_possible():
    state = KSmoother(last_k=4, last_k_count=9, smoothed_k=4)
    assert choose_k({2: 0.3, 3: 0.2}, state).smoothed_k == 2


def test_participants_join_the_nearest_group_centre():
    from territoria.opinion.domain.clusters import assign_participants

    points = np.array([[0.0, 0.0], [2.4, 0.0], [5.0, 0.0]])
    centres = np.array([[0.0, 0.0], [5.0, 0.0]])
    through_base = np.array([0, 1, 1])
    assert assign_participants(points, centres, through_base).tolist() == [0, 0, 1]


def test_the_base_clusters_assignment_stays_when_a_group_would_be_empty():
    from territoria.opinion.domain.clusters import assign_participants

    points = np.array([[0.0, 0.0], [0.1, 0.0]])
    centres = np.array([[0.0, 0.0], [9.0, 0.0]])
    assert assign_participants(points, centres, np.array([0, 1])).tolist() == [0, 1]
