"""What a search asks for, as one immutable value built from the cleaned form.

Query syntax: words are all required (a lone Chinese character matches every word holding
it), ``"…"`` is an exact phrase, ``-word`` excludes.
Anything else (stray quotes, brackets, AND/OR/NOT, very long input) is tolerated: it is
read as plain words, and the query is capped in length and number of words.
"""

import re
from dataclasses import dataclass, replace
from datetime import date

from whoosh import query as wq

from articles.search.analyzer import to_simplified, tokenize
from articles.search.chars import CharTerm, is_single_han
from articles.search.phrase import phrase_query

MAX_QUERY_CHARS = 200
MAX_PARTS = 12
SORTS = ("relevance", "newest", "oldest")
_PHRASE = re.compile(r'"([^"]*)"')
_OPERATORS = {"and", "or", "not", "&&", "||"}
# Characters that only ever mean query syntax to somebody: read them as spaces.
_SYNTAX = re.compile(r"[()\[\]{}<>^~*?:\\+!|&=]")


@dataclass(frozen=True)
class SearchSpec:
    q: str = ""
    terms: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    reporter: str = ""
    date_from: date | None = None
    date_to: date | None = None
    kind: str = ""
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20

    @property
    def has_text(self) -> bool:
        return bool(self.terms or self.phrases)

    @property
    def highlight_terms(self) -> tuple[str, ...]:
        return self.terms + self.phrases

    def params(self) -> dict[str, str]:
        """GET parameters that ask for this search again (the default sort left out)."""
        words = [*self.terms, *(f'"{p}"' for p in self.phrases), *(f"-{w}" for w in self.excluded)]
        default_sort = "relevance" if self.has_text else "newest"
        values = {
            "q": " ".join(words),
            "reporter": self.reporter,
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "kind": self.kind,
            "sort": "" if self.sort == default_sort else self.sort,
        }
        return {name: value for name, value in values.items() if value}

    def with_changes(self, **changes) -> "SearchSpec":
        return replace(self, **changes)

    def whoosh_query(self, fieldname: str = "text"):
        """The Whoosh query for the words, phrases, exclusions and exact filters (not dates,
        which the backend applies per document); ``None`` means every document."""
        required, headline = [], []
        for term in self.terms:
            words = [w for w, _, _ in tokenize(term, mode="default")]
            required += [word_query(fieldname, w) for w in words]
            headline += [word_query("headline", w) for w in words]
        for phrase in self.phrases:
            q = phrase_query(fieldname, phrase)
            if q is not wq.NullQuery:
                required.append(q)
        if self.reporter:
            required.append(wq.Term("people", self.reporter))
        if self.kind:
            required.append(wq.Term("kind", self.kind))
        excluded = []
        for word in self.excluded:
            words = [w for w, _, _ in tokenize(word, mode="default")]
            if words:
                excluded.append(wq.And([word_query(fieldname, w) for w in words]))
        if not required and not excluded:
            if self.has_text:
                return wq.NullQuery  # only punctuation: nothing can match
            return None
        base = wq.And(required) if required else wq.Every()
        if headline:
            base = wq.AndMaybe(base, wq.Or(headline))
        if excluded:
            base = wq.AndNot(base, wq.Or(excluded))
        return base


def word_query(fieldname: str, word: str):
    """One query word: a lone Chinese character stands for every word that contains it
    (jieba indexes ``茶`` alone only where the sentence has it alone)."""
    if is_single_han(word):
        return CharTerm(fieldname, word)
    return wq.Term(fieldname, word)


def parse_q(raw: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(terms, phrases, excluded) from what the user typed."""
    text = to_simplified((raw or "")[:MAX_QUERY_CHARS])
    phrases = [p.strip() for p in _PHRASE.findall(text) if p.strip()]
    rest = _PHRASE.sub(" ", text).replace('"', " ")
    rest = _SYNTAX.sub(" ", rest)
    terms, excluded = [], []
    for part in rest.split():
        if part.lower() in _OPERATORS:
            continue
        if part.startswith("-"):
            part = part.lstrip("-")
            if part:
                excluded.append(part)
        else:
            terms.append(part)
    return (
        tuple(dict.fromkeys(terms))[:MAX_PARTS],
        tuple(dict.fromkeys(phrases))[:MAX_PARTS],
        tuple(dict.fromkeys(excluded))[:MAX_PARTS],
    )


def build_spec(cleaned: dict, per_page: int = 20) -> SearchSpec:
    """The spec for a validated :class:`articles.forms.SearchForm`'s ``cleaned_data``."""
    q = (cleaned.get("q") or "").strip()
    terms, phrases, excluded = parse_q(q)
    has_text = bool(terms or phrases)
    sort = cleaned.get("sort") or ("relevance" if has_text else "newest")
    if sort == "relevance" and not has_text:
        sort = "newest"
    return SearchSpec(
        q=q[:MAX_QUERY_CHARS],
        terms=terms,
        phrases=phrases,
        excluded=excluded,
        reporter=(cleaned.get("reporter") or "").strip(),
        date_from=cleaned.get("date_from"),
        date_to=cleaned.get("date_to"),
        kind=cleaned.get("kind") or "",
        sort=sort,
        page=cleaned.get("page") or 1,
        per_page=per_page,
    )
