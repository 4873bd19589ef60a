import numpy as np

from territoria.opinion.domain.matrix import build_vote_matrix
from territoria.opinion.domain.pca import compute_pca

VOTES = [
    (0, 0, 1), (0, 1, 1), (0, 2, -1), (0, 3, 0),
    (1, 0, 1), (1, 1, 1), (1, 2, -1),
    (2, 0, -1), (2, 1, -1), (2, 2, 1), (2, 3, 1),
    (3, 0, -1), (3, 2, 1), (3, 3, 1),
    (4, 1, 0), (4, 2, 1),
]


def _reference(dense: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column means and principal axes of the mean-imputed matrix, by plain SVD."""
    means = np.nanmean(dense, axis=0)
    imputed = np.where(np.isnan(dense), means, dense)
    _, _, axes = np.linalg.svd(imputed - means, full_matrices=False)
    return means, axes[:2]


def test_components_are_those_of_the_mean_imputed_matrix():
    matrix = build_vote_matrix(VOTES)
    pca = compute_pca(matrix)
    means, axes = _reference(matrix.dense())
    assert np.allclose(pca.center, means)
    for ours, expected in zip(pca.components, axes, strict=True):
        assert np.isclose(abs(ours @ expected), 1.0)


def test_a_participant_who_voted_little_is_pushed_out_by_the_square_root_rule():
    matrix = build_vote_matrix(VOTES)
    pca = compute_pca(matrix)
    dense = matrix.dense()
    voted = ~np.isnan(dense[4])
    raw = (dense[4, voted] - pca.center[voted]) @ pca.components[:, voted].T
    assert np.allclose(pca.participants[4], raw * np.sqrt(4 / 2))


def test_a_statement_sits_where_a_participant_agreeing_with_it_alone_would():
    matrix = build_vote_matrix(VOTES)
    pca = compute_pca(matrix)
    expected = (1 - pca.center[2]) * pca.components[:, 2] * np.sqrt(4)
    assert np.allclose(pca.statements[2], expected)
    assert np.isclose(pca.extremity[2], np.linalg.norm(expected))


def test_components_keep_the_previous_orientation():
    matrix = build_vote_matrix(VOTES)
    first = compute_pca(matrix)
    flipped = compute_pca(matrix, previous=-first.components)
    assert np.allclose(flipped.components, -first.components)
    assert np.allclose(flipped.participants, -first.participants)


def test_a_zeroed_statement_moves_no_one_but_counts_in_the_scale():
    plain = compute_pca(build_vote_matrix(VOTES))
    zeroed = compute_pca(build_vote_matrix(VOTES, zeroed={3}))
    assert zeroed.center[3] == 0 and not zeroed.components[:, 3].any()
    assert np.allclose(zeroed.statements[3], 0)
    assert not np.allclose(plain.participants, zeroed.participants)


def _random_votes(participants: int, statements: int, seed: int) -> list[tuple[int, int, int]]:
    rng = np.random.default_rng(seed)
    camp = rng.integers(0, 2, participants)
    lean = rng.normal(size=(2, statements))
    votes = []
    for p in range(participants):
        for s in rng.choice(statements, size=statements // 2, replace=False):
            votes.append((p, int(s), int(np.sign(lean[camp[p], s] + rng.normal()))))
    return votes


def test_every_eigensolver_path_gives_the_same_map(monkeypatch):
    import territoria.opinion.domain.pca as pca_module

    matrix = build_vote_matrix(_random_votes(120, 80, seed=3))
    lanczos = compute_pca(matrix)
    monkeypatch.setattr(pca_module, "SMALL", 1000)
    dense = compute_pca(matrix)
    assert np.allclose(dense.components, lanczos.components, atol=1e-8)
    assert np.allclose(dense.participants, lanczos.participants, atol=1e-8)
