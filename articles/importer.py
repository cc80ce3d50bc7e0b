"""Store parsed page files: one file is one printed page, imported in one transaction.

The natural key of an article is (edition date, page number, position), so importing a file
again finds what it stored last time: an unchanged file writes nothing, a changed one updates
only the articles that differ and removes the ones no longer on the page. An article an
editor changed in the admin (``edited``) is never overwritten unless the import is forced.
A file never takes the place of a page another file stored unless ``replace`` is given, and
whatever a re-import rewrites is kept first as a :class:`~articles.models.PageRevision`.
Every file leaves an :class:`~articles.models.ImportRun`, failures too.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.cleaning import clean_text, is_supply_credit, is_unit, person_name
from articles.models import (
    Article,
    Credit,
    Edition,
    ImportRun,
    Kind,
    Page,
    PageRevision,
    Person,
    PersonAlias,
    Role,
)
from articles.originals import snapshot
from articles.parsing import PageError, decode_page, page_number_from_filename, parse_page
from articles.parsing.parsed import ParsedArticle, ParsedEdition
from articles.search.queue import deferred_indexing

Outcome = ImportRun.Outcome

ARTICLE_FIELDS = ("kicker", "headline", "subtitle", "column", "byline", "kind", "body", "notes")
ROLES = set(Role.values)
KINDS = set(Kind.values)


@dataclass
class ImportResult:
    source_name: str
    outcome: str = Outcome.FAILED
    edition_date: Date | None = None
    page_number: int | None = None
    page_number_guessed: bool = False
    encoding: str = ""
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # changed by an editor, so not overwritten
    deleted: int = 0
    error: str = ""
    line: int | None = None
    # Things worth telling whoever runs the import (page replaced from another file, …).
    messages: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.outcome == Outcome.FAILED


@dataclass
class Summary:
    results: list[ImportResult] = field(default_factory=list)
    # Entries of the folders given that were not imported, and why (see collect_files).
    skipped: list[tuple[Path, str]] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for result in self.results if result.outcome == outcome)

    def articles(self, name: str) -> int:
        return sum(getattr(result, name) for result in self.results)

    @property
    def failures(self) -> list[ImportResult]:
        return [result for result in self.results if result.failed]

    def __str__(self) -> str:
        files = ", ".join(f"{outcome} {self.count(outcome)}" for outcome in Outcome.values)
        articles = ", ".join(
            f"{name} {self.articles(name)}"
            for name in ("created", "updated", "unchanged", "kept", "deleted")
        )
        skipped = f", skipped {len(self.skipped)}" if self.skipped else ""
        return f"{files}{skipped}; articles: {articles}"


class _Failure(Exception):
    """Raised inside the page transaction to roll it back with a message for the result."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


def import_file(
    path, *, force: bool = False, date: Date | None = None, replace: bool = False
) -> ImportResult:
    """Import one page file; never raises for a bad file, the result says what went wrong."""
    path = Path(path)
    result = ImportResult(source_name=str(path))
    run = ImportRun.objects.create(
        source_name=_clip(str(path), ImportRun, "source_name"),
        outcome=Outcome.FAILED,
        error="导入未完成(进程中断)",  # overwritten below unless the process dies
    )
    try:
        _import(path, result, force=force, date=date, replace=replace)
    except (PageError, _Failure) as exc:
        _fail(result, path, exc.message, exc.line)
    except OSError as exc:
        _fail(result, path, f"无法读取文件: {exc.strerror or exc}", None)
    except Exception as exc:  # a database error mid-page: the transaction is rolled back
        _fail(result, path, f"{type(exc).__name__}: {exc}", None)
    ImportRun.objects.filter(pk=run.pk).update(
        outcome=result.outcome,
        finished_at=timezone.now(),
        edition_date=result.edition_date,
        encoding=result.encoding,
        articles_created=result.created,
        articles_updated=result.updated,
        articles_unchanged=result.unchanged,
        articles_kept=result.kept,
        articles_deleted=result.deleted,
        error=result.error,
    )
    return result


