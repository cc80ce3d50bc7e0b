"""The baseline's one SearchIndex (loaded only under bench.baseline_settings).

Written the way haystack's tutorial teaches, with jieba's analyzer on the document field.
"""

from haystack import indexes
from jieba.analyse import ChineseAnalyzer

from articles.models import Article


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
        return self.get_model().objects.all()
