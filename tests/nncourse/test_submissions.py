"""nncourse/submissions.py: the notebook surgery the grading tests rely on (no kernels: fast)."""
import nbformat

from nncourse import build_notebooks
from nncourse import submissions as subs
from nncourse.paths import ROOT

TOY = build_notebooks.notebook_from_source(ROOT / "tests" / "fixtures" / "toy.py")


def test_exercises_and_their_test_cells():
    assert subs.exercises(TOY) == ["relu", "sigmoid", "count_params"]
    cells = subs.test_cells(TOY)
    assert cells == {"test_relu": 2, "test_sigmoid__values": 2, "test_sigmoid__stable": 1, "test_count_params": 1}
    assert subs.tests_of("sigmoid", cells) == ["test_sigmoid__values", "test_sigmoid__stable"]
    assert subs.tests_of("relu", ["test_relu", "test_relu_backward", "test_relu__hidden"]) == ["test_relu", "test_relu__hidden"]
    assert subs.orphan_tests(TOY) == []


def test_one_exercise_wrong_replaces_only_its_solution_region_keeping_indentation():
    wrong = subs.with_exercise_wrong(TOY, "sigmoid")
    assert subs.cell_by_id(wrong, "sigmoid").source == (
        'def sigmoid(Z):\n    """1 / (1 + exp(-Z)) elementwise, without overflow for large |Z|."""\n'
        "    raise NotImplementedError()")
    for name in ("relu", "count_params"):
        assert subs.cell_by_id(wrong, name).source == subs.cell_by_id(TOY, name).source
    assert subs.cell_by_id(TOY, "sigmoid").source != subs.cell_by_id(wrong, "sigmoid").source  # a copy


def test_stub_keeps_code_around_several_regions():
    source = "def f(x):\n    y = 1\n    ### BEGIN SOLUTION\n    y = 2\n    ### END SOLUTION\n" \
             "    if x:\n        ### BEGIN SOLUTION\n        return y\n        ### END SOLUTION\n    return 0\n"
    assert subs.stub_solutions(source) == ("def f(x):\n    y = 1\n    raise NotImplementedError()\n    if x:\n"
                                           "        raise NotImplementedError()\n    return 0\n")


def test_leaks_finds_solution_lines_hidden_tests_markers_and_outputs():
    released = nbformat.from_dict(nbformat.v4.new_notebook())
    released.cells = [nbformat.v4.new_code_cell("def relu(Z):\n    return np.maximum(0, Z)"),
                      nbformat.v4.new_code_cell('expect_equal("count_params([4, 5, 3])", call(count_params, [4, 5, 3]), 43)'),
                      nbformat.v4.new_code_cell("### BEGIN SOLUTION")]
    released.cells[0].outputs = [nbformat.v4.new_output("stream", text="hi")]
    found = "\n".join(subs.leaks(TOY, released))
    assert "solution line of cell relu is in the release: 'return np.maximum(0, Z)'" in found
    assert "hidden test line of cell test_count_params" in found
    assert "still has the marker '### BEGIN SOLUTION'" in found
    assert "has stored outputs" in found
    # a line the author also wrote outside the regions (here `def relu(Z):`) is not a leak
    assert "def relu(Z):" not in found
