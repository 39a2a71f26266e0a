"""nncourse.copies: near-identical answers are listed, renamed variables do not hide them, short
answers are not compared, and no worked solution of the course looks copied from nnlib."""
import pytest

from nncourse import copies
from nncourse import submissions as subs
from nncourse.paths import ROOT

ASSIGNMENTS = sorted(p.parent.name for p in (ROOT / "solutions").glob("[0-9][0-9]_*/*.ipynb"))


def _answers_and_stubs(name):
    solved = subs.read(ROOT / "solutions" / name / f"{name}.ipynb")
    released = subs.read(ROOT / "notebooks" / name / f"{name}.ipynb")
    return copies.answers_of(solved), copies.answers_of(released)


def test_a_copy_with_renamed_variables_is_found_and_an_own_answer_is_not():
    answers, stubs = _answers_and_stubs("04_backprop")
    renamed = {k: v.replace("dZ", "grad_z").replace("dA", "grad_a").replace("cache", "memo") for k, v in answers.items()}
    own = dict(answers, model_backward=stubs["model_backward"].replace(
        "raise NotImplementedError()", "grads = {}\n    for layer in reversed(range(len(caches))):\n"
        "        grads[f'dW{layer + 1}'] = np.zeros((1, 1))\n    return grads"))
    found = copies.similar_answers({"alice": answers, "bob": renamed, "carol": own}, stubs, references={})
    pairs = {(s.exercise, s.student, s.other) for s in found}
    assert ("model_backward", "alice", "bob") in pairs
    assert not any("carol" in (s.student, s.other) and s.exercise == "model_backward" for s in found)
    assert all(0.9 <= s.similarity <= 1.0 for s in found)


def test_short_answers_are_not_compared():
    answers, stubs = _answers_and_stubs("02_forward")
    found = copies.similar_answers({"alice": answers, "bob": answers}, stubs, references={})
    assert {s.exercise for s in found} & {"relu", "tanh", "leaky_relu"} == set()
    assert "model_forward" in {s.exercise for s in found}  # long enough to tell


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_no_worked_solution_looks_copied_from_nnlib(name):
    answers, stubs = _answers_and_stubs(name)
    assert copies.similar_answers({"worked": answers}, stubs) == []
