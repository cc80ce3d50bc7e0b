"""The two real seed pages parse to exactly their expected JSON."""

import pytest

from tests.parser.corpus import ROOT, expected_for, parse_file

SEEDS = sorted((ROOT / "fixtures" / "pages").glob("*.txt"))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_page_matches_expected_json(path):
    assert parse_file(path).to_json() == expected_for(path)


def test_seed_notes_record_the_guesses():
    edition = parse_file(SEEDS[1])
    grouped = edition.articles[1]
    assert "标题层级为推测" in grouped.notes
    assert any(note.startswith("跨栏合并段落") for note in grouped.notes)
    assert edition.warnings == []
