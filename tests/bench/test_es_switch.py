"""Moving search to Elasticsearch is a settings switch.

Elasticsearch itself is not run here (none in this environment); these checks stop at what
can be checked without it: the engine haystack would load.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ES_ENGINE = "haystack.backends.elasticsearch7_backend.Elasticsearch7SearchEngine"

PROBE = """
import json
import django
django.setup()
from django.conf import settings
from haystack.exceptions import MissingDependency
from haystack.utils.loading import import_class
conn = settings.HAYSTACK_CONNECTIONS["default"]
try:
    engine = import_class(conn["ENGINE"])
    loaded = engine.__module__ + "." + engine.__name__
    missing = ""
except MissingDependency as exc:
    loaded, missing = "", str(exc)
print(json.dumps({"engine": conn["ENGINE"], "url": conn["URL"],
                  "index_name": conn["INDEX_NAME"], "loaded": loaded, "missing": missing}))
"""


def probe_settings(**env_overrides) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("YONGKANG_SEARCH")}
    env.update(DJANGO_SETTINGS_MODULE="yongkang.settings", **env_overrides)
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_default_engine_is_the_project_whoosh_backend():
    probe = probe_settings()
    assert probe["engine"] == "articles.search.backend.JiebaWhooshEngine"
    assert probe["loaded"] == "articles.search.backend.JiebaWhooshEngine"


def test_env_switch_selects_haystacks_elasticsearch_engine():
    probe = probe_settings(
        YONGKANG_SEARCH_ENGINE=ES_ENGINE,
        YONGKANG_SEARCH_URL="http://search.internal:9200/",
        YONGKANG_SEARCH_INDEX_NAME="yongkang_articles",
    )
    assert probe["engine"] == ES_ENGINE
    assert probe["url"] == "http://search.internal:9200/"
    assert probe["index_name"] == "yongkang_articles"
    # Either the engine class loads (client installed) or haystack's own ES7 module is the
    # one asking for the client: the switch reaches haystack's Elasticsearch backend.
    if probe["loaded"]:
        assert probe["loaded"] == ES_ENGINE
    else:
        assert "elasticsearch" in probe["missing"].lower()
