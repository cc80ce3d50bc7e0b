"""Reading pages: home, date archive, edition, article, people, on this day.

Every page runs a fixed number of queries whatever it shows: lists select their editions
and pages and prefetch their credits, so a long edition costs no more than a short one.
"""

import calendar
import copy
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.functions import (
    ExtractDay,
    ExtractMonth,
    ExtractYear,
    Substr,
    TruncMonth,
)
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.generic.dates import (
    ArchiveIndexView,
    DayArchiveView,
    MonthArchiveView,
    YearArchiveView,
)

from articles.citation import newspaper_citation
from articles.forms import DATE_HINT, DATE_PATTERN, DayForm
from articles.models import Article, Credit, Edition, Page, Person, Role
from articles.search.query import words_to_mark
from articles.search.snippets import highlight
from articles.views.moved import moved_article, moved_person

logger = logging.getLogger(__name__)

PAPER_TZ = ZoneInfo("Asia/Shanghai")
PERSON_PAGE_SIZE = 20
PEOPLE_PAGE_SIZE = 100
RELATED_LIMIT = 5
CHART_MONTHS = 36
ON_THIS_DAY_LIMIT = 300
# How much of a body is read for its first paragraph (a summary, a description): never
# the whole of a very long article.
LEAD_SCAN_CHARS = 2000
# Related articles are found from the body's start: its subject is there, and the key
# words of a very long body cost seconds to count (a 3.4-million-character body took 9 s).
RELATED_TEXT_CHARS = 5000
# The article page shows a body this long at most, and pages through a longer one (only an
# article edited in the admin or imported before YONGKANG_MAX_ARTICLE_CHARS can be longer).
ARTICLE_PART_CHARS = 60_000


# --- shared pieces ------------------------------------------------------------------------


def article_list(queryset):
    """Articles with everything a list item shows (date, page, credited people) preloaded.

    Lists show at most a lead taken from the body's start (``body_start``), never the whole
    body or the page's text, so neither is read: a list of long articles costs no more than
    a list of short ones.
    """
    return (
        queryset.select_related("edition", "page")
        .prefetch_related("credits__person")
        .defer("body", "page__raw_text")
        .annotate(body_start=Substr("body", 1, LEAD_SCAN_CHARS))
    )


def group_by_page(articles):
    """[(page, [articles…]), …] in the order given; an edition page lists 版次 by 版次."""
    return [(page, list(items)) for page, items in groupby(articles, key=lambda a: a.page)]


def lead_paragraph(body: str) -> str:
    """The first non-blank paragraph among the body's first ``LEAD_SCAN_CHARS`` characters."""
    for line in body[:LEAD_SCAN_CHARS].split("\n"):
        if line.strip():
            return line
    return ""


@dataclass(frozen=True)
class BylinePart:
    text: str
    person: Person | None = None


def byline_parts(byline: str, credits) -> list[BylinePart]:
    """The printed byline cut into text and credited names, so each name can be a link.

    Names the byline does not print (an editor added a credit) follow at the end, so every
    credited person is reachable from the article.
    """
    parts = [BylinePart(byline)] if byline else []
    missing = []
    for credit in credits:
        person = credit.person
        # The byline may print a spelling merged into the person: link that too.
        spellings = [person.name, *getattr(person, "spellings", ())]
        found = (
            (index, name)
            for name in spellings
            for index, part in enumerate(parts)
            if part.person is None and name in part.text
        )
        for index, name in found:
            before, _, after = parts[index].text.partition(name)
            pieces = [BylinePart(before), BylinePart(name, person), BylinePart(after)]
            parts[index : index + 1] = [p for p in pieces if p.text]
            break
        else:
            if all(p.person != person for p in parts):
                missing.append(person)
    for person in missing:
        parts.extend([BylinePart(" "), BylinePart(person.name, person)])
    return parts


class EditionArchiveMixin:
    """What every date archive page shares: editions by their printed date, ints in the URL."""

    model = Edition
    date_field = "date"
    month_format = "%m"
    day_format = "%d"
    allow_future = True
    allow_empty = False


