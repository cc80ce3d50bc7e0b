"""Only staff reach the admin, and its login form is protected against cross-site posts."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-8362"


@pytest.fixture
def reader():
    return get_user_model().objects.create_user("reader", password=PASSWORD)


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True)


@pytest.mark.parametrize("url", ["/admin/", "/admin/articles/article/", "/admin/auth/user/"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_logged_in_non_staff_user_does_not_get_in(client, reader):
    client.force_login(reader)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    # And the login form itself refuses them.
    client.logout()
    response = client.post("/admin/login/", {"username": "reader", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_staff_get_in(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_admin_login_without_a_csrf_token_is_refused(editor):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_admin_login_with_the_forms_csrf_token_works(editor):
    client = Client(enforce_csrf_checks=True)
    form = client.get("/admin/login/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_the_session_cookie_is_out_of_reach_of_scripts(client, editor):
    client.post("/admin/login/", {"username": "editor", "password": PASSWORD})
    assert client.cookies["sessionid"]["httponly"]
