"""The editors' side: check how the parser split each page and fix what it got wrong.

Whatever an editor changes in an article marks it ``edited``, so the next import of the same
page leaves the fix alone (unless forced). Pages and import runs come only from the importer
and are shown read-only.
"""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Case, Count, IntegerField, Q, When
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode

from articles import admin_tools, editing, originals
from articles.credits import rederive_credits
from articles.models import (
    Article,
    ArticleRedirect,
    Credit,
    Edition,
    ImportRun,
    Page,
    PageRevision,
    Person,
    PersonAlias,
)

NEEDS_REVIEW = ~Q(notes=[]) & Q(reviewed=False)
# Marking an article as checked is not a correction: it must not stop later imports.
NOT_AN_EDIT = {"reviewed"}
REVIEW_FIRST = Case(When(NEEDS_REVIEW, then=1), default=0, output_field=IntegerField())

admin.site.site_header = "永康日报档案管理"
admin.site.site_title = "永康日报档案"
admin.site.index_title = "档案管理"


def _bullets(items) -> str:
    return format_html_join("", "<li>{}</li>", ((item,) for item in items))


class WorkbenchMedia:
    css = {"all": ("articles/admin.css",)}
    js = ("articles/workbench.js",)


# --- Editions -------------------------------------------------------------------------------


class ArticleInline(admin.TabularInline):
    model = Article
    formfield_overrides = {models.CharField: {"widget": forms.TextInput(admin_tools.WIDE)}}
    fields = ("page_number", "position", "headline", "kind", "needs_review")
    readonly_fields = ("page_number", "position", "needs_review")
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # articles come from page imports

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("page")
            .order_by("page__number", "position")
        )

    @admin.display(description="版次")
    def page_number(self, article):
        return article.page.number

    @admin.display(description="核对")
    def needs_review(self, article):
        if not article.notes:
            return ""
        return "已核对" if article.reviewed else f"待核对({len(article.notes)})"


# What an editor sees of an imported page, in its edition and on its own (read-only).
PAGE_FIELDS = ("number", "number_guessed", "name", "source_name", "checksum", "imported_at")


class PageInline(admin.StackedInline):
    model = Page
    fields = (*PAGE_FIELDS, "warning_list", "split")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # a page is what an imported file held

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("articles")

    @admin.display(description="解析警告")
    def warning_list(self, page):
        if not page.warnings:
            return "—"
        return format_html("<ul>{}</ul>", _bullets(page.warnings))

    @admin.display(description="原文与拆分")
    def split(self, page):
        return page_split(page)


def page_split(page):
    """The page text beside what the parser made of it, so an editor can check the split."""
    articles = format_html_join(
        "",
        '<li class="parsed-article"><a href="{}"><strong>{}</strong></a>'
        '<div class="parsed-meta">{}</div><ol>{}</ol></li>',
        (
            (
                reverse("admin:articles_article_change", args=[article.pk]),
                article.headline,
                " · ".join(
                    value for value in (article.kicker, article.subtitle, article.byline) if value
                ),
                _bullets(article.paragraphs),
            )
            for article in sorted(page.articles.all(), key=lambda a: a.position)
        ),
    )
    return format_html(
        '<div class="page-split"><pre class="raw-text">{}</pre>'
        '<ol class="parsed-articles">{}</ol></div>',
        page.raw_text,
        articles,
    )


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ("date", "paper", "weekday", "lunar_date", "page_count", "article_count")
    list_filter = ("paper",)
    date_hierarchy = "date"
    search_fields = ("date", "lunar_date")
    readonly_fields = ("created_at", "updated_at")
    inlines = (PageInline, ArticleInline)

    Media = WorkbenchMedia

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                page_count=Count("pages", distinct=True),
                article_count=Count("articles", distinct=True),
            )
        )

    @admin.display(description="版数", ordering="page_count")
    def page_count(self, edition):
        return edition.page_count

    @admin.display(description="文章数", ordering="article_count")
    def article_count(self, edition):
        return edition.article_count

    def save_formset(self, request, form, formset, change):
        if formset.model is Article:
            for article_form in formset.forms:
                if set(article_form.changed_data) - NOT_AN_EDIT:
                    article_form.instance.edited = True
        super().save_formset(request, form, formset, change)


# --- Articles -------------------------------------------------------------------------------


