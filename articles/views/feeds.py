"""Atom feeds: the newest articles, one person's articles, and a saved search.

Entry ids are the articles' absolute URLs (RFC 4287 wants an absolute IRI; Django's default
id is the entry's link, made absolute). Whatever was imported or typed in the admin, the
XML is well-formed: characters XML 1.0 cannot hold are dropped on the way out.
"""

import logging
import re

from django.contrib.syndication.views import Feed
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.xmlutils import SimplerXMLGenerator

from articles.forms import SearchForm
from articles.models import Article, Credit, Person
from articles.search.service import search
from articles.views.browse import article_list, lead_paragraph, published_at
from articles.views.moved import moved_person

logger = logging.getLogger(__name__)

FEED_SIZE = 30
SUMMARY_CHARS = 200

# Outside XML 1.0's Char production: C0 controls but tab, newline and carriage return;
# lone surrogates; U+FFFE and U+FFFF.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    return XML_ILLEGAL.sub("", value) if value else value


class XmlSafeGenerator(SimplerXMLGenerator):
    """Django's generator refuses control characters with an exception (a 500); drop them."""

    def characters(self, content):
        super().characters(xml_text(content))

    def startElement(self, name, attrs):  # noqa: N802 (SAX's name)
        super().startElement(name, {key: xml_text(value) for key, value in attrs.items()})


class SafeAtom1Feed(Atom1Feed):
    def write(self, outfile, encoding):
        handler = XmlSafeGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


class ArticleFeed(Feed):
    """What every article feed shares: how one article becomes one Atom entry."""

    feed_type = SafeAtom1Feed
    author_name = "永康日报"

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        # Atom sends the summary as type="html": a reader unescapes the XML once and renders
        # the result as HTML, so the plain text is HTML-escaped here (imported text such as
        # "<script>" must reach the reader as text, not markup).
        text = getattr(item, "body_start", None)  # lists read only the body's start
        lead = lead_paragraph(item.body if text is None else text) or item.subtitle
        return escape(Truncator(lead[: SUMMARY_CHARS * 2]).chars(SUMMARY_CHARS))

    def item_link(self, item):
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
    def __call__(self, request, pk):
        # A merged-away person's feed: the feed of whom they were merged into. (Links by
        # name, and to merged-away spellings, arrive at browse.person_by_name.)
        if not Person.objects.filter(pk=pk).exists():
            return moved_person("articles:person_feed", old_id=pk)
        return super().__call__(request, pk=pk)

    def get_object(self, request, pk):
        return get_object_or_404(Person, pk=pk)

    def title(self, obj):
        return f"{obj.name} · 永康日报署名文章"

    def subtitle(self, obj):
        return f"永康日报数字档案中{obj.name}署名的最新文章"

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        article_ids = Credit.objects.filter(person=obj).values("article_id")
        articles = Article.objects.filter(pk__in=article_ids).newest_first()
        return article_list(articles)[:FEED_SIZE]


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
        return f"永康日报检索 · {what or '全部文章'}"

    def subtitle(self, obj):
        return "永康日报数字档案中符合这次检索的最新文章"

    def link(self, obj):
        _, query = obj
        url = reverse("articles:search")
        return f"{url}?{query}" if query else url

    def feed_url(self, obj):
        # rel="self" must name this very feed, query included (Django's default drops it).
        _, query = obj
        url = reverse("articles:search_feed")
        return f"{url}?{query}" if query else url

    def items(self, obj):
        spec, _ = obj
        try:
            articles = [hit.article for hit in search(spec).hits]
        except Exception:
            # A feed reader polls unattended: a broken index means an empty feed, not a 500.
            logger.exception("search feed failed for %r", spec)
            return []
        prefetch_related_objects(articles, "credits__person")
        return articles
