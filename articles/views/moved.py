"""Old addresses of things an editor merged or renamed: 301 to where they live now."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from articles.models import ArticleRedirect, PersonAlias


def person_kwargs(person) -> dict:
    """What the person URLs take; the one place to change if they take a key instead."""
    return {"pk": person.pk}


def moved_article(pk: int) -> HttpResponsePermanentRedirect:
    """The article that absorbed a merged-away one, else 404."""
    moved = ArticleRedirect.objects.select_related("target").filter(old_id=pk).first()
    if moved is None:
        raise Http404("没有这篇文章")
    return HttpResponsePermanentRedirect(moved.target.get_absolute_url())


def moved_person(url_name: str, request=None, **where) -> HttpResponsePermanentRedirect:
    """The same page (``url_name``) of the person a spelling, or a merged-away person's id
    (``name=`` or ``old_id=``), now belongs to, with the same query string; else 404."""
    alias = PersonAlias.objects.select_related("person").filter(**where).first()
    if alias is None:
        raise Http404("没有这位人员")
    url = reverse(url_name, kwargs=person_kwargs(alias.person))
    query = request.META.get("QUERY_STRING", "") if request is not None else ""
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