class NeedsReviewFilter(admin.SimpleListFilter):
    title = "待核对"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return (("yes", "待核对(有存疑且未核对)"), ("no", "无需核对"))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(NEEDS_REVIEW)
        if self.value() == "no":
            return queryset.exclude(NEEDS_REVIEW)
        return queryset


class PersonFilter(admin.SimpleListFilter):
    """The most credited people as choices; any person works through ``?person=<id>``."""

    title = "署名人员"
    parameter_name = "person"
    choices_shown = 30

    def lookups(self, request, model_admin):
        people = Person.objects.with_counts().order_by("-article_count", "name")
        choices = [
            (str(p.pk), f"{p.name} ({p.article_count})") for p in people[: self.choices_shown]
        ]
        chosen = self.value()
        if chosen and chosen.isdigit() and all(pk != chosen for pk, _ in choices):
            person = Person.objects.filter(pk=chosen).first()
            if person is not None:
                choices.append((chosen, person.name))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(credits__person_id=value).distinct()
        return queryset


class CreditInline(admin.TabularInline):
    model = Credit
    fields = ("person", "role", "printed_role", "order", "by_hand")
    readonly_fields = ("by_hand",)
    autocomplete_fields = ("person",)
    extra = 0


TITLE_FIELDS = ("kicker", "headline", "subtitle", "column", "byline")


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ("kicker", "headline", "subtitle", "column", "byline", "kind", "body", "reviewed")
        widgets = {
            **{name: forms.TextInput(admin_tools.WIDE) for name in TITLE_FIELDS},
            "body": forms.Textarea({"class": "vLargeTextField wide-input", "rows": 18}),
        }


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    actions = ("mark_reviewed",)
    Media = WorkbenchMedia
    list_display = ("headline", "edition_date", "page_number", "kind", "people_list", "review")
    list_display_links = ("headline",)
    list_filter = (NeedsReviewFilter, "kind", PersonFilter, "reviewed", "edited")
    list_select_related = ("edition", "page")
    search_fields = ("headline", "kicker", "subtitle", "body", "people__name")
    date_hierarchy = "edition__date"
    list_per_page = 50
    inlines = (CreditInline,)
    readonly_fields = (
        "edition_link",
        "page_number",
        "position",
        "credit_preview",
        "source_text",
        "changes",
        "doubts",
        "edited",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("edition_link", "page_number", "position")}),
        ("标题", {"fields": ("kicker", "headline", "subtitle", "column")}),
        ("署名", {"fields": ("byline", "credit_preview")}),
        ("正文", {"fields": ("kind", "body")}),
        ("原文", {"fields": ("source_text",)}),
        ("与解析原稿比较", {"fields": ("changes",)}),
        ("核对", {"fields": ("doubts", "reviewed", "edited", "created_at", "updated_at")}),
    )

    def get_urls(self):
        def view(function, *extra):
            def wrapped(request, *args, **kwargs):
                return function(self, request, *args, **kwargs)

            return self.admin_site.admin_view(wrapped)

        return [
            path(
                "byline-preview/",
                view(admin_tools.byline_preview),
                name="articles_article_byline_preview",
            ),
            path("<int:pk>/split/", view(admin_tools.split_view), name="articles_article_split"),
            path(
                "<int:pk>/merge/<str:direction>/",
                view(admin_tools.merge_view),
                name="articles_article_merge",
            ),
            path(
                "<int:pk>/move/<str:direction>/",
                view(admin_tools.move_view),
                name="articles_article_move",
            ),
            path(
                "<int:pk>/original/",
                view(admin_tools.revert_view),
                name="articles_article_original",
            ),
            *super().get_urls(),
        ]

    def has_add_permission(self, request):
        return False  # articles come from page imports, or from splitting one

    def get_queryset(self, request):
        # Doubtful, unchecked articles first, so the review list starts with the work to do.
        return (
            super()
            .get_queryset(request)
            .annotate(review_first=REVIEW_FIRST)
            .prefetch_related("credits__person")
        )

    def get_ordering(self, request):
        return (REVIEW_FIRST.desc(), "-edition__date", "page__number", "position")

    def save_model(self, request, obj, form, change):
        if not change or set(form.changed_data) - NOT_AN_EDIT:
            obj.edited = True
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Credit:
            # A credit the editor added or changed survives re-deriving from the byline.
            for credit_form in formset.forms:
                if credit_form.has_changed() and not formset._should_delete_form(credit_form):
                    credit_form.instance.by_hand = True
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if "byline" in form.changed_data:
            rederive_credits(form.instance)
        if "byline" in form.changed_data or any(f.has_changed() for f in formsets):
            # Saved again after the credits so the search index sees the new names.
            form.instance.edited = True
            form.instance.save(update_fields=["edited", "updated_at"])

    @admin.action(description="标记为已核对")
    def mark_reviewed(self, request, queryset):
        # Not an edit: a later import may still update these articles. One UPDATE however
        # many are selected; the search documents do not hold the review mark.
        count = queryset.filter(reviewed=False).update(reviewed=True, updated_at=timezone.now())
        messages.success(request, f"已把 {count} 篇文章标记为已核对")

    @admin.display(description="将署名的人员")
    def credit_preview(self, article):
        return format_html(
            '<div id="credit-preview" class="credit-preview" aria-live="polite" '
            'data-preview-url="{}">{}</div>'
            '<p class="help">按上面的署名识别; 保存时据此重建署名人员, 手工添加的保留。</p>',
            reverse("admin:articles_article_byline_preview"),
            admin_tools.credits_preview_html(article.byline if article.pk else ""),
        )

    @admin.display(description="原始文本(本文所在行高亮)")
    def source_text(self, article):
        if not article.pk:
            return "—"
        return source_lines(article)

    @admin.display(description="编辑所作修改")
    def changes(self, article):
        if not article.pk:
            return "—"
        if not article.original:
            return "没有解析原稿(编辑拆分出的文章, 或早于保存原稿时编辑过)"
        found = originals.differences(article)
        if not found:
            return "与解析原稿一致"
        rows = format_html_join(
            "",
            '<tr><th scope="row">{}</th><td>{}</td></tr>',
            ((difference.label, difference.html) for difference in found),
        )
        return format_html(
            '<table class="original-diff"><tbody>{}</tbody></table>'
            '<p><a href="{}">逐项比较并恢复原稿</a></p>',
            rows,
            reverse("admin:articles_article_original", args=[article.pk]),
        )

    @admin.display(description="日期", ordering="edition__date")
    def edition_date(self, article):
        return article.edition.date

    @admin.display(description="版次", ordering="page__number")
    def page_number(self, article):
        return article.page.number

    @admin.display(description="署名人员")
    def people_list(self, article):
        credits = sorted(article.credits.all(), key=lambda credit: credit.order)
        return "、".join(f"{credit.person.name}({credit.role})" for credit in credits)

    # Words, not the boolean icon: a green tick would read as "fine" on the rows that are not.
    @admin.display(description="核对", ordering="-review_first")
    def review(self, article):
        if not article.notes:
            return ""
        return "已核对" if article.reviewed else f"待核对({len(article.notes)})"

    @admin.display(description="期次")
    def edition_link(self, article):
        url = reverse("admin:articles_edition_change", args=[article.edition_id])
        return format_html('<a href="{}">{}</a>', url, article.edition.date_display)

    @admin.display(description="解析存疑")
    def doubts(self, article):
        if not article.notes:
            return "—"
        return format_html('<ul class="doubts">{}</ul>', _bullets(article.notes))