# --- home ---------------------------------------------------------------------------------


def home(request):
    edition = Edition.objects.latest_first().first()
    articles = []
    if edition is not None:
        articles = list(article_list(edition.articles.in_page_order()))
    recent = Edition.objects.latest_first()[1:8]
    context = {
        "edition": edition,
        "pages": group_by_page(articles),
        "recent_editions": recent,
    }
    return render(request, "articles/home.html", context)


# --- date archive -------------------------------------------------------------------------


def nearest_edition(day: date) -> Edition | None:
    """The edition printed on ``day``, else the closest one; on a tie the earlier, the
    paper a reader had in hand that day."""
    before = Edition.objects.filter(date__lte=day).order_by("-date").first()
    after = Edition.objects.filter(date__gt=day).order_by("date").first()
    found = [edition for edition in (before, after) if edition is not None]
    return min(found, key=lambda e: (abs((e.date - day).days), e.date > day), default=None)


class ArchiveIndex(EditionArchiveMixin, ArchiveIndexView):
    """Every year; the date box (``?date=``) jumps to the edition nearest the date typed."""

    template_name = "articles/archive.html"
    date_list_period = "year"
    allow_empty = True

    def get(self, request, *args, **kwargs):
        self.date_form = DayForm(request.GET)
        if self.date_form.is_valid() and self.date_form.cleaned_data["date"]:
            day = self.date_form.cleaned_data["date"]
            found = nearest_edition(day)
            if found is not None:
                url = found.get_absolute_url()
                if found.date != day:
                    url += f"?asked={day.isoformat()}"
                return redirect(url)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.date_form
        context["date_error"] = "；".join(form.messages()) if not form.is_valid() else ""
        context["date_value"] = self.request.GET.get("date", "")[:40]
        context["date_pattern"] = DATE_PATTERN
        context["date_hint"] = DATE_HINT
        counts = (
            Edition.objects.annotate(year=ExtractYear("date"))
            .values("year")
            .annotate(editions=Count("id"))
            .order_by("-year")
        )
        context["years"] = [(row["year"], row["editions"]) for row in counts]
        context["latest"] = Edition.objects.latest_first().first()
        return context


class ArchiveYear(EditionArchiveMixin, YearArchiveView):
    template_name = "articles/archive_year.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = context["year"].year
        counts = dict(
            Edition.objects.filter(date__year=year)
            .annotate(month=ExtractMonth("date"))
            .values_list("month")
            .annotate(editions=Count("id"))
            .values_list("month", "editions")
        )
        context["months"] = [(month, counts.get(month, 0)) for month in range(1, 13)]
        return context


class ArchiveMonth(EditionArchiveMixin, MonthArchiveView):
    template_name = "articles/archive_month.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        month = context["month"]
        editions = {edition.date: edition for edition in context["object_list"]}
        weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
            month.year, month.month
        )
        context["weekdays"] = ["一", "二", "三", "四", "五", "六", "日"]
        context["weeks"] = [
            [
                {"date": day, "in_month": day.month == month.month, "edition": editions.get(day)}
                for day in week
            ]
            for week in weeks
        ]
        return context


class EditionDay(EditionArchiveMixin, DayArchiveView):
    """One printed day: its articles in page order, grouped by 版次."""

    template_name = "articles/edition.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        editions = list(context["object_list"])
        articles = article_list(
            Article.objects.filter(edition__in=editions).order_by(
                "edition__paper", "page__number", "position"
            )
        )
        context["edition"] = editions[0]
        context["pages"] = group_by_page(articles)
        context["article_count"] = sum(len(items) for _, items in context["pages"])
        # Arrived from the archive's date box for a day without a paper: say so.
        asked = DayForm({"date": self.request.GET.get("asked", "")})
        if asked.is_valid() and asked.cleaned_data["date"]:
            context["asked"] = asked.cleaned_data["date"]
        return context


