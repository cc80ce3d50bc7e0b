"""What an editor does to the shape of a page and to people, each in one transaction.

Split an article at a paragraph, merge it into the article before or after it, move it up or
down; rename a person, merge people. Surviving articles keep their ids (their permalinks); a
merged-away article leaves an :class:`~articles.models.ArticleRedirect` and its parser
original. Saves go through the models, so the search index queue hears of every article
touched in the same transaction; position changes made with ``update()`` enqueue explicitly.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from articles.credits import forget_uncredited, rederive_credits
from articles.models import Article, ArticleRedirect, Credit, Page, Person, PersonAlias
from articles.search import queue


class EditError(ValueError):
    """An operation that cannot be done as asked; the message is for the editor."""


# --- positions ------------------------------------------------------------------------------


def _renumber(page: Page, ordered: list[int]) -> None:
    """Give the page's articles positions 1..n in the order of ``ordered`` (article ids).

    Two passes through free numbers, so the (page, position) unique constraint holds after
    every single UPDATE on any database.
    """
    top = (page.articles.aggregate(top=Max("position"))["top"] or 0) + 1
    current = dict(page.articles.values_list("pk", "position"))
    moved = [pk for index, pk in enumerate(ordered, start=1) if current.get(pk) != index]
    for offset, pk in enumerate(moved):
        Article.objects.filter(pk=pk).update(position=top + offset)
    for pk in moved:
        Article.objects.filter(pk=pk).update(position=ordered.index(pk) + 1)
    if moved:
        queue.enqueue(moved)
        queue.schedule_drain()


def _page_order(page: Page) -> list[int]:
    return list(page.articles.order_by("position").values_list("pk", flat=True))


def _layout_edited(page: Page) -> None:
    if not page.layout_edited:
        Page.objects.filter(pk=page.pk).update(layout_edited=True)
        page.layout_edited = True


def neighbour(article: Article, direction: str) -> Article | None:
    """The article just before (``previous``) or after (``next``) on the same page."""
    siblings = Article.objects.filter(page_id=article.page_id)
    if direction == "previous":
        return siblings.filter(position__lt=article.position).order_by("-position").first()
    if direction == "next":
        return siblings.filter(position__gt=article.position).order_by("position").first()
    raise EditError(f"未知方向: {direction}")


# --- split ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewTitles:
    headline: str
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""


@transaction.atomic
def split(article: Article, paragraph: int, titles: NewTitles, title_lines: int = 0) -> Article:
    """Cut ``article`` before its paragraph number ``paragraph`` (0-based); the lower part
    becomes a new article right after it, with the titles the editor gives it.

    ``title_lines``: how many paragraphs at the cut are the new article's printed titles or
    byline (a missed boundary leaves them in the text); they leave the body.
    """
    article = Article.objects.select_for_update().get(pk=article.pk)
    paragraphs = article.paragraphs
    if not 0 < paragraph < len(paragraphs):
        raise EditError("拆分位置必须在第一段之后、最后一段之前或之上")
    if not titles.headline.strip():
        raise EditError("新文章需要标题")
    upper, lower = paragraphs[:paragraph], paragraphs[paragraph:]
    if not 0 <= title_lines < len(lower):
        raise EditError("标题行之后至少要留一段正文")
    cut_line = _line_of(article, lower[0])
    lower = lower[title_lines:]
    article.body = "\n".join(upper)
    article.edited = True
    old_last = article.last_line
    if cut_line is not None:
        article.last_line = max((article.first_line or cut_line), cut_line - 1)
    article.save()

    page = article.page
    order = _page_order(page)
    top = (page.articles.aggregate(top=Max("position"))["top"] or 0) + 1
    new = Article.objects.create(
        edition_id=article.edition_id,
        page=page,
        position=top,
        kicker=titles.kicker.strip(),
        headline=titles.headline.strip(),
        subtitle=titles.subtitle.strip(),
        byline=titles.byline.strip(),
        kind=article.kind,
        body="\n".join(lower),
        edited=True,
        first_line=cut_line,
        last_line=old_last if cut_line is not None else None,
        original=None,  # no parse of its own: the text's parse stays on the article above
    )
    order.insert(order.index(article.pk) + 1, new.pk)
    _renumber(page, order)
    rederive_credits(new)
    _layout_edited(page)
    new.refresh_from_db()
    return new


def _line_of(article: Article, paragraph: str) -> int | None:
    """The page line where ``paragraph`` starts, searched within the article's own lines."""
    if article.first_line is None or article.last_line is None:
        return None
    probe = paragraph.strip()[:12]
    if not probe:
        return None
    lines = article.page.raw_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number in range(article.first_line, min(article.last_line, len(lines)) + 1):
        if probe in lines[number - 1] or lines[number - 1].strip()[:12] == probe:
            return number
    return None


# --- merge ----------------------------------------------------------------------------------


class TitleLines:
    """What becomes of the merged-away article's titles (a byline read as a headline, …)."""

    BODY = "body"  # kept as paragraphs where the two texts meet
    BYLINE = "byline"  # appended to the absorbing article's byline, credits re-derived
    DROP = "drop"

    choices = (
        (BODY, "并入正文(放在两篇相接处)"),
        (BYLINE, "作为署名(署名人员随之重新识别)"),
        (DROP, "舍弃"),
    )


def _title_lines(article: Article) -> list[str]:
    return [t for t in (article.kicker, article.headline, article.subtitle) if t.strip()]


