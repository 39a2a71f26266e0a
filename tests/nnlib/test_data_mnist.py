"""nnlib.data.mnist: the shipped 5k digits (also from a non-editable install), Kaggle CSVs, and
full MNIST read from IDX files (fetched from a local HTTP server on 127.0.0.1)."""
import functools
import gzip
import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

import nnlib
import nnlib.data as data
from nnlib.data import download as download_module

ROOT = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------- MNIST 5k

def test_shipped_5k_file_is_package_data_with_its_checksum():
    path = data.MNIST_5K_PATH
    assert path.parent == Path(data.__file__).parent and path.name == "mnist_5k.csv.gz"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == data.MNIST_5K_SHA256


def test_a_wheel_ships_the_digits_and_its_install_loads_them(tmp_path):
    """A non-editable install (pip install of a built wheel) finds the 5k digits."""
    source = tmp_path / "source"  # build a copy: building in place writes build/ into the checkout
    shutil.copytree(ROOT / "nnlib", source / "nnlib", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(source)], check=True)
    (wheel,) = wheels.glob("nnlib-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "nnlib/data/mnist_5k.csv.gz" in archive.namelist()
        shipped = archive.read("nnlib/data/mnist_5k.csv.gz")
    assert hashlib.sha256(shipped).hexdigest() == data.MNIST_5K_SHA256

    site = tmp_path / "site"
    subprocess.run([*pip, "install", "--no-deps", "--no-index", "--target", str(site), str(wheel)],
                   check=True)
    script = ("import nnlib.data as d; X, Y = d.load_mnist('test'); "
              "print(d.MNIST_5K_PATH); print(X.shape, Y.shape)")
    env = dict(os.environ, PYTHONPATH=str(site))
    out = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, check=True,
                         capture_output=True, text=True).stdout.splitlines()
    assert Path(out[0]).is_relative_to(site), f"imported nnlib from {out[0]}, not the install"
    assert out[1] == "(784, 1000) (10, 1000)"


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
    train = np.bincount(nnlib.to_labels(mnist5k["train"][1])[0], minlength=10)
    test = np.bincount(nnlib.to_labels(mnist5k["test"][1])[0], minlength=10)
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
    bad = tmp_path / data.MNIST_5K_PATH.name
    raw = bytearray(data.MNIST_5K_PATH.read_bytes())
    raw[1000] ^= 0xFF
    bad.write_bytes(bytes(raw))
    with pytest.raises(data.ChecksumError, match="corrupt or has been changed"):
        data.load_mnist(path=bad)
    assert issubclass(data.ChecksumError, ValueError)
    with pytest.raises(FileNotFoundError, match="git checkout"):
        data.load_mnist(path=tmp_path / "nothing.csv.gz")


@pytest.mark.parametrize("kwargs, message", [
    ({"split": "validation"}, r"^unknown split 'validation'; choose from all, test, train$"),
    ({"source": "kaggle"}, r"^unknown source 'kaggle'; choose from 5k, full$"),
    ({"dtype": np.uint8}, "dtype must be a floating-point type"),
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


# --------------------------------------------------------------------------- full MNIST (IDX files)

def test_load_full_mnist_from_cache(tmp_path, fake_mnist, server):
    base, _ = server
    data.download_mnist(tmp_path, base_url=base, checksums=fake_mnist["checksums"], verbose=False)
    arrays = fake_mnist["arrays"]
    X, Y = data.load_mnist("train", source="full", path=tmp_path)
    assert X.shape == (784, 20) and Y.shape == (10, 20) and X.dtype == np.float64
    np.testing.assert_array_equal(X, arrays["train-images-idx3-ubyte.gz"].reshape(20, 784).T / 255)
    assert nnlib.to_labels(Y)[0].tolist() == (np.arange(20) % 10).tolist()
    X, Y = data.load_mnist("test", source="full", path=tmp_path, dtype=np.float32)
    assert X.shape == (784, 10) and Y.shape == (10, 10) and X.dtype == np.float32
    assert nnlib.to_labels(Y)[0].tolist() == list(range(9, -1, -1))
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
    """download=True fetches the missing files into the cache ($NNLIB_DATA_DIR) and loads them.

    The real downloader, pointed at the local server and the fake files' checksums.
    """
    base, requests = server
    monkeypatch.setattr(download_module, "download_mnist", functools.partial(
        download_module.download_mnist, base_url=base, checksums=fake_mnist["checksums"],
        verbose=False))
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path))
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
