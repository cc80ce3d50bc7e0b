"""People's pages are keyed by id, so any stored name (a unit with "/", "..", "%2F") links
and answers; links by name from before redirect permanently."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from articles.models import Credit, Person, Role

# Stored before names were checked at import, or typed by an editor in the admin.
ODD_NAMES = ["市教育局/宣传科", "..", "%2F", "a/../b", "<b>王</b>", "?q=1#x", "12"]


@pytest.fixture
def odd_people(archive):
    newest = archive.articles["inspection"]
    people = []
    for order, name in enumerate(ODD_NAMES, start=1):
        person = Person.objects.create(name=name)
        Credit.objects.create(article=newest, person=person, role=Role.CONTRIBUTOR, order=order)
        people.append(person)
    return people


def test_every_page_linking_odd_names_answers(client, archive, odd_people):
    newest = archive.articles["inspection"]
    chen = archive.people["陈晓苏"]
    urls = [
        "/people/",
        "/people/?role=供稿",
        "/sitemap.xml",
        newest.get_absolute_url(),
        "/2022/11/7/",
        "/",
        "/on-this-day/?date=2023-11-07",
        chen.get_absolute_url(),
        *(person.get_absolute_url() for person in odd_people),
        *(person.get_absolute_url() + "feed/" for person in odd_people),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    html = client.get(newest.get_absolute_url()).content.decode()
    for person in odd_people:
        assert f'href="/people/{person.pk}/"' in html


def test_the_admins_view_on_site_reaches_an_odd_person(client, odd_people):
    admin = get_user_model().objects.create_superuser("editor", "e@example.com", None)
    client.force_login(admin)
    content_type = ContentType.objects.get_for_model(Person)
    for person in odd_people:
        response = client.get(f"/admin/r/{content_type.pk}/{person.pk}/")
        assert response.status_code == 302
        assert response["Location"].endswith(f"/people/{person.pk}/")
        assert (
            client.get(reverse("admin:articles_person_change", args=[person.pk])).status_code == 200
        )


def test_a_dot_dot_name_links_to_its_own_page_not_the_home_page(client, odd_people):
    dots = next(person for person in odd_people if person.name == "..")
    response = client.get(dots.get_absolute_url())
    assert response.status_code == 200
    assert '<h1 class="page-heading">..</h1>' in response.content.decode()


def test_links_by_name_redirect_permanently(client, archive):
    chen = archive.people["陈晓苏"]
    response = client.get("/people/%E9%99%88%E6%99%93%E8%8B%8F/")
    assert response.status_code == 301
    assert response["Location"] == f"/people/{chen.pk}/"
    feed = client.get("/people/%E9%99%88%E6%99%93%E8%8B%8F/feed/")
    assert feed.status_code == 301
    assert feed["Location"] == f"/people/{chen.pk}/feed/"
    assert client.get("/people/%E6%97%A0%E5%90%8D%E6%B0%8F/").status_code == 404  # 无名氏
    assert client.get("/people/999999/").status_code == 404
