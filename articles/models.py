"""Editions, pages, articles and the people credited in them.

A printed day is an :class:`Edition`; each imported file is one :class:`Page` of it (the
front page carries the masthead). Articles keep their place on the page, so
(edition date, page number, position) is their natural key for re-imports.
"""

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def chinese_date(value) -> str:
    """``2022年11月7日 星期一``: the full date with weekday, as the paper prints it."""
    return f"{value.year}年{value.month}月{value.day}日 {WEEKDAYS[value.weekday()]}"


class Kind(models.TextChoices):
    NEWS = "news", "消息"
    COMMENTARY = "commentary", "评论"
    NOTICE = "notice", "启事公告"
    TEASER = "teaser", "导读"
    PHOTO = "photo", "图片新闻"


class Role(models.TextChoices):
    REPORTER = "记者", "记者"
    CORRESPONDENT = "通讯员", "通讯员"
    PHOTOGRAPHER = "摄影", "摄影"
    INTERN = "实习生", "实习生"
    CONTRIBUTOR = "供稿", "供稿"
    OTHER = "其他", "其他"


class EditionQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by("-date")


class Edition(models.Model):
    paper = models.CharField("报名", max_length=50, default="永康日报")
    date = models.DateField("出版日期")
    weekday = models.CharField("星期", max_length=10, blank=True)
    lunar_date = models.CharField("农历", max_length=30, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = "期次"
        verbose_name_plural = "期次"
        ordering = ["-date"]
        get_latest_by = "date"
        constraints = [
            models.UniqueConstraint(fields=["paper", "date"], name="edition_paper_date_unique"),
        ]
        indexes = [models.Index(fields=["date"], name="edition_date_idx")]

    def __str__(self):
        return f"{self.paper} {self.date.isoformat()}"

    def get_absolute_url(self):
        return reverse(
            "articles:edition",
            kwargs={"year": self.date.year, "month": self.date.month, "day": self.date.day},
        )

    @property
    def date_display(self) -> str:
        return chinese_date(self.date)


class Page(models.Model):
    """One imported file: a printed page of an edition, with the text it was parsed from."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="pages", verbose_name="期次"
    )
    number = models.PositiveSmallIntegerField("版次", default=1)
    # Neither the page nor its file name gave a number: the importer chose a free one, and
    # gives it up to a page that prints that number.
    number_guessed = models.BooleanField("版次为推测", default=False)
    name = models.CharField("版名", max_length=50, blank=True)
    raw_text = models.TextField("原始文本")
    source_name = models.CharField("源文件", max_length=255)
    checksum = models.CharField("校验和(SHA-256)", max_length=64)
    warnings = models.JSONField("解析警告", default=list, blank=True)
    imported_at = models.DateTimeField("导入时间", auto_now=True)
    # An editor split, merged or reordered articles here: positions no longer match the
    # parser's, so only a forced re-import or re-parse may replace this page's articles.
    layout_edited = models.BooleanField("文章拆分/合并/顺序经编辑调整", default=False)

    class Meta:
        verbose_name = "版面"
        verbose_name_plural = "版面"
        ordering = ["edition", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "number"], name="page_edition_number_unique"
            ),
        ]
        indexes = [models.Index(fields=["checksum"], name="page_checksum_idx")]

    def __str__(self):
        return f"{self.edition} 第{self.number}版"


class PageRevision(models.Model):
    """What a page held before an import changed or replaced it, so nothing stored is lost.

    Kept whenever a re-import rewrites a page: its file changed, or ``import_pages
    --replace`` put another file in its place. The articles are kept as they were stored
    (editors' changes included), as plain data: they are a record, not live articles.
    """

    class Reason(models.TextChoices):
        REPLACED = "replaced", "被另一文件替换"
        REIMPORTED = "reimported", "文件改动后重新导入"

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="page_revisions", verbose_name="期次"
    )
    number = models.PositiveSmallIntegerField("版次")
    name = models.CharField("版名", max_length=50, blank=True)
    source_name = models.CharField("源文件", max_length=255)
    checksum = models.CharField("校验和(SHA-256)", max_length=64)
    raw_text = models.TextField("原始文本")
    # [{"position", "headline", "kicker", "subtitle", "column", "byline", "kind", "body",
    #   "edited", "people": [[name, role], …]}, …]
    articles = models.JSONField("文章", default=list)
    imported_at = models.DateTimeField("原导入时间", null=True)
    reason = models.CharField("原因", max_length=20, choices=Reason.choices)
    replaced_by = models.CharField("新文件", max_length=255)
    replaced_at = models.DateTimeField("替换时间", auto_now_add=True)

    class Meta:
        verbose_name = "版面历史"
        verbose_name_plural = "版面历史"
        ordering = ["-replaced_at", "-pk"]
        indexes = [models.Index(fields=["edition", "number"], name="pagerevision_page_idx")]

    def __str__(self):
        return f"{self.edition} 第{self.number}版 ({self.source_name})"


class PersonQuerySet(models.QuerySet):
    def with_counts(self):
        return self.annotate(article_count=Count("articles", distinct=True))


class Person(models.Model):
    name = models.CharField("姓名", max_length=50, unique=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "人员"
        verbose_name_plural = "人员"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:person", kwargs={"pk": self.pk})


class PersonAlias(models.Model):
    """Another spelling of a person: a name merged into them, or their name before a rename.

    The old name's pages redirect to the person, and an import or a byline that prints the
    old spelling credits the person instead of creating the old one again.
    """

    name = models.CharField("写法", max_length=50, unique=True)
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="aliases", verbose_name="人员"
    )
    merged = models.BooleanField("合并而来", default=True, help_text="否: 改名前的写法")
    # The id the merged-away person had: their old /people/<id>/ links keep working.
    old_id = models.PositiveBigIntegerField(
        "原编号", null=True, blank=True, unique=True, help_text="合并前的人员编号"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "人员其他写法"
        verbose_name_plural = "人员其他写法"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} → {self.person_id}"


class ArticleQuerySet(models.QuerySet):
    def for_cards(self):
        """What a result card or a feed entry shows: the edition and the page (its number)
        in the same query, without the page's whole OCR text or the parser's copy of the
        article (reading the 20 cards' page rows, OCR text included, took 3.4 ms of a 48 ms
        search page at 70k; the cards now take 2 ms less, measured)."""
        return self.select_related("edition", "page").defer(
            "original", "page__raw_text", "page__warnings"
        )

    def in_page_order(self):
        return self.order_by("page__number", "position")

    def newest_first(self):
        return self.order_by("-edition__date", "page__number", "position")

    def with_people(self):
        return self.select_related("edition", "page").prefetch_related("credits__person")

    def needs_review(self):
        return self.filter(~Q(notes=[]), reviewed=False)


class Article(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="articles", verbose_name="期次"
    )
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="articles", verbose_name="版面"
    )
    position = models.PositiveSmallIntegerField("版内顺序")
    kicker = models.CharField("引题", max_length=300, blank=True)
    headline = models.CharField("标题", max_length=300)
    subtitle = models.CharField("副题", max_length=300, blank=True)
    column = models.CharField("栏目", max_length=100, blank=True)
    byline = models.CharField("署名", max_length=300, blank=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.NEWS)
    body = models.TextField("正文", blank=True, help_text="每段一行。")
    people = models.ManyToManyField(
        Person, through="Credit", related_name="articles", verbose_name="署名人员"
    )
    notes = models.JSONField("解析存疑", default=list, blank=True)
    reviewed = models.BooleanField("已核对", default=False)
    # Set when an editor saves the article in the admin; a re-import then leaves it alone
    # unless forced, so an editor's fix is never silently overwritten.
    edited = models.BooleanField("编辑已修改", default=False)
    # The page lines (1-based) the parser read this article from; a split or merge adjusts them.
    first_line = models.PositiveIntegerField("原文起始行", null=True, blank=True)
    last_line = models.PositiveIntegerField("原文结束行", null=True, blank=True)
    # What the parser produced (fields and credits), never changed by an editor: the admin
    # diffs against it and reverts to it. Empty for an article an editor split off.
    original = models.JSONField("解析原稿", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "文章"
        verbose_name_plural = "文章"
        ordering = ["-edition__date", "page__number", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "position"], name="article_page_position_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["edition", "position"], name="article_edition_pos_idx"),
            models.Index(fields=["kind"], name="article_kind_idx"),
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return reverse("articles:article", kwargs={"pk": self.pk})

    @property
    def paragraphs(self) -> list[str]:
        return [line for line in self.body.split("\n") if line.strip()]

    @property
    def date(self):
        return self.edition.date


class ArticleRedirect(models.Model):
    """An article merged into another: its old URL answers 301 with the absorbing article."""

    old_id = models.BigIntegerField("原文章编号", unique=True)
    target = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="redirects", verbose_name="并入文章"
    )
    headline = models.CharField("原标题", max_length=300, blank=True)
    # The merged-away article's parser original, so no parse is lost by a merge.
    original = models.JSONField("解析原稿", null=True, blank=True)
    created_at = models.DateTimeField("合并时间", auto_now_add=True)

    class Meta:
        verbose_name = "已合并文章"
        verbose_name_plural = "已合并文章"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.old_id} → {self.target_id}"


class Credit(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="credits", verbose_name="文章"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="credits", verbose_name="人员"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.REPORTER)
    printed_role = models.CharField("署名角色", max_length=30, blank=True)
    order = models.PositiveSmallIntegerField("顺序", default=0)
    # Added or changed by an editor: kept when credits are re-derived from the byline.
    by_hand = models.BooleanField("编辑手工添加", default=False)

    class Meta:
        verbose_name = "署名"
        verbose_name_plural = "署名"
        ordering = ["article", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "person", "role"], name="credit_article_person_role_unique"
            ),
        ]
        indexes = [models.Index(fields=["person", "role"], name="credit_person_role_idx")]

    def __str__(self):
        return f"{self.role} {self.person_id}"


class ImportRun(models.Model):
    class Outcome(models.TextChoices):
        CREATED = "created", "新建"
        UPDATED = "updated", "更新"
        UNCHANGED = "unchanged", "未变"
        FAILED = "failed", "失败"

    source_name = models.CharField("文件", max_length=500)
    started_at = models.DateTimeField("开始", auto_now_add=True)
    finished_at = models.DateTimeField("结束", null=True, blank=True)
    outcome = models.CharField("结果", max_length=20, choices=Outcome.choices)
    edition_date = models.DateField("期次日期", null=True, blank=True)
    encoding = models.CharField("编码", max_length=20, blank=True)
    articles_created = models.PositiveIntegerField("新建文章", default=0)
    articles_updated = models.PositiveIntegerField("更新文章", default=0)
    articles_unchanged = models.PositiveIntegerField("未变文章", default=0)
    articles_kept = models.PositiveIntegerField("保留编辑修改", default=0)
    articles_deleted = models.PositiveIntegerField("删除文章", default=0)
    error = models.TextField("错误", blank=True)

    class Meta:
        verbose_name = "导入记录"
        verbose_name_plural = "导入记录"
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["outcome", "started_at"], name="importrun_outcome_idx")]

    def __str__(self):
        return f"{self.source_name} {self.outcome}"


class PendingIndexUpdate(models.Model):
    """An article whose search document must be rewritten (or removed, if it is gone).

    Saves enqueue a row inside their own transaction, so a committed change always has its
    row; one writer at a time drains the queue into the index. ``version`` grows with every
    enqueue so a drain only deletes the rows it actually indexed.
    """

    article_id = models.BigIntegerField("文章编号", unique=True)
    version = models.PositiveBigIntegerField("版本", default=1)
    queued_at = models.DateTimeField("加入时间", auto_now=True)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    last_error = models.TextField("最近错误", blank=True)

    class Meta:
        verbose_name = "待更新索引"
        verbose_name_plural = "待更新索引"
        ordering = ["queued_at"]

    def __str__(self):
        return f"article {self.article_id} v{self.version}"
