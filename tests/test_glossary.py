"""docs/glossary.md stays true to the notebooks: every Korean word in a notebook's closing
section ("What you learned" to the end) is in the glossary, and the glossary is linked.

and true to the source notes: every spelling it quotes from the notes, `like this` (000, 004),
occurs in each note it names, and no term of "Terms the course adds" occurs in any note (else it
belongs in the first table).

The notes are not part of the repository, so the tests that read them (marked ``source_notes``)
are not part of ``make test``: ``make check-notes`` runs them, with the notes read from
$NN_SOURCE_NOTES (default: shared/seeds/ beside the repository, where the project's machines keep
them), and fails without them.
"""
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "docs" / "glossary.md"
HANGUL = re.compile(r"[\uac00-\ud7a3]+")
QUOTED = re.compile(r"`([^`]+)` \(([0-9]{3}(?:, [0-9]{3})*)")


def tables():

    """The rows of the glossary's two tables, as lists of cells: (notes' terms, terms the course adds)."""
    text = GLOSSARY.read_text(encoding="utf-8")
    first, _, second = text.partition("## Terms the course adds")
    assert second, "docs/glossary.md has no section 'Terms the course adds'"

    def rows(part):
        lines = [line for line in part.splitlines() if line.startswith("| ") and not line.startswith("|---")]
        return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[1:]]  # without the header
    return rows(first), rows(second)


def _closing(source):
    text = source.read_text(encoding="utf-8")
    start = text.rfind("## What you learned")
    assert start >= 0, f"{source.name} has no closing section '## What you learned'"
    return text[start:]


@pytest.mark.parametrize("source", sorted((ROOT / "course").glob("[0-9][0-9]_*.py")), ids=lambda p: p.stem)
def test_closing_terms_are_in_the_glossary(source):
    notes_terms, added = tables()
    known = {word for row in notes_terms + added for cell in row[:2] for word in HANGUL.findall(cell)}
    missing = sorted(set(HANGUL.findall(_closing(source))) - known)
    assert not missing, f"{source.name} ends with Korean words that docs/glossary.md lacks: {missing}"


def test_glossary_is_linked_from_the_readme_and_notebook_00():
    assert "docs/glossary.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/glossary.md" in (ROOT / "course" / "00_notation.py").read_text(encoding="utf-8")

@pytest.fixture(scope="module")
def notes():
    folder = Path(os.environ.get("NN_SOURCE_NOTES") or ROOT.parent / "shared" / "seeds")
    found = {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted(folder.glob("[0-9][0-9][0-9]_*.txt"))}
    assert len(found) == 5, f"the five source notes are not in {folder} (set NN_SOURCE_NOTES)"
    return found


@pytest.mark.source_notes
def test_every_quoted_spelling_is_in_the_notes_it_names(notes):
    notes_terms, _ = tables()
    assert len(notes_terms) >= 20, "the glossary's first table looks empty"
    wrong = []
    for row in notes_terms:
        quoted = QUOTED.findall(row[1])
        assert quoted, f"glossary row {row[0]!r} quotes no spelling from the notes"
        for spelling, names in quoted:
            for name in names.split(", "):
                if spelling not in notes.get(name, ""):
                    wrong.append(f"{spelling!r} is not in note {name}")
    assert not wrong, "docs/glossary.md quotes spellings the notes do not have: " + "; ".join(wrong)


@pytest.mark.source_notes
def test_terms_the_course_adds_are_in_no_note(notes):
    _, added = tables()
    assert added, "the glossary's second table is empty"
    found = [f"{row[0]!r} in {name}" for row in added for name, text in notes.items() if row[0] in text]
    assert not found, "these are terms of the notes, move them to the first table: " + "; ".join(found)
