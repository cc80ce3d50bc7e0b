from django.urls import include, path

from .baseline_views import BaselineSearchView

urlpatterns = [
    path("search/", BaselineSearchView.as_view(), name="baseline_search"),
    path("", include("articles.urls")),
]
