"""More training digits from the ones there are: copies moved by whole pixels."""
import numpy as np

from .mnist import N_PIXELS


def shifted_digits(X, Y, shifts=((1, 0), (-1, 0), (0, 1), (0, -1))):
    """More training digits: the originals plus copies moved by whole pixels.

    Parameters
    ----------
    X : ndarray of shape (784, m), 28 x 28 digits as columns
    Y : ndarray of shape (n_out, m), repeated for every copy
    shifts : sequence of (dx, dy), pixels right and down; pixels moved out are dropped,
        pixels moved in are 0 (background)

    Returns
    -------
    X_more : ndarray (784, m * (1 + len(shifts))); Y_more : ndarray (n_out, m * (1 + len(shifts)))
    """
    X, Y = np.asarray(X), np.asarray(Y)
    if X.ndim != 2 or X.shape[0] != N_PIXELS or Y.ndim != 2 or Y.shape[1] != X.shape[1]:
        raise ValueError(f"X must be (784, m) and Y (n_out, m), got X {X.shape} and Y {Y.shape}")
    images = X.T.reshape(-1, 28, 28)
    copies = [X]
    for dx, dy in shifts:
        if max(abs(dx), abs(dy)) >= 28:
            raise ValueError(f"a shift must be less than 28 pixels, got {(dx, dy)}")
        moved = np.zeros_like(images)
        moved[:, max(dy, 0):28 + min(dy, 0), max(dx, 0):28 + min(dx, 0)] = \
            images[:, max(-dy, 0):28 - max(dy, 0), max(-dx, 0):28 - max(dx, 0)]
        copies.append(moved.reshape(-1, N_PIXELS).T)
    return np.hstack(copies), np.hstack([Y] * len(copies))
