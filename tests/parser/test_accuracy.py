"""Quality gate: per-field accuracy over every page with an expected parse; 100% required."""

from __future__ import annotations

from tests.parser.corpus import corpus_pages, expected_for, full_json, parse_file

FIELDS = ("boundaries", "headline", "titles", "people", "kind", "paragraphs", "byline")


def _score(got: dict, want: dict) -> dict[str, tuple[int, int]]:
    """(correct, total) per field. Articles are matched in order; a missing or extra
    article counts against boundaries and against every field of the expected article."""
    counts = {f: [0, 0] for f in FIELDS}
    got_articles, want_articles = got["articles"], want["articles"]
    counts["boundaries"][1] = max(len(got_articles), len(want_articles))
    for index, expected in enumerate(want_articles):
        actual = got_articles[index] if index < len(got_articles) else {}
        checks = {
            "boundaries": actual.get("paragraphs") is not None
            and (actual.get("headline"), len(actual.get("paragraphs", [])))
            == (expected["headline"], len(expected["paragraphs"])),
            "headline": actual.get("headline") == expected["headline"],
            "titles": all(actual.get(k) == expected[k] for k in ("kicker", "subtitle", "column")),
            "people": actual.get("reporters") == expected["reporters"]
            and ("credits" not in expected or actual.get("credits") == expected["credits"]),
            "kind": actual.get("kind") == expected["kind"],
            "paragraphs": actual.get("paragraphs") == expected["paragraphs"],
            "byline": actual.get("byline") == expected["byline"],
        }
        for name, ok in checks.items():
            counts[name][0] += ok
            if name != "boundaries":
                counts[name][1] += 1
    return {k: (v[0], v[1]) for k, v in counts.items()}


def accuracy_table(pages: int, totals: dict[str, list[int]]) -> str:
    rows = [
        f"parser accuracy over {pages} pages",
        f"{'field':<12}{'correct':>9}{'total':>7}{'accuracy':>10}",
    ]
    for name, (ok, total) in totals.items():
        rows.append(f"{name:<12}{ok:>9}{total:>7}{ok / total:>10.1%}")
    return "\n".join(rows)


def test_accuracy_on_corpus(record_property):
    pages = corpus_pages()
    assert len(pages) >= 5
    totals = {f: [0, 0] for f in FIELDS}
    masthead_errors = []
    for path in pages:
        want = expected_for(path)
        got = full_json(parse_file(path))
        for key in ("paper", "date", "weekday", "lunar_date", "page_number", "page_name"):
            if key in want and got[key] != want[key]:
                masthead_errors.append(f"{path.name}: {key} {got[key]!r} != {want[key]!r}")
        for name, (ok, total) in _score(got, want).items():
            totals[name][0] += ok
            totals[name][1] += total
    table = accuracy_table(len(pages), totals)
    # Printed in the terminal summary by tests/parser/conftest.py (also under xdist).
    record_property("parser_accuracy", table)
    assert not masthead_errors, masthead_errors
    below = {name: f"{ok}/{total}" for name, (ok, total) in totals.items() if ok < total}
    assert not below, f"fields below 100%: {below}\n{table}"


def test_score_counts_a_wrong_split_against_every_field():
    article = {
        "kicker": None,
        "headline": "甲",
        "subtitle": None,
        "column": None,
        "byline": "本报讯",
        "reporters": [],
        "kind": "news",
        "paragraphs": ["一。", "二。"],
    }
    second = {**article, "headline": "乙", "paragraphs": ["三。"]}
    joined = {**article, "paragraphs": ["一。", "二。", "乙三。"]}
    score = _score({"articles": [joined]}, {"articles": [article, second]})
    assert score["boundaries"] == (0, 2)
    assert score["headline"] == (1, 2)
    assert score["paragraphs"] == (0, 2)
    assert "boundaries" in accuracy_table(1, {k: list(v) for k, v in score.items()})
