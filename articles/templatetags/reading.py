"""Filters the reading pages share."""

from django import template

from articles.text import lead_sentence

register = template.Library()


@register.filter
def lead(body: str) -> str:
    """``{{ article.body|lead }}``: the first sentence, for list cards."""
    return lead_sentence(body or "")