@transaction.atomic
def merge(article: Article, direction: str, titles: str = TitleLines.BODY) -> Article:
    """Fold ``article`` into its neighbour (``previous`` or ``next``); returns the absorber.

    The absorber keeps its id and titles; the merged article's text joins it where the two
    met, its credits are carried over, and its URL redirects to the absorber.
    """
    article = Article.objects.select_for_update().get(pk=article.pk)
    target = neighbour(article, direction)
    if target is None:
        where = "前面" if direction == "previous" else "后面"
        raise EditError(f"本版《{article.headline}》{where}没有文章可以合并")
    target = Article.objects.select_for_update().get(pk=target.pk)
    heads = _title_lines(article)
    joined = [] if titles != TitleLines.BODY else heads
    if direction == "previous":
        target.body = "\n".join(target.paragraphs + joined + article.paragraphs)
    else:
        target.body = "\n".join(joined + article.paragraphs + target.paragraphs)
    bylines = [target.byline, article.byline]
    if titles == TitleLines.BYLINE:
        bylines.insert(1, " ".join(heads))
    if direction == "next":
        bylines.reverse()
    target.byline = " ".join(b.strip() for b in bylines if b and b.strip())
    spans = [
        n
        for n in (article.first_line, article.last_line, target.first_line, target.last_line)
        if n is not None
    ]
    if spans:
        target.first_line, target.last_line = min(spans), max(spans)
    target.edited = True
    target.save()

    _carry_credits(article, target)
    ArticleRedirect.objects.filter(target=article).update(target=target)
    ArticleRedirect.objects.create(
        old_id=article.pk, target=target, headline=article.headline, original=article.original
    )
    page = article.page
    old_people = set(article.credits.values_list("person_id", flat=True))
    article.credits.all().delete()
    article.delete()
    forget_uncredited(old_people)
    _renumber(page, _page_order(page))
    rederive_credits(target)
    _layout_edited(page)
    target.refresh_from_db()
    return target


def _carry_credits(source: Article, target: Article) -> None:
    """Credits the absorber lacks come over with their mark; the re-derive that follows
    reads the byline-derived ones again from the joined byline and keeps the hand-added."""
    taken = set(target.credits.values_list("person_id", "role"))
    order = target.credits.count()
    for credit in source.credits.order_by("order", "pk"):
        if (credit.person_id, credit.role) in taken:
            continue
        taken.add((credit.person_id, credit.role))
        Credit.objects.create(
            article=target,
            person_id=credit.person_id,
            role=credit.role,
            printed_role=credit.printed_role,
            order=order,
            by_hand=credit.by_hand,
        )
        order += 1


# --- move -----------------------------------------------------------------------------------


@transaction.atomic
def move(article: Article, direction: str) -> Article:
    """Swap the article with its neighbour (``up`` = previous, ``down`` = next)."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    other = neighbour(article, "previous" if direction == "up" else "next")
    if other is None:
        raise EditError("已经在本版" + ("第一篇" if direction == "up" else "最后一篇"))
    order = _page_order(article.page)
    i, j = order.index(article.pk), order.index(other.pk)
    order[i], order[j] = order[j], order[i]
    _renumber(article.page, order)
    _layout_edited(article.page)
    article.refresh_from_db()
    return article


# --- people ---------------------------------------------------------------------------------


@transaction.atomic
def rename_person(person: Person, new_name: str) -> Person:
    """Correct a person's spelling; the old spelling keeps working as an alias."""
    new_name = new_name.strip()
    person = Person.objects.select_for_update().get(pk=person.pk)
    if not new_name:
        raise EditError("姓名不能为空")
    if new_name == person.name:
        return person
    if Person.objects.filter(name=new_name).exclude(pk=person.pk).exists():
        raise EditError(f"已有人员“{new_name}”: 请用“合并人员”把两人合为一人")
    taken = PersonAlias.objects.filter(name=new_name).first()
    if taken is not None and taken.person_id != person.pk:
        raise EditError(f"“{new_name}”已是另一位人员的其他写法")
    if taken is not None:
        taken.delete()  # back to a spelling it had before
    old_name = person.name
    person.name = new_name
    person.save()  # re-indexes every article crediting them
    PersonAlias.objects.create(name=old_name, person=person, merged=False)
    return person


@transaction.atomic
def merge_people(keep: Person, others) -> Person:
    """Fold ``others`` into ``keep``: their credits, their spellings, their URLs.

    A fixed number of writes however many credits move (a prolific reporter has thousands):
    where two spellings credit one article in one role, the kept person's credit (or the
    first) stays and the others go; the rest change person in one UPDATE.
    """
    keep = Person.objects.select_for_update().get(pk=keep.pk)
    others = [
        p
        for p in Person.objects.select_for_update().filter(pk__in=[o.pk for o in others])
        if p.pk != keep.pk
    ]
    if not others:
        raise EditError("请至少选择两位人员")
    everyone = [keep.pk, *(p.pk for p in others)]
    rows = Credit.objects.filter(person__in=everyone).order_by("pk")
    chosen: dict[tuple[int, str], int] = {}
    duplicates, touched = [], set()
    for pk, article_id, role, person_id in rows.values_list(
        "pk", "article_id", "role", "person_id"
    ):
        key = (article_id, role)
        if person_id != keep.pk:
            touched.add(article_id)
        if key not in chosen:
            chosen[key] = pk
        elif person_id == keep.pk:
            duplicates.append(chosen[key])
            chosen[key] = pk
        else:
            duplicates.append(pk)
    for start in range(0, len(duplicates), 500):
        Credit.objects.filter(pk__in=duplicates[start : start + 500]).delete()
    Credit.objects.filter(person__in=[p.pk for p in others]).update(person=keep)
    PersonAlias.objects.filter(person__in=others).update(person=keep)
    Person.objects.filter(pk__in=[p.pk for p in others]).delete()
    PersonAlias.objects.bulk_create(
        PersonAlias(name=p.name, person=keep, old_id=p.pk) for p in others
    )
    queue.enqueue(touched)
    queue.schedule_drain()
    return keep
