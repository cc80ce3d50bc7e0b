"""sitemap.xml: every article, edition and person page, and the fixed entry pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article, Edition, Person


class ArticleSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.8

    def items(self):
        return Article.objects.only("pk", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class EditionSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.6

    def items(self):
        return Edition.objects.only("pk", "date", "updated_at").order_by("date")

    def lastmod(self, item):
        return item.updated_at


class PersonSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Person.objects.only("pk", "name").order_by("name")


class StaticSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["articles:home", "articles:archive", "articles:people", "articles:on_this_day"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "static": StaticSitemap,
    "articles": ArticleSitemap,
    "editions": EditionSitemap,
    "people": PersonSitemap,
}
