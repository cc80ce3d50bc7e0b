"""Atom feeds. Placeholder until the browse work lands."""

from django.http import Http404


class _TodoFeed:
    def __call__(self, request, *args, **kwargs):
        raise Http404("not built yet")


LatestFeed = PersonFeed = SearchFeed = _TodoFeed
