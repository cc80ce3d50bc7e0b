"""The test page corpus: seed pages plus tests/pages, each with its expected parse.

Expected files use the seed schema (``ParsedEdition.to_json()``); corpus pages may add
``page_number``, ``page_name`` and per-article ``credits`` ([name, role, printed_role]).
"""

from __future__ import annotations

import json
from pathlib import Path

from articles.parsing import ParsedEdition, decode_page, parse_page

ROOT = Path(__file__).resolve().parents[2]
PAGE_DIRS = (ROOT / "fixtures" / "pages", ROOT / "tests" / "pages")


def corpus_pages() -> list[Path]:
    return sorted(p for d in PAGE_DIRS for p in d.glob("*.txt"))


def parse_file(path: Path) -> ParsedEdition:
    text, _encoding = decode_page(path.read_bytes())
    return parse_page(text, filename=path.name)


def expected_for(path: Path) -> dict:
    return json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))


def full_json(edition: ParsedEdition) -> dict:
    """The seed schema plus the corpus extras."""
    data = edition.to_json()
    data["page_number"] = edition.page_number
    data["page_name"] = edition.page_name
    for article, parsed in zip(data["articles"], edition.articles, strict=True):
        article["credits"] = [[c.name, c.role, c.printed_role] for c in parsed.credits]
    return data
