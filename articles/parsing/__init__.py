"""Pure page parser: OCR page text in, :class:`ParsedEdition` out. No Django imports here."""

from .decoding import decode_page
from .masthead import page_number_from_filename
from .page import parse_page
from .parsed import KINDS, Credit, PageError, ParsedArticle, ParsedEdition

__all__ = [
    "KINDS",
    "Credit",
    "PageError",
    "ParsedArticle",
    "ParsedEdition",
    "decode_page",
    "page_number_from_filename",
    "parse_page",
]
