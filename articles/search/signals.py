"""Placeholder signal processor until the search work lands: indexes nothing."""

from haystack.signals import BaseSignalProcessor


class QueuedSignalProcessor(BaseSignalProcessor):
    pass
