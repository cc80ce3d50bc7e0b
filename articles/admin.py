"""The editors' side: check how the parser split each page and fix what it got wrong.

Whatever an editor changes in an article marks it ``edited``, so the next import of the same
page leaves the fix alone (unless forced). Pages and import runs come only from the importer
and are shown read-only.
"""

from django.contrib import admin
from django.db.models import Case, Count, IntegerField, Q, When
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode

from articles.models import Article, Credit, Edition, ImportRun, Page, PageRevision, Person

NEEDS_REVIEW = ~Q(notes=[]) & Q(reviewed=False)
# Marking an article as checked is not a correction: it must not stop later imports.
NOT_AN_EDIT = {"reviewed"}
REVIEW_FIRST = Case(When(NEEDS_REVIEW, then=1), default=0, output_field=IntegerField())

admin.site.site_header = "永康日报档案管理"
admin.site.site_title = "永康日报档案"
admin.site.index_title = "档案管理"


def _bullets(items) -> str:
    return format_html_join("", "<li>{}</li>", ((item,) for item in items))


# --- Editions -------------------------------------------------------------------------------


class ArticleInline(admin.TabularInline):
    model = Article
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


class PageInline(admin.StackedInline):
    model = Page
    fields = (
        "number",
        "number_guessed",
        "name",
        "source_name",
        "checksum",
        "imported_at",
        "warning_list",
        "split",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False

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
                        value
                        for value in (article.kicker, article.subtitle, article.byline)
                        if value
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

    class Media:
        css = {"all": ("articles/admin.css",)}

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
    fields = ("person", "role", "printed_role", "order")
    autocomplete_fields = ("person",)
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
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
        "doubts",
        "edited",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("edition_link", "page_number", "position")}),
        ("标题", {"fields": ("kicker", "headline", "subtitle", "column")}),
        ("正文", {"fields": ("byline", "kind", "body")}),
        ("核对", {"fields": ("doubts", "reviewed", "edited", "created_at", "updated_at")}),
    )

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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if any(formset.has_changed() for formset in formsets):
            # Saved again after the credits so the search index sees the new names.
            form.instance.edited = True
            form.instance.save(update_fields=["edited", "updated_at"])

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


# --- People ---------------------------------------------------------------------------------


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "article_count", "articles_link")
    search_fields = ("name",)
    ordering = ("name",)

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description="文章数", ordering="article_count")
    def article_count(self, person):
        return person.article_count

    @admin.display(description="文章")
    def articles_link(self, person):
        url = reverse("admin:articles_article_changelist")
        query = urlencode({PersonFilter.parameter_name: person.pk})
        return format_html('<a href="{}?{}">查看文章</a>', url, query)


# --- Import runs ----------------------------------------------------------------------------


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
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

    # A record of what happened: nobody adds, edits or removes one.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="错误")
    def short_error(self, run):
        return run.error if len(run.error) <= 120 else run.error[:119] + "…"


# --- Page history ---------------------------------------------------------------------------


@admin.register(PageRevision)
class PageRevisionAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

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
