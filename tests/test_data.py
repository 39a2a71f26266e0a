"""Tests for nnlib.data: toy data sets, the shipped MNIST 5k subset, Kaggle CSVs, and the
full-MNIST downloader (against a local HTTP server on 127.0.0.1, never the internet)."""
import functools
import gzip
import hashlib
import http.server
import shutil
import struct
import threading

import numpy as np
import pytest

import nnlib.data as data


# --------------------------------------------------------------------------- toy data

@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_xor_values_shapes_and_dtype(dtype):
    X, Y = data.load_xor(dtype=dtype)
    assert X.shape == (2, 4) and Y.shape == (1, 4)
    assert X.dtype == dtype and Y.dtype == dtype
    # columns in the order [0,0], [0,1], [1,0], [1,1]
    assert X.T.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert Y.tolist() == [[0, 1, 1, 0]]
    assert np.array_equal(Y[0], np.logical_xor(X[0], X[1]))


def test_study_hours_scaled_exact():
    X, Y = data.load_study_hours()
    assert X.shape == (2, 3) and Y.shape == (1, 3)
    assert X.dtype == np.float64 and Y.dtype == np.float64
    assert X.tolist() == [[0.3, 0.5, 1.0], [1.0, 0.2, 0.4]]
    assert Y.tolist() == [[0.75, 0.82, 0.93]]


def test_study_hours_raw_and_float32():
    X, Y = data.load_study_hours(scaled=False, dtype=np.float32)
    assert X.dtype == np.float32 and Y.dtype == np.float32
    assert X.tolist() == [[3, 5, 10], [5, 1, 2]]
    np.testing.assert_array_equal(Y, np.float32([[0.75, 0.82, 0.93]]))
    Xs, _ = data.load_study_hours(scaled=True)
    Xraw, _ = data.load_study_hours(scaled=False)
    np.testing.assert_array_equal(Xs, Xraw / Xraw.max(axis=1, keepdims=True))


def test_planar_shapes_dtype_balance():
    X, Y = data.make_planar(m=300, seed=3, dtype=np.float32)
    assert X.shape == (2, 300) and Y.shape == (1, 300)
    assert X.dtype == np.float32 and Y.dtype == np.float32
    assert set(np.unique(Y)) == {0.0, 1.0}
    assert Y.sum() == 150
    X, Y = data.make_planar()
    assert X.shape == (2, 400) and Y.sum() == 200
    assert np.abs(X).max() < 6
    # shuffled: the classes are not in two blocks
    assert 0 < Y[0, :200].sum() < 200


def test_planar_deterministic_per_seed_and_differs_across_seeds():
    X1, Y1 = data.make_planar(seed=7)
    X2, Y2 = data.make_planar(seed=7)
    X3, Y3 = data.make_planar(seed=8)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(Y1, Y2)
    assert not np.allclose(X1, X3)


def test_planar_is_the_flower():
    # without noise every point lies on the rose r = 4 sin(4t), and class 1 is class 0 mirrored
    # through the origin: the petals of the two classes alternate
    X, Y = data.make_planar(m=200, noise=0.0)
    t = np.arctan2(X[0], X[1])
    r = np.hypot(X[0], X[1])
    np.testing.assert_allclose(r, np.abs(4 * np.sin(4 * t)), atol=1e-9)
    c0 = X[:, Y[0] == 0]
    c1 = X[:, Y[0] == 1]
    key = lambda P: np.round(P.T, 9).tolist()
    assert sorted(key(-c0)) == sorted(key(c1))


@pytest.mark.parametrize("m", [0, -2, 3, 401, 4.0, True, "400"])
def test_planar_rejects_bad_m(m):
    with pytest.raises(ValueError, match="m must be a positive even integer"):
        data.make_planar(m=m)


@pytest.mark.parametrize("kwargs, message", [
    ({"noise": -0.1}, "noise"),
    ({"noise": float("nan")}, "noise"),
    ({"seed": -1}, "seed"),
    ({"dtype": np.int32}, "dtype must be a floating-point type"),
    ({"dtype": "no such type"}, "dtype must be a floating-point type"),
])
def test_planar_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        data.make_planar(**kwargs)