def import_paths(
    paths: Iterable,
    *,
    force: bool = False,
    date: Date | None = None,
    replace: bool = False,
    progress: Callable[[ImportResult], None] | None = None,
) -> Summary:
    """Import every page file under ``paths``; a bad file is reported and the rest go on.

    The search index is drained once at the end rather than after every page.
    """
    summary = Summary()
    files = collect_files(paths, skipped=summary.skipped)
    with deferred_indexing():
        for path in files:
            result = import_file(path, force=force, date=date, replace=replace)
            summary.results.append(result)
            if progress is not None:
                progress(result)
    return summary


def collect_files(paths: Iterable, skipped: list | None = None) -> list[Path]:
    """Files as given, folders expanded to their ``*.txt`` files (recursively, sorted).

    A path that does not exist is kept so that its import fails with a clear message. In
    a folder, what looks like a page but is not imported (a broken link, ``X.TXT``) is
    appended to ``skipped`` as ``(path, why)``, so the caller can say so.
    """
    files: list[Path] = []
    for path in map(Path, paths):
        if not path.is_dir():
            files.append(path)
            continue
        for entry in sorted(path.rglob("*")):
            why = _skip_reason(entry)
            if why is None:
                files.append(entry)
            elif why and skipped is not None:
                skipped.append((entry, why))
    return files


def _skip_reason(entry: Path) -> str | None:
    """None: a page to import; "": not a page at all (README.md, a folder); else why not."""
    if entry.suffix.lower() != ".txt" or entry.is_dir():
        return ""
    if entry.is_symlink() and not entry.exists():
        return f"链接指向的文件不存在 (broken symlink to {os.readlink(entry)})"
    if not entry.is_file():
        return "不是普通文件 (not a regular file)"
    if entry.suffix != ".txt":
        return f"扩展名是 {entry.suffix} 而不是 .txt, 改名后再导入 (only *.txt is imported)"
    return None


def _fail(result: ImportResult, path: Path, message: str, line: int | None) -> None:
    result.outcome = Outcome.FAILED
    result.created = result.updated = result.unchanged = result.kept = result.deleted = 0
    result.line = line
    result.error = f"{path}:{line}: {message}" if line else f"{path}: {message}"


def _read_bounded(path: Path) -> bytes:
    """The file's bytes, refused unread past ``IMPORT_MAX_PAGE_BYTES`` (a huge file would
    otherwise take gigabytes to parse and index) and never read from a pipe or device."""
    limit = settings.IMPORT_MAX_PAGE_BYTES
    if path.exists() and not path.is_file():
        raise _Failure("不是普通文件, 未读取 (not a regular file)")
    size = path.stat().st_size
    if size > limit:
        raise _Failure(_too_large(size, limit))
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:  # grew while we looked
        raise _Failure(_too_large(len(data), limit))
    return data


def _too_large(size: int, limit: int) -> str:
    return (
        f"文件 {size:,} 字节, 超过一版的上限 {limit:,} 字节, 未导入"
        f" (page file too large; limit YONGKANG_MAX_PAGE_BYTES)"
    )


def _check_lengths(parsed: ParsedEdition) -> None:
    """Refuse the page if one article is longer than ``IMPORT_MAX_ARTICLE_CHARS``."""
    limit = settings.IMPORT_MAX_ARTICLE_CHARS
    for number, article in enumerate(parsed.articles, start=1):
        length = sum(len(paragraph) for paragraph in article.paragraphs)
        if length > limit:
            headline = article.headline[:30] + ("…" if len(article.headline) > 30 else "")
            raise _Failure(
                f"第{number}篇《{headline}》正文 {length:,} 字, 超过一篇的上限 {limit:,} 字,"
                f" 整版未导入 (article too long; limit YONGKANG_MAX_ARTICLE_CHARS)",
                line=article.lines[0] if article.lines else None,
            )


def _import(
    path: Path, result: ImportResult, *, force: bool, date: Date | None, replace: bool
) -> None:
    data = _read_bounded(path)
    text, encoding = decode_page(data)
    # XML feeds cannot carry control characters and PostgreSQL no NUL: none is stored.
    text = clean_text(text)
    result.encoding = encoding
    if not encoding.lower().replace("-", "").replace("_", "").startswith(("utf8", "ascii")):
        result.messages.append(f"{path}: 不是 UTF-8, 按 {encoding} 解码")
    parsed = parse_page(text, filename=path.name, date=date)
    _check_lengths(parsed)
    result.edition_date = parsed.date
    result.page_number = parsed.page_number or page_number_from_filename(path.name)
    result.page_number_guessed = result.page_number is None
    checksum = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        _store(parsed, text, path.name, checksum, result, force=force, replace=replace)


