"""Pure page parser: OCR page text in, :class:`ParsedEdition` out. No Django imports here."""

from .decoding import decode_page
from .page import parse_page
from .parsed import KINDS, Credit, PageError, ParsedArticle, ParsedEdition

__all__ = [
    "KINDS",
    "Credit",
    "PageError",
    "ParsedArticle",
    "ParsedEdition",
    "decode_page",
    "parse_page",
]
