"""Hidden tests' workhorse: a learner's function against a reference on seeded random inputs."""
import numpy as np

from .calling import call_on_copies
from .compare import expect_same


def random_inputs(seed):
    """A seeded generator for hidden tests, so a failure can be reproduced."""
    return np.random.default_rng(seed)


def compare_with_reference(fn, reference, make_args, *, name, sizes, seed, allowed=(),
                           rtol=1e-6, atol=1e-8, labels=None, explain=None):
    """``fn`` agrees with ``reference`` on random inputs of several sizes.

    ``make_args(rng, size)`` returns the argument tuple for one size. The learner's function
    gets deep copies, must leave them unchanged and may call only the ``allowed`` functions of
    nnlib (none by default); ``explain`` is :func:`~nnchecks.calling.call`'s.
    """
    rng = random_inputs(seed)
    for size in sizes:
        args = make_args(rng, size)
        got = call_on_copies(fn, name, *args, labels=labels, allowed=allowed, explain=explain)
        expect_same(f"{name} on random inputs of size {size}: result", got, reference(*args), rtol, atol)
