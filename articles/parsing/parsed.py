"""What the parser returns: plain dataclasses, no Django."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

KINDS = ("news", "commentary", "notice", "teaser", "photo")


@dataclass(frozen=True)
class Credit:
    """One person credited in a byline.

    ``role`` is the normalised role used for storage and filtering (记者, 通讯员, 摄影,
    实习生, 供稿 …); ``printed_role`` is the role as the byline prints it (融媒首席记者).
    """

    name: str
    role: str
    printed_role: str = ""


@dataclass
class ParsedArticle:
    headline: str
    kicker: str | None = None
    subtitle: str | None = None
    column: str | None = None
    byline: str | None = None
    credits: list[Credit] = field(default_factory=list)
    kind: str = "news"
    paragraphs: list[str] = field(default_factory=list)
    # Guesses the parser made that an editor may want to check (title roles guessed,
    # byline not found, paragraphs joined across a column break, …), in plain Chinese.
    notes: list[str] = field(default_factory=list)
    # First and last line of the page (1-based) the article was read from.
    lines: tuple[int, int] | None = None

    @property
    def reporters(self) -> list[str]:
        """Names of everyone credited, in byline order, each once."""
        return list(dict.fromkeys(credit.name for credit in self.credits))

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class ParsedEdition:
    paper: str
    date: date
    weekday: str | None = None
    lunar_date: str | None = None
    page_number: int | None = None
    page_name: str | None = None
    articles: list[ParsedArticle] = field(default_factory=list)
    # Masthead inconsistencies (weekday or lunar date that do not match the date, …).
    warnings: list[str] = field(default_factory=list)
    # Page lines (1-based) read as masthead furniture rather than article text.
    masthead_lines: list[int] = field(default_factory=list)

    def to_json(self) -> dict:
        """The parse in exactly the schema of the seed ``*.expected.json`` files."""
        return {
            "paper": self.paper,
            "date": self.date.isoformat(),
            "weekday": self.weekday,
            "lunar_date": self.lunar_date,
            "articles": [
                {
                    "kicker": a.kicker,
                    "headline": a.headline,
                    "subtitle": a.subtitle,
                    "column": a.column,
                    "byline": a.byline,
                    "reporters": a.reporters,
                    "kind": a.kind,
                    "paragraphs": list(a.paragraphs),
                }
                for a in self.articles
            ],
        }


class PageError(ValueError):
    """A page that cannot be parsed; names the line where the problem is (1-based)."""

    def __init__(self, message: str, line: int | None = None):
        self.message = message
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)
