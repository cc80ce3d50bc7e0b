"""The index fields the search code reads by what they hold, as the ``SearchIndex`` names them.

The Whoosh backend gives the kind and day fields columns and reads them for every match; the
query filters on the people and kind fields; the haystack path (generic.py) facets on them.
Each index says which of its fields plays which role (``kind_field``, ``day_field``,
``people_field``, see articles/search_indexes.py), so renaming a field is one change there.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldRoles:
    """The index fields by role, as the search indexes name them (their ``kind_field``,
    ``day_field`` and ``people_field`` attributes); ``None`` where no index names one."""

    kind: str | None = None  # one exact token with a column: the kind facet and filter
    day: str | None = None  # an integer column (date.toordinal()): range, sort, timeline
    people: str | None = None  # keywords, stored in credit order: facet, names on hits


def field_roles(unified_index) -> FieldRoles:
    found = {}
    for index in unified_index.get_indexes().values():
        for role in ("kind", "day", "people"):
            name = getattr(index, f"{role}_field", None)
            if name and role not in found:
                found[role] = index.fields[name].index_fieldname
    return FieldRoles(**found)
