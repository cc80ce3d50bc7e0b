import pytest

# Shared fixtures (seed_editions, …) for every test folder.
pytest_plugins = ["tests.fixtures"]


@pytest.fixture(autouse=True, scope="session")
def search_index_dir(tmp_path_factory):
    """A Whoosh index in a fresh temporary folder for the whole test run."""
    from django.conf import settings
    from haystack import connections

    path = tmp_path_factory.mktemp("whoosh_index")
    settings.HAYSTACK_CONNECTIONS["default"]["PATH"] = str(path)
    settings.SEARCH_INDEX_DIR = path
    connections.reload("default")
    yield path


@pytest.fixture(autouse=True, scope="session")
def rate_limit_cache_dir(tmp_path_factory):
    """The rate limit's file cache in a temporary folder, not the checkout's var/."""
    from django.conf import settings

    settings.CACHES["ratelimit"]["LOCATION"] = str(tmp_path_factory.mktemp("ratelimit"))


@pytest.fixture(autouse=True)
def empty_search_index(search_index_dir):
    """Each test starts with an empty index: the database is rolled back between tests and
    its ids reused, so documents left by an earlier test would answer for other articles."""
    from haystack import connections

    backend = connections["default"].get_backend()
    if backend.setup_complete and backend.index.refresh().doc_count_all():
        backend.clear()
    yield
