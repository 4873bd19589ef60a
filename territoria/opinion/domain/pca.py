"""The two-dimensional opinion map: principal components and projections.

Source: Polis math, ``polismath/math/pca.clj`` (``powerit-pca``, ``sparsity-aware-project-ptpt``,
``pca-project-cmnts``) and ``conversation.clj`` (``mat``: missing votes replaced by the
column mean; ``with-proj-and-extremtiy``).

Polis centres the matrix on its column means after imputing each missing vote with that
mean, then finds the first two principal components by power iteration with deflation.
Once imputed and centred, a missing vote is exactly zero, so the centred matrix is as sparse
as the votes. Power iteration converges to the leading eigenvectors of its Gram matrix
XᵀX (statements × statements); we take those eigenvectors with a Lanczos solver (a Krylov
refinement of power iteration), to machine precision, whatever the starting vector. The
sign of an eigenvector is arbitrary: it is aligned with the previous computation's
components when given (as Polis's warm start does), so the map does not flip
between two recomputations; otherwise its largest loading is made positive.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg
import scipy.sparse
import scipy.sparse.linalg

from territoria.opinion.domain.matrix import FloatArray, VoteMatrix

N_COMPONENTS = 2
SMALL = 50
"""Up to this many statements, a full symmetric eigendecomposition is cheapest."""


@dataclass(frozen=True, slots=True, eq=False)
class Pca:
    """Centre (column means), the two components, and the projections.

    ``components`` has shape (2, statements); a component is all zeros when the data has
    no variance left in that direction. ``participants`` (participants × 2) and
    ``statements`` (statements × 2) are the sparsity-aware projections; ``extremity`` is
    each statement's distance from the origin of the map.
    """

    center: FloatArray
    components: FloatArray
    participants: FloatArray
    statements: FloatArray
    extremity: FloatArray


def column_means(matrix: VoteMatrix) -> FloatArray:
    """Mean vote of each statement over those who voted on it; 0 for a zeroed column."""
    n_statements = matrix.shape[1]
    sums = np.bincount(matrix.cols, weights=matrix.values, minlength=n_statements)
    seen = np.bincount(matrix.cols, minlength=n_statements)
    means = sums / np.maximum(seen, 1)
    means[matrix.zeroed] = 0.0
    return means


def centred_matrix(matrix: VoteMatrix, center: FloatArray) -> scipy.sparse.csr_array:
    """The imputed, centred matrix: vote − mean where voted, 0 elsewhere and in zeroed
    columns."""
    keep = ~matrix.zeroed[matrix.cols]
    data = matrix.values[keep] - center[matrix.cols[keep]]
    return scipy.sparse.csr_array(
        (data, (matrix.rows[keep], matrix.cols[keep])), shape=matrix.shape
    )


def _orient(components: FloatArray, previous: FloatArray | None) -> FloatArray:
    out = components.copy()
    for i, component in enumerate(out):
        if not component.any():
            continue
        if previous is not None and previous[i].any():
            sign = np.sign(component @ previous[i]) or 1.0
        else:
            sign = np.sign(component[np.argmax(np.abs(component))]) or 1.0
        out[i] = component * sign
    return out


def principal_components(
    centred: scipy.sparse.csr_array, *, previous: FloatArray | None = None
) -> FloatArray:
    """The first two principal components of the centred matrix (Polis ``powerit-pca``).

    Returns an array (2, statements) of unit vectors, or zero vectors where the data has no
    variance left. ``previous`` (same shape, aligned on the current statements) orients
    each component like the last computation's.
    """
    n_rows, n_cols = centred.shape
    components = np.zeros((N_COMPONENTS, n_cols))
    wanted = min(N_COMPONENTS, n_rows, n_cols)
    if wanted == 0 or centred.nnz == 0:
        return components
    if n_cols <= SMALL:
        values, vectors = scipy.linalg.eigh((centred.T @ centred).toarray())
    else:
        # Lanczos (ARPACK) to machine precision, from a fixed start so that it is repeatable;
        # XᵀX is applied as two sparse products, never formed.
        start = np.random.default_rng(0).random(n_cols)
        transposed = centred.T.tocsr()
        gram = scipy.sparse.linalg.LinearOperator(
            (n_cols, n_cols), matvec=lambda v: transposed @ (centred @ v), dtype=np.float64)
        values, vectors = scipy.sparse.linalg.eigsh(gram, k=wanted, which="LA", v0=start)
    order = np.argsort(values)[::-1]
    scale = max(float(values.max()), 0.0)
    for i, j in enumerate(order[:wanted]):
        # A direction with no variance (rounding noise only) is no component.
        if values[j] > 1e-10 * max(scale, 1.0):
            components[i] = vectors[:, j]
    return _orient(components, previous)


def project_participants(
    matrix: VoteMatrix, center: FloatArray, components: FloatArray
) -> FloatArray:
    """Sparsity-aware projection (Polis ``sparsity-aware-project-ptpt``).

    Each participant's projection sums (vote − mean) × component over the statements they
    voted on, then is scaled by sqrt(statements / statements voted on), which pushes those
    who voted little out from the centre to where they would be had they voted on all.
    Zeroed columns count as voted for everyone, as in Polis.
    """
    n_participants, n_statements = matrix.shape
    keep = ~matrix.zeroed[matrix.cols]
    rows, cols = matrix.rows[keep], matrix.cols[keep]
    deltas = matrix.values[keep] - center[cols]
    projections = np.column_stack([
        np.bincount(rows, weights=deltas * components[i, cols], minlength=n_participants)
        for i in range(N_COMPONENTS)
    ])
    voted = np.bincount(rows, minlength=n_participants) + int(matrix.zeroed.sum())
    scale = np.sqrt(n_statements / np.maximum(voted, 1))
    return projections * scale[:, None]


def project_statements(center: FloatArray, components: FloatArray) -> FloatArray:
    """Where each statement sits on the map (Polis ``pca-project-cmnts``): the projection
    of a participant who agreed with it alone, with the same sparsity scaling."""
    n_statements = center.shape[0]
    projections: FloatArray = (1.0 - center)[:, None] * components.T * np.sqrt(n_statements)
    return projections


def compute_pca(matrix: VoteMatrix, *, previous: FloatArray | None = None) -> Pca:
    """Centre, components, participant and statement projections, statement extremity."""
    center = column_means(matrix)
    components = principal_components(centred_matrix(matrix, center), previous=previous)
    statements = project_statements(center, components)
    return Pca(
        center=center,
        components=components,
        participants=project_participants(matrix, center, components),
        statements=statements,
        extremity=np.linalg.norm(statements, axis=1),
    )
