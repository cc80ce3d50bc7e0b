"""The baseline's one SearchIndex (loaded only under bench.baseline_settings).

Written the way haystack's tutorial teaches, with jieba's analyzer on the document field, and
with the related rows fetched per batch (``select_related``/``prefetch_related``) as any
site would once it saw its query log: without them every article costs two more queries
(its edition's date, its people), which would make the project look better than it is.
``BENCH_BASELINE_PREFETCH=0`` runs the tutorial's plain ``objects.all()`` again, to compare.
"""

import os

from haystack import indexes
from jieba.analyse import ChineseAnalyzer

from articles.models import Article


def prefetch_enabled() -> bool:
    return os.environ.get("BENCH_BASELINE_PREFETCH", "1") != "0"


class BaselineArticleIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(
        document=True,
        use_template=True,
        template_name="bench_baseline/article_text.txt",
        analyzer=ChineseAnalyzer(),
    )
    headline = indexes.CharField(model_attr="headline", analyzer=ChineseAnalyzer())
    date = indexes.DateField(model_attr="edition__date")
    kind = indexes.CharField(model_attr="kind", faceted=True)
    people = indexes.MultiValueField(faceted=True)

    def get_model(self):
        return Article

    def prepare_people(self, obj):
        return [person.name for person in obj.people.all()]

    def index_queryset(self, using=None):
        articles = self.get_model().objects.all()
        if prefetch_enabled():
            # haystack slices this per batch; each slice then costs one query for the
            # articles with their editions and one for all their people.
            articles = articles.select_related("edition").prefetch_related("people")
        return articles

    def read_queryset(self, using=None):
        # The results page shows each hit's edition date, never its people.
        articles = self.get_model().objects.all()
        if prefetch_enabled():
            articles = articles.select_related("edition")
        return articles