@pytest.mark.parametrize("loader", [data.load_xor, data.load_study_hours])
def test_toy_loaders_reject_integer_dtype(loader):
    with pytest.raises(ValueError, match="got int64"):
        loader(dtype=np.int64)


# --------------------------------------------------------------------------- one-hot helpers

def test_one_hot_and_back():
    Y = data.one_hot([2, 0, 1, 2], n_classes=3)
    assert Y.shape == (3, 4) and Y.dtype == np.float64
    assert Y.tolist() == [[0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 1]]
    np.testing.assert_array_equal(data.one_hot(np.array([[2, 0, 1, 2]]), 3), Y)  # (1, m) input
    np.testing.assert_array_equal(data.one_hot(np.array([2.0, 0.0, 1.0, 2.0]), 3), Y)
    assert data.one_hot([1], dtype=np.float32).dtype == np.float32
    labels = data.labels_from_one_hot(Y)
    assert labels.shape == (1, 4) and labels.tolist() == [[2, 0, 1, 2]]


@pytest.mark.parametrize("labels, message", [
    ([0, 10], "labels must be in 0..9"),
    ([-1, 3], "labels must be in 0..9"),
    ([0.5, 1], "whole numbers"),
    (np.zeros((2, 3), dtype=int), r"shape \(m,\) or \(1, m\)"),
    (["a", "b"], "integers"),
])
def test_one_hot_rejects_bad_labels(labels, message):
    with pytest.raises(ValueError, match=message):
        data.one_hot(labels)


def test_labels_from_one_hot_rejects_probabilities():
    with pytest.raises(ValueError, match="one-hot"):
        data.labels_from_one_hot(np.array([[0.2, 0.6], [0.8, 0.4]]))


# --------------------------------------------------------------------------- MNIST 5k

def test_shipped_5k_file_checksum():
    path = data.REPO_DATA_DIR / data.MNIST_5K_FILENAME
    assert hashlib.sha256(path.read_bytes()).hexdigest() == data.MNIST_5K_SHA256


@pytest.fixture(scope="module")
def mnist5k():
    return {split: data.load_mnist(split) for split in ("train", "test", "all")}


def test_mnist_5k_shapes_and_ranges(mnist5k):
    for split, m in [("train", 4000), ("test", 1000), ("all", 5000)]:
        X, Y = mnist5k[split]
        assert X.shape == (784, m), split
        assert Y.shape == (10, m), split
        assert X.dtype == np.float64 and Y.dtype == np.float64
        assert X.min() == 0.0 and X.max() == 1.0
        assert np.all(np.isin(Y, (0.0, 1.0)))
        np.testing.assert_array_equal(Y.sum(axis=0), np.ones(m))


def test_mnist_5k_float32():
    X, Y = data.load_mnist("test", dtype=np.float32)
    assert X.dtype == np.float32 and Y.dtype == np.float32
    assert X.shape == (784, 1000)


def test_mnist_5k_split_is_fixed_and_disjoint(mnist5k):
    (Xtr, Ytr), (Xte, Yte), (Xall, Yall) = mnist5k["train"], mnist5k["test"], mnist5k["all"]
    # "all" is train followed by test
    np.testing.assert_array_equal(Xall[:, :4000], Xtr)
    np.testing.assert_array_equal(Xall[:, 4000:], Xte)
    np.testing.assert_array_equal(Yall, np.hstack([Ytr, Yte]))
    # no image is in both splits (compared by content)
    digest = lambda X: {hashlib.sha1(col.tobytes()).hexdigest() for col in X.T}
    train_hashes, test_hashes = digest(Xtr), digest(Xte)
    assert len(train_hashes) == 4000 and len(test_hashes) == 1000
    assert not train_hashes & test_hashes
    # the documented split: the permutation default_rng(0) of the file's rows
    order = np.random.default_rng(0).permutation(5000)
    assert set(order[:4000]).isdisjoint(order[4000:])
    # same data on every call
    X2, _ = data.load_mnist("test")
    np.testing.assert_array_equal(X2, Xte)


