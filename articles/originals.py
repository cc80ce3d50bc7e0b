"""The parser's version of an article beside the editor's: what changed, and going back.

Every imported article keeps the parse it came from in ``Article.original`` (fields and
credits as plain JSON). Django's admin history (LogEntry) records who did what and when;
this module answers "what is different from the parse now", which a log of steps cannot.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db import transaction
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, Credit

FIELDS = ("kicker", "headline", "subtitle", "column", "byline", "kind", "body")
CREDITS = "credits"
# Char-level diffs of paragraphs longer than this cost too much for what they show.
CHAR_DIFF_LIMIT = 3000


def snapshot(values: dict, credits) -> dict:
    """The stored form of an article: its fields and [name, role, printed role] credits."""
    return {
        **{name: values.get(name) or "" for name in FIELDS},
        CREDITS: [[name, role, printed] for name, role, printed, *_ in credits],
    }


def current(article: Article) -> dict:
    credits = sorted(article.credits.all(), key=lambda credit: (credit.order, credit.pk))
    return snapshot(
        {name: getattr(article, name) for name in FIELDS},
        [(credit.person.name, credit.role, credit.printed_role) for credit in credits],
    )


def label(name: str) -> str:
    if name == CREDITS:
        return "署名人员"
    return str(Article._meta.get_field(name).verbose_name)


@dataclass(frozen=True)
class Difference:
    name: str
    label: str
    original: str
    current: str
    html: SafeString


def differences(article: Article) -> list[Difference]:
    """Each field (and the credits) where the article no longer says what the parse said."""
    if not article.original:
        return []
    now = current(article)
    found = []
    for name in (*FIELDS, CREDITS):
        before, after = _text(name, article.original.get(name)), _text(name, now[name])
        if before != after:
            html = _lines_diff(before, after) if name == "body" else _chars_diff(before, after)
            found.append(Difference(name, label(name), before, after, html))
    return found


def _text(name: str, value) -> str:
    if name == CREDITS:
        return "、".join(f"{person}({role})" for person, role, *_ in value or [])
    return value or ""


def _chars_diff(before: str, after: str) -> SafeString:
    if len(before) + len(after) > CHAR_DIFF_LIMIT:
        return format_html("<del>{}</del><ins>{}</ins>", before, after)
    parts = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(format_html("{}", before[a1:a2]))
            continue
        if a2 > a1:
            parts.append(format_html("<del>{}</del>", before[a1:a2]))
        if b2 > b1:
            parts.append(format_html("<ins>{}</ins>", after[b1:b2]))
    return mark_safe("".join(parts))


def _lines_diff(before: str, after: str) -> SafeString:
    """Paragraph by paragraph; a paragraph changed in place shows its changed characters."""
    old, new = before.split("\n"), after.split("\n")
    rows = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            rows.extend(("same", format_html("{}", line)) for line in old[a1:a2])
        elif op == "replace" and a2 - a1 == b2 - b1:
            rows.extend(
                ("changed", _chars_diff(x, y)) for x, y in zip(old[a1:a2], new[b1:b2], strict=True)
            )
        else:
            rows.extend(("removed", format_html("<del>{}</del>", line)) for line in old[a1:a2])
            rows.extend(("added", format_html("<ins>{}</ins>", line)) for line in new[b1:b2])
    return format_html(
        '<ol class="body-diff">{}</ol>',
        format_html_join("", '<li class="{}">{}</li>', rows),
    )


@transaction.atomic
def revert(article: Article, names) -> list[str]:
    """Put the named fields (and ``credits``) back as parsed; returns the labels reverted.

    Reverting the credits gives exactly the parser's credits: hand-added ones go too.
    """
    from articles.credits import forget_uncredited, person_named

    original = article.original or {}
    names = [name for name in names if name in (*FIELDS, CREDITS) and name in original]
    for name in names:
        if name in FIELDS:
            setattr(article, name, original[name])
    article.edited = bool(_still_differs(article, names))
    article.save()
    if CREDITS in names:
        old = list(article.credits.all())
        for credit in old:
            credit.delete()
        for order, (name, role, printed) in enumerate(original[CREDITS]):
            Credit.objects.get_or_create(
                article=article,
                person=person_named(name),
                role=role,
                defaults={"printed_role": printed, "order": order},
            )
        forget_uncredited({credit.person_id for credit in old})
    return [label(name) for name in names]


def _still_differs(article: Article, reverted) -> list[str]:
    original = article.original or {}
    now = current(article)
    return [
        name
        for name in (*FIELDS, CREDITS)
        if name not in reverted and _text(name, original.get(name)) != _text(name, now[name])
    ]
