"""One search document per article."""

from haystack import indexes

from articles.models import Article


class ArticleIndex(indexes.SearchIndex, indexes.Indexable):
    # The fields the Whoosh backend reads for every matching document (articles/search/
    # backend.py, FieldRoles): the kind, one exact token with a column (facet and filter);
    # the day number, a column (date range, sort, timeline); the credited people (facet,
    # and the names shown on each hit).
    kind_field = "kind"
    day_field = "day"
    people_field = "people"

    # kicker, headline, subtitle, column, byline and body: see article_text.txt
    text = indexes.CharField(document=True, use_template=True, stored=False)
    # The same text as character pairs (articles/search/grams.py): found whatever the
    # dictionary was when it was indexed.
    grams = indexes.CharField(stored=False)
    headline = indexes.CharField(model_attr="headline", boost=2.0)
    people = indexes.MultiValueField(faceted=False)
    date = indexes.DateField(model_attr="edition__date")
    # Day number (date.toordinal()): a column for date ranges, sorting and the timeline.
    day = indexes.IntegerField()
    kind = indexes.CharField(model_attr="kind")
    year = indexes.IntegerField()
    month = indexes.IntegerField()

    def get_model(self):
        return Article

    def index_queryset(self, using=None):
        return Article.objects.with_people().order_by("pk")

    def prepare_people(self, article):
        # Reads the prefetched credits: no query per article.
        names = []
        for credit in sorted(article.credits.all(), key=lambda c: c.order):
            if credit.person.name not in names:
                names.append(credit.person.name)
        return names

    def prepare_grams(self, article):
        return self.prepared_data["text"]

    def prepare_day(self, article):
        return article.edition.date.toordinal()

    def prepare_year(self, article):
        return article.edition.date.year

    def prepare_month(self, article):
        return article.edition.date.month
