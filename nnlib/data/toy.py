"""The course's small data sets, made in code: XOR, the planar "flower", circles, moons, the
study-hours table.

Each returns ``(X, Y)`` with examples as columns: ``X`` (n_features, m), ``Y`` (1, m).
"""
import numpy as np

from .._validation import check_float_dtype


def load_xor(dtype=np.float64):
    """The four cases of exclusive-or.

    Parameters
    ----------
    dtype : floating dtype, default np.float64

    Returns
    -------
    X : ndarray, shape (2, 4)
        Columns are the inputs ``[0, 0], [0, 1], [1, 0], [1, 1]`` in that order.
    Y : ndarray, shape (1, 4)
        ``[[0, 1, 1, 0]]``: 1 where exactly one input is 1.
    """
    dt = check_float_dtype(dtype)
    X = np.array([[0, 0, 1, 1],
                  [0, 1, 0, 1]], dtype=dt)
    Y = np.array([[0, 1, 1, 0]], dtype=dt)
    return X, Y


def make_planar(m=400, noise=0.2, seed=0, dtype=np.float64):
    """The two-class "flower": points on the petals of a rose curve.

    Each class ``j`` (0 or 1) gets ``m // 2`` angles ``t`` evenly spaced over
    ``[j*pi, (j+1)*pi)`` and radii ``r = 4 sin(4t) + noise * N(0, 1)``; the point
    is ``(r sin t, r cos t)``. Where ``sin(4t)`` is negative the point lands on the
    opposite side, so each class fills four of the eight petals, alternating
    with the other class's; no straight line separates them, a 4-unit tanh
    hidden layer does (> 95 % training accuracy at the default noise).
    The columns are then shuffled with the same generator.

    Parameters
    ----------
    m : int, default 400
        Number of examples; positive and even (the classes are exactly balanced).
    noise : float, default 0.2
        Standard deviation of the Gaussian noise added to the radius; >= 0.
    seed : int, default 0
        Seed for ``np.random.default_rng``; the same seed gives the same data.
    dtype : floating dtype, default np.float64

    Returns
    -------
    X : ndarray, shape (2, m)
        Point coordinates, roughly within [-4.5, 4.5].
    Y : ndarray, shape (1, m)
        Class 0 or 1; exactly ``m // 2`` of each.
    """
    dt = check_float_dtype(dtype)
    n, rng = _two_classes(m, noise, seed)
    X = np.empty((2, 2 * n))
    Y = np.empty((1, 2 * n))
    for j in range(2):
        t = np.linspace(j * np.pi, (j + 1) * np.pi, n, endpoint=False)
        r = 4 * np.sin(4 * t) + noise * rng.standard_normal(n)
        X[0, j * n:(j + 1) * n] = r * np.sin(t)
        X[1, j * n:(j + 1) * n] = r * np.cos(t)
        Y[0, j * n:(j + 1) * n] = j
    order = rng.permutation(2 * n)
    return X[:, order].astype(dt), Y[:, order].astype(dt)


def _two_classes(m, noise, seed):
    """Checked arguments of a two-class generator: (examples per class, generator)."""
    if isinstance(m, bool) or not isinstance(m, (int, np.integer)) or m <= 0 or m % 2:
        raise ValueError(f"m must be a positive even integer (two balanced classes), got {m!r}")
    if isinstance(noise, bool) or not isinstance(noise, (int, float, np.integer, np.floating)) \
            or not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a finite number >= 0, got {noise!r}")
    try:
        rng = np.random.default_rng(seed)
    except (TypeError, ValueError) as error:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}") from error
    return int(m) // 2, rng


def _shuffled(points, labels, rng, dt):
    """X (2, m) and Y (1, m) from the two classes' points, columns shuffled with ``rng``."""
    X, Y = np.hstack(points), np.hstack(labels).reshape(1, -1)
    order = rng.permutation(X.shape[1])
    return X[:, order].astype(dt), Y[:, order].astype(dt)


