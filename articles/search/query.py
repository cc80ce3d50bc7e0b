"""What a search asks for, as one immutable value built from the cleaned form.

Query syntax: words are all required (a lone Chinese character matches every word holding
it), ``"…"`` is an exact phrase, ``-word`` (or ``-"…"``, ``-(…)``, ``NOT word``) excludes,
``OR`` or ``|`` gives alternatives, and parentheses group: ``(城市 OR 五金) -评论``.
Anything else (stray quotes or brackets, AND, very long input) is tolerated: unmatched
brackets are dropped, the rest read as plain words, and the query is capped in length,
number of words and depth of brackets.

Every word and phrase is found by its jieba words or, failing that, by its characters
(:mod:`articles.search.grams`), so a string the article holds is found whatever the
dictionary was when the article was indexed.
"""

import re
from dataclasses import dataclass, replace
from datetime import date

from whoosh import query as wq

from articles.search.analyzer import to_simplified, tokenize
from articles.search.chars import CharTerm, is_single_han
from articles.search.fields import FieldRoles
from articles.search.grams import Checked, GramPhrase, Recall, by_pairs, han_runs
from articles.search.phrase import phrase_query

MAX_QUERY_CHARS = 200
MAX_PARTS = 12
MAX_DEPTH = 6
SORTS = ("relevance", "newest", "oldest")
# A quoted phrase, a bracket, an OR bar, or a run of anything else.
_TOKEN = re.compile(r'-*"[^"]*"?|-*\(|\)|\|+|[^\s"()|]+')
_OR = {"or", "|", "||"}
_AND = {"and", "&&", "&"}
_NOT = {"not"}
# Characters that only ever mean query syntax to somebody: read them as spaces.
_SYNTAX = re.compile(r"[\[\]{}<>^~*?:\\+!&=]")

# The parsed query is a small tree of tuples (hashable, so the spec stays a frozen value):
# ("word", text) · ("phrase", text) · ("not", node) · ("and", (node, …)) · ("or", (node, …))


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
    # The query tree when it is more than "all of terms and phrases, none of excluded"
    # (alternatives, brackets, excluded phrases); else None and the tuples above say it all.
    expr: tuple | None = None
    # The people the typed reporter stands for (see articles/search/people.py), filled in
    # by the search service; empty: the reporter as typed.
    reporters: tuple[str, ...] = ()

    @property
    def has_text(self) -> bool:
        return bool(self.terms or self.phrases)

    @property
    def highlight_terms(self) -> tuple[str, ...]:
        return self.terms + self.phrases

    @property
    def tree(self) -> tuple:
        if self.expr is not None:
            return self.expr
        return flat_tree(self.terms, self.phrases, self.excluded)

    def params(self) -> dict[str, str]:
        """GET parameters that ask for this search again (the default sort left out)."""
        default_sort = "relevance" if self.has_text else "newest"
        values = {
            "q": render(self.tree),
            "reporter": self.reporter,
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "kind": self.kind,
            "sort": "" if self.sort == default_sort else self.sort,
        }
        return {name: value for name, value in values.items() if value}

    def with_changes(self, **changes) -> "SearchSpec":
        return replace(self, **changes)

    def with_tree(self, tree) -> "SearchSpec":
        """This search with another query tree (the flat views recomputed)."""
        return replace(self, **spec_fields(tree))

    def without_exclusions(self) -> "SearchSpec":
        return self.with_tree(_map(self.tree, lambda node: None if node[0] == "not" else node))

    def phrases_as_words(self) -> "SearchSpec":
        return self.with_tree(
            _map(self.tree, lambda node: ("word", node[1]) if node[0] == "phrase" else node)
        )

    def whoosh_query(self, fieldname: str = "text", roles: FieldRoles | None = None):
        """The Whoosh query for the words, phrases, exclusions and exact filters (not dates,
        which the backend applies per document); ``None`` means every document. ``roles``
        names the people and kind fields; a filter on a field no index has finds nothing."""
        roles = roles or FieldRoles()
        text = node_query(self.tree, fieldname) if self.tree != ("and", ()) else None
        filters = []
        if self.reporter:
            names = self.reporters or (self.reporter,)
            people = [_exact(roles.people, name) for name in names]
            filters.append(people[0] if len(people) == 1 else wq.Or(people))
        if self.kind:
            filters.append(_exact(roles.kind, self.kind))
        if text is None and not filters:
            if self.has_text or self.excluded:
                return wq.NullQuery  # only punctuation: nothing can match
            return None
        if text is None:
            base = wq.And(filters) if len(filters) > 1 else filters[0]
        elif isinstance(text, wq.Not):  # only exclusions: every other document
            base = wq.AndNot(wq.And(filters) if filters else wq.Every(), text.query)
        else:
            base = wq.And([text, *filters]) if filters else text
        headline = [
            word_query("headline", w)
            for term in self.terms
            for w, _, _ in tokenize(term, mode="default")
        ]
        if headline:
            base = wq.AndMaybe(base, wq.Or(headline))
        return base


