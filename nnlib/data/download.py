"""Full MNIST (60,000 + 10,000 digits), downloaded once on request, checksummed and cached.

Optional: the course never needs it (the 5,000 digits it uses ship with nnlib). Nothing here
touches the network unless :func:`download_mnist` is called.
"""
import hashlib
import http.client
import os
import sys
import tempfile
import urllib.request
from pathlib import Path
from types import MappingProxyType

#: Environment variable that overrides where downloads are cached.
DATA_DIR_ENV = "NNLIB_DATA_DIR"

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


class ChecksumError(ValueError):
    """A file's SHA-256 is not the expected one (corrupt, truncated or replaced)."""


def data_dir():
    """The directory where downloads are cached (it need not exist yet): ``$NNLIB_DATA_DIR``
    if set, else ``$XDG_CACHE_HOME/nnlib`` (by default ``~/.cache/nnlib``)."""
    env = os.environ.get(DATA_DIR_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache"
    return Path(cache).expanduser() / "nnlib"


def sha256_file(path):
    """The hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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
        ``$NNLIB_DATA_DIR`` or ``~/.cache/nnlib``.
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
        if destination.is_file() and sha256_file(destination) == expected:
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
