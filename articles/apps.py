from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "永康日报档案"
    default_auto_field = "django.db.models.BigAutoField"
