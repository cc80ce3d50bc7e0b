"""Snippets and highlighting: escaped, every query word marked, and a cost per document that
grows no faster than its matches (issue 13: 10,000 matches took 7.7 s, 20,000 took 34.5 s)."""

import sys

from articles.search import snippets
from articles.search.snippets import highlight, make_snippet


def traced_lines(function, *args) -> int:
    """Lines the snippet module executes for one call: a count of operations, not time."""
    count = 0
    code_file = snippets.__file__

    def tracer(frame, event, arg):
        nonlocal count
        if frame.f_code.co_filename != code_file:
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        function(*args)
    finally:
        sys.settrace(None)
    return count


def many_matches(n: int) -> str:
    # Every sentence holds the word; the one holding both words comes last.
    return "市民说永康很好。" * n + "永康五金城开业。"


def test_choosing_the_window_costs_in_proportion_to_the_matches():
    small = traced_lines(make_snippet, many_matches(1_000), ["永康", "五金"])
    large = traced_lines(make_snippet, many_matches(2_000), ["永康", "五金"])
    # Twice the matches: about twice the work (it was four times: every match against
    # every later one).
    assert large < 2.2 * small


def test_a_document_with_twenty_thousand_matches_gets_its_best_window():
    text = "说永康。" * 20_000 + "永康五金城开业。"
    assert len(text) < snippets.SCAN_CHARS
    snippet = make_snippet(text, ["永康", "五金"])
    assert "<mark>永康</mark><mark>五金</mark>" in snippet
    assert snippet.startswith("…")


def test_a_huge_document_is_searched_only_so_far():
    text = "无关的句子。" * (snippets.SCAN_CHARS // 6 + 10) + "永康五金"
    snippet = make_snippet(text, ["五金"])
    assert "<mark>" not in snippet and snippet.startswith("无关的句子")


def test_highlight_marks_every_word_and_escapes_the_rest():
    html = highlight('<b onclick="x">永康</b>的五金 & 永康', ["永康", "五金"])
    assert html == (
        "&lt;b onclick=&quot;x&quot;&gt;<mark>永康</mark>&lt;/b&gt;的<mark>五金</mark> &amp; "
        "<mark>永康</mark>"
    )
    assert highlight("<i>", []) == "&lt;i&gt;"


def test_a_query_word_holding_markup_is_escaped_too():
    html = highlight("a<b>c", ["<b>"])
    assert html == "a<mark>&lt;b&gt;</mark>c"