def test_mnist_5k_label_counts(mnist5k):
    train = np.bincount(data.labels_from_one_hot(mnist5k["train"][1])[0], minlength=10)
    test = np.bincount(data.labels_from_one_hot(mnist5k["test"][1])[0], minlength=10)
    assert train.sum() == 4000 and test.sum() == 1000
    np.testing.assert_array_equal(train + test, np.full(10, 500))  # 500 of each digit shipped
    assert train.min() >= 300 and test.min() >= 50  # every digit well represented in both


def test_mnist_5k_returns_fresh_arrays():
    X, Y = data.load_mnist("test")
    X[:] = 7
    Y[:] = 7
    X2, Y2 = data.load_mnist("test")
    assert X2.max() == 1.0 and Y2.max() == 1.0


def test_mnist_5k_corrupt_file_is_refused(tmp_path):
    bad = tmp_path / data.MNIST_5K_FILENAME
    raw = bytearray((data.REPO_DATA_DIR / data.MNIST_5K_FILENAME).read_bytes())
    raw[1000] ^= 0xFF
    bad.write_bytes(bytes(raw))
    with pytest.raises(data.ChecksumError, match="corrupt or has been changed"):
        data.load_mnist(path=bad)
    assert issubclass(data.ChecksumError, ValueError)
    with pytest.raises(FileNotFoundError, match="git checkout"):
        data.load_mnist(path=tmp_path / "nothing.csv.gz")


@pytest.mark.parametrize("kwargs, message", [
    ({"split": "validation"}, "split must be one of"),
    ({"source": "kaggle"}, "source must be one of"),
    ({"dtype": np.uint8}, "dtype"),
])
def test_load_mnist_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        data.load_mnist(**kwargs)


# --------------------------------------------------------------------------- Kaggle CSV

def _kaggle_csv(X, Y, header=",".join(data.KAGGLE_HEADER)):
    pixels = np.rint(X.T * 255).astype(int)
    labels = np.argmax(Y, axis=0)
    rows = [",".join(map(str, [label, *row])) for label, row in zip(labels, pixels)]
    return header + "\n" + "\n".join(rows) + "\n"


@pytest.mark.parametrize("compressed", [False, True])
def test_kaggle_csv_round_trip(tmp_path, compressed):
    X, Y = data.load_mnist("test")
    X, Y = X[:, :25], Y[:, :25]
    text = _kaggle_csv(X, Y)
    path = tmp_path / ("train.csv.gz" if compressed else "train.csv")
    if compressed:
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text)
    X2, Y2 = data.load_mnist_csv(path)
    assert X2.shape == (784, 25) and Y2.shape == (10, 25)
    np.testing.assert_array_equal(X2, X)
    np.testing.assert_array_equal(Y2, Y)
    X3, Y3 = data.load_mnist_csv(str(path), dtype=np.float32)
    assert X3.dtype == np.float32 and Y3.dtype == np.float32


def _row(label=3, n_pixels=784, value=0):
    return ",".join(map(str, [label] + [value] * n_pixels))