def _store(
    parsed: ParsedEdition,
    text: str,
    source_name: str,
    checksum: str,
    result: ImportResult,
    *,
    force: bool,
    replace: bool,
) -> None:
    source_name = _clip(source_name, Page, "source_name")  # as stored, for comparisons too
    edition = Edition.objects.filter(paper=parsed.paper, date=parsed.date).first()
    page = None
    if edition is not None:
        page = _existing_page(edition, source_name, result)
    if page is not None and page.checksum == checksum and not force:
        result.outcome = Outcome.UNCHANGED
        result.unchanged = page.articles.count()
        return
    replacing = page is not None and page.source_name != source_name
    if replacing and not replace:
        raise _Failure(
            f"{parsed.date} 第{page.number}版已由 {page.source_name} 导入, 未替换;"
            f" 确要用 {source_name} 替换它, 请加 --replace (旧版面和文章会留在版面历史里)"
            f" (page already imported from another file)"
        )
    before = _revision(page, source_name, replacing) if page is not None else None

    changed = False
    # An inner page may not print the weekday or lunar date: never blank the front page's.
    edition_values = {
        name: value
        for name, value in (("weekday", parsed.weekday), ("lunar_date", parsed.lunar_date))
        if value
    }
    if edition is None:
        # get_or_create: another process may be importing another page of the same day.
        edition, _ = Edition.objects.get_or_create(
            paper=parsed.paper, date=parsed.date, defaults=edition_values
        )
    else:
        changed |= _save_if_changed(edition, edition_values)

    warnings = list(parsed.warnings)
    if page is None and result.page_number_guessed:
        result.page_number = _free_number(edition)
    if result.page_number_guessed:
        warnings.append(
            f"版面和文件名里都没有版次, 记为第{result.page_number}版; 导入印有该版次的版面时会让出"
        )
    page_values = {
        "number": result.page_number,
        "number_guessed": result.page_number_guessed,
        "name": _clip(parsed.page_name or "", Page, "name"),
        "raw_text": text,
        "source_name": source_name,
        "checksum": checksum,
        "warnings": warnings,
    }
    _make_room(edition, result, page)
    if page is None:
        page = Page.objects.create(edition=edition, **page_values)
        page_created = True
    else:
        if page.source_name != page_values["source_name"]:
            result.messages.append(
                f"{source_name}: 替换了 {page.source_name} 导入的 {edition.date} 第{page.number}版"
            )
        changed |= _save_if_changed(page, page_values)
        page_created = False

    store_articles(parsed.articles, edition, page, result, force=force)
    if before is not None and (changed or result.updated or result.deleted or replacing):
        before.save()
        if replacing:
            result.messages.append(
                f"{source_name}: 旧版面({before.source_name})及其 {len(before.articles)} 篇文章"
                f"已存入版面历史"
            )
    if page_created:
        result.outcome = Outcome.CREATED
    elif changed or result.created or result.updated or result.deleted:
        result.outcome = Outcome.UPDATED
    else:
        result.outcome = Outcome.UNCHANGED


def _revision(page: Page, source_name: str, replacing: bool) -> PageRevision:
    """The page as stored now, articles and people included (saved if the import changes it)."""
    articles = [
        {
            "position": article.position,
            **{name: getattr(article, name) for name in ARTICLE_FIELDS if name != "notes"},
            "edited": article.edited,
            "people": [
                [credit.person.name, credit.role]
                for credit in sorted(article.credits.all(), key=lambda c: c.order)
            ],
        }
        for article in page.articles.prefetch_related("credits__person").order_by("position")
    ]
    return PageRevision(
        edition=page.edition,
        number=page.number,
        name=page.name,
        source_name=page.source_name,
        checksum=page.checksum,
        raw_text=page.raw_text,
        articles=articles,
        imported_at=page.imported_at,
        reason=PageRevision.Reason.REPLACED if replacing else PageRevision.Reason.REIMPORTED,
        replaced_by=source_name,
    )


