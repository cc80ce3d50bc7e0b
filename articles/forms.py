"""The search form: what the search page and the API accept.

Tolerant on purpose: a bad value is reported and dropped, the rest of the search still
runs (the API answers 400 with the same messages instead).
"""

from django import forms

from articles.models import Kind
from articles.search.analyzer import to_simplified
from articles.search.query import MAX_QUERY_CHARS, SORTS, SearchSpec, build_spec

DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d"]
MAX_PAGE = 500


class SearchForm(forms.Form):
    q = forms.CharField(required=False, label="关键词", strip=True)
    reporter = forms.CharField(required=False, label="记者", max_length=50)
    # "from" and "to" are the public parameter names but Python keywords, hence vars().
    vars()["from"] = forms.DateField(
        required=False,
        label="起始日期",
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "起始日期格式应为 2022-04-02。"},
    )
    vars()["to"] = forms.DateField(
        required=False,
        label="截止日期",
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "截止日期格式应为 2022-11-07。"},
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
        choices=[("", "默认"), ("relevance", "相关度"), ("newest", "最新"), ("oldest", "最早")],
        error_messages={"invalid_choice": "排序只能是 relevance、newest 或 oldest。"},
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={
            "invalid": "页码应为正整数。",
            "min_value": "页码应为正整数。",
            "max_value": f"最多显示到第 {MAX_PAGE} 页，请缩小搜索范围。",
        },
    )

    def clean_q(self):
        # Long pastes are searched by their beginning rather than refused.
        return self.cleaned_data["q"][:MAX_QUERY_CHARS]

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