@pytest.mark.parametrize("content, message", [
    ("label,a,b\n1,2,3\n", "expected the Kaggle MNIST header"),
    (",".join(data.KAGGLE_HEADER[1:]) + "\n" + ",".join(["0"] * 784) + "\n", "test.csv"),
    (",".join(data.KAGGLE_HEADER) + "\n" + _row(n_pixels=783) + "\n", "785"),
    (",".join(data.KAGGLE_HEADER) + "\n" + _row() + "\n" + _row(n_pixels=700) + "\n", "785"),
    (",".join(data.KAGGLE_HEADER) + "\n" + _row(value=256) + "\n", "0..255"),
    (",".join(data.KAGGLE_HEADER) + "\n" + _row(label=12) + "\n", "not a digit"),
    (",".join(data.KAGGLE_HEADER) + "\n", "no data rows"),
])
def test_kaggle_csv_malformed(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(ValueError, match=message) as info:
        data.load_mnist_csv(path)
    assert "bad.csv" in str(info.value)


def test_kaggle_csv_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        data.load_mnist_csv(tmp_path / "train.csv")


# --------------------------------------------------------------------------- full MNIST

def _idx(array):
    array = np.asarray(array, dtype=np.uint8)
    header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    return gzip.compress(header + array.tobytes())


@pytest.fixture(scope="module")
def fake_mnist(tmp_path_factory):
    """Tiny IDX files (20 train, 10 test images) in a served directory, and their checksums."""
    rng = np.random.default_rng(0)
    arrays = {
        "train-images-idx3-ubyte.gz": rng.integers(0, 256, size=(20, 28, 28)),
        "train-labels-idx1-ubyte.gz": np.arange(20) % 10,
        "t10k-images-idx3-ubyte.gz": rng.integers(0, 256, size=(10, 28, 28)),
        "t10k-labels-idx1-ubyte.gz": np.arange(10)[::-1],
    }
    root = tmp_path_factory.mktemp("served")
    checksums = {}
    for name, array in arrays.items():
        blob = _idx(array)
        (root / name).write_bytes(blob)
        checksums[name] = hashlib.sha256(blob).hexdigest()
    return {"root": root, "arrays": arrays, "checksums": checksums}


@pytest.fixture(scope="module")
def _http(fake_mnist):
    """Serve the fake files on 127.0.0.1:<free port> for this module; records requested paths."""
    requests = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            super().do_GET()

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(fake_mnist["root"])))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def server(_http, monkeypatch):
    """(base_url, requested paths) with the request log emptied and proxies bypassed."""
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    base, requests = _http
    requests.clear()
    return base, requests


def test_download_caches_and_does_not_refetch(tmp_path, fake_mnist, server):
    base, requests = server
    cache = tmp_path / "cache"
    out = data.download_mnist(cache, base_url=base, checksums=fake_mnist["checksums"], verbose=False)
    assert out == cache
    assert sorted(p.name for p in cache.iterdir()) == sorted(fake_mnist["checksums"])
    for name in fake_mnist["checksums"]:
        assert (cache / name).read_bytes() == (fake_mnist["root"] / name).read_bytes()
    assert len(requests) == 4
    data.download_mnist(cache, base_url=base + "/", checksums=fake_mnist["checksums"], verbose=False)
    assert len(requests) == 4  # everything was cached with a good checksum


def test_download_replaces_a_damaged_cached_file(tmp_path, fake_mnist, server):
    base, requests = server
    name = "t10k-labels-idx1-ubyte.gz"
    (tmp_path / name).write_bytes(b"half a file")
    data.download_mnist(tmp_path, base_url=base, checksums={name: fake_mnist["checksums"][name]},
                        verbose=False)
    assert requests == ["/" + name]
    assert (tmp_path / name).read_bytes() == (fake_mnist["root"] / name).read_bytes()


def test_download_checksum_mismatch_raises_and_leaves_nothing(tmp_path, fake_mnist, server):
    base, _ = server
    wrong = dict(fake_mnist["checksums"], **{"train-labels-idx1-ubyte.gz": "0" * 64})
    with pytest.raises(data.ChecksumError, match="train-labels-idx1-ubyte.gz"):
        data.download_mnist(tmp_path, base_url=base, checksums=wrong, verbose=False)
    assert not (tmp_path / "train-labels-idx1-ubyte.gz").exists()
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".*"))


def test_download_unreachable_file_raises_connection_error(tmp_path, server):
    base, _ = server
    with pytest.raises(ConnectionError, match="no-such-file.gz"):
        data.download_mnist(tmp_path, base_url=base, checksums={"no-such-file.gz": "0" * 64},
                            verbose=False)
    assert not list(tmp_path.iterdir())


