import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles.models import Article, Edition, ImportRun, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def doubtful(seed_editions):
    """One seed article the parser was unsure about, the others without doubts."""
    Article.objects.update(notes=[], reviewed=False)
    article = Article.objects.get(edition__date="2022-11-07", position=3)
    article.notes = ["标题与副题的分界是猜的"]
    article.save()
    return article


def changelist_headlines(response) -> list[str]:
    rows = re.findall(r'<th class="field-headline"><a [^>]*>(.*?)</a>', response.text)
    return rows


@pytest.mark.parametrize("model", ["edition", "article", "person", "importrun"])
def test_changelists_open_for_staff(staff_client, seed_editions, model):
    response = staff_client.get(reverse(f"admin:articles_{model}_changelist"))
    assert response.status_code == 200


def test_non_staff_are_sent_to_login(client, seed_editions):
    user = User.objects.create_user("reader")
    client.force_login(user)
    for url in (
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_edition_change", args=[seed_editions[0].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_edition_page_shows_raw_text_beside_the_parsed_split(staff_client, seed_editions):
    edition = Edition.objects.get(date="2022-04-02")
    response = staff_client.get(reverse("admin:articles_edition_change", args=[edition.pk]))
    assert response.status_code == 200
    html = response.text
    raw = re.search(r'<pre class="raw-text">(.*?)</pre>', html, re.S)
    assert raw and "中共永康市委主办" in raw.group(1) and "市委书记章旭升主持会议。" in raw.group(1)
    split = re.search(r'<ol class="parsed-articles">(.*?)</ol></div>', html, re.S).group(1)
    for article in edition.articles.all():
        assert article.headline in split
        assert reverse("admin:articles_article_change", args=[article.pk]) in split
    assert "<li>市委书记章旭升主持会议。</li>" in split
    assert "articles/admin.css" in html
    # The articles inline links to each article's own change form.
    assert html.count(reverse("admin:articles_article_change", args=[article.pk])) >= 2


def test_edition_list_counts_pages_and_articles(staff_client, seed_editions):
    response = staff_client.get(reverse("admin:articles_edition_changelist"))
    assert re.search(r'field-page_count">1<', response.text)
    assert re.search(r'field-article_count">4<', response.text)
    by_year = staff_client.get(reverse("admin:articles_edition_changelist"), {"date__year": 2022})
    assert by_year.status_code == 200


def test_review_filter_and_ordering_put_doubtful_articles_first(staff_client, doubtful):
    url = reverse("admin:articles_article_changelist")
    everything = changelist_headlines(staff_client.get(url))
    assert len(everything) == 8
    assert everything[0] == doubtful.headline

    to_review = staff_client.get(url, {"review": "yes"})
    assert changelist_headlines(to_review) == [doubtful.headline]
    assert '<td class="field-review">待核对(1)</td>' in to_review.text

    doubtful.reviewed = True
    doubtful.save()
    assert changelist_headlines(staff_client.get(url, {"review": "yes"})) == []
    assert len(changelist_headlines(staff_client.get(url, {"review": "no"}))) == 8


def test_article_filters_and_search(staff_client, seed_editions):
    url = reverse("admin:articles_article_changelist")
    chen = Person.objects.get(name="陈晓苏")
    by_person = changelist_headlines(staff_client.get(url, {"person": chen.pk}))
    assert sorted(by_person) == sorted(chen.articles.values_list("headline", flat=True))
    assert len(by_person) == 3

    notices = changelist_headlines(staff_client.get(url, {"kind__exact": "notice"}))
    assert notices == ["启事"]

    in_november = changelist_headlines(
        staff_client.get(url, {"edition__date__year": 2022, "edition__date__month": 11})
    )
    assert len(in_november) == 4

    by_name = changelist_headlines(staff_client.get(url, {"q": "张赤奎"}))
    assert len(by_name) == 1 and by_name[0].startswith("集思广益献良策")
    by_body = changelist_headlines(staff_client.get(url, {"q": "市委书记章旭升主持会议"}))
    assert len(by_body) == 1


def test_article_list_queries_do_not_grow_with_articles(
    staff_client, seed_editions, django_assert_max_num_queries
):
    url = reverse("admin:articles_article_changelist")
    staff_client.get(url)  # warm the session and content types
    with django_assert_max_num_queries(15):
        response = staff_client.get(url)
    assert "陈晓苏(记者)" in response.text


def test_article_change_form_shows_doubts_and_credits(staff_client, doubtful):
    lead = Article.objects.get(edition__date="2022-04-02", position=1)
    response = staff_client.get(reverse("admin:articles_article_change", args=[lead.pk]))
    assert response.status_code == 200
    assert lead.headline in response.text
    assert 'name="credits-0-role"' in response.text
    assert "融媒首席记者" in response.text

    response = staff_client.get(reverse("admin:articles_article_change", args=[doubtful.pk]))
    assert '<ul class="doubts"><li>标题与副题的分界是猜的</li></ul>' in response.text


def management_form(prefix: str, count: int) -> dict:
    """The hidden fields an admin inline posts with ``count`` existing rows."""
    return {
        f"{prefix}-TOTAL_FORMS": str(count),
        f"{prefix}-INITIAL_FORMS": str(count),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def article_form_data(article) -> dict:
    credits = list(article.credits.order_by("order"))
    data = {
        "kicker": article.kicker,
        "headline": article.headline,
        "subtitle": article.subtitle,
        "column": article.column,
        "byline": article.byline,
        "kind": article.kind,
        "body": article.body,
        **management_form("credits", len(credits)),
    }
    if article.reviewed:
        data["reviewed"] = "on"
    for i, credit in enumerate(credits):
        data.update(
            {
                f"credits-{i}-id": str(credit.pk),
                f"credits-{i}-article": str(article.pk),
                f"credits-{i}-person": str(credit.person_id),
                f"credits-{i}-role": credit.role,
                f"credits-{i}-printed_role": credit.printed_role,
                f"credits-{i}-order": str(credit.order),
            }
        )
    return data


def test_saving_an_article_in_the_admin_marks_it_edited(staff_client, seed_editions):
    article = Article.objects.get(edition__date="2022-04-02", position=2)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = article_form_data(article) | {"headline": "编辑改正的标题"}

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].errors
    article.refresh_from_db()
    assert article.headline == "编辑改正的标题"
    assert article.edited


def test_only_ticking_reviewed_is_not_an_edit(staff_client, doubtful):
    url = reverse("admin:articles_article_change", args=[doubtful.pk])
    response = staff_client.post(url, article_form_data(doubtful) | {"reviewed": "on"})
    assert response.status_code == 302
    doubtful.refresh_from_db()
    assert doubtful.reviewed and not doubtful.edited


def test_changing_only_a_credit_marks_the_article_edited(staff_client, seed_editions):
    article = Article.objects.get(edition__date="2022-04-02", position=1)
    other = Person.objects.create(name="新记者")
    data = article_form_data(article) | {"credits-0-person": str(other.pk)}
    response = staff_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.edited
    assert list(article.people.values_list("name", flat=True)) == ["新记者"]


def test_person_autocomplete_for_the_credit_inline(staff_client, seed_editions):
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"term": "陈", "app_label": "articles", "model_name": "credit", "field_name": "person"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["陈晓苏"]


def test_person_list_counts_articles_and_sorts_by_them(staff_client, seed_editions):
    url = reverse("admin:articles_person_changelist")
    response = staff_client.get(url, {"o": "-2"})  # article count, descending
    names = re.findall(r'<th class="field-name"><a [^>]*>(.*?)</a>', response.text)
    assert names[0] == "陈晓苏"
    assert re.search(r'field-article_count">3<', response.text)
    chen = Person.objects.get(name="陈晓苏")
    assert f"?person={chen.pk}" in response.text


def test_import_runs_are_read_only(staff_client, seed_editions):
    run = ImportRun.objects.first()
    listing = staff_client.get(reverse("admin:articles_importrun_changelist"))
    assert run.source_name in listing.text
    assert staff_client.get(reverse("admin:articles_importrun_add")).status_code == 403
    detail = staff_client.get(reverse("admin:articles_importrun_change", args=[run.pk]))
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.text
    post = staff_client.post(
        reverse("admin:articles_importrun_change", args=[run.pk]), {"outcome": "failed"}
    )
    assert post.status_code == 403
    run.refresh_from_db()
    assert run.outcome == "created"
    delete = staff_client.post(
        reverse("admin:articles_importrun_delete", args=[run.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert ImportRun.objects.filter(pk=run.pk).exists()

    failed = staff_client.get(reverse("admin:articles_importrun_changelist"), {"outcome": "failed"})
    assert run.source_name not in failed.text


def test_fixing_a_headline_in_the_edition_inline_marks_only_that_article_edited(
    staff_client, seed_editions
):
    edition = Edition.objects.get(date="2022-11-07")
    pages = list(edition.pages.all())
    articles = list(edition.articles.in_page_order())
    data = {
        "paper": edition.paper,
        "date": edition.date.isoformat(),
        "weekday": edition.weekday,
        "lunar_date": edition.lunar_date,
        **management_form("pages", len(pages)),
        **management_form("articles", len(articles)),
    }
    for i, page in enumerate(pages):
        data |= {f"pages-{i}-id": str(page.pk), f"pages-{i}-edition": str(edition.pk)}
    for i, article in enumerate(articles):
        data |= {
            f"articles-{i}-id": str(article.pk),
            f"articles-{i}-edition": str(edition.pk),
            f"articles-{i}-headline": article.headline,
            f"articles-{i}-kind": article.kind,
        }
    data["articles-3-kind"] = "news"  # the parser called it a teaser

    response = staff_client.post(reverse("admin:articles_edition_change", args=[edition.pk]), data)

    assert response.status_code == 302
    assert [(a.kind, a.edited) for a in edition.articles.in_page_order()] == [
        ("news", False),
        ("news", False),
        ("commentary", False),
        ("news", True),
    ]
