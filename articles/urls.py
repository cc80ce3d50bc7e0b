from django.contrib.sitemaps.views import sitemap
from django.urls import path

from .views import browse, feeds, search, site
from .views.sitemaps import SITEMAPS

app_name = "articles"

urlpatterns = [
    path("", browse.home, name="home"),
    path("archive/", browse.archive_index, name="archive"),
    path("archive/<int:year>/", browse.archive_year, name="archive_year"),
    path("archive/<int:year>/<int:month>/", browse.archive_month, name="archive_month"),
    path("<int:year>/<int:month>/<int:day>/", browse.edition, name="edition"),
    path(
        "<int:year>/<int:month>/<int:day>/page/<int:number>/",
        browse.page_text,
        name="page_text",
    ),
    path("articles/<int:pk>/", browse.article, name="article"),
    path("people/", browse.people, name="people"),
    # A person's key is their id: a name may hold any character ("/", "..") and may be
    # corrected by an editor. Links by name from before still arrive, and are redirected.
    path("people/<int:pk>/", browse.person, name="person"),
    path("people/<int:pk>/feed/", feeds.PersonFeed(), name="person_feed"),
    path("people/<str:name>/", browse.person_by_name),
    path("people/<str:name>/feed/", browse.person_by_name, {"feed": True}),
    path("on-this-day/", browse.on_this_day, name="on_this_day"),
    path("feeds/latest/", feeds.LatestFeed(), name="latest_feed"),
    path("search/", search.search_page, name="search"),
    path("search/feed/", feeds.SearchFeed(), name="search_feed"),
    path("api/search", search.search_api, name="api_search"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", site.robots_txt, name="robots"),
]
