"""HAYSTACK_SIGNAL_PROCESSOR: every change that alters an article's search document
enqueues that article (same transaction) and drains the queue after the commit.

Covers the article itself, its credits (saved one by one, or through ``article.people``),
the edition and page it sits on (date, page name) and a renamed person. ``bulk_create`` and
``QuerySet.update`` send no signals: code using them calls :func:`queue.enqueue` itself.
"""

from django.db.models import signals
from haystack.signals import BaseSignalProcessor

from articles.models import Article, Credit, Edition, Page, Person
from articles.search import queue


def _changed(ids, using):
    ids = [pk for pk in ids if pk is not None]
    if ids:
        queue.enqueue(ids, using=using)
        queue.schedule_drain(using=using)


def article_changed(sender, instance, using=None, **kwargs):
    _changed([instance.pk], using)


def credit_changed(sender, instance, using=None, **kwargs):
    _changed([instance.article_id], using)


def edition_changed(sender, instance, created=False, using=None, **kwargs):
    if not created:
        ids = Article.objects.using(using).filter(edition=instance).values_list("pk", flat=True)
        _changed(ids, using)


def page_changed(sender, instance, created=False, using=None, **kwargs):
    if not created:
        ids = Article.objects.using(using).filter(page=instance).values_list("pk", flat=True)
        _changed(ids, using)


def person_changed(sender, instance, created=False, using=None, **kwargs):
    if not created:
        ids = _articles_of(instance, using)
        _changed(ids, using)


def people_changed(sender, instance, action, reverse, pk_set, using=None, **kwargs):
    """``article.people.add/remove/clear`` (and the reverse ``person.articles``)."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:
        _changed([instance.pk], using)
    elif action == "pre_clear":
        ids = _articles_of(instance, using)
        _changed(ids, using)
    else:
        _changed(pk_set or (), using)


def _articles_of(person, using):
    return Credit.objects.using(using).filter(person=person).values_list("article_id", flat=True)


_HANDLERS = [
    (signals.post_save, article_changed, Article),
    (signals.post_delete, article_changed, Article),
    (signals.post_save, credit_changed, Credit),
    (signals.post_delete, credit_changed, Credit),
    (signals.post_save, edition_changed, Edition),
    (signals.post_save, page_changed, Page),
    (signals.post_save, person_changed, Person),
    (signals.m2m_changed, people_changed, Article.people.through),
]


class QueuedSignalProcessor(BaseSignalProcessor):
    """Deleting an edition or page cascades to its articles, whose own post_delete fires."""

    def setup(self):
        for number, (signal, handler, sender) in enumerate(_HANDLERS):
            signal.connect(handler, sender=sender, dispatch_uid=f"search-queue-{number}")

    def teardown(self):
        for number, (signal, handler, sender) in enumerate(_HANDLERS):
            signal.disconnect(handler, sender=sender, dispatch_uid=f"search-queue-{number}")