def word_query(fieldname: str, word: str):
    """One query word: a lone Chinese character stands for every word that contains it
    (jieba indexes ``茶`` alone only where the sentence has it alone)."""
    if is_single_han(word):
        return CharTerm(fieldname, word)
    return wq.Term(fieldname, word)


def text_query(fieldname: str, text: str, phrase: bool = False):
    """A word or phrase as typed: its jieba words (all of them, or as an exact phrase), or
    failing that its characters; ``None`` if nothing in it is searchable."""
    if phrase and han_runs(text) == [(0, len(text))] and len(text) >= 2:
        # Chinese characters only: the pairs are the exact answer; the words only rank.
        words = [wq.Term(fieldname, w) for w, _, _ in tokenize(text, mode="default")]
        return Checked(GramPhrase(text), words[0] if len(words) == 1 else wq.And(words))
    if phrase:
        precise = phrase_query(fieldname, text)
        precise = None if precise is wq.NullQuery else precise
    else:
        words = [word_query(fieldname, w) for w, _, _ in tokenize(text, mode="default")]
        precise = (words[0] if len(words) == 1 else wq.And(words)) if words else None
    if precise is None:
        return None
    fallback = by_pairs(text, lambda w: word_query(fieldname, w))
    return precise if fallback is None else Recall([precise, fallback])


def _exact(fieldname: str | None, value: str):
    return wq.Term(fieldname, value) if fieldname else wq.NullQuery


def node_query(node, fieldname: str):
    """The Whoosh query of a tree node; ``None`` for a node with nothing searchable. An
    all-excluding node comes back as ``wq.Not`` (the caller subtracts it)."""
    kind = node[0]
    if kind in ("word", "phrase"):
        return text_query(fieldname, node[1], phrase=kind == "phrase")
    if kind == "not":
        inner = node_query(node[1], fieldname)
        return None if inner is None else wq.Not(inner)
    parts = [q for q in (node_query(child, fieldname) for child in node[1]) if q is not None]
    if not parts:
        return None
    if kind == "or":
        if any(isinstance(q, wq.Not) for q in parts):
            parts = [wq.AndNot(wq.Every(), q.query) if isinstance(q, wq.Not) else q for q in parts]
        return parts[0] if len(parts) == 1 else wq.Or(parts)
    required = [q for q in parts if not isinstance(q, wq.Not)]
    excluded = [q.query for q in parts if isinstance(q, wq.Not)]
    if not required:
        return wq.Not(excluded[0] if len(excluded) == 1 else wq.Or(excluded))
    base = required[0] if len(required) == 1 else wq.And(required)
    if excluded:
        base = wq.AndNot(base, excluded[0] if len(excluded) == 1 else wq.Or(excluded))
    return base


# --- reading what was typed ----------------------------------------------------------------


def parse_tree(raw: str) -> tuple:
    """The query tree of what the user typed (simplified characters, capped)."""
    text = to_simplified((raw or "")[:MAX_QUERY_CHARS])
    tokens = _TOKEN.findall(_SYNTAX.sub(" ", text))
    parser = _Parser(tokens)
    tree = parser.expression(0)
    return _dedupe(tree)


class _Parser:
    def __init__(self, tokens):
        self.tokens = tokens
        self.i = 0
        self.leaves = 0

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def expression(self, depth):
        """Alternatives: groups joined by OR, up to a closing bracket or the end."""
        groups = [self.group(depth)]
        while self.peek() is not None and self.peek() != ")":
            self.i += 1  # the OR (group() stops only at OR, a bracket or the end)
            groups.append(self.group(depth))
        groups = [g for g in groups if g[1]]
        if len(groups) == 1:
            return groups[0]
        return ("or", tuple(groups)) if groups else ("and", ())

    def group(self, depth):
        items = []
        negate = False
        while (token := self.peek()) is not None:
            lowered = token.lower()
            if token == ")" or lowered in _OR:
                break
            self.i += 1
            if lowered in _AND:
                continue
            if lowered in _NOT:
                negate = True
                continue
            if not token.strip("-"):
                continue  # dashes alone
            if token.startswith("-"):
                negate, token = True, token.lstrip("-")
            node = self.item(token, depth)
            if node is not None and self.leaves <= MAX_PARTS * 3:
                items.append(("not", node) if negate else node)
            negate = False
        return ("and", tuple(items))

    def item(self, token, depth):
        if token == "(":
            inner = self.expression(depth + 1)
            if self.peek() == ")":
                self.i += 1
            if depth + 1 > MAX_DEPTH:
                return _flatten_words(inner)
            return _simplify(inner)
        if token.startswith('"'):
            text = token.strip('"').strip()
            if not text:
                return None
            self.leaves += 1
            return ("phrase", text)
        self.leaves += 1
        return ("word", token)


def _simplify(node):
    if node[0] == "and" and len(node[1]) == 1:
        return node[1][0]
    if node[0] == "and" and not node[1]:
        return None
    return node


def _flatten_words(node):
    leaves = list(_leaves(node))
    return ("and", tuple(leaves)) if leaves else None


