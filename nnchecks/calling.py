"""Calling the learner's function: exceptions become a short CheckFailed, inputs are handed over
as copies, and calls into nnlib outside the exercise's allow-list fail the check. Demonstration
cells call the learner's functions inside :func:`demonstrating`, which reports an error in a line
instead of stopping Run All."""
import contextlib
import inspect
import traceback

from .compare import expect_unchanged, snapshot
from .failures import CheckFailed, fail
from .watching import watching


def _where_in_learner_code(error):
    """'line N: <code>' of the innermost frame that is not nnlib or numpy, if any. An error
    raised in the learner's own process (a clean grading run) says where in ``error.where``."""
    if getattr(error, "where", ""):
        return f"\n  {error.where}"
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if "nnlib" not in f.filename and "numpy" not in f.filename]
    if not frames:
        return ""
    frame = frames[-1]
    return f"\n  in {frame.name}, line {frame.lineno}: {frame.line}"


def _learner_function_that_raised(error, functions):
    """The name of the innermost of ``functions`` running when ``error`` was raised, or None."""
    codes = {getattr(inspect.unwrap(f), "__code__", None): getattr(f, "__name__", "?") for f in functions}
    names = [codes[frame.f_code] for frame, _ in traceback.walk_tb(error.__traceback__) if frame.f_code in codes]
    return names[-1] if names else None


SKIPPED = "the rest of this cell is skipped: run it again once your function works (its test cell says more)"


@contextlib.contextmanager
def demonstrating(*functions, otherwise=SKIPPED):
    """For a cell that shows the learner's ``functions`` at work, outside the test cells.

    An error in the block ends the block, not Run All. It prints a first line naming the function
    that raised and its error (or, if none of them raised, saying that the error came from what
    they returned), then where in the learner's code, then ``otherwise`` (what the cell does next)::

        with demonstrating(model_backward):
            grads = model_backward(AL, Y, caches)
    """
    try:
        yield
    except Exception as error:  # the learner's bug; KeyboardInterrupt still stops the cell
        name = _learner_function_that_raised(error, functions)
        if isinstance(error, NotImplementedError) and name:
            print(f"{name} is not implemented yet: {otherwise}")
            return
        names = " or ".join(getattr(f, "__name__", "?") for f in functions)
        what = f"{name} raised" if name else f"this demonstration failed on what {names} returned:"
        print(f"{what} {type(error).__name__}: {error}{_where_in_learner_code(error)}\n{otherwise}")


def _run(fn, name, args, kwargs, explain):
    try:
        return fn(*args, **kwargs)
    except NotImplementedError:
        fail(f"{name} is not implemented yet: replace `raise NotImplementedError()` with your code")
    except CheckFailed:
        raise
    except Exception as error:  # the learner's bug: say what and where, without a traceback wall
        fail(f"{name} raised {type(error).__name__}: {error}{_where_in_learner_code(error)}",
             explain and explain(error, *args))


def call(fn, *args, name=None, allowed=None, explain=None, **kwargs):
    """Call the learner's ``fn`` and turn any exception into a short CheckFailed.

    With ``allowed`` (a tuple of functions, possibly empty) the call is watched: calling any
    other function of nnlib fails, "relu calls nnlib.leaky_relu: this exercise asks for your own
    implementation", however it was imported or renamed. ``allowed=None`` watches nothing.
    ``explain(error, *args)``, if given, returns the hint for an exception the learner's code
    raised on ``args`` (what the inputs were, what the exercise expects), or None.
    """
    name = name or getattr(fn, "__name__", "your function")
    if not callable(fn):
        fail(f"{name} should be a function, got {type(fn).__name__}")
    if allowed is None:
        return _run(fn, name, args, kwargs, explain)
    with watching(allowed) as watch:
        result = _run(fn, name, args, kwargs, explain)
    if watch.seen:
        fail(f"{name} calls {watch.seen}: this exercise asks for your own implementation")
    if watch.replaced:
        fail(f"{name} switched off the profiler (sys.setprofile) that lets this check see which "
             "functions it calls: write your own implementation and leave the profiler alone")
    return result


def call_on_copies(fn, name, *args, labels=None, allowed=None, explain=None, **kwargs):
    """:func:`call` on deep copies of ``args``; the copies must stay unchanged.

    ``labels`` name the arguments in the message about a changed input.
    """
    given, originals = snapshot(*args), snapshot(*args)
    got = call(fn, *given, name=name, allowed=allowed, explain=explain, **kwargs)
    expect_unchanged(name, given, originals, labels)
    return got
