"""nncourse/build_notebooks.py (nn-build): solutions/ is what it makes from course/, and it never
stores a notebook whose test cell raised."""
from nncourse import build_notebooks

TAG = build_notebooks.TEST_CELL_TAG


def test_solutions_are_built_from_course_sources(capsys):
    status = build_notebooks.main(["--check"])
    assert status == 0, capsys.readouterr().err


def test_build_refuses_to_store_a_failing_test_cell(tmp_path, monkeypatch, capsys):
    """nbclient runs past a tagged test cell that raises; build_notebooks must not write that notebook."""
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "99_broken.py").write_text(
        "# %% solution id=answer\ndef answer():\n    ### BEGIN SOLUTION\n    return 41\n    ### END SOLUTION\n\n"
        "# %% test id=test_answer points=1\nassert answer() == 42, 'answer() should be 42'\n\n"
        "# %%\nprint('after the test')\n")
    monkeypatch.setattr(build_notebooks, "SOURCES", tmp_path / "course")
    monkeypatch.setattr(build_notebooks, "SOLUTIONS", tmp_path / "solutions")
    nb = build_notebooks.notebook_from_source(tmp_path / "course" / "99_broken.py")
    assert [c.metadata.get("tags") for c in nb.cells] == [None, [TAG], None]
    assert build_notebooks.main(["99_broken"]) == 1
    assert "cell test_answer: AssertionError: answer() should be 42" in capsys.readouterr().err
    assert not build_notebooks.target("99_broken").exists()
