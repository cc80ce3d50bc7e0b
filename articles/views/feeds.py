"""Atom feeds: the newest articles, one person's articles, and a saved search."""

import logging

from django.contrib.syndication.views import Feed
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from articles.forms import SearchForm
from articles.models import Article, Credit, Person
from articles.search.service import search
from articles.views.browse import article_list, published_at
from articles.views.moved import moved_person

logger = logging.getLogger(__name__)

FEED_SIZE = 30
SUMMARY_CHARS = 200


class ArticleFeed(Feed):
    """What every article feed shares: how one article becomes one Atom entry."""

    feed_type = Atom1Feed
    author_name = "永康日报"

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        paragraphs = item.paragraphs
        lead = paragraphs[0] if paragraphs else item.subtitle
        return Truncator(lead).chars(SUMMARY_CHARS)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return published_at(item.edition.date)

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        names = list(dict.fromkeys(credit.person.name for credit in item.credits.all()))
        return "、".join(names) or None

    def item_categories(self, item):
        return [item.get_kind_display()] + ([item.column] if item.column else [])


class LatestFeed(ArticleFeed):
    title = "永康日报 · 最新文章"
    subtitle = "永康日报数字档案最新收录的文章"

    def link(self):
        return reverse("articles:home")

    def items(self):
        return article_list(Article.objects.newest_first())[:FEED_SIZE]


class PersonFeed(ArticleFeed):
    def __call__(self, request, *args, **kwargs):
        name = kwargs.get("name")
        if name is not None and not Person.objects.filter(name=name).exists():
            return moved_person(name, "articles:person_feed")
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, name):
        return get_object_or_404(Person, name=name)

    def title(self, obj):
        return f"{obj.name} · 永康日报署名文章"

    def subtitle(self, obj):
        return f"永康日报数字档案中{obj.name}署名的最新文章"

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        article_ids = Credit.objects.filter(person=obj).values("article_id")
        return article_list(Article.objects.filter(pk__in=article_ids).newest_first())[:FEED_SIZE]


class SearchFeed(ArticleFeed):
    """A saved search (same parameters as the search page), newest matches first."""

    def get_object(self, request):
        form = SearchForm(request.GET)
        # Bad values are dropped, as on the search page; a feed reader cannot show messages.
        spec = form.spec(per_page=FEED_SIZE).with_changes(sort="newest", page=1)
        return spec, request.GET.urlencode()

    def title(self, obj):
        spec, _ = obj
        reporter = f"记者：{spec.reporter}" if spec.reporter else ""
        what = " ".join(part for part in (spec.q, reporter) if part)
        # XML 1.0 cannot carry control characters; a query may hold any (fuzz-found 500).
        what = "".join(ch for ch in what if ch >= " " or ch in "\t\n")
        return f"永康日报检索 · {what or '全部文章'}"

    def subtitle(self, obj):
        return "永康日报数字档案中符合这次检索的最新文章"

    def link(self, obj):
        _, query = obj
        url = reverse("articles:search")
        return f"{url}?{query}" if query else url

    def items(self, obj):
        spec, _ = obj
        try:
            articles = [hit.article for hit in search(spec).hits]
        except Exception:
            # A feed reader polls unattended: a broken index means an empty feed, not a 500.
            logger.exception("search feed failed for %r", spec)
            return []
        prefetch_related_objects(articles, "page", "credits__person")
        return articles
