"""train's BLAS threads: one for a network whose matrix products are small, the library's own
choice otherwise.

A mini-batch step is a few short matrix products, each followed by element-wise work on its
result. On two cores, OpenBLAS's two threads made train slower for small products, and faster
only for large ones. Seconds per epoch with two threads divided by seconds with one
(bench.bench_scaling's shapes, 5,000 digits, Adam, median of 3 runs, 2026-12-01):

====================================  ====================  =====
network, batch                        largest product (MA)   ratio
====================================  ====================  =====
784-128-64-10, batch 16               1.6 million            1.31
784-128-64-10, batch 64               6.4 million            1.14
784-256-128-10, batch 64              12.8 million           1.03
784-128-64-10, batch 256              25.7 million           1.02
784-512-256-10, batch 64              25.7 million           0.95
784-128-64-10, batch 1024             103 million            0.88
784-1024-512-10, batch 64             51.4 million           0.77
====================================  ====================  =====

(MA: multiply-adds of the largest weights x batch product.) So train runs BLAS on one thread
while that product has fewer than :data:`ONE_THREAD_BELOW` multiply-adds. The limit holds for
the whole process while train runs.
"""
import functools
from contextlib import nullcontext

from threadpoolctl import ThreadpoolController

#: Multiply-adds of a step's largest matrix product (rows x columns of W, times the batch size)
#: below which train runs BLAS on one thread.
ONE_THREAD_BELOW = 2**24


@functools.cache
def _controller():
    return ThreadpoolController()  # finds the BLAS that numpy has loaded: made once, on first use


def threads_for(dims, batch_size):
    """A context manager for training layer_dims ``dims`` with batches of ``batch_size``: BLAS
    on one thread inside it if the largest product is small, else a context that changes nothing."""
    largest = max(n * n_prev for n_prev, n in zip(dims, dims[1:])) * batch_size
    if largest >= ONE_THREAD_BELOW:
        return nullcontext()
    return _controller().limit(limits=1, user_api="blas")
