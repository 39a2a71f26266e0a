"""Fixtures shared by nnlib's tests: small networks, gradient-check problems, and fake full-MNIST
files served on 127.0.0.1 (never the internet)."""
import functools
import gzip
import hashlib
import http.server
import struct
import threading

import numpy as np
import pytest

import nnlib


@pytest.fixture
def small_network():
    """X (3, 6), 0/1 targets Y (1, 6) and He-initialized parameters of a [3, 4, 1] network."""
    rng = np.random.default_rng(1)
    X = rng.standard_normal((3, 6))
    Y = (rng.random((1, 6)) > 0.5).astype(float)
    return X, Y, nnlib.initialize_parameters([3, 4, 1], seed=1)


def _gradient_problem(hidden, output, loss, depth, seed):
    rng = np.random.default_rng(seed)
    n_out = 3 if output == "softmax" else 2
    dims = [4] + list(rng.integers(2, 6, size=depth - 1)) + [n_out]
    m = 5
    X = rng.standard_normal((dims[0], m))
    if loss == "ce":
        Y = np.eye(n_out)[:, rng.integers(0, n_out, m)]
    elif loss == "bce":
        Y = (rng.random((n_out, m)) > 0.5).astype(float)
    else:
        Y = rng.random((n_out, m))
    params = nnlib.initialize_parameters(dims, "xavier", seed=seed)
    # keep pre-activations away from ReLU's kink, where finite differences are meaningless
    params = {k: v + (0.1 if k.startswith("b") else 0.0) for k, v in params.items()}
    return params, X, Y


@pytest.fixture
def gradient_problem():
    """``make(hidden, output, loss, depth, seed) -> (parameters, X, Y)``: a random network of
    ``depth`` layers (4 inputs, 5 examples) with targets that fit ``loss``."""
    return _gradient_problem


# --------------------------------------------------------------------------- fake full MNIST

def _idx(array):
    """A gzipped IDX file of unsigned bytes holding ``array``."""
    array = np.asarray(array, dtype=np.uint8)
    header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    return gzip.compress(header + array.tobytes())


@pytest.fixture(scope="session")
def fake_mnist(tmp_path_factory):
    """Tiny IDX files (20 train, 10 test images) named like full MNIST's, and their checksums:
    {"root": directory, "arrays": name -> array, "checksums": name -> sha256}."""
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


@pytest.fixture(scope="session")
def _http(fake_mnist):
    """Serve the fake files on 127.0.0.1:<free port> for the session; records requested paths."""
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
    """(base_url, requested paths) of the fake-MNIST server, the request log emptied and
    proxies bypassed."""
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    base, requests = _http
    requests.clear()
    return base, requests