def test_download_tries_mirrors_in_order(tmp_path, fake_mnist, server):
    base, requests = server
    data.download_mnist(tmp_path, base_url=[base + "/missing", base], verbose=False,
                        checksums=fake_mnist["checksums"])
    assert len(requests) == 8  # each file: a 404 from the first mirror, then the second
    assert len(list(tmp_path.iterdir())) == 4


def test_load_full_mnist_from_cache(tmp_path, fake_mnist, server):
    base, _ = server
    data.download_mnist(tmp_path, base_url=base, checksums=fake_mnist["checksums"], verbose=False)
    arrays = fake_mnist["arrays"]
    X, Y = data.load_mnist("train", source="full", path=tmp_path)
    assert X.shape == (784, 20) and Y.shape == (10, 20) and X.dtype == np.float64
    np.testing.assert_array_equal(X, arrays["train-images-idx3-ubyte.gz"].reshape(20, 784).T / 255)
    assert data.labels_from_one_hot(Y)[0].tolist() == (np.arange(20) % 10).tolist()
    X, Y = data.load_mnist("test", source="full", path=tmp_path, dtype=np.float32)
    assert X.shape == (784, 10) and Y.shape == (10, 10) and X.dtype == np.float32
    assert data.labels_from_one_hot(Y)[0].tolist() == list(range(9, -1, -1))
    X, Y = data.load_mnist("all", source="full", path=tmp_path)
    assert X.shape == (784, 30) and Y.shape == (10, 30)
    # un-gzipped copies are read too
    plain = tmp_path / "plain"
    plain.mkdir()
    for name in data.MNIST_FILES["test"]:
        (plain / name.removesuffix(".gz")).write_bytes(gzip.decompress((tmp_path / name).read_bytes()))
    X2, _ = data.load_mnist("test", source="full", path=plain)
    np.testing.assert_array_equal(X2, data.load_mnist("test", source="full", path=tmp_path)[0])


def test_load_full_mnist_missing_says_how_to_download(tmp_path):
    with pytest.raises(FileNotFoundError, match="download_mnist"):
        data.load_mnist("train", source="full", path=tmp_path)


def test_load_full_mnist_download_true(tmp_path, fake_mnist, server, monkeypatch):
    base, requests = server
    real = data.download_mnist
    monkeypatch.setattr(data, "download_mnist", functools.partial(
        real, base_url=base, checksums=fake_mnist["checksums"], verbose=False))
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path))
    assert data.data_dir() == tmp_path
    X, Y = data.load_mnist("test", source="full", download=True)
    assert X.shape == (784, 10) and len(requests) == 4
    assert (tmp_path / "t10k-images-idx3-ubyte.gz").is_file()


def test_damaged_idx_files_are_refused(tmp_path, fake_mnist):
    for name in data.MNIST_FILES["test"]:
        shutil.copy(fake_mnist["root"] / name, tmp_path / name)
    images = tmp_path / "t10k-images-idx3-ubyte.gz"
    raw = gzip.decompress(images.read_bytes())
    images.write_bytes(gzip.compress(raw[:-5]))  # truncated
    with pytest.raises(ValueError, match="header says dims"):
        data.load_mnist("test", source="full", path=tmp_path)
    images.write_bytes(gzip.compress(b"\x01\x02" + raw[2:]))  # bad magic number
    with pytest.raises(ValueError, match="magic number"):
        data.load_mnist("test", source="full", path=tmp_path)
    images.write_bytes(gzip.compress(raw)[:-10])  # damaged gzip stream
    with pytest.raises(ValueError, match="download it again"):
        data.load_mnist("test", source="full", path=tmp_path)


def test_published_checksum_table():
    assert set(data.MNIST_SHA256) == {n for pair in data.MNIST_FILES.values() for n in pair}
    assert all(len(h) == 64 and int(h, 16) >= 0 for h in data.MNIST_SHA256.values())