def page_text(request, year, month, day, number):
    """One printed page: its articles in printed order, and the text as OCR gave it, for
    readers who want to check the source."""
    try:
        printed = date(year, month, day)
    except (ValueError, OverflowError) as error:
        raise Http404("no such date") from error
    page = (
        Page.objects.select_related("edition")
        .filter(edition__date=printed, number=number)
        .order_by("edition__paper")
        .first()
    )
    if page is None:
        raise Http404("no such page")
    numbers = list(page.edition.pages.order_by("number").values_list("number", flat=True))
    index = numbers.index(page.number)
    context = {
        "page": page,
        "edition": page.edition,
        "articles": article_list(page.articles.order_by("position")),
        "previous_number": numbers[index - 1] if index > 0 else None,
        "next_number": numbers[index + 1] if index + 1 < len(numbers) else None,
    }
    return render(request, "articles/page_text.html", context)


archive_index = ArchiveIndex.as_view()
archive_year = ArchiveYear.as_view()
archive_month = ArchiveMonth.as_view()
edition = EditionDay.as_view()


# --- article ------------------------------------------------------------------------------


def neighbours(article):
    """The articles before and after this one in its edition's page order."""
    siblings = Article.objects.filter(edition_id=article.edition_id).only(
        "pk", "headline", "page__number", "position"
    )
    number, position = article.page.number, article.position
    previous = (
        siblings.filter(Q(page__number__lt=number) | Q(page__number=number, position__lt=position))
        .order_by("-page__number", "-position")
        .first()
    )
    following = (
        siblings.filter(Q(page__number__gt=number) | Q(page__number=number, position__gt=position))
        .order_by("page__number", "position")
        .first()
    )
    return previous, following


def related_articles(article, limit=RELATED_LIMIT):
    """Articles the search index finds similar; none at all if the index can't answer.

    Related articles are a nicety: an empty or missing index, or any backend error, must
    leave the article page working, so every failure here just means "no related articles".
    """
    if len(article.body) > RELATED_TEXT_CHARS:
        article = copy.copy(article)  # same pk (it is never its own relation), shorter body
        article.body = article.body[:RELATED_TEXT_CHARS]
    try:
        from haystack.query import SearchQuerySet

        results = SearchQuerySet().more_like_this(article)[: limit * 2]
        ids = []
        for result in results:
            try:
                pk = int(result.pk)
            except (TypeError, ValueError):
                continue
            if pk != article.pk and pk not in ids:
                ids.append(pk)
    except Exception:
        logger.warning("related articles unavailable for article %s", article.pk, exc_info=True)
        return []
    found = Article.objects.select_related("edition").in_bulk(ids[:limit])
    return [found[pk] for pk in ids[:limit] if pk in found]


def body_parts(body: str, size: int = ARTICLE_PART_CHARS) -> list[tuple[int, int]]:
    """(start, end) of each part of a body, cut at the first paragraph break after ``size``
    characters (or at ``size`` more if a single paragraph runs on that long)."""
    parts, start = [], 0
    while start < len(body):
        end = start + size
        if end < len(body):
            newline = body.find("\n", end, end + size)
            end = newline + 1 if newline >= 0 else end + size
        parts.append((start, min(end, len(body))))
        start = end
    return parts or [(0, 0)]


def article(request, pk):
    item = Article.objects.select_related("edition", "page").filter(pk=pk).first()
    if item is None:
        return moved_article(pk)
    credits = list(
        item.credits.select_related("person")
        .prefetch_related("person__aliases")
        .order_by("order", "pk")
    )
    for credit in credits:
        credit.person.spellings = [alias.name for alias in credit.person.aliases.all()]
    previous, following = neighbours(item)
    parts = body_parts(item.body)
    part = min(_page_number(request), len(parts))
    start, end = parts[part - 1]
    paragraphs = [line for line in item.body[start:end].split("\n") if line.strip()]
    part_page = Paginator(range(len(parts)), 1).get_page(part) if len(parts) > 1 else None
    # Opened from a search: the query's words marked in the headline and body (escaped).
    marked = words_to_mark(request.GET.get("hl", ""))
    context = {
        "article": item,
        "edition": item.edition,
        "headline_html": highlight(item.headline, marked),
        "paragraphs": [highlight(paragraph, marked) for paragraph in paragraphs],
        "page_obj": part_page,
        "description": lead_paragraph(item.body) or item.subtitle or item.headline,
        "credits": credits,
        "byline_parts": byline_parts(item.byline, credits),
        "people": list({credit.person.pk: credit.person for credit in credits}.values()),
        "previous": previous,
        "next": following,
        "related": related_articles(item),
    }
    context["canonical_url"] = request.build_absolute_uri(item.get_absolute_url())
    context["citation"] = newspaper_citation(
        [credit.person.name for credit in credits],
        item.headline,
        item.edition.paper,
        item.edition.date,
        item.page.number,
        context["canonical_url"],
    )
    return render(request, "articles/article.html", context)