def _existing_page(edition: Edition, source_name: str, result: ImportResult) -> Page | None:
    """The page this file stored last time, or the page it replaces."""
    same_file = edition.pages.filter(source_name=source_name)
    if result.page_number_guessed:
        # A file without a number keeps the one it had; it never replaces another page.
        page = same_file.order_by("number_guessed", "number").first()
        if page is not None:
            result.page_number = page.number
        return page
    page = edition.pages.filter(number=result.page_number).first()
    if page is None or page.number_guessed:
        # The file now prints its number (an editor fixed the OCR): move its page there.
        page = same_file.filter(number_guessed=True).first() or page
    if page is not None and page.number_guessed and page.source_name != source_name:
        return None  # a guess gives way; _make_room moves it
    return page


def _free_number(edition: Edition) -> int:
    """1 while the day has no page 1, else the number after its last page."""
    numbers = set(edition.pages.values_list("number", flat=True))
    return 1 if 1 not in numbers else max(numbers) + 1


def _make_room(edition: Edition, result: ImportResult, page: Page | None) -> None:
    """Move a page whose number was only guessed out of the way of one that prints it."""
    if result.page_number_guessed:
        return
    guessed = edition.pages.filter(number=result.page_number, number_guessed=True)
    guessed = guessed.exclude(pk=page.pk).first() if page else guessed.first()
    if guessed is None:
        return
    guessed.number = _free_number(edition)
    guessed.warnings = [
        *[w for w in guessed.warnings if not w.startswith("版面和文件名里都没有版次")],
        f"版面和文件名里都没有版次, 记为第{guessed.number}版; 原第{result.page_number}版"
        f"让给了 {Path(result.source_name).name}",
    ]
    guessed.save()
    result.messages.append(
        f"{guessed.source_name} 没有印版次, 从第{result.page_number}版移到第{guessed.number}版"
    )


def store_articles(
    articles: list[ParsedArticle], edition: Edition, page: Page, result: ImportResult, *, force
) -> None:
    """Store a page's parsed articles by position: unchanged ones untouched, changed ones
    updated (an editor's edits kept unless ``force``), the rest added or removed. Also used
    by the re-parse of a page (articles/reparse.py)."""
    if page.layout_edited and not force:
        # An editor split, merged or reordered this page: parsed positions no longer match.
        result.kept += page.articles.count()
        return
    if page.layout_edited:
        Page.objects.filter(pk=page.pk).update(layout_edited=False)
    existing = {
        article.position: article
        for article in page.articles.prefetch_related("credits__person").order_by("position")
    }
    prepared = [article_values(parsed) for parsed in articles]
    people = _people(name for _, credits in prepared for name, *_ in credits)
    orphan_candidates: set[int] = set()

    for position, (parsed, (values, credits)) in enumerate(
        zip(articles, prepared, strict=True), start=1
    ):
        article = existing.pop(position, None)
        parse = _parse_record(parsed, values, credits)
        if article is None:
            article = Article.objects.create(
                edition=edition, page=page, position=position, **values, **parse
            )
            _create_credits(article, credits, people)
            result.created += 1
        elif article.edited and not force:
            result.kept += 1
        elif stored_values(article) == (values, credits):
            if any(getattr(article, name) != value for name, value in parse.items()):
                Article.objects.filter(pk=article.pk).update(**parse)
            result.unchanged += 1
        else:
            if article.notes != values["notes"]:
                article.reviewed = False  # new doubts need a new look
            for name, value in {**values, **parse}.items():
                setattr(article, name, value)
            article.edited = False
            # Saved even when only the credits changed, so the search index hears of it.
            article.save()
            old_people = {credit.person_id for credit in article.credits.all()}
            article.credits.all().delete()
            _create_credits(article, credits, people)
            orphan_candidates |= old_people
            result.updated += 1

    for article in existing.values():  # on the page last time, gone now
        if article.edited and not force:
            result.kept += 1
            continue
        orphan_candidates |= {credit.person_id for credit in article.credits.all()}
        article.delete()
        result.deleted += 1

    if orphan_candidates:
        # People whose only credits were just replaced would linger on the people pages.
        Person.objects.filter(pk__in=orphan_candidates, credits__isnull=True).delete()


