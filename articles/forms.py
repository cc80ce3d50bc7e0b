"""The search form: what the search page and the API accept.

Tolerant on purpose: a bad value is reported and dropped, the rest of the search still
runs (the API answers 400 with the same messages instead).
"""

from django import forms

from articles.models import Kind
from articles.search.analyzer import to_simplified
from articles.search.query import MAX_QUERY_CHARS, SORTS, SearchSpec, build_spec

# Whatever the browser's language: 2022-04-02 and 2022年4月2日 (what the pages print),
# and the slashes, dots and bare digits people also type.
DATE_FORMATS = ["%Y-%m-%d", "%Y年%m月%d日", "%Y年%m月%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d"]
# The text inputs' pattern attribute: the browser points out a typo before the round trip.
DATE_PATTERN = (
    r"\s*\d{4}(-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日?"
    r"|\/\d{1,2}\/\d{1,2}|\.\d{1,2}\.\d{1,2}|\d{4})\s*"
)
DATE_HINT = "2022-04-02 或 2022年4月2日"
# Deeper pages cost more (the engine ranks page × 20 hits) and nobody reads them.
MAX_PAGE = 500
SORT_LABELS = [("relevance", "相关度"), ("newest", "最新"), ("oldest", "最早")]


class SearchForm(forms.Form):
    q = forms.CharField(required=False, label="关键词", strip=True)
    reporter = forms.CharField(required=False, label="记者", max_length=50)
    # "from" and "to" are the public parameter names but Python keywords, hence vars().
    vars()["from"] = forms.DateField(
        required=False,
        label="起始日期",
        input_formats=DATE_FORMATS,
        error_messages={"invalid": f"起始日期应写成 {DATE_HINT}。"},
    )
    vars()["to"] = forms.DateField(
        required=False,
        label="截止日期",
        input_formats=DATE_FORMATS,
        error_messages={"invalid": f"截止日期应写成 {DATE_HINT}。"},
    )
    kind = forms.ChoiceField(
        required=False,
        label="类型",
        choices=[("", "全部"), *Kind.choices],
        error_messages={"invalid_choice": "没有“%(value)s”这种文章类型。"},
    )
    sort = forms.ChoiceField(
        required=False,
        label="排序",
        choices=[("", "默认"), *SORT_LABELS],
        error_messages={"invalid_choice": "排序只能是 relevance、newest 或 oldest。"},
    )
    # A page past the last is no error: the last page is shown with a note (page_note).
    page = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={"invalid": "页码应为正整数。", "min_value": "页码应为正整数。"},
    )

    def clean_q(self):
        # Long pastes are searched by their beginning rather than refused.
        return self.cleaned_data["q"][:MAX_QUERY_CHARS]

    def clean_page(self):
        self.requested_page = self.cleaned_data["page"]
        if self.requested_page:
            return min(self.requested_page, MAX_PAGE)
        return self.requested_page

    def page_note(self, shown: int, pages: int) -> str:
        """Why the page shown is not the page asked for; empty when it is."""
        asked = getattr(self, "requested_page", None)
        if not asked or asked == shown:
            return ""
        if asked > MAX_PAGE and pages > MAX_PAGE:
            return f"最多显示到第 {MAX_PAGE} 页，请缩小搜索范围；这是第 {shown} 页。"
        return f"没有第 {asked} 页，结果只有 {pages} 页；这是最后一页。"

    def clean_reporter(self):
        return to_simplified(self.cleaned_data["reporter"].strip())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error("to", "截止日期早于起始日期。")
        return cleaned

    def messages(self) -> list[str]:
        return [message for errors in self.errors.values() for message in errors]

    def spec(self, per_page: int = 20) -> SearchSpec:
        """The search to run, from the values that passed (bad ones are dropped)."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        data["date_from"] = data.pop("from", None)
        data["date_to"] = data.pop("to", None)
        if data.get("sort") not in SORTS:
            data["sort"] = ""
        return build_spec(data, per_page=per_page)


class DayForm(forms.Form):
    """One date typed into a date box (the archive's jump, on-this-day)."""

    date = forms.DateField(
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": f"日期应写成 {DATE_HINT}。"},
    )

    def messages(self) -> list[str]:
        return [message for errors in self.errors.values() for message in errors]
