import pytest
from haystack import connections


@pytest.fixture
def own_index(tmp_path, settings):
    """A search index of this test's own (the session index holds other tests' documents)."""
    path = tmp_path / "index"
    settings.HAYSTACK_CONNECTIONS = {
        "default": {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(path)}
    }
    connections.reload("default")
    yield path
    connections.reload("default")
