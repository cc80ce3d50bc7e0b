"""Offices credited for supplying an article (市教育局/宣传科供稿) were stored as people.

A person row is removed only when its name reads as a unit and every one of its credits is
a supplying credit (供稿, 来源 …): a reporter who once also supplied a text stays. The
articles it was credited on are queued for the search index, which lists their people.
"""

from django.db import migrations
from django.db.models import F

from articles.cleaning import is_supply_credit, is_unit


def remove_units(apps, schema_editor):
    Person = apps.get_model("articles", "Person")
    Credit = apps.get_model("articles", "Credit")
    PendingIndexUpdate = apps.get_model("articles", "PendingIndexUpdate")
    for person in Person.objects.iterator():
        if not is_unit(person.name):
            continue
        credits = list(Credit.objects.filter(person=person))
        if not all(is_supply_credit(c.role, c.printed_role) for c in credits):
            continue
        article_ids = {credit.article_id for credit in credits}
        Credit.objects.filter(person=person).delete()
        person.delete()
        for article_id in article_ids:
            queued, created = PendingIndexUpdate.objects.get_or_create(article_id=article_id)
            if not created:
                PendingIndexUpdate.objects.filter(pk=queued.pk).update(version=F("version") + 1)


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_editors_workbench")]

    operations = [migrations.RunPython(remove_units, migrations.RunPython.noop)]
