"""Reading pages: home, date archive, edition, article, people, on this day.

Placeholder until the browse work lands; every view answers 404 meanwhile.
"""

from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404("not built yet")


home = archive_index = archive_year = archive_month = edition = article = _todo
people = person = on_this_day = _todo
