"""The baseline: what a site would get from stock django-haystack + Whoosh + jieba.

Same database and everything else as the project; only the search side differs: haystack's
own ``WhooshEngine`` (bench/baseline_engine.py only narrows index discovery), haystack's
defaults (LIMIT_TO_REGISTERED_MODELS on), no signal-driven indexing, and one ``SearchIndex``
(bench/search_indexes.py) whose text field uses jieba's ``ChineseAnalyzer``. The index
lives in its own folder (``BENCH_BASELINE_INDEX_DIR``).
"""

import os
from pathlib import Path

from yongkang.settings import *  # noqa: F403
from yongkang.settings import DATA_DIR, INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.baseline_urls"

HAYSTACK_CONNECTIONS = {
    "default": {
        # haystack's WhooshEngine; the subclass only limits index discovery to bench's one.
        "ENGINE": "bench.baseline_engine.BaselineWhooshEngine",
        "PATH": str(
            Path(os.environ.get("BENCH_BASELINE_INDEX_DIR", DATA_DIR / "baseline_index")).resolve()
        ),
    }
}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"
# haystack's defaults, as a site that does not tune them would run.
del HAYSTACK_LIMIT_TO_REGISTERED_MODELS  # noqa: F821