def source_lines(article):
    """The page's raw text, one numbered line each, this article's lines marked."""
    lines = article.page.raw_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first, last = article.first_line, article.last_line
    rows = format_html_join(
        "",
        '<li id="L{}" class="{}">{}</li>',
        (
            (number, "this-article" if first and last and first <= number <= last else "", line)
            for number, line in enumerate(lines, start=1)
        ),
    )
    where = f"第{first}–{last}行" if first and last else "行号未知(导入早于记录行号)"
    return format_html(
        '<p class="source-where">{} · 源文件 {}</p>'
        '<ol class="source-lines" tabindex="0" aria-label="版面原始文本">{}</ol>',
        where,
        article.page.source_name,
        rows,
    )


# --- People ---------------------------------------------------------------------------------


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ("name",)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        alias = PersonAlias.objects.filter(name=name).exclude(person=self.instance.pk).first()
        if alias is not None:
            raise forms.ValidationError(f"“{name}”已是 {alias.person.name} 的其他写法")
        return name


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    form = PersonForm
    list_display = ("name", "article_count", "spellings", "articles_link")
    search_fields = ("name", "aliases__name")
    ordering = ("name",)
    readonly_fields = ("spellings", "articles_link")
    actions = ("merge_people",)
    Media = WorkbenchMedia

    def save_model(self, request, obj, form, change):
        if change and "name" in form.changed_data:
            # Through the rename, so the old spelling keeps answering and finding this person.
            editing.rename_person(Person.objects.get(pk=obj.pk), obj.name)
            obj.refresh_from_db()
            return
        super().save_model(request, obj, form, change)

    @admin.action(description="合并所选人员(同一人的不同写法)")
    def merge_people(self, request, queryset):
        return admin_tools.merge_people_action(self, request, queryset)

    @admin.display(description="其他写法")
    def spellings(self, person):
        aliases = sorted(person.aliases.all(), key=lambda alias: alias.name)
        return (
            "、".join(alias.name + ("" if alias.merged else "(改名前)") for alias in aliases) or "—"
        )

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts().prefetch_related("aliases")

    @admin.display(description="文章数", ordering="article_count")
    def article_count(self, person):
        return person.article_count

    @admin.display(description="文章")
    def articles_link(self, person):
        url = reverse("admin:articles_article_changelist")
        query = urlencode({PersonFilter.parameter_name: person.pk})
        return format_html('<a href="{}?{}">查看文章</a>', url, query)