# --- people -------------------------------------------------------------------------------


class RoleFilterForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices, required=False)


class PageForm(forms.Form):
    page = forms.IntegerField(min_value=1, required=False)


def people(request):
    form = RoleFilterForm(request.GET)
    role = form.cleaned_data["role"] if form.is_valid() else ""
    if role:
        counted = Person.objects.annotate(
            article_count=Count("credits__article", filter=Q(credits__role=role), distinct=True)
        ).filter(article_count__gt=0)
    else:
        counted = Person.objects.with_counts()
    paginator = Paginator(counted.order_by("-article_count", "name"), PEOPLE_PAGE_SIZE, orphans=10)
    asked = _page_number(request)
    page_obj = paginator.get_page(asked)
    role_counts = dict(
        Credit.objects.values_list("role").annotate(n=Count("person", distinct=True))
    )
    context = {
        "role": role,
        "roles": [(value, label, role_counts.get(value, 0)) for value, label in Role.choices],
        "page_obj": page_obj,
        "people": page_obj.object_list,
        "total": paginator.count,
        "page_note": past_last_note(asked, page_obj),
    }
    return render(request, "articles/people.html", context)


def _page_number(request) -> int:
    """The requested page; anything that is not a positive number means the first page."""
    form = PageForm(request.GET)
    if form.is_valid() and form.cleaned_data["page"]:
        return form.cleaned_data["page"]
    return 1


def past_last_note(asked: int, page_obj) -> str:
    """The paginator shows the last page for any page past it; say so (as search does)."""
    if asked <= page_obj.number:
        return ""
    return f"没有第 {asked} 页，只有 {page_obj.paginator.num_pages} 页；这是最后一页。"


