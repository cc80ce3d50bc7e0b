"""Pure page parser: OCR page text in, :class:`ParsedEdition` out. No Django imports here."""

from .parsed import KINDS, Credit, PageError, ParsedArticle, ParsedEdition

__all__ = ["KINDS", "Credit", "PageError", "ParsedArticle", "ParsedEdition", "parse_page"]


def parse_page(text, *, filename=None, date=None):  # pragma: no cover - replaced below
    raise NotImplementedError
