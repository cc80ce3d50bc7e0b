"""The baseline: what a site would get from stock django-haystack + Whoosh + jieba.

Same database and everything else as the project; only the search side differs: haystack's
own ``WhooshEngine``, haystack's defaults (LIMIT_TO_REGISTERED_MODELS on), no signal-driven
indexing, and one ``SearchIndex`` (bench/search_indexes.py) whose text field uses jieba's
``ChineseAnalyzer``. The index lives in its own folder (``BENCH_BASELINE_INDEX_DIR``).
"""

import ast
import os
from pathlib import Path

from yongkang.settings import *  # noqa: F403
from yongkang.settings import BASE_DIR, DATA_DIR, INSTALLED_APPS


def _project_indexes() -> list[str]:
    """The project's own SearchIndex classes, excluded so one index handles Article."""
    source = BASE_DIR / "articles" / "search_indexes.py"
    if not source.exists():
        return []
    tree = ast.parse(source.read_text(encoding="utf-8"))
    return [
        f"articles.search_indexes.{node.name}"
        for node in tree.body
        if isinstance(node, ast.ClassDef)
    ]


INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.baseline_urls"

HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": str(
            Path(os.environ.get("BENCH_BASELINE_INDEX_DIR", DATA_DIR / "baseline_index")).resolve()
        ),
        "EXCLUDED_INDEXES": _project_indexes(),
    }
}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"
# haystack's defaults, as a site that does not tune them would run.
del HAYSTACK_LIMIT_TO_REGISTERED_MODELS  # noqa: F821
