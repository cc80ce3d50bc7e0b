import pytest
from django.conf import settings
from haystack import connections


@pytest.fixture
def own_index(tmp_path):
    """A search index of this test's own (the session index holds other tests' documents).

    Haystack keeps a reference to the HAYSTACK_CONNECTIONS dict it was built from, so the
    path is changed in place (as tests/conftest.py does) and put back afterwards.
    """
    options = settings.HAYSTACK_CONNECTIONS["default"]
    before = options["PATH"]
    path = tmp_path / "index"
    options["PATH"] = str(path)
    connections.reload("default")
    try:
        yield path
    finally:
        options["PATH"] = before
        connections.reload("default")
