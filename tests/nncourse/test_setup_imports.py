"""The setup cells of a clean run: imports bound lazily, failed ``from`` imports skipped."""
import subprocess
import sys
import textwrap

import pytest

from nncourse import setup_imports


def test_an_import_happens_at_first_use():
    code = textwrap.dedent("""
        import sys
        from nncourse import setup_imports
        namespace = {}
        setup_imports.run("import xml.dom.minidom as minidom\\nimport email.mime", namespace)
        print("xml.dom.minidom" in sys.modules, "email.mime" in sys.modules)
        print(namespace["minidom"].parseString("<a/>").documentElement.tagName)
        print(namespace["email"].mime.__name__, "xml.dom.minidom" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[:3] == ["False False", "a", "email.mime True"]


def test_a_failed_from_import_does_not_stop_the_cell():
    namespace = {}
    setup_imports.run("import math\nfrom math import tau\nfrom nnlib.no_such_module import plot\n"
                      "from math import pi\ndef twice(x):\n    return 2 * x\n", namespace)
    assert namespace["pi"] == pytest.approx(3.14159, abs=1e-5) and namespace["twice"](2) == 4
    assert "plot" not in namespace and namespace["math"].sqrt(4) == 2


def test_imports_only_leaves_the_rest_out():
    namespace = {}
    setup_imports.run("import math\nx = 1\ndef f():\n    pass\n", namespace, imports_only=True)
    assert set(namespace) == {"math"}


def test_a_missing_attribute_is_an_attribute_error():
    namespace = {}
    setup_imports.run("import math", namespace)
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        namespace["math"].no_such_name  # noqa: B018


def test_other_errors_are_raised():
    with pytest.raises(ZeroDivisionError):
        setup_imports.run("import math\n1 / 0\n", {})