def _leaves(node):
    if node[0] in ("word", "phrase"):
        yield node
    elif node[0] == "not":
        yield from _leaves(node[1])
    else:
        for child in node[1]:
            yield from _leaves(child)


def _dedupe(node):
    """Repeated words once, at most MAX_PARTS of each kind of leaf."""
    seen, counts = set(), {}

    def walk(n):
        if n[0] in ("word", "phrase"):
            return n
        if n[0] == "not":
            inner = walk(n[1])
            return None if inner is None else ("not", inner)
        children = []
        for child in n[1]:
            if child[0] in ("word", "phrase", "not"):
                key = child
                kind = "not" if child[0] == "not" else child[0]
                if key in seen or counts.get(kind, 0) >= MAX_PARTS:
                    continue
                seen.add(key)
                counts[kind] = counts.get(kind, 0) + 1
            child = walk(child)
            if child is not None:
                children.append(child)
        return (n[0], tuple(children))

    tree = _collapse(walk(node))
    if tree is None:
        return ("and", ())
    if tree[0] != "and":
        tree = ("and", (tree,))
    return tree


def _collapse(node):
    """Groups of one are their member, empty groups go, a group inside a group of the same
    kind joins it."""
    if node[0] in ("word", "phrase"):
        return node
    if node[0] == "not":
        inner = _collapse(node[1])
        return None if inner is None else ("not", inner)
    children = []
    for child in map(_collapse, node[1]):
        if child is None:
            continue
        if child[0] == node[0]:
            children.extend(child[1])
        else:
            children.append(child)
    if not children:
        return None
    if len(children) == 1:
        return children[0]
    return (node[0], tuple(children))


def _map(node, change):
    """The tree with ``change(node)`` applied bottom-up (``None`` drops a node)."""
    if node[0] in ("and", "or"):
        children = tuple(c for c in (_map(child, change) for child in node[1]) if c is not None)
        return change((node[0], children))
    if node[0] == "not":
        inner = _map(node[1], change)
        return None if inner is None else change(("not", inner))
    return change(node)


def flat_tree(terms=(), phrases=(), excluded=()) -> tuple:
    return (
        "and",
        (
            *(("word", t) for t in terms),
            *(("phrase", p) for p in phrases),
            *(("not", ("word", w)) for w in excluded),
        ),
    )


def _is_flat(tree) -> bool:
    return tree[0] == "and" and all(
        child[0] in ("word", "phrase") or (child[0] == "not" and child[1][0] == "word")
        for child in tree[1]
    )


def spec_fields(tree) -> dict:
    """terms, phrases, excluded (and expr when they do not say it all) of a tree."""
    terms, phrases, excluded = [], [], []

    def walk(node, negated):
        kind = node[0]
        if kind == "word":
            (excluded if negated else terms).append(node[1])
        elif kind == "phrase":
            (excluded if negated else phrases).append(node[1])
        elif kind == "not":
            walk(node[1], not negated)
        else:
            for child in node[1]:
                walk(child, negated)

    walk(tree, False)
    return {
        "terms": tuple(dict.fromkeys(terms)),
        "phrases": tuple(dict.fromkeys(phrases)),
        "excluded": tuple(dict.fromkeys(excluded)),
        "expr": None if _is_flat(tree) else tree,
    }


def render(node, top=True) -> str:
    """The tree as query text again (what :func:`parse_tree` reads back to the same tree)."""
    kind = node[0]
    if kind == "word":
        return node[1]
    if kind == "phrase":
        return f'"{node[1]}"'
    if kind == "not":
        return "-" + render(node[1], top=False)
    if top and len(node[1]) == 1:
        return render(node[1][0])
    joiner = " OR " if kind == "or" else " "
    inner = joiner.join(render(child, top=False) for child in node[1])
    return inner if top or len(node[1]) < 2 else f"({inner})"


def parse_q(raw: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(terms, phrases, excluded) from what the user typed."""
    fields = spec_fields(parse_tree(raw))
    return fields["terms"], fields["phrases"], fields["excluded"]


def words_to_mark(raw: str) -> tuple[str, ...]:
    """The words and phrases of a query to mark on a page (an article opened from a
    search gets the query as ``?hl=``); none for an empty or unreadable one."""
    fields = spec_fields(parse_tree(raw or ""))
    return fields["terms"] + fields["phrases"]


def build_spec(cleaned: dict, per_page: int = 20) -> SearchSpec:
    """The spec for a validated :class:`articles.forms.SearchForm`'s ``cleaned_data``."""
    q = (cleaned.get("q") or "").strip()
    fields = spec_fields(parse_tree(q))
    has_text = bool(fields["terms"] or fields["phrases"])
    sort = cleaned.get("sort") or ("relevance" if has_text else "newest")
    if sort == "relevance" and not has_text:
        sort = "newest"
    return SearchSpec(
        q=q[:MAX_QUERY_CHARS],
        **fields,
        reporter=(cleaned.get("reporter") or "").strip(),
        date_from=cleaned.get("date_from"),
        date_to=cleaned.get("date_to"),
        kind=cleaned.get("kind") or "",
        sort=sort,
        page=cleaned.get("page") or 1,
        per_page=per_page,
    )
