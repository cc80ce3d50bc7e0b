"""The search endpoints answer 429 (with Retry-After) to a client that searches too fast."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings

from articles import middleware
from articles.middleware import Rate, parse_rate

pytestmark = pytest.mark.django_db

SEARCH_URLS = ["/search/?q=永康", "/search/feed/?q=永康", "/api/search?q=永康"]


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves by hand, so windows pass without sleeping."""

    class Clock:
        now = 1_700_000_000.0

        def time(self):
            return self.now

    fake = Clock()
    monkeypatch.setattr(middleware.time, "time", fake.time)
    caches[settings.SEARCH_RATE_CACHE].clear()
    yield fake
    caches[settings.SEARCH_RATE_CACHE].clear()


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("30/10s", Rate(30, 10)),
        ("100/m", Rate(100, 60)),
        ("5/2min", Rate(5, 120)),
        ("1000/h", Rate(1000, 3600)),
        ("7/", Rate(7, 1)),
        ("off", None),
        ("", None),
        ("0", None),
    ],
)
def test_parse_rate(text, rate):
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["thirty per second", "10/5d", "-1/s", "0/10s"])
def test_parse_rate_rejects_nonsense(text):
    with pytest.raises(ValueError, match="rate"):
        parse_rate(text)


@override_settings(SEARCH_RATE_LIMIT="3/10s")
@pytest.mark.parametrize("url", SEARCH_URLS)
def test_too_many_searches_get_429_then_recover(client, clock, url):
    for _ in range(3):
        assert client.get(url).status_code != 429
    limited = client.get(url)
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 10
    assert "Content-Security-Policy" in limited
    clock.now += int(limited["Retry-After"])
    assert client.get(url).status_code != 429


@override_settings(SEARCH_RATE_LIMIT="2/10s")
def test_the_api_says_why_in_json(client, clock):
    for _ in range(2):
        client.get("/api/search?q=a")
    limited = client.get("/api/search?q=a")
    assert limited.status_code == 429
    assert limited["Content-Type"] == "application/json"
    assert limited.json()["retry_after"] == int(limited["Retry-After"])


@override_settings(SEARCH_RATE_LIMIT="2/10s")
def test_the_limit_counts_per_client_and_only_on_search(client, clock):
    for _ in range(2):
        client.get("/search/?q=a", REMOTE_ADDR="10.0.0.1")
    assert client.get("/api/search?q=a", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get("/api/search?q=a", REMOTE_ADDR="10.0.0.2").status_code != 429
    # Reading pages is never throttled.
    for _ in range(5):
        assert client.get("/admin/login/", REMOTE_ADDR="10.0.0.1").status_code == 200


@override_settings(SEARCH_RATE_LIMIT="2/10s", TRUSTED_PROXY_HOPS=0)
def test_x_forwarded_for_is_ignored_unless_trusted(client, clock):
    for hop in ("1.1.1.1", "2.2.2.2"):
        client.get("/api/search?q=a", HTTP_X_FORWARDED_FOR=hop)
    # Same REMOTE_ADDR, so a spoofed header does not buy a fresh allowance.
    assert client.get("/api/search?q=a", HTTP_X_FORWARDED_FOR="3.3.3.3").status_code == 429


@override_settings(SEARCH_RATE_LIMIT="2/10s", TRUSTED_PROXY_HOPS=1)
def test_behind_one_proxy_the_address_it_appended_is_the_client(client, clock):
    # The proxy appends the address it saw (5.5.5.5) to whatever the client sent.
    for forged in ("1.1.1.1", "2.2.2.2"):
        client.get("/api/search?q=a", HTTP_X_FORWARDED_FOR=f"{forged}, 5.5.5.5")
    assert client.get("/api/search?q=a", HTTP_X_FORWARDED_FOR="3.3.3.3, 5.5.5.5").status_code == 429
    assert client.get("/api/search?q=a", HTTP_X_FORWARDED_FOR="5.5.5.6").status_code != 429


@override_settings(SEARCH_RATE_LIMIT="5/10s", TRUSTED_PROXY_HOPS=2)
def test_forged_hops_never_buy_a_fresh_allowance(client, clock):
    """100 requests, each with a new forged first hop, behind two proxies: 5 get through."""
    statuses = [
        client.get(
            "/api/search?q=a", HTTP_X_FORWARDED_FOR=f"10.9.{n // 250}.{n % 250}, 6.6.6.6, 7.7.7.7"
        ).status_code
        for n in range(100)
    ]
    assert statuses.count(429) == 95


@override_settings(SEARCH_RATE_LIMIT="2/10s", TRUSTED_PROXY_HOPS=1)
def test_a_proxy_appending_no_address_falls_back_to_the_peer(client, clock):
    for _ in range(2):
        client.get("/api/search?q=a", HTTP_X_FORWARDED_FOR="not-an-address")
    assert client.get("/api/search?q=a").status_code == 429


def test_the_documented_proxy_setup_gives_each_visitor_their_own_limit(tmp_path):
    """Deployed as docs/production.md says, behind its proxy example, two visitors do not
    share one bucket (the example used to leave the proxy's address as everyone's key)."""
    from .helpers import ROOT, production_env, run_script

    doc = (ROOT / "docs" / "production.md").read_text()
    example = doc.split("```sh", 1)[1].split("```", 1)[0]
    exported = dict(
        line.split("export ", 1)[1].split("#")[0].strip().split("=", 1)
        for line in example.splitlines()
        if line.startswith("export ") and "$(" not in line
    )
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in doc
    env = production_env(tmp_path, **exported, YONGKANG_SEARCH_RATE="1/h")
    env["DJANGO_ALLOWED_HOSTS"] += ",testserver"
    env.pop("DJANGO_HTTPS", None)  # plain http inside the test client
    script = (
        "from django.core.management import call_command;"
        "call_command('migrate', verbosity=0);"
        "from django.test import Client; c = Client();"
        "get = lambda peer: c.get('/api/search', {'q': 'a'}, REMOTE_ADDR='127.0.0.1',"
        " HTTP_X_FORWARDED_FOR=peer).status_code;"
        "print(get('203.0.113.1'), get('203.0.113.2'), get('203.0.113.1'))"
    )
    assert run_script(env, script) == "200 200 429"


@override_settings(SEARCH_RATE_LIMIT="off")
def test_the_limit_can_be_switched_off(client, clock):
    for _ in range(50):
        assert client.get("/api/search?q=a").status_code != 429


@pytest.mark.slow
def test_workers_in_separate_processes_share_one_count(tmp_path):
    """Two processes stand in for two gunicorn workers: the second sees the first's
    searches, so a client gets the rate once, not once per worker."""
    from .helpers import manage, production_env, run_script, scratch_database

    script = (
        "from django.test import Client;"
        "c = Client();"
        "print(','.join(str(c.get('/api/search', {'q': '永康'}).status_code) for _ in range(2)))"
    )
    with scratch_database(tmp_path) as url:
        env = production_env(tmp_path, DATABASE_URL=url, YONGKANG_SEARCH_RATE="3/24h")
        assert manage(env, "migrate", "--noinput").returncode == 0
        first = run_script(env, script)
        second = run_script(env, script)

    assert (first, second) == ("200,200", "200,429")
