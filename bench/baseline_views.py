"""The baseline search page: haystack's generic SearchView with a small filter form."""

from django import forms
from haystack.forms import SearchForm
from haystack.generic_views import SearchView


class BaselineSearchForm(SearchForm):
    person = forms.CharField(required=False)
    start = forms.DateField(required=False)
    end = forms.DateField(required=False)
    sort = forms.ChoiceField(required=False, choices=[("", "相关度"), ("date", "日期")])

    def search(self):
        sqs = super().search()
        if not self.is_valid():
            return sqs
        data = self.cleaned_data
        if data.get("person"):
            sqs = sqs.filter(people=data["person"])
        if data.get("start"):
            sqs = sqs.filter(date__gte=data["start"])
        if data.get("end"):
            sqs = sqs.filter(date__lte=data["end"])
        if data.get("sort") == "date":
            sqs = sqs.order_by("-date")
        return sqs


class BaselineSearchView(SearchView):
    form_class = BaselineSearchForm
    template_name = "bench_baseline/search.html"
    paginate_by = 20
