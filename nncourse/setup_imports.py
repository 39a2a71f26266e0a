"""A notebook's setup cells in a clean run (``nncourse.verdict``): their imports bound lazily.

Setup cells import matplotlib for the notebook's figures. No exercise needs it, yet importing it
costs over half a second in each process of a clean run: the learner's, and the grader's worker
that runs the test cells. Here ``import matplotlib.pyplot as plt`` binds ``plt`` to a module that
is imported when it is first used, and a ``from`` import that fails (the learner's stand-in nnlib
has no ``nnlib.plotting``) binds nothing instead of stopping the cell.
"""
import ast
import importlib
import types


class LazyModule(types.ModuleType):
    """Module ``name``, imported when one of its attributes is first read."""

    def __getattr__(self, attribute):
        module = importlib.import_module(self.__name__)
        vars(self).update(vars(module))  # later reads find the attributes directly
        if hasattr(module, attribute):
            return getattr(module, attribute)
        try:  # ``import a.b`` binds ``a``: ``a.b`` is a submodule
            return importlib.import_module(f"{self.__name__}.{attribute}")
        except ImportError:
            raise AttributeError(f"module {self.__name__!r} has no attribute {attribute!r}") from None


def _bind(node, namespace):
    for alias in node.names:
        if alias.asname:
            namespace[alias.asname] = LazyModule(alias.name)
        else:
            top = alias.name.partition(".")[0]
            namespace[top] = LazyModule(top)


def run(source, namespace, *, imports_only=False, filename="<setup>"):
    """Run a setup cell's ``source`` in ``namespace``, statement by statement: ``import``
    statements bind :class:`LazyModule` objects, a ``from`` import that fails is skipped, other
    statements run as written (none of them when ``imports_only``)."""
    for node in ast.parse(source, filename).body:
        if isinstance(node, ast.Import):
            _bind(node, namespace)
        elif isinstance(node, ast.ImportFrom):
            try:
                exec(compile(ast.Module(body=[node], type_ignores=[]), filename, "exec"), namespace)
            except ImportError:
                continue
        elif not imports_only:
            exec(compile(ast.Module(body=[node], type_ignores=[]), filename, "exec"), namespace)
