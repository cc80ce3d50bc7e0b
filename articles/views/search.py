"""Search page and JSON API. Placeholder until the search work lands."""

from django.http import Http404


def search_page(request):
    raise Http404("not built yet")


def search_api(request):
    raise Http404("not built yet")
