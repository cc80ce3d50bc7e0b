"""Values as haystack's Whoosh backend writes them into a document.

``WhooshSearchBackend._from_python`` (private in django-haystack 3.4) turns a prepared
value into what Whoosh stores (dates as datetimes, lists comma-joined, …): our batch writer
writes documents itself and the index check compares stored fields, so both must convert
exactly as haystack does.
"""


def index_value(backend, value):
    """``value`` as haystack's Whoosh backend ``backend`` would store it."""
    return backend._from_python(value)
