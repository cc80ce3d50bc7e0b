"""The editors' workbench screens behind the admin: split, merge, move, revert, re-parse,
merge people, and the byline preview. ``admin.py`` wires them in; the work itself is done by
``articles.editing``, ``articles.originals`` and ``articles.reparse``.

Each screen is a plain form (no inline script: the site's CSP forbids it), usable from the
keyboard; every change is logged in the admin history (LogEntry) with what was done.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from articles import editing, originals, reparse
from articles.credits import preview
from articles.models import Article
from articles.parsing import PageError

WIDE = {"class": "vTextField wide-input"}
# Each page is parsed for the preview and again to apply: keep one request's work bounded.
REPARSE_AT_ONCE = 20


def change_url(obj) -> str:
    return reverse(f"admin:articles_{obj._meta.model_name}_change", args=[obj.pk])


def _article(model_admin, request, pk) -> Article:
    article = Article.objects.select_related("edition", "page").filter(pk=pk).first()
    if article is None:
        raise Http404("没有这篇文章")
    if not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    return article


def _render(model_admin, request, template, title, **context):
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": title,
        **context,
    }
    return TemplateResponse(request, f"admin/articles/{template}", context)


# --- byline -> credits preview ---------------------------------------------------------------


def credits_preview_html(byline: str):
    """Who the byline credits, as the change page shows it (and the script refreshes it)."""
    found = preview(byline)
    if not found:
        return format_html('<span class="credit-none">{}</span>', "署名中未识别出人名")
    return format_html(
        '<ul class="credit-list">{}</ul>',
        format_html_join(
            "",
            "<li>{}</li>",
            ((_credit_text(credit),) for credit in found),
        ),
    )


def _credit_text(credit) -> str:
    text = f"{credit.name}({credit.role}"
    text += f", 印作“{credit.printed_role}”)" if credit.printed_role else ")"
    if credit.printed_name != credit.name:
        text += f" ← 写法“{credit.printed_name}”已并入"
    if credit.new_person:
        text += " · 新人员"
    return text


def byline_preview(model_admin, request):
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    byline = request.GET.get("byline", "")[:300]
    return JsonResponse({"html": str(credits_preview_html(byline))})


# --- split ----------------------------------------------------------------------------------


class SplitForm(forms.Form):
    paragraph = forms.TypedChoiceField(
        label="从哪一段起拆为新文章", coerce=int, widget=forms.RadioSelect
    )
    title_lines = forms.TypedChoiceField(
        label="拆出部分开头有几段其实是标题或署名行(从正文去掉)",
        coerce=int,
        choices=[(n, str(n)) for n in range(4)],
        initial=0,
        required=False,
        empty_value=0,
    )
    kicker = forms.CharField(
        label="新文章引题", required=False, max_length=300, widget=forms.TextInput(WIDE)
    )
    headline = forms.CharField(label="新文章标题", max_length=300, widget=forms.TextInput(WIDE))
    subtitle = forms.CharField(
        label="新文章副题", required=False, max_length=300, widget=forms.TextInput(WIDE)
    )
    byline = forms.CharField(
        label="新文章署名",
        required=False,
        max_length=300,
        widget=forms.TextInput({**WIDE, "data-credit-preview": "split"}),
    )

    def __init__(self, *args, paragraphs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paragraph"].choices = [
            (index, f"第{index + 1}段起: {text[:60]}")
            for index, text in enumerate(paragraphs)
            if index > 0
        ]


def split_view(model_admin, request, pk):
    article = _article(model_admin, request, pk)
    form = SplitForm(
        request.POST if request.method == "POST" else None, paragraphs=article.paragraphs
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        titles = editing.NewTitles(
            headline=data["headline"],
            kicker=data["kicker"],
            subtitle=data["subtitle"],
            byline=data["byline"],
        )
        try:
            new = editing.split(article, data["paragraph"], titles, data["title_lines"] or 0)
        except editing.EditError as exc:
            form.add_error(None, str(exc))
        else:
            what = f"拆分: 第{data['paragraph'] + 1}段起成为《{new.headline}》"
            model_admin.log_change(request, article, what)
            model_admin.log_addition(request, new, f"由《{article.headline}》拆分而来")
            messages.success(request, f"已拆分: 下半部分成为新文章《{new.headline}》")
            return HttpResponseRedirect(change_url(new))
    return _render(
        model_admin,
        request,
        "article/split.html",
        f"拆分《{article.headline}》",
        article=article,
        form=form,
        paragraphs=list(enumerate(article.paragraphs)),
        media=model_admin.media,
    )


# --- merge ----------------------------------------------------------------------------------


class MergeForm(forms.Form):
    titles = forms.ChoiceField(
        label="被合并文章的标题行",
        choices=editing.TitleLines.choices,
        initial=editing.TitleLines.BODY,
        required=False,
        widget=forms.RadioSelect,
    )


def merge_view(model_admin, request, pk, direction):
    article = _article(model_admin, request, pk)
    if direction not in ("previous", "next"):
        raise Http404
    target = editing.neighbour(article, direction)
    form = MergeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and target is not None:
        try:
            titles = form.cleaned_data["titles"] or editing.TitleLines.BODY
            absorber = editing.merge(article, direction, titles)
        except editing.EditError as exc:
            form.add_error(None, str(exc))
        else:
            model_admin.log_change(
                request, absorber, f"合并: 《{article.headline}》(原编号 {article.pk})并入本文"
            )
            messages.success(
                request, f"已把《{article.headline}》并入《{absorber.headline}》; 原网址转到本文"
            )
            return HttpResponseRedirect(change_url(absorber))
    where = "上一篇" if direction == "previous" else "下一篇"
    return _render(
        model_admin,
        request,
        "article/merge.html",
        f"把《{article.headline}》并入{where}",
        article=article,
        target=target,
        where=where,
        form=form,
        direction=direction,
    )


# --- move -----------------------------------------------------------------------------------


def move_view(model_admin, request, pk, direction):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _article(model_admin, request, pk)
    if direction not in ("up", "down"):
        raise Http404
    try:
        editing.move(article, direction)
    except editing.EditError as exc:
        messages.error(request, str(exc))
    else:
        word = "上移" if direction == "up" else "下移"
        model_admin.log_change(request, article, f"{word}一位")
        messages.success(request, f"《{article.headline}》已{word}一位")
    return HttpResponseRedirect(change_url(article))


# --- original and revert --------------------------------------------------------------------


def revert_view(model_admin, request, pk):
    article = _article(model_admin, request, pk)
    found = originals.differences(article)
    if request.method == "POST":
        chosen = [name for name in request.POST.getlist("field") if name]
        done = originals.revert(article, chosen) if chosen else []
        if done:
            model_admin.log_change(request, article, "恢复解析原稿: " + "、".join(done))
            messages.success(request, "已恢复解析原稿: " + "、".join(done))
        else:
            messages.warning(request, "没有选择要恢复的项")
        return HttpResponseRedirect(change_url(article))
    return _render(
        model_admin,
        request,
        "article/revert.html",
        f"《{article.headline}》与解析原稿比较",
        article=article,
        differences=found,
    )


# --- people ---------------------------------------------------------------------------------


def merge_people_action(model_admin, request, queryset):
    """Admin action: pick the spelling to keep, then fold the others into it."""
    people = list(queryset.with_counts().order_by("-article_count", "name"))
    if len(people) < 2:
        messages.warning(request, "请至少选择两位人员再合并")
        return None
    if request.POST.get("post") == "yes":
        keep = next((p for p in people if str(p.pk) == request.POST.get("keep")), None)
        if keep is None:
            messages.error(request, "请选择保留哪一个写法")
        else:
            others = [p for p in people if p.pk != keep.pk]
            names = "、".join(p.name for p in others)
            editing.merge_people(keep, others)
            model_admin.log_change(request, keep, f"合并人员: {names} 并入本人")
            messages.success(request, f"已把 {names} 并入 {keep.name}; 原页面转到 {keep.name}")
            return HttpResponseRedirect(change_url(keep))
    return _render(
        model_admin,
        request,
        "person/merge.html",
        "合并人员",
        people=people,
        keep=people[0].pk,
        action_checkbox_name=helpers.ACTION_CHECKBOX_NAME,
    )


# --- re-parse -------------------------------------------------------------------------------


def reparse_action(model_admin, request, queryset):
    """Admin action: show what re-parsing the pages would change; re-parse on confirmation."""
    if queryset.count() > REPARSE_AT_ONCE:
        messages.error(request, f"一次最多重新解析 {REPARSE_AT_ONCE} 个版面, 请少选一些")
        return None
    pages = list(queryset.select_related("edition").order_by("edition__date", "number"))
    force = request.POST.get("force") == "on"
    if request.POST.get("apply") == "yes":
        for page in pages:
            try:
                result = reparse.apply(page, force=force)
            except PageError as exc:
                messages.error(request, f"{page.source_name}:{exc.line or ''}: {exc.message}")
                continue
            summary = (
                f"{page}: 新建 {result.created}, 更新 {result.updated}, 不变 {result.unchanged}, "
                f"保留编辑修改 {result.kept}, 删除 {result.deleted}"
            )
            model_admin.log_change(request, page, "重新解析" + ("(强制)" if force else ""))
            messages.success(request, summary)
        return None
    plans = [reparse.plan(page, force=force) for page in pages]
    return _render(
        model_admin,
        request,
        "page/reparse.html",
        "重新解析版面: 预览",
        plans=plans,
        pages=pages,
        force=force,
        action_checkbox_name=helpers.ACTION_CHECKBOX_NAME,
    )
