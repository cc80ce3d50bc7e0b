"""Files every site is asked for at its root."""

from django.http import HttpResponse
from django.urls import reverse


def robots_txt(request):
    """Crawlers: everything but the admin and the search endpoints (noindex, rate limited,
    and every page they lead to is in the sitemap), which is named by its absolute URL as
    the robots.txt standard asks."""
    sitemap = request.build_absolute_uri(reverse("articles:sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /api/",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
