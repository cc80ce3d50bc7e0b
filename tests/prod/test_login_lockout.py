"""Guessing admin passwords: after a few wrong ones a client is locked out (django-axes)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-8362"
LIMIT = 5


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True)


def login(client, password, **extra):
    return client.post(
        "/admin/login/?next=/admin/", {"username": "editor", "password": password}, **extra
    )


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_a_hundred_wrong_passwords_are_not_all_answered(client, editor):
    statuses = [login(client, f"guess-{n}").status_code for n in range(100)]
    assert statuses[: LIMIT - 1] == [200] * (LIMIT - 1)  # the form again, with an error
    assert set(statuses[LIMIT:]) == {429}
    # Locked out means locked out: the right password does not get in either.
    response = login(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_the_lockout_is_per_client_and_a_good_login_resets_the_count(client, editor):
    for n in range(LIMIT):
        login(client, f"guess-{n}", REMOTE_ADDR="203.0.113.7")
    assert login(client, PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 429
    # Another editor elsewhere still logs in.
    other = login(client, PASSWORD, REMOTE_ADDR="203.0.113.8")
    assert other.status_code == 302
    client.logout()
    # A few mistakes then the right password: the count starts again.
    for n in range(LIMIT - 1):
        login(client, f"typo-{n}", REMOTE_ADDR="203.0.113.9")
    assert login(client, PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 302
    client.logout()
    for n in range(LIMIT - 1):
        assert login(client, f"typo-{n}", REMOTE_ADDR="203.0.113.9").status_code == 200


@override_settings(AXES_FAILURE_LIMIT=LIMIT, TRUSTED_PROXY_HOPS=1)
def test_behind_the_proxy_forged_addresses_do_not_escape_the_lockout(client, editor):
    for n in range(LIMIT):
        login(client, f"guess-{n}", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 198.51.100.4")
    response = login(client, PASSWORD, HTTP_X_FORWARDED_FOR="10.0.0.99, 198.51.100.4")
    assert response.status_code == 429