def article_values(parsed: ParsedArticle) -> tuple[dict, list[tuple[str, str, str, int]]]:
    """(model field values, credits as (name, role, printed role, order)) of a parse."""
    notes = list(parsed.notes)
    values = {
        "kicker": parsed.kicker or "",
        "headline": parsed.headline or "",
        "subtitle": parsed.subtitle or "",
        "column": parsed.column or "",
        "byline": parsed.byline or "",
        "kind": parsed.kind if parsed.kind in KINDS else Kind.NEWS,
        "body": "\n".join(parsed.paragraphs),
    }
    for name in ("kicker", "headline", "subtitle", "column", "byline"):
        clipped = _clip(values[name], Article, name)
        if clipped != values[name]:
            label = Article._meta.get_field(name).verbose_name
            notes.append(f"{label}过长, 已截断")
            values[name] = clipped
    values["notes"] = notes

    credits: list[tuple[str, str, str, int]] = []
    seen: set[tuple[str, str]] = set()
    for credit in parsed.credits:
        role = credit.role if credit.role in ROLES else Role.OTHER
        if is_supply_credit(role, credit.printed_role) and is_unit(clean_text(credit.name)):
            continue  # an office that supplied the text: the byline shows it, it is no person
        name = person_name(credit.name)
        if name is None:
            if credit.name.strip():
                shown = clean_text(credit.name.strip())
                shown = shown if len(shown) <= 20 else shown[:20] + "…"
                notes.append(f"署名“{shown}”不像人名, 未记为署名人员")
            continue
        name = _clip(name, Person, "name")
        if (name, role) in seen:  # one credit per person and role
            continue
        seen.add((name, role))
        # A role outside the known ones is stored as 其他; keep its wording as printed.
        printed = credit.printed_role or (credit.role if role == Role.OTHER else "")
        printed = _clip(printed or "", Credit, "printed_role")
        credits.append((name, role, printed, len(credits)))
    return values, credits


def _parse_record(parsed: ParsedArticle, values: dict, credits) -> dict:
    """What the parser made of the article, kept beside the editors' version, and its lines."""
    first, last = parsed.lines or (None, None)
    return {"original": snapshot(values, credits), "first_line": first, "last_line": last}


def stored_values(article: Article) -> tuple[dict, list[tuple[str, str, str, int]]]:
    """The same pair as :func:`article_values`, of what is stored now (to compare)."""
    values = {name: getattr(article, name) for name in ARTICLE_FIELDS}
    credits = [
        (credit.person.name, credit.role, credit.printed_role, credit.order)
        for credit in sorted(article.credits.all(), key=lambda c: c.order)
    ]
    return values, credits


def _people(names: Iterable[str]) -> dict[str, Person]:
    names = set(names)
    people = {person.name: person for person in Person.objects.filter(name__in=names)}
    # A spelling an editor merged into someone credits that person.
    for alias in PersonAlias.objects.filter(name__in=names).select_related("person"):
        people[alias.name] = alias.person
    for name in names - people.keys():
        people[name], _ = Person.objects.get_or_create(name=name)
    return people


def _create_credits(article: Article, credits, people: dict[str, Person]) -> None:
    seen: set[tuple[int, str]] = set()  # two spellings of one person: one credit
    rows = []
    for name, role, printed, order in credits:
        if (people[name].pk, role) not in seen:
            seen.add((people[name].pk, role))
            rows.append(
                Credit(
                    article=article,
                    person=people[name],
                    role=role,
                    printed_role=printed,
                    order=order,
                )
            )
    Credit.objects.bulk_create(rows)


def _save_if_changed(instance, values: dict) -> bool:
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if not changed:
        return False
    for name in changed:
        setattr(instance, name, values[name])
    instance.save()
    return True


def _clip(value: str, model, field_name: str) -> str:
    return value[: model._meta.get_field(field_name).max_length]