# --- Pages ----------------------------------------------------------------------------------


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    """Pages as imported; their one action re-parses them from the stored raw text."""

    list_display = ("__str__", "name", "source_name", "article_count", "layout_edited")
    list_filter = ("layout_edited", "number_guessed")
    list_select_related = ("edition",)
    search_fields = ("source_name", "name")
    date_hierarchy = "edition__date"
    actions = ("reparse",)
    fields = ("edition", *PAGE_FIELDS, "layout_edited", "warnings", "split")
    readonly_fields = fields
    Media = WorkbenchMedia

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="文章数", ordering="article_count")
    def article_count(self, page):
        return page.article_count

    @admin.display(description="原文与拆分")
    def split(self, page):
        return page_split(page)

    @admin.action(description="从原始文本重新解析(先预览)")
    def reparse(self, request, queryset):
        return admin_tools.reparse_action(self, request, queryset)


@admin.register(ArticleRedirect)
class ArticleRedirectAdmin(admin.ModelAdmin):
    """Merged-away articles: where their URL goes, and the parse they held."""

    list_display = ("old_id", "headline", "target", "created_at")
    search_fields = ("headline",)
    readonly_fields = ("old_id", "headline", "target", "original", "created_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# --- Import runs ----------------------------------------------------------------------------


class RecordAdmin(admin.ModelAdmin):
    """A record of what happened (an import run, a replaced page): read, never added,
    edited or removed."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ImportRun)
class ImportRunAdmin(RecordAdmin):
    list_display = (
        "source_name",
        "outcome",
        "edition_date",
        "encoding",
        "articles_created",
        "articles_updated",
        "articles_unchanged",
        "articles_kept",
        "articles_deleted",
        "short_error",
        "started_at",
    )
    list_filter = ("outcome", "started_at")
    search_fields = ("source_name", "error")
    date_hierarchy = "started_at"

    @admin.display(description="错误")
    def short_error(self, run):
        return run.error if len(run.error) <= 120 else run.error[:119] + "…"


# --- Page history ---------------------------------------------------------------------------


@admin.register(PageRevision)
class PageRevisionAdmin(RecordAdmin):
    """What re-imports replaced (import_pages --replace, or a changed file): a record to read
    and copy from, never edited or removed."""

    list_display = ("edition", "number", "source_name", "reason", "replaced_by", "replaced_at")
    list_filter = ("reason", "replaced_at")
    list_select_related = ("edition",)
    search_fields = ("source_name", "replaced_by", "edition__date")
    date_hierarchy = "replaced_at"
    fields = (
        "edition",
        "number",
        "name",
        "source_name",
        "imported_at",
        "reason",
        "replaced_by",
        "replaced_at",
        "article_list",
        "raw_text_block",
    )
    readonly_fields = fields

    @admin.display(description="当时的文章")
    def article_list(self, revision):
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "",
                "<li><strong>{}</strong> {}<div>{}</div><ol>{}</ol></li>",
                (
                    (
                        article.get("headline", ""),
                        "(编辑改过)" if article.get("edited") else "",
                        " · ".join(
                            value
                            for value in (article.get("kicker"), article.get("byline"))
                            if value
                        ),
                        _bullets(line for line in article.get("body", "").split("\n") if line),
                    )
                    for article in revision.articles
                ),
            ),
        )

    @admin.display(description="原始文本")
    def raw_text_block(self, revision):
        return format_html('<pre class="raw-text">{}</pre>', revision.raw_text)
