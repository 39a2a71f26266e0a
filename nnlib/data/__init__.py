"""Data sets for the course, shaped the course's way: examples are COLUMNS.

Every loader returns ``(X, Y)`` with ``X.shape == (n_features, m)`` and ``Y.shape == (n_out, m)``,
both of the floating ``dtype`` asked for (float64 by default). Randomness only ever comes from
``np.random.default_rng(seed)``.

===================  ==========  ==========  ==============================================
loader               X           Y           what (module)
===================  ==========  ==========  ==============================================
load_xor             (2, 4)      (1, 4)      the four XOR cases, 0/1 targets (toy)
make_planar          (2, m)      (1, m)      two-class "flower", notebooks 01-08 (toy)
make_circles         (2, m)      (1, m)      two concentric rings (toy)
make_moons           (2, m)      (1, m)      two interleaving half circles (toy)
load_study_hours     (2, 3)      (1, 3)      hours -> grade / 100 (toy)
load_mnist           (784, m)    (10, m)     digits, pixels in [0, 1], one-hot Y (mnist)
load_mnist_csv       (784, m)    (10, m)     a Kaggle-layout MNIST CSV file (mnist)
===================  ==========  ==========  ==============================================

``shifted_digits`` (augment) makes more training digits; ``download_mnist`` (download) fetches
the optional full MNIST; ``one_hot`` is :func:`nnlib.one_hot`, here for the notebooks' imports.
"""
from ..labels import one_hot
from .augment import shifted_digits
from .download import (DATA_DIR_ENV, DEFAULT_URL, MNIST_FILES, MNIST_MIRRORS, MNIST_SHA256,
                       ChecksumError, data_dir, download_mnist)
from .mnist import (KAGGLE_HEADER, MNIST_5K_N_TRAIN, MNIST_5K_PATH, MNIST_5K_SHA256,
                    MNIST_5K_SPLIT_SEED, N_CLASSES, N_PIXELS, load_mnist, load_mnist_csv)
from .toy import load_study_hours, load_xor, make_circles, make_moons, make_planar
