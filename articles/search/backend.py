"""Placeholder until the search work lands."""

from haystack.backends.whoosh_backend import WhooshEngine as JiebaWhooshEngine  # noqa: F401
