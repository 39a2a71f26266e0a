"""Code in a submission that could change how it is graded.

A learner's cells run in the same Python process as the test cells that grade them, so a solution
cell can, say, replace a function of ``nnchecks`` with one that accepts anything, or switch
off the profiler that notices calls into nnlib. No test cell can defend against code that ran
before it; what the grader can do is read the code. :func:`findings` lists, line by line, what a
learner wrote that reaches into the grading machinery or runs code it builds at run time. None of
it is needed for any exercise of the course, so every finding goes to the instructor to look at;
nothing is deducted automatically.
"""
import ast

#: Modules whose import, by a learner, reaches into grading or around it.
MODULES = ("nnchecks", "importlib", "builtins", "ctypes", "gc")
#: Dotted names whose use (read, call or assignment) does, after resolving import aliases.
ATTRIBUTES = ("sys.modules", "sys.setprofile", "sys.settrace", "sys.meta_path", "sys.path_hooks",
              "threading.setprofile", "threading.settrace", "numpy.testing")
#: Built-in functions that run code built from strings or rewrite objects by name.
BUILTINS = ("exec", "eval", "compile", "__import__", "__builtins__", "globals", "getattr", "setattr",
            "delattr")


def _dotted(node):
    """'a.b.c' for the expression a.b.c (names and attributes only), else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return None


def _matches(name, prefixes):
    return next((p for p in prefixes if name == p or name.startswith(p + ".")), None)


def _aliases(tree):
    """{local name: module} for the imports in ``tree``, plus numpy's usual np."""
    aliases = {"np": "numpy"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                aliases[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module:
            for a in node.names:
                aliases[a.asname or a.name] = f"{node.module}.{a.name}"
    return aliases


def findings(source):
    """['line N: what it uses', ...] for one cell's code; [] when it does not parse (nbgrader
    reports the SyntaxError) or uses nothing of the above."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    aliases = _aliases(tree)
    inner = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}  # report a.b.c once
    watched = MODULES + ATTRIBUTES
    found = set()
    for node in ast.walk(tree):
        what = None
        if isinstance(node, ast.Import):
            what = next((f"import {a.name}" for a in node.names if _matches(a.name, watched)), None)
        elif isinstance(node, ast.ImportFrom) and node.module:
            if _matches(node.module, watched) or any(_matches(f"{node.module}.{a.name}", watched) for a in node.names):
                what = f"from {node.module} import {', '.join(a.name for a in node.names)}"
        elif isinstance(node, ast.Attribute) and id(node) not in inner:
            name = _dotted(node)
            if name:
                head, _, rest = name.partition(".")
                resolved = ".".join(filter(None, [aliases.get(head, head), rest]))
                what = name if _matches(resolved, watched) else None
        elif isinstance(node, ast.Name) and node.id in BUILTINS:
            what = node.id
        if what:
            found.add((node.lineno, what))
    return [f"line {line}: {what}" for line, what in sorted(found)]


def learner_code(submitted, released):
    """(cell label, source) of every code cell in ``submitted`` whose source the learner wrote:
    cells not found, with the same source, in the ``released`` notebook. Read-only cells are left
    out: nbgrader runs the instructor's version of those whatever the submission holds."""
    given = {cell.source for cell in released.cells if cell.cell_type == "code"}
    for index, cell in enumerate(submitted.cells):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type != "code" or meta.get("locked") or cell.source in given:
            continue
        yield meta.get("grade_id") or f"cell {index + 1}", cell.source
