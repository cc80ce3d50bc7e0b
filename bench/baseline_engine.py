"""haystack's stock WhooshEngine, seeing only the baseline's SearchIndex.

Backend and query classes are haystack's own; only index discovery is narrowed, so the
baseline never imports the project's ``articles/search_indexes.py`` (which may change
while a long baseline run is in progress).
"""

from haystack.backends.whoosh_backend import WhooshEngine
from haystack.utils.loading import UnifiedIndex


class BaselineUnifiedIndex(UnifiedIndex):
    def collect_indexes(self):
        from .search_indexes import BaselineArticleIndex

        return [BaselineArticleIndex()]


class BaselineWhooshEngine(WhooshEngine):
    unified_index = BaselineUnifiedIndex
