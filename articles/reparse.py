"""Re-parse a stored page from its raw text: first what would change, then the change.

The same rules as a re-import (``articles/importer.py``): articles an editor changed stay as
they are unless forced, and a page whose articles an editor split, merged or reordered is
left whole unless forced. :func:`plan` writes nothing; :func:`apply` is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from articles.importer import ImportResult, article_values, store_articles, stored_values
from articles.models import Article, Page
from articles.originals import label
from articles.parsing import PageError, parse_page

CREATE, UPDATE, UNCHANGED, KEEP, DELETE = "新建", "更新", "不变", "保留编辑修改", "删除"
# Warnings the importer adds about the page number, not the parser's: a re-parse keeps them.
IMPORTER_WARNING = "版面和文件名里都没有版次"


@dataclass(frozen=True)
class Row:
    position: int
    action: str
    headline_now: str = ""
    headline_new: str = ""
    changed: tuple[str, ...] = ()


@dataclass
class Plan:
    page: Page
    rows: list[Row] = field(default_factory=list)
    error: str = ""
    layout_kept: bool = False

    @property
    def changes(self) -> int:
        return sum(1 for row in self.rows if row.action in (CREATE, UPDATE, DELETE))


def _parse(page: Page):
    return parse_page(page.raw_text, filename=page.source_name, date=page.edition.date)


def plan(page: Page, *, force: bool = False) -> Plan:
    """What re-parsing ``page`` would do to each of its articles; nothing is written."""
    result = Plan(page)
    try:
        parsed = _parse(page)
    except PageError as exc:
        where = f":{exc.line}" if exc.line else ""
        result.error = f"{page.source_name}{where}: {exc.message}"
        return result
    existing = {
        article.position: article
        for article in page.articles.prefetch_related("credits__person").order_by("position")
    }
    if page.layout_edited and not force:
        result.layout_kept = True
        result.rows = [Row(a.position, KEEP, a.headline, a.headline) for a in existing.values()]
        return result
    for position, article_parse in enumerate(parsed.articles, start=1):
        values, credits = article_values(article_parse)
        article = existing.pop(position, None)
        if article is None:
            result.rows.append(Row(position, CREATE, "", values["headline"]))
            continue
        now = (article.headline, values["headline"])
        if article.edited and not force:
            result.rows.append(Row(position, KEEP, *now))
            continue
        old_values, old_credits = stored_values(article)
        changed = tuple(
            label(name)
            for name in ("kicker", "headline", "subtitle", "column", "byline", "kind", "body")
            if old_values[name] != values[name]
        ) + (("署名人员",) if old_credits != credits else ())
        if old_values["notes"] != values["notes"]:
            changed += (str(Article._meta.get_field("notes").verbose_name),)
        result.rows.append(Row(position, UPDATE if changed else UNCHANGED, *now, changed))
    for article in existing.values():
        action = KEEP if article.edited and not force else DELETE
        result.rows.append(Row(article.position, action, article.headline, ""))
    return result


@transaction.atomic
def apply(page: Page, *, force: bool = False) -> ImportResult:
    """Re-parse ``page`` and store the result as a re-import of its file would."""
    page = Page.objects.select_for_update().select_related("edition").get(pk=page.pk)
    parsed = _parse(page)
    result = ImportResult(source_name=page.source_name)
    store_articles(parsed.articles, page.edition, page, result, force=force)
    kept = [w for w in page.warnings if w.startswith(IMPORTER_WARNING)]
    warnings = list(parsed.warnings) + kept
    if warnings != page.warnings:
        page.warnings = warnings
        page.save(update_fields=["warnings"])
    return result
