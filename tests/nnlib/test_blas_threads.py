"""nnlib._blas_threads: train runs BLAS on one thread for small matrix products only."""
from threadpoolctl import threadpool_info, threadpool_limits

from nnlib._blas_threads import ONE_THREAD_BELOW, threads_for


def _blas_threads():
    return {info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"}


def test_small_products_run_on_one_thread_and_the_count_comes_back():
    with threadpool_limits(limits=2, user_api="blas"):
        assert _blas_threads() == {2}
        with threads_for([784, 128, 64, 10], 64):  # 128 x 784 x 64 = 6.4 million multiply-adds
            assert _blas_threads() == {1}
        assert _blas_threads() == {2}


def test_large_products_keep_the_librarys_choice():
    with threadpool_limits(limits=2, user_api="blas"):
        with threads_for([784, 1024, 512, 10], 64):  # 1024 x 784 x 64 = 51 million
            assert _blas_threads() == {2}


def test_the_limit_is_on_the_largest_product_times_the_batch():
    width = ONE_THREAD_BELOW // (1024 * 16)  # a 1024-width-1 network: largest product 1024 x width
    with threadpool_limits(limits=2, user_api="blas"):
        with threads_for([1024, width, 1], 16):  # exactly the limit: left alone
            assert _blas_threads() == {2}
        with threads_for([1024, width - 1, 1], 16):
            assert _blas_threads() == {1}
