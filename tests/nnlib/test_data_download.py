"""nnlib.data.download: fetching full MNIST, checksummed and cached, from a local HTTP server on
127.0.0.1 (the ``server`` fixture; never the internet)."""
import pytest

import nnlib.data as data


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
    assert requests[:2] == ["/missing/" + next(iter(fake_mnist["checksums"])),
                            "/" + next(iter(fake_mnist["checksums"]))]
    assert len(list(tmp_path.iterdir())) == 4


@pytest.mark.parametrize("kwargs, message", [
    ({"base_url": []}, "base_url must be a URL or a non-empty sequence of URLs"),
    ({"timeout": 0}, "timeout must be a positive number of seconds"),
    ({"checksums": {"a.gz": "abc"}}, r"checksums\['a.gz'\] must be 64 hex digits"),
])
def test_download_rejects_bad_arguments_before_fetching(tmp_path, kwargs, message):
    with pytest.raises(ValueError, match=message):
        data.download_mnist(tmp_path / "cache", verbose=False, **kwargs)
    assert not (tmp_path / "cache").exists()


def test_data_dir_is_the_environment_variable_or_the_user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path / "mine"))
    assert data.data_dir() == tmp_path / "mine"
    monkeypatch.delenv(data.DATA_DIR_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert data.data_dir() == tmp_path / "xdg" / "nnlib"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert data.data_dir() == tmp_path / "home" / ".cache" / "nnlib"


def test_published_checksum_table():
    assert set(data.MNIST_SHA256) == {n for pair in data.MNIST_FILES.values() for n in pair}
    assert all(len(h) == 64 and int(h, 16) >= 0 for h in data.MNIST_SHA256.values())
