"""The production configuration passes Django's deployment checklist and sends its headers."""

import pytest
from django.test import override_settings

from .helpers import manage, production_env, run_script


def test_check_deploy_is_clean_with_production_env(tmp_path):
    env = production_env(tmp_path, DJANGO_HTTPS="1", DJANGO_ALLOWED_HOSTS="archive.example.cn")
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_flags_a_plain_http_setup(tmp_path):
    # The same check must be able to fail, or the test above proves nothing.
    env = production_env(tmp_path)
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS" in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path, DJANGO_SECRET_KEY="")
    result = manage(env, "check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_settings_come_from_the_environment(tmp_path):
    env = production_env(
        tmp_path,
        DJANGO_HTTPS="1",
        DJANGO_ALLOWED_HOSTS="a.example.cn, b.example.cn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'other.sqlite3'}",
        YONGKANG_INDEX_DIR=str(tmp_path / "elsewhere"),
        YONGKANG_SEARCH_RATE="5/m",
    )
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.ALLOWED_HOSTS, s.DATABASES['default']['NAME'],"
        " s.HAYSTACK_CONNECTIONS['default']['PATH'], s.SESSION_COOKIE_SECURE,"
        " s.SECURE_HSTS_SECONDS > 0, s.SEARCH_RATE_LIMIT, s.STORAGES['staticfiles']['BACKEND'])"
    )
    out = run_script(env, code)
    assert "False ['a.example.cn', 'b.example.cn']" in out
    assert str(tmp_path / "other.sqlite3") in out
    assert str(tmp_path / "elsewhere") in out
    assert "True True 5/m whitenoise.storage.CompressedManifestStaticFilesStorage" in out


@pytest.mark.django_db
def test_security_headers_on_every_page(client):
    response = client.get("/admin/login/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in csp.split("; ")}
    assert directives["default-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "Strict-Transport-Security" not in response


@pytest.mark.django_db
def test_hsts_and_https_redirect_when_https_is_on(client):
    with override_settings(
        SECURE_HSTS_SECONDS=31536000,
        SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
        SECURE_SSL_REDIRECT=True,
        SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    ):
        plain = client.get("/admin/login/")
        assert plain.status_code == 301
        assert plain["Location"].startswith("https://")
        secure = client.get("/admin/login/", headers={"X-Forwarded-Proto": "https"})
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_static_files_served_by_whitenoise_in_production(tmp_path):
    env = production_env(tmp_path)
    collected = manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    assert collected.returncode == 0, collected.stderr
    code = (
        "from django.test import Client;"
        "from django.templatetags.static import static;"
        "r = Client().get(static('css/site.css'));"
        "print(r.status_code, r['Content-Type'], r.has_header('Cache-Control'))"
    )
    out = run_script(env, code)
    assert out.split()[0] == "200"
    assert "text/css" in out


def test_debug_is_off_unless_switched_on(tmp_path):
    env = production_env(tmp_path)
    del env["DJANGO_DEBUG"]
    assert run_script(env, "from django.conf import settings; print(settings.DEBUG)") == "False"
    env["DJANGO_SECRET_KEY"] = ""
    result = manage(env, "check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_dev_serve_switches_debugging_on():
    from .helpers import ROOT

    serve = (ROOT / "dev").read_text().split("serve)", 1)[1].split(";;", 1)[0]
    assert 'export DJANGO_DEBUG="${DJANGO_DEBUG:-1}"' in serve
    assert serve.index("DJANGO_DEBUG") < serve.index("runserver")


def test_settings_do_not_ask_whether_pytest_is_running(tmp_path):
    # pytest sets PYTEST_VERSION in its process; a server started from a test must still
    # rate-limit searches with the production default.
    env = production_env(tmp_path, PYTEST_VERSION="9.2.0")
    code = "from django.conf import settings; print(settings.SEARCH_RATE_LIMIT)"
    assert run_script(env, code) == "30/10s"
