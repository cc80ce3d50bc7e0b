"""The reporter filter: the names a typed reporter stands for, suggestions, close names.

``reporter=陈`` used to find nothing: the filter wanted a full name. A name that exists is
taken exactly; otherwise every person whose name holds what was typed (the most credited
first, at most ``MAX_NAMES``). Every query here is bounded: a ``LIKE`` with a limit, never a
walk over the whole Person table in Python.
"""

import difflib
import threading

from django.db.models import Count, Max

from articles.models import Person, PersonAlias

MAX_NAMES = 30
SUGGESTIONS = 200  # names offered in the search form's <datalist>
CLOSE = 5
_CLOSE_POOL = 300

_lock = threading.Lock()
_suggested: dict = {}


def reporter_names(typed: str) -> tuple[str, ...]:
    """The people ``typed`` stands for: itself if someone has that name, the person it is
    another spelling of, else those whose name holds it; ``()`` when nobody matches."""
    typed = (typed or "").strip()
    if not typed:
        return ()
    if Person.objects.filter(name=typed).exists():
        return (typed,)
    # A spelling merged into someone, or a name before a rename: that person.
    alias = PersonAlias.objects.filter(name=typed).values_list("person__name", flat=True).first()
    if alias is not None:
        return (alias,)
    found = (
        Person.objects.filter(name__contains=typed)
        .annotate(n=Count("credits"))
        .order_by("-n", "name")
        .values_list("name", flat=True)[:MAX_NAMES]
    )
    return tuple(found)


def close_names(typed: str, limit: int = CLOSE) -> list[str]:
    """Names like ``typed`` when none holds it (a wrong character: 陈晓酥 → 陈晓苏): the
    people sharing a character with it, ranked by similarity."""
    chars = list(dict.fromkeys(c for c in (typed or "").strip() if not c.isspace()))[:8]
    if not chars:
        return []
    pool = set()
    for char in chars:
        pool.update(
            Person.objects.filter(name__contains=char).values_list("name", flat=True)[:_CLOSE_POOL]
        )
    return difflib.get_close_matches(typed, sorted(pool), n=limit, cutoff=0.4)


def suggested_names() -> list[str]:
    """The most credited names, for the form's <datalist> (browsers filter it as one
    types); recomputed only when people are added."""
    mark = tuple(Person.objects.aggregate(n=Count("id"), top=Max("id")).values())
    with _lock:
        cached = _suggested.get("names")
        if cached is not None and cached[0] == mark:
            return cached[1]
    names = list(
        Person.objects.annotate(n=Count("credits"))
        .filter(n__gt=0)
        .order_by("-n", "name")
        .values_list("name", flat=True)[:SUGGESTIONS]
    )
    with _lock:
        _suggested["names"] = (mark, names)
    return names