def month_chart(article_ids_query, months=CHART_MONTHS):
    """Articles per month over the person's latest ``months`` active months, gaps included.

    Returned as bars with SVG geometry computed here, so the template needs no arithmetic
    and the page no script or inline style.
    """
    rows = list(
        Article.objects.filter(pk__in=article_ids_query)
        .annotate(month=TruncMonth("edition__date"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    if not rows:
        return None
    counts = {(row["month"].year, row["month"].month): row["n"] for row in rows}
    first, last = min(counts), max(counts)
    keys = []
    year, month = last
    while (year, month) >= first and len(keys) < months:
        keys.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    keys.reverse()
    peak = max((counts.get(key, 0) for key in keys), default=0) or 1
    bar_width, gap, height = 14, 4, 80
    bars = []
    for index, (year, month) in enumerate(keys):
        n = counts.get((year, month), 0)
        bar_height = round(height * n / peak) if n else 0
        bars.append(
            {
                "year": year,
                "month": month,
                "count": n,
                "x": index * (bar_width + gap),
                "y": height - bar_height,
                "width": bar_width,
                "height": bar_height,
                "label_x": index * (bar_width + gap) + bar_width // 2,
                "show_year": month == 1 or index == 0,
            }
        )
    width = len(keys) * (bar_width + gap)
    return {
        "bars": bars,
        "width": width,
        "height": height,
        # Drawn at 1.5x so labels stay legible; CSS shrinks it to fit narrow screens.
        "view_height": height + 40,
        "pixel_width": round(width * 1.5),
        "pixel_height": round((height + 40) * 1.5),
        "peak": peak,
        "total": sum(counts.values()),
    }


def person_by_name(request, name, feed=False):
    """Links by name (the URLs before people had ids, and spellings an editor merged into
    someone): 301 to the person's page or feed."""
    url_name = "articles:person_feed" if feed else "articles:person"
    who = Person.objects.filter(name=name).first()
    if who is None:
        return moved_person(url_name, name=name)
    return redirect(reverse(url_name, args=[who.pk]), permanent=True)


def person(request, pk):
    who = Person.objects.filter(pk=pk).first()
    if who is None:
        return moved_person("articles:person", request, old_id=pk)
    # A subquery rather than a join: someone credited twice in one article (写 and 摄) must
    # still see it once.
    article_ids = Credit.objects.filter(person=who).values("article_id")
    articles = article_list(Article.objects.filter(pk__in=article_ids).newest_first())
    paginator = Paginator(articles, PERSON_PAGE_SIZE, orphans=5)
    asked = _page_number(request)
    page_obj = paginator.get_page(asked)
    roles = (
        Credit.objects.filter(person=who)
        .values("role")
        .annotate(n=Count("article", distinct=True))
        .order_by("-n", "role")
    )
    context = {
        "person": who,
        "page_obj": page_obj,
        "articles": page_obj.object_list,
        "total": paginator.count,
        "roles": [(row["role"], row["n"]) for row in roles],
        "chart": month_chart(article_ids),
        "page_note": past_last_note(asked, page_obj),
        "aliases": list(who.aliases.values_list("name", flat=True)),
    }
    return render(request, "articles/person.html", context)


# --- on this day --------------------------------------------------------------------------


def today() -> date:
    """Today where the paper is printed, whatever the server's clock zone."""
    return timezone.localdate(timezone=PAPER_TZ)


def on_this_day(request):
    form = DayForm(request.GET)
    day = today()
    error = ""
    if form.is_valid():
        day = form.cleaned_data["date"] or day
    else:
        shown = request.GET.get("date", "")[:40]
        error = f"日期“{shown}”无法识别，请写成 {DATE_HINT}；下面是今天的。"
    articles = article_list(
        Article.objects.filter(
            edition__date__month=day.month,
            edition__date__day=day.day,
            edition__date__year__lt=day.year,
        ).newest_first()
    )[:ON_THIS_DAY_LIMIT]
    years = [(year, list(items)) for year, items in groupby(articles, key=lambda a: a.date.year)]
    context = {
        "day": day,
        "day_label": f"{day.month}月{day.day}日",
        "years": years,
        "error": error,
        "date_pattern": DATE_PATTERN,
        "date_hint": DATE_HINT,
        "nearest_days": [] if years else nearest_days_with_editions(day),
        "previous_day": _day_after(day, -1),
        "next_day": _day_after(day, 1),
    }
    return render(request, "articles/on_this_day.html", context)


def _day_after(day: date, days: int) -> date | None:
    """``days`` later (or earlier), or None past the calendar's ends (0001-01-01, 9999-12-31)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def nearest_days_with_editions(day: date) -> list[date]:
    """For an on-this-day page with nothing: [closest day before, closest day after] (one
    if they are the same) that earlier years have editions for, as dates in ``day``'s year.

    One query over at most 366 distinct month-days, whatever the archive's size."""
    pairs = (
        Edition.objects.filter(date__year__lt=day.year)
        .annotate(m=ExtractMonth("date"), d=ExtractDay("date"))
        .values_list("m", "d")
        .distinct()
    )
    days = set()
    for month, day_of_month in pairs:
        try:
            days.add(date(day.year, month, day_of_month))
        except ValueError:  # 29 February, asked from a common year
            continue
    days.discard(day)
    if not days:
        return []
    # Around the year's end the nearest day may be in the other half: count cyclically.
    length = 366 if calendar.isleap(day.year) else 365
    before = min(days, key=lambda d: (day - d).days % length)
    after = min(days, key=lambda d: (d - day).days % length)
    return [before] if before == after else [before, after]


def published_at(value: date) -> datetime:
    """An edition's date as the moment it was printed (midnight in the paper's zone)."""
    return datetime(value.year, value.month, value.day, tzinfo=PAPER_TZ)
