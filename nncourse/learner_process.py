"""The learner's side of a clean grading run; it runs inside the sandbox (``nncourse.sandbox``).

    python -m nncourse.learner_process READ_FD WRITE_FD

It receives the cells to run (the notebook's setup cells and the submission's solution cells),
runs them, says which functions they defined, then calls those functions when the grader asks
and sends back what they return, as plain data (``nncourse.wire``). It never sees a check, a
hidden test or nnlib's code: ``nnlib`` here is a stand-in whose every function is run by the
grader, which knows which exercise is being checked and so what it may use.

Nothing in this process is trusted: the learner's code may change anything in it. All it can
change is what it sends back, and the grader checks that.
"""
import collections
import io
import re
import sys
import traceback
import types
import warnings
# bound at import, before the learner's code runs and can replace them (see nncourse.wire)
from builtins import callable, compile, dict, exec, int, isinstance, list, sorted, str, type  # noqa: A004
from contextlib import redirect_stderr, redirect_stdout

import numpy as np

from nncourse import setup_imports, wire

MAGIC = re.compile(r"^\s*[%!].*$", re.M)  # IPython magics and shell escapes: not run here
SETUP = "setup-"  # the id prefix of the cells the grader takes from the instructor's setup cells


def _own_builtins():
    """A copy of the builtins module for the learner's code, which ``import builtins`` there
    returns too: a cell that replaces ``builtins.isinstance`` changes its own code's builtins,
    not those of the libraries this process (and its channel to the grader) runs on."""
    import builtins

    copy = types.ModuleType("builtins", builtins.__doc__)
    vars(copy).update(vars(builtins))
    real_import = builtins.__import__

    def learner_import(name, globals=None, locals=None, fromlist=(), level=0):
        if name == "builtins" and level == 0:
            return copy
        return real_import(name, globals, locals, fromlist, level)

    copy.__import__ = learner_import
    return vars(copy)


class Learner:
    def __init__(self, read_fd, write_fd):
        self.namespace = {"__name__": "__main__", "__builtins__": _own_builtins()}
        self.callbacks = []
        self.stubs = {}  # reference name ("nnlib.relu") -> stand-in function
        self.named_tuples = {name: collections.namedtuple(name, fields) for name, fields in wire.NAMED_TUPLES.items()}
        codec = wire.Codec(self.export_function, self.import_function, self.named_tuples)
        self.channel = wire.Channel(read_fd, write_fd, codec, self.serve)

    # --------------------------------------------------------------- functions across the pipe

    def export_function(self, fn):
        name = getattr(fn, "_wire_name", None)
        if name is not None and self.stubs.get(name) is fn:
            return name
        self.callbacks.append(fn)
        return f"s:cb:{len(self.callbacks) - 1}"

    def import_function(self, name):
        if name in self.stubs:
            return self.stubs[name]
        if name.startswith("g:"):  # a function of the grader's, e.g. the cost a check differentiates
            return self._remote(name, "function")
        raise wire.WireError(f"no function {name!r} here")

    def _remote(self, name, label):
        channel = self.channel

        def remote(*args, **kwargs):
            return channel.call(name, args, kwargs)[0]

        remote.__name__ = remote.__qualname__ = label
        remote._wire_name = name
        return remote

    # --------------------------------------------------------------- the stand-in nnlib

    def install_nnlib(self, manifest, known_errors):
        """Modules named in ``manifest`` ({"nnlib": {...}, "nnlib.data": {...}}), made of stand-ins."""
        errors = {name: type(name, (Exception,), {}) for name in known_errors}
        self.channel.known_errors = errors
        for module_name, contents in manifest.items():
            module = types.ModuleType(module_name, f"nnlib's {module_name}, run by the grader")
            for name in contents["functions"]:
                stub = self._remote(f"{module_name}.{name}", name)
                stub.__module__ = module_name
                self.stubs[f"{module_name}.{name}"] = stub
                setattr(module, name, stub)
            for name in contents["classes"]:
                setattr(module, name, self.named_tuples.get(name) or errors.get(name))
            sys.modules[module_name] = module
        for module_name, contents in manifest.items():  # constants may refer to any module's functions
            for name, (tree, buffers) in contents["constants"].items():
                setattr(sys.modules[module_name], name, self.channel.codec.decode(tree, buffers))
            parent, _, child = module_name.rpartition(".")
            if parent:
                setattr(sys.modules[parent], child, sys.modules[module_name])

    # --------------------------------------------------------------- cells and calls

    def run_cells(self, cells):
        """Run each cell's code; returns {cell id: "ErrorType: message"} for the cells that failed."""
        failures = {}
        for cell in cells:
            code, filename = MAGIC.sub("", cell["source"]), f"<cell {cell['id']}>"
            try:
                with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
                    if cell["id"].startswith(SETUP):  # the instructor's: imports bound lazily
                        setup_imports.run(code, self.namespace, filename=filename)
                    else:
                        exec(compile(code, filename, "exec"), self.namespace)
            except (Exception, SystemExit) as error:
                failures[cell["id"]] = f"{type(error).__name__}: {error}"[:500]
        return failures

    def functions(self):
        return sorted(name for name, value in self.namespace.items()
                      if isinstance(value, types.FunctionType) and not name.startswith("__"))

    def serve(self, target, args, kwargs, context):
        if target.startswith("s:cb:"):
            fn = self.callbacks[int(target[5:])]
        elif target.startswith("s:"):
            fn = self.namespace.get(target[2:])
            if not callable(fn):
                raise NameError(f"name {target[2:]!r} is not defined")
        else:
            raise wire.WireError(f"no function {target!r} here")
        errstate = (context or {}).get("errstate") or {}
        with warnings.catch_warnings(record=True) as caught, np.errstate(**errstate), \
                redirect_stdout(io.StringIO()):
            warnings.simplefilter("always")
            try:
                value = fn(*args, **kwargs)
            except (Exception, SystemExit) as error:
                error.where = _where(error)
                raise
        messages = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
        return value, {"warnings": list(dict.fromkeys(messages))[:20]}


def _where(error):
    """'in relu, line 3: return Z.max(0)' for the innermost frame of the learner's cells."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.startswith("<cell ")]
    if not frames:
        return ""
    frame = frames[-1]
    return f"in {frame.name}, line {frame.lineno}: {frame.line or ''}".strip()


def main(argv=None):
    read_fd, write_fd = (int(a) for a in (argv or sys.argv[1:]))
    learner = Learner(read_fd, write_fd)
    start, buffers = learner.channel.receive()
    manifest = {module: {"functions": c["functions"], "classes": c["classes"],
                         "constants": {k: (v, buffers) for k, v in c["constants"].items()}}
                for module, c in start["manifest"].items()}
    learner.install_nnlib(manifest, start.get("errors", []))
    failures = learner.run_cells(start["cells"])
    learner.channel.send({"op": "ready", "failures": failures, "functions": learner.functions()})
    while True:
        try:
            message, buffers = learner.channel.receive()
        except wire.WireError:
            return 0
        if message.get("op") != "call":
            return 0
        learner.channel.answer(message, buffers)


if __name__ == "__main__":
    sys.exit(main())