def make_circles(m=400, noise=0.1, factor=0.5, seed=0, dtype=np.float64):
    """Two concentric rings: class 0 on the circle of radius 1, class 1 on radius ``factor``.

    Each class gets ``m // 2`` angles evenly spaced over ``[0, 2 pi)``; every coordinate then
    gets Gaussian noise of standard deviation ``noise``, and the columns are shuffled with the
    same generator. No straight line separates the rings; a small hidden layer does.

    Parameters
    ----------
    m : int, default 400; positive and even (the classes are exactly balanced)
    noise : float, default 0.1; >= 0
    factor : float, default 0.5; the inner radius, strictly between 0 and 1
    seed : int, default 0, for ``np.random.default_rng``
    dtype : floating dtype, default np.float64

    Returns
    -------
    X : ndarray, shape (2, m), points within about [-1.5, 1.5]
    Y : ndarray, shape (1, m), 0 (outer ring) or 1 (inner ring); ``m // 2`` of each
    """
    dt = check_float_dtype(dtype)
    n, rng = _two_classes(m, noise, seed)
    if isinstance(factor, bool) or not isinstance(factor, (int, float, np.integer, np.floating)) \
            or not 0 < factor < 1:
        raise ValueError(f"factor must be a number strictly between 0 and 1, got {factor!r}")
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    points = [radius * np.vstack([np.cos(t), np.sin(t)]) + noise * rng.standard_normal((2, n))
              for radius in (1.0, float(factor))]
    return _shuffled(points, [np.zeros(n), np.ones(n)], rng, dt)


def make_moons(m=400, noise=0.1, seed=0, dtype=np.float64):
    """Two interleaving half circles ("moons").

    Class 0: ``(cos t, sin t)`` for ``m // 2`` angles ``t`` evenly spaced over ``[0, pi]``;
    class 1: ``(1 - cos t, 1/2 - sin t)``, the same arc turned over and shifted into the first
    one's hollow. Every coordinate gets Gaussian noise of standard deviation ``noise``; the
    columns are shuffled with the same generator.

    Parameters
    ----------
    m : int, default 400; positive and even (the classes are exactly balanced)
    noise : float, default 0.1; >= 0
    seed : int, default 0, for ``np.random.default_rng``
    dtype : floating dtype, default np.float64

    Returns
    -------
    X : ndarray, shape (2, m), points within about [-1.5, 2.5] x [-1, 1.5]
    Y : ndarray, shape (1, m), class 0 or 1; ``m // 2`` of each
    """
    dt = check_float_dtype(dtype)
    n, rng = _two_classes(m, noise, seed)
    t = np.linspace(0, np.pi, n)
    arcs = [np.vstack([np.cos(t), np.sin(t)]), np.vstack([1 - np.cos(t), 0.5 - np.sin(t)])]
    points = [arc + noise * rng.standard_normal((2, n)) for arc in arcs]
    return _shuffled(points, [np.zeros(n), np.ones(n)], rng, dt)


def load_study_hours(scaled=True, dtype=np.float64):
    """Three students: (hours studied, hours slept) -> grade, the study-hours note's table.

    The raw examples are ``[3, 5], [5, 1], [10, 2]`` (studied, slept) with grades
    75, 82 and 93 out of 100; ``X`` holds them as columns.

    Parameters
    ----------
    scaled : bool, default True
        If True, each feature (row) is divided by its maximum over the examples,
        ``X / X.max(axis=1, keepdims=True)`` (the study-hours note itself never scales);
        if False the raw hours are returned.
    dtype : floating dtype, default np.float64

    Returns
    -------
    X : ndarray, shape (2, 3)
        Row 0 hours studied, row 1 hours slept. Scaled:
        ``[[0.3, 0.5, 1.0], [1.0, 0.2, 0.4]]``; raw: ``[[3, 5, 10], [5, 1, 2]]``.
    Y : ndarray, shape (1, 3)
        Grades as fractions: ``[[0.75, 0.82, 0.93]]`` (in either case).
    """
    dt = check_float_dtype(dtype)
    if not isinstance(scaled, (bool, np.bool_)):
        raise ValueError(f"scaled must be True or False, got {scaled!r}")
    X = np.array([[3, 5], [5, 1], [10, 2]], dtype=np.float64).T
    if scaled:
        X = X / X.max(axis=1, keepdims=True)
    Y = np.array([[75, 82, 93]], dtype=np.float64) / 100
    return X.astype(dt), Y.astype(dt)
