"""The editors' workbench through the Django test client: every operation, its effect on the
public pages and the search, and the parser's original surviving it."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from articles.forms import SearchForm
from articles.models import (
    Article,
    ArticleRedirect,
    Credit,
    Page,
    PendingIndexUpdate,
    Person,
    PersonAlias,
)
from articles.search.service import search

pytestmark = pytest.mark.django_db

NOVEMBER = "2022-11-07"


def run(**params):
    form = SearchForm(params)
    form.is_valid()
    return search(form.spec())


def found_ids(**params) -> set[int]:
    return {hit.article.pk for hit in run(**params).hits}


def admin_form_data(response) -> dict:
    """What the browser sends back: every field of the change form as shown."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is not None and value is not False:
            data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        for sub in formset.forms:
            for name in sub.fields:
                value = sub[name].value()
                if value is not None and value is not False:
                    data[sub.add_prefix(name)] = value
    return data


@pytest.fixture
def editor(staff_client, django_capture_on_commit_callbacks):
    """The staff client, with every commit's index drain run as it would be live."""

    class Editor:
        client = staff_client

        def get(self, *args, **kwargs):
            return staff_client.get(*args, **kwargs)

        def post(self, *args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return staff_client.post(*args, **kwargs)

        def save(self, article, **changes):
            url = reverse("admin:articles_article_change", args=[article.pk])
            data = admin_form_data(staff_client.get(url)) | changes
            response = self.post(url, data)
            assert response.status_code == 302, response.context["adminform"].form.errors
            return response

    return Editor()


def article_at(position, date=NOVEMBER) -> Article:
    return Article.objects.get(edition__date=date, position=position)


def change_page(editor, article) -> str:
    return editor.get(reverse("admin:articles_article_change", args=[article.pk])).text


# --- labels, inputs ---------------------------------------------------------------------------


def test_every_field_and_model_has_a_chinese_label():
    from django.apps import apps

    han = re.compile(r"[\u4e00-\u9fff]")
    for model in apps.get_app_config("articles").get_models():
        assert han.search(str(model._meta.verbose_name)), model
        for field in model._meta.get_fields():
            if field.auto_created or not field.concrete or field.name == "id":
                continue
            assert han.search(str(field.verbose_name)), f"{model.__name__}.{field.name}"


def test_change_page_is_in_chinese_with_wide_title_inputs(editor, seed_editions):
    html = change_page(editor, article_at(1))
    for english in ("Created at", "Updated at", "Imported at", "PERSON", ">Person<", "Model name"):
        assert english not in html
    assert "创建时间" in html and "更新时间" in html
    for name in ("kicker", "headline", "subtitle", "byline"):
        assert re.search(rf'<input[^>]*name="{name}"[^>]*class="[^"]*wide-input', html)
    assert "articles/workbench.js" in html and "<script>" not in html


# --- byline -> credits ------------------------------------------------------------------------


def test_changing_the_byline_rederives_the_credits(editor, seed_editions):
    article = article_at(1)
    assert found_ids(reporter="王测试") == set()
    editor.save(article, byline="本报讯(记者 王测试)")
    credits = list(article.credits.select_related("person"))
    assert [(c.person.name, c.role, c.by_hand) for c in credits] == [("王测试", "记者", False)]
    assert found_ids(reporter="王测试") == {article.pk}
    page = editor.get(article.get_absolute_url()).text
    assert re.search(r'<a class="person-link" href="[^"]+">王测试</a>', page)
    assert not PendingIndexUpdate.objects.exists()


def test_hand_added_credits_are_marked_and_survive_a_byline_change(editor, seed_editions):
    article = article_at(1)
    helper = Person.objects.create(name="李帮忙")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = admin_form_data(editor.get(url))
    data.update(
        {
            "credits-TOTAL_FORMS": "2",
            "credits-1-person": str(helper.pk),
            "credits-1-role": "通讯员",
            "credits-1-printed_role": "",
            "credits-1-order": "5",
        }
    )
    assert editor.post(url, data).status_code == 302
    assert Credit.objects.get(article=article, person=helper).by_hand
    editor.save(article, byline="本报讯(记者 王测试)")
    names = [(c.person.name, c.by_hand) for c in article.credits.order_by("order")]
    assert names == [("王测试", False), ("李帮忙", True)]
    assert (
        not Person.objects.filter(name="陈晓苏").exists()
        or Credit.objects.filter(person__name="陈晓苏").exists()
    )
    html = change_page(editor, article)
    assert re.search(r'<td class="field-by_hand">\s*<p>\s*(True|是|<img[^>]*alt="True")', html)


def test_preview_says_who_will_be_credited(editor, seed_editions):
    url = reverse("admin:articles_article_byline_preview")
    answer = editor.get(url, {"byline": "本报记者 陈晓苏 通讯员 王新人"}).json()
    assert "陈晓苏(记者" in answer["html"] and "王新人(通讯员" in answer["html"]
    assert "新人员" in answer["html"]
    html = change_page(editor, article_at(1))
    assert re.search(r'id="credit-preview"[^>]*>.*陈晓苏\(记者', html, re.S)
    nobody = editor.get(url, {"byline": "融媒评论员"}).json()
    assert "未识别出人名" in nobody["html"]


# --- source beside the article ----------------------------------------------------------------


def test_change_page_shows_the_page_text_with_this_articles_lines_marked(editor, seed_editions):
    article = article_at(2)
    assert (article.first_line, article.last_line) == (37, 51)
    html = change_page(editor, article)
    marked = re.findall(r'<li id="L(\d+)" class="this-article">', html)
    assert marked == [str(n) for n in range(37, 52)]
    assert '<li id="L25" class="">清廉金华建设推进会以视频形式召开</li>' in html


# --- split, merge, move -----------------------------------------------------------------------


def test_split_makes_the_lower_part_a_new_article(editor, seed_editions):
    article = article_at(2)
    paragraphs = article.paragraphs
    url = reverse("admin:articles_article_split", args=[article.pk])
    assert "从这一段起拆开" in editor.get(url).text
    response = editor.post(
        url, {"paragraph": "2", "headline": "城南改造调度会", "byline": "记者 王分拆"}
    )
    new = Article.objects.get(headline="城南改造调度会")
    assert response["Location"] == reverse("admin:articles_article_change", args=[new.pk])
    article.refresh_from_db()
    assert article.paragraphs == paragraphs[:2] and new.paragraphs == paragraphs[2:]
    assert (article.position, new.position) == (2, 3)
    assert article_at(4).headline == "城市更新的口子 断不会开"
    assert [c.person.name for c in new.credits.all()] == ["王分拆"]
    assert article.original["body"] == "\n".join(paragraphs)  # the parse survives
    assert article.page.layout_edited and new.edited and article.edited
    assert found_ids(q="调度会", reporter="王分拆") == {new.pk}
    assert article.last_line < new.first_line <= new.last_line == 51
    edition = editor.get("/2022/11/7/").text
    edition = re.sub(r'<ul class="messages">.*?</ul>', "", edition, flags=re.S)
    order = [edition.index(text) for text in ("一鼓作气", "城南改造调度会", "城市更新的口子")]
    assert order == sorted(order)
    assert LogEntry.objects.filter(object_id=str(article.pk), change_message__contains="拆分")


def test_merge_into_previous_redirects_the_merged_away_url(editor, seed_editions):
    upper, lower = article_at(2), article_at(3)
    lower_text, original = lower.paragraphs, lower.original
    url = reverse("admin:articles_article_merge", args=[lower.pk, "previous"])
    assert "一鼓作气" in editor.get(url).text
    response = editor.post(url, {"titles": "body"})
    assert response["Location"] == reverse("admin:articles_article_change", args=[upper.pk])
    upper.refresh_from_db()
    assert upper.paragraphs[-len(lower_text) - 1 :] == ["城市更新的口子 断不会开", *lower_text]
    assert not Article.objects.filter(pk=lower.pk).exists()
    moved = editor.get(f"/articles/{lower.pk}/")
    assert moved.status_code == 301 and moved["Location"] == upper.get_absolute_url()
    assert ArticleRedirect.objects.get(old_id=lower.pk).original == original
    assert [a.position for a in Article.objects.filter(page=upper.page).order_by("position")] == [
        1,
        2,
        3,
    ]
    assert found_ids(q="一把尺子量到底") == {upper.pk}
    assert "融媒评论员" in upper.byline


def test_merge_a_byline_read_as_a_headline_into_the_byline(editor, seed_editions):
    """The parser's false article: a byline line taken as the headline of the lower half."""
    article = article_at(1)
    paragraphs = article.paragraphs
    article.body = "\n".join(paragraphs[:2])
    article.byline = ""
    article.save()
    article.credits.all().delete()
    false = article_at(2)
    false.credits.all().delete()
    false.kicker = false.subtitle = false.byline = ""
    false.headline, false.body = "本报记者 吕小测", "\n".join(paragraphs[2:])
    false.save()
    response = editor.post(
        reverse("admin:articles_article_merge", args=[false.pk, "previous"]), {"titles": "byline"}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.paragraphs == paragraphs and article.byline == "本报记者 吕小测"
    assert [(c.person.name, c.role) for c in article.credits.all()] == [("吕小测", "记者")]
    assert found_ids(reporter="吕小测") == {article.pk}


def test_merge_with_nothing_there_says_so(editor, seed_editions):
    first = article_at(1)
    response = editor.get(reverse("admin:articles_article_merge", args=[first.pk, "previous"]))
    assert "没有文章" in response.text
    assert (
        editor.post(
            reverse("admin:articles_article_merge", args=[first.pk, "previous"]), {"titles": "body"}
        ).status_code
        == 200
    )
    assert Article.objects.filter(pk=first.pk).exists()


def test_move_up_and_down_swaps_neighbours(editor, seed_editions):
    second, third = article_at(2), article_at(3)
    response = editor.post(reverse("admin:articles_article_move", args=[third.pk, "up"]))
    assert response.status_code == 302
    assert (article_at(2).pk, article_at(3).pk) == (third.pk, second.pk)
    assert Page.objects.get(pk=second.page_id).layout_edited
    editor.post(reverse("admin:articles_article_move", args=[third.pk, "down"]))
    assert (article_at(2).pk, article_at(3).pk) == (second.pk, third.pk)
    last = article_at(4)
    editor.post(reverse("admin:articles_article_move", args=[last.pk, "down"]))
    assert article_at(4).pk == last.pk
    moving_by_get = editor.get(reverse("admin:articles_article_move", args=[last.pk, "up"]))
    assert moving_by_get.status_code == 405


def test_a_reimport_leaves_a_reordered_page_alone_unless_forced(editor, seed_editions, page_dir):
    from articles.importer import import_file

    second, third = article_at(2), article_at(3)
    editor.post(reverse("admin:articles_article_move", args=[third.pk, "up"]))
    path = page_dir / "002_39295de852cbae3c.txt"
    path.write_text(path.read_text("utf-8") + "\n\n补一行", "utf-8")
    result = import_file(path)
    assert result.kept == 4 and (article_at(2).pk, article_at(3).pk) == (third.pk, second.pk)
    forced = import_file(path, force=True)
    assert not forced.failed and article_at(2).headline.startswith("一鼓作气")
    assert not Page.objects.get(pk=second.page_id).layout_edited


# --- original and revert ----------------------------------------------------------------------


def test_the_diff_shows_what_an_editor_changed_and_revert_puts_it_back(editor, seed_editions):
    article = article_at(1)
    parsed_headline = article.headline
    editor.save(article, headline="清廉金华推进会召开", byline="本报讯(记者 王测试)")
    html = change_page(editor, article)
    assert "清廉金华<del>建设</del>推进会<del>以视频形式</del>召开" in html
    assert "<del>陈晓苏</del><ins>王测试</ins>" in html
    diff = editor.get(reverse("admin:articles_article_original", args=[article.pk])).text
    assert 'value="headline"' in diff and 'value="credits"' in diff
    editor.post(
        reverse("admin:articles_article_original", args=[article.pk]),
        {"field": ["headline", "byline", "credits"]},
    )
    article.refresh_from_db()
    assert article.headline == parsed_headline and not article.edited
    assert [c.person.name for c in article.credits.all()] == ["陈晓苏"]
    assert found_ids(reporter="王测试") == set()
    assert "与解析原稿一致" in change_page(editor, article)


def test_every_imported_article_keeps_its_parse(seed_editions):
    for article in Article.objects.all():
        assert article.original["headline"] == article.headline
        assert article.original["body"] == article.body
        assert article.first_line and article.last_line >= article.first_line


# --- people -----------------------------------------------------------------------------------


def test_merging_two_spellings_moves_credits_and_redirects(editor, seed_editions):
    article = article_at(2)
    Credit.objects.filter(article=article).delete()
    wrong = Person.objects.create(name="陈晓 苏")
    Credit.objects.create(article=article, person=wrong, role="记者")
    right = Person.objects.get(name="陈晓苏")
    response = editor.post(
        reverse("admin:articles_person_changelist"),
        {"action": "merge_people", "_selected_action": [str(right.pk), str(wrong.pk)]},
    )
    assert "保留哪一个写法" in response.text
    response = editor.post(
        reverse("admin:articles_person_changelist"),
        {
            "action": "merge_people",
            "post": "yes",
            "keep": str(right.pk),
            "_selected_action": [str(right.pk), str(wrong.pk)],
        },
    )
    assert response.status_code == 302
    assert not Person.objects.filter(name="陈晓 苏").exists()
    assert article.credits.get().person == right
    assert article.pk in found_ids(reporter="陈晓苏")
    old = "/people/%E9%99%88%E6%99%93%20%E8%8B%8F/"  # by name, as links were before ids
    moved = editor.get(old)
    assert moved.status_code == 301 and moved["Location"] == right.get_absolute_url()
    feed = editor.get(old + "feed/")
    assert feed.status_code == 301
    assert feed["Location"] == reverse("articles:person_feed", kwargs={"pk": right.pk})
    assert "也写作：陈晓 苏" in editor.get(right.get_absolute_url()).text
    assert PersonAlias.objects.get(name="陈晓 苏").person == right


def test_a_merged_away_persons_old_addresses_and_spelling_lead_to_the_person(
    client, seed_editions, django_capture_on_commit_callbacks
):
    from articles import editing

    right = Person.objects.get(name="陈晓苏")
    wrong = Person.objects.create(name="陈晓酥")
    article = article_at(2)
    Credit.objects.create(article=article, person=wrong, role="摄影")
    old_page, old_feed = wrong.get_absolute_url(), reverse("articles:person_feed", args=[wrong.pk])
    with django_capture_on_commit_callbacks(execute=True):
        editing.merge_people(right, [wrong])

    moved = client.get(old_page + "?page=2")
    assert moved.status_code == 301
    assert moved["Location"] == right.get_absolute_url() + "?page=2"
    assert client.get(moved["Location"]).status_code == 200
    assert client.get(old_feed)["Location"] == reverse("articles:person_feed", args=[right.pk])
    assert client.get("/people/999999/").status_code == 404
    assert client.get("/people/999999/feed/").status_code == 404
    # The old spelling in the reporter box finds the person's articles.
    assert article.pk in found_ids(reporter="陈晓酥")
    assert found_ids(reporter="陈晓酥") == found_ids(reporter="陈晓苏")


def test_an_import_printing_a_merged_spelling_credits_the_person(editor, seed_editions, page_dir):
    from articles.importer import import_file

    right = Person.objects.get(name="陈晓苏")
    right.name = "陈晓酥"
    right.save()
    # 陈晓苏 is now the wrong spelling of 陈晓酥.
    other = Person.objects.create(name="陈晓苏")
    editor.post(
        reverse("admin:articles_person_changelist"),
        {
            "action": "merge_people",
            "post": "yes",
            "keep": str(right.pk),
            "_selected_action": [str(right.pk), str(other.pk)],
        },
    )
    path = page_dir / "002_39295de852cbae3c.txt"
    path.write_text(path.read_text("utf-8") + "\n\n补一行", "utf-8")
    assert not import_file(path, force=True).failed
    assert not Person.objects.filter(name="陈晓苏").exists()
    assert Credit.objects.filter(person=right).count() >= 2


def test_renaming_a_person_keeps_the_old_address(editor, seed_editions):
    person = Person.objects.get(name="陈晓苏")
    url = reverse("admin:articles_person_change", args=[person.pk])
    assert editor.post(url, {"name": "陈晓苏新"}).status_code == 302
    person.refresh_from_db()
    assert person.name == "陈晓苏新"
    assert editor.get("/people/陈晓苏/")["Location"] == person.get_absolute_url()
    assert found_ids(reporter="陈晓苏新")
    taken = Person.objects.create(name="别人")
    PersonAlias.objects.create(name="别写法", person=taken)
    response = editor.post(url, {"name": "别写法"})
    assert response.status_code == 200 and "别人 的其他写法" in response.text


# --- bulk actions -----------------------------------------------------------------------------


def test_mark_reviewed_is_not_an_edit(editor, seed_editions):
    ids = [article_at(1).pk, article_at(2).pk]
    editor.post(
        reverse("admin:articles_article_changelist"),
        {"action": "mark_reviewed", "_selected_action": [str(pk) for pk in ids]},
    )
    assert all(a.reviewed and not a.edited for a in Article.objects.filter(pk__in=ids))


def test_reparse_previews_then_leaves_edited_articles_alone_unless_forced(editor, seed_editions):
    article = article_at(1)
    editor.save(article, headline="编辑改过的标题")
    untouched = article_at(2)
    untouched.headline = "被误改但未标记"
    untouched.save()
    page = article.page
    changelist = reverse("admin:articles_page_changelist")
    selected = {"action": "reparse", "_selected_action": [str(page.pk)]}
    preview = editor.post(changelist, selected)
    assert "重新解析" in preview.text and "保留编辑修改" in preview.text
    assert re.search(r"<td>更新</td><td>被误改但未标记</td><td>一鼓作气", preview.text)
    assert Article.objects.get(pk=untouched.pk).headline == "被误改但未标记"  # nothing yet
    editor.post(changelist, selected | {"apply": "yes"})
    assert Article.objects.get(pk=untouched.pk).headline.startswith("一鼓作气")
    assert Article.objects.get(pk=article.pk).headline == "编辑改过的标题"
    forced = editor.post(changelist, selected | {"force": "on", "apply": "no"})
    assert re.search(r"<td>更新</td><td>编辑改过的标题</td>", forced.text)
    editor.post(changelist, selected | {"force": "on", "apply": "yes"})
    assert Article.objects.get(pk=article.pk).headline == "清廉金华建设推进会以视频形式召开"


def test_workbench_screens_need_staff(client, seed_editions):
    article = article_at(2)
    for url in (
        reverse("admin:articles_article_split", args=[article.pk]),
        reverse("admin:articles_article_merge", args=[article.pk, "next"]),
        reverse("admin:articles_article_original", args=[article.pk]),
        reverse("admin:articles_article_byline_preview"),
    ):
        assert client.get(url).status_code == 302


def test_split_can_take_the_new_articles_title_lines_out_of_the_text(editor, seed_editions):
    article = article_at(2)
    paragraphs = article.paragraphs
    article.body = "\n".join(
        [*paragraphs, "城市更新的口子 断不会开", "融媒评论员", "口子断不能开。"]
    )
    article.save()
    url = reverse("admin:articles_article_split", args=[article.pk])
    cut = str(len(paragraphs))
    response = editor.post(
        url, {"paragraph": cut, "title_lines": "2", "headline": "城市更新的口子", "byline": ""}
    )
    assert response.status_code == 302
    new = Article.objects.get(headline="城市更新的口子")
    assert new.paragraphs == ["口子断不能开。"]
    article.refresh_from_db()
    assert article.paragraphs == paragraphs
    too_many = editor.post(url, {"paragraph": "1", "title_lines": "3", "headline": "x"})
    assert too_many.status_code == 200 and "至少要留一段正文" in too_many.text


def test_split_is_one_transaction_that_queues_every_article_it_moves(seed_editions, monkeypatch):
    from articles import editing

    article = article_at(2)
    PendingIndexUpdate.objects.all().delete()
    new = editing.split(article, 2, editing.NewTitles(headline="拆出的文章"))
    queued = set(PendingIndexUpdate.objects.values_list("article_id", flat=True))
    assert {article.pk, new.pk, article_at(4).pk, article_at(5).pk} <= queued

    def broken(_article):
        raise RuntimeError("credits failed")

    body = Article.objects.get(pk=article.pk).body
    monkeypatch.setattr(editing, "rederive_credits", broken)
    with pytest.raises(RuntimeError):
        editing.split(Article.objects.get(pk=article.pk), 1, editing.NewTitles(headline="不该有"))
    assert Article.objects.get(pk=article.pk).body == body
    assert not Article.objects.filter(headline="不该有").exists()
    assert list(Article.objects.filter(page=article.page).values_list("position", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
    ]


def test_merge_is_one_transaction(seed_editions, monkeypatch):
    from articles import editing

    lower = article_at(3)
    monkeypatch.setattr(editing, "rederive_credits", lambda _a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        editing.merge(lower, "previous")
    assert Article.objects.filter(pk=lower.pk).exists()
    assert not ArticleRedirect.objects.exists()
    assert "口子" not in article_at(2).body


def test_merging_people_who_share_an_article_leaves_one_credit(seed_editions):
    from articles import editing

    article = article_at(1)
    keep = Person.objects.get(name="陈晓苏")
    twin, triplet = Person.objects.create(name="陈晓甦"), Person.objects.create(name="陈小苏")
    Credit.objects.create(article=article, person=twin, role="记者", order=1)
    Credit.objects.create(article=article, person=triplet, role="记者", order=2)
    Credit.objects.create(article=article, person=triplet, role="摄影", order=3)
    other_article = article_at(3)
    Credit.objects.create(article=other_article, person=twin, role="通讯员")
    Credit.objects.create(article=other_article, person=triplet, role="通讯员")
    PendingIndexUpdate.objects.all().delete()
    editing.merge_people(keep, [twin, triplet])
    assert sorted(article.credits.values_list("person__name", "role")) == [
        ("陈晓苏", "摄影"),
        ("陈晓苏", "记者"),
    ]
    assert list(other_article.credits.values_list("person__name", "role")) == [("陈晓苏", "通讯员")]
    assert set(keep.aliases.values_list("name", flat=True)) == {"陈晓甦", "陈小苏"}
    queued = set(PendingIndexUpdate.objects.values_list("article_id", flat=True))
    assert {article.pk, other_article.pk} <= queued


def test_page_and_merged_article_screens_open(editor, seed_editions):
    page = article_at(1).page
    for url in (
        reverse("admin:articles_page_changelist"),
        reverse("admin:articles_page_change", args=[page.pk]),
        reverse("admin:articles_person_change", args=[Person.objects.first().pk]),
    ):
        response = editor.get(url)
        assert response.status_code == 200, url
    lower = article_at(3)
    editor.post(reverse("admin:articles_article_merge", args=[lower.pk, "previous"]), {})
    listing = editor.get(reverse("admin:articles_articleredirect_changelist"))
    assert lower.headline in listing.text
    redirect = ArticleRedirect.objects.get(old_id=lower.pk)
    shown = editor.get(reverse("admin:articles_articleredirect_change", args=[redirect.pk]))
    assert shown.status_code == 200 and "解析原稿" in shown.text


def test_articles_are_not_added_by_hand(editor, seed_editions):
    # An article belongs to a page and a place on it: it comes from an import or a split.
    assert editor.get(reverse("admin:articles_article_add")).status_code == 403
