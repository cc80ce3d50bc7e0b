"""Moving search to Elasticsearch is a settings switch; the mapping the project would send.

Elasticsearch itself is not run here (none in this environment); these checks stop at what
can be checked without it: the engine haystack would load, and the mapping file.
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


def test_es_mapping_is_valid_json_with_a_chinese_analyzer_on_every_text_field():
    mapping = json.loads((ROOT / "bench" / "es_mapping.json").read_text(encoding="utf-8"))
    analyzers = mapping["settings"]["analysis"]["analyzer"]
    properties = mapping["mappings"]["properties"]
    text_fields = {name: spec for name, spec in properties.items() if spec["type"] == "text"}
    assert {"text", "headline"} <= set(text_fields)
    for name, spec in text_fields.items():
        analyzer = analyzers.get(spec.get("analyzer"), {})
        if name == "grams":  # character pairs, whatever the word dictionary
            assert "cjk_bigram" in analyzer.get("filter", []), name
            continue
        assert analyzer.get("tokenizer") in {"smartcn_tokenizer", "ik_max_word"}, name
    for name in ("people", "kind"):
        assert properties[name]["type"] == "keyword"
    assert properties["date"]["type"] == "date"


def test_es_mapping_has_a_property_for_every_field_of_the_article_index():
    from articles.search_indexes import ArticleIndex

    mapping = json.loads((ROOT / "bench" / "es_mapping.json").read_text(encoding="utf-8"))
    properties = set(mapping["mappings"]["properties"]) - {"id", "django_ct", "django_id"}
    index_fields = {field.index_fieldname for field in ArticleIndex.fields.values()}
    assert properties == index_fields
