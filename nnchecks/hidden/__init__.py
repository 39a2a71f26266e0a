"""The hidden checks, one module per notebook like the visible ones (``nnchecks.hidden.nb02_forward``).

They compare the learner's functions with nnlib on seeded random inputs of several sizes and print
nothing. Only the ``### BEGIN HIDDEN TESTS`` parts of the course's test cells import them, so no
released notebook mentions them; a visible module never imports its hidden one.
"""
