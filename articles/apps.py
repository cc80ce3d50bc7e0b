from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "永康日报档案"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Fail at start-up, not at the first search, on a Whoosh or haystack release the
        # engine's private-API code was not written for.
        from articles.search.whoosh_private import check_versions

        check_versions()
