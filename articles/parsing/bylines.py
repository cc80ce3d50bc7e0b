"""Bylines (署名): who wrote or photographed an article, and in what role.

Bylines are read by a small grammar rather than matched against examples:

- a **dateline** opens a report: outlet, place and date, then 讯, 电 or 消息
  (``本报讯``, ``金华日报讯``, ``新华社杭州4月1日电``, ``浙江在线3月5日讯``), then the credits,
  bracketed or not: ``金华日报讯（记者 王一 通讯员 李二）``;
- a **credit list** is role words (``roles.ROLE``: house prefix, modifiers, base role), each
  followed by one or more names (``记者 王一、李二 实习生 赵三``), a name stuck to its role
  (``记者王一``), and words-and-pictures marks (``王一/文 李二/摄``, ``文/图 王一``,
  ``记者 王一 摄``); units that supply the piece (``市教育局供稿``, ``来源: 永康发布``) are
  sources, never people;
- a **signature**: the outlet's voice (``本报评论员``, ``金华日报评论员``), or a name after a
  bullet (``■王一``).

Where a byline may sit (a line of its own anywhere in the article, the start of the first
paragraph, glued to the end of the last) is decided by the callers in ``page`` and
``blocks``; this module only says whether a piece of text is one.
"""

from __future__ import annotations

import re

from .names import OUTLET, is_name, is_unit, normalise_name
from .parsed import Credit
from .roles import BOTH, COMMENTATOR, MARK, ROLE, ROLE_RE, normalise_role

_OPEN, _CLOSE = "(（[【", ")）]】"
_SENTENCE_END = "。！？!?…"
_BULLET = re.compile(r"^[■□▲△●○◆◇★☆▶►•]+\s*")
# A role word OCR spaced out like a name (``记 者 王一``).
_SPACED_ROLE = re.compile(r"记\s+者|通\s*讯\s*员|实\s*习\s*生|摄\s+影|评\s*论\s*员")

_COMMENTARY = re.compile(rf"^(?:{COMMENTATOR})$")
_COMMENTARY_NAMED = re.compile(rf"^(?P<role>{COMMENTATOR})\s*(?P<names>\S.*)$")

_DIGITS = r"[0-9０-９一二三四五六七八九十〇]"
_DATE = rf"(?:{_DIGITS}{{4}}年)?{_DIGITS}{{1,2}}月{_DIGITS}{{1,3}}日|{_DIGITS}{{1,2}}日"
# A place name between outlet and date (新华社杭州4月1日电); the words a sentence is made of
# never stand in one, which keeps ``人民网上的资讯`` from reading as a dateline.
_PLACE = r"(?:(?![的了是在和与及对为以上下中通资快简电讯])[\u4e00-\u9fff]){0,6}?"
# ``电`` ends an agency's dateline, which always carries a date (``据新华社电`` excepted):
# without one, ``国网永康供电公司`` would open a dateline.
_LEAD = (
    rf"(?:据\s*{OUTLET}\s?{_PLACE}(?:{_DATE})?\s?(?:电|讯|消息)"
    rf"|(?:本报|本台|本刊|本网|{OUTLET})\s?"
    rf"(?:{_PLACE}\s?(?:{_DATE})\s?{_PLACE}\s?(?:电讯|电|讯|消息)|{_PLACE}(?:讯|消息)))"
)
_DATELINE = re.compile(
    rf"^(?P<lead>{_LEAD})(?P<gap>\s*)(?:[(（【](?P<inner>[^()（）【】]{{1,80}})[)）】])?"
)
_AGENCY_LINE = re.compile(rf"^[(（]?据\s*\S{{2,16}}?(?:电|报道|消息)[)）]?$|^据{OUTLET}$")
_SOURCE = re.compile(
    r"^(?P<label>来源|稿源|转自|供稿|图片来源|资料来源)\s*[:：]?\s*(?P<name>\S.{0,40})$"
)
_SPLIT = re.compile(r"[\s、,，;；]+")
_PIECE = re.compile(rf"(?P<role>{ROLE})|(?P<mark>{MARK.pattern})|(?P<supply>供稿|供图|提供|报道)")


def is_agency(byline: str) -> bool:
    """Copy from a news agency or another outlet credits nobody by name (``据新华社电``)."""
    return bool(re.search(r"^据|新华社|中新社|中新网|人民日报|央视|新华网|人民网", byline))


def _normalise(text: str) -> str:
    text = normalise_name(text)
    text = _SPACED_ROLE.sub(lambda m: re.sub(r"\s+", "", m.group()), text)
    text = re.sub(r"\s*[:：]\s*", " ", text)
    text = re.sub(r"\s*[/／]\s*", "/", text)
    return text.strip()


def _items(text: str) -> list[tuple[str, str, bool]] | None:
    """``(kind, text, glued)`` items of a credit list: role, mark, supply or name.

    ``glued`` is true for a name printed stuck to a role word (``记者王一``): no space
    vouches that it is a name, so it must start with a surname.
    """
    items: list[tuple[str, str, bool]] = []
    for token in _SPLIT.split(text):
        if not token:
            continue
        pos = 0
        for piece in _PIECE.finditer(token):
            if piece.start() > pos:
                items.extend(_names(token[pos : piece.start()], glued=bool(items) and pos > 0))
            kind = piece.lastgroup
            items.append((kind, piece.group(), False))
            pos = piece.end()
        if pos < len(token):
            items.extend(_names(token[pos:], glued=pos > 0))
    return items


def _names(chunk: str, *, glued: bool) -> list[tuple[str, str, bool]]:
    # ``王一摄``: a photographer's name with the mark stuck to it.
    if chunk in ("摄", "图", "文"):
        return [("mark", chunk, False)]
    if len(chunk) >= 3 and chunk[-1] == "摄" and is_name(chunk[:-1]):
        return [("name", chunk[:-1], glued), ("mark", "摄", False)]
    return [("name", part, glued) for part in chunk.split("/") if part]


def _merge_split_names(items: list[tuple[str, str, bool]]) -> list[tuple[str, str, bool]]:
    """OCR breaks a name with a space (``陈 晓苏``): a lone character is never a name, so it
    joins its neighbour when the two make a name."""
    merged: list[tuple[str, str, bool]] = []
    i = 0
    while i < len(items):
        kind, text, glued = items[i]
        single = kind == "name" and len(text) == 1
        if single and i + 1 < len(items) and items[i + 1][0] == "name":
            joined = text + items[i + 1][1]
            if is_name(joined):
                merged.append(("name", joined, glued))
                i += 2
                continue
        if single and merged and merged[-1][0] == "name" and is_name(merged[-1][1] + text):
            merged[-1] = ("name", merged[-1][1] + text, merged[-1][2])
        else:
            merged.append(items[i])
        i += 1
    return merged


def parse_credits(text: str, *, bare_role: str | None = None) -> list[Credit] | None:
    """Credits when all of ``text`` is a credit list, else ``None``.

    An empty list is a byline that names no person (``市教育局供稿``). Names with no role
    word before them are accepted only with ``bare_role`` (``(王一)`` closing an article
    credits its reporter) and only when they start with a surname.
    """
    text = _normalise(text)
    if not text:
        return None
    source = _SOURCE.match(text)
    if source:
        return []
    items = _items(text)
    if not items:
        return None
    items = _merge_split_names(items)
    credits: list[Credit] = []
    pending: list[tuple[str, bool]] = []
    units = False
    role: str | None = None  # the printed role the names that follow take

    def credit(names: list[tuple[str, bool]], printed: str | None) -> bool:
        vouched = printed is not None
        for name, glued in names:
            if not is_name(name, vouched=vouched and not glued):
                return False
        for name, _ in names:
            if printed is None:
                credits.append(Credit(name, bare_role or "", ""))
            elif printed.startswith(BOTH) or printed.endswith(BOTH):
                credits.append(Credit(name, _writer_role(printed), printed))
                credits.append(Credit(name, "摄影", printed))
            else:
                credits.append(Credit(name, normalise_role(printed), printed))
        names.clear()
        return True

    for index, (kind, token, glued) in enumerate(items):
        last = index == len(items) - 1
        if kind == "role":
            if pending and role is None and normalise_role(token) == "摄影" and last:
                if not credit(pending, token):  # ``王一 摄影``
                    return None
                continue
            if pending and not credit(pending, role):
                return None
            if role in BOTH or role in ("文/", "图/", "摄/"):
                role = f"{role}{token}" if role.endswith("/") else f"{role} {token}"
            else:
                role = token
        elif kind == "mark":
            if token in BOTH:
                if pending:  # ``记者 王一 文/图``
                    if not credit(pending, f"{token} {role}" if role else token):
                        return None
                    role = None
                else:  # ``文/图 王一``, ``文/图 记者 王一``
                    role = token
            elif token in ("文/", "图/", "摄/"):
                if pending and not credit(pending, role):
                    return None
                role = token
            else:  # ``王一/文``, ``李二/摄``, ``王一 摄``: the names just read
                if not pending:
                    return None
                mark = token.lstrip("/")
                if not credit(pending, f"{role}/{mark}" if role else f"/{mark}"):
                    return None
                if token == "摄" and last and not any("/" in c.printed_role for c in credits):
                    # ``记者 王一 通讯员 李二 摄``: one closing 摄 credits the whole list.
                    credits[:] = [_as_photographer(c) for c in credits]
        elif kind == "supply":
            if token == "报道":  # ``(记者 王一 报道)``
                if not last or not credit(pending, role):
                    return None
                continue
            people = [(n, g) for n, g in pending if not is_unit(n) and is_name(n, vouched=False)]
            if len(people) < len(pending):
                units = True
            pending.clear()
            if people and not credit(people, "供稿"):
                return None
            if not people and not units:
                return None
        else:
            pending.append((token, glued))
    if pending:
        if role is None and bare_role is None:
            return None
        if not credit(pending, role):
            return None
    if not credits and not units:
        return None
    return list(dict.fromkeys(credits))


def _as_photographer(credit: Credit) -> Credit:
    printed = credit.printed_role if credit.printed_role.endswith("/摄") else f"{credit.printed_role}/摄"
    return Credit(credit.name, "摄影", printed)


def _writer_role(printed: str) -> str:
    """``文/图 记者``, ``记者 文/图``: the role the writer holds (记者 unless printed)."""
    rest = printed
    for mark in BOTH:
        rest = rest.replace(mark, "")
    rest = rest.strip()
    return normalise_role(rest) if rest and ROLE_RE.fullmatch(rest) else "记者"


def strip_brackets(text: str) -> str | None:
    """The inside of ``(…)`` / ``（…）`` / ``【…】`` when the whole text is bracketed."""
    if len(text) >= 3 and text[0] in _OPEN and text[-1] in _CLOSE:
        inner = text[1:-1]
        if not any(c in inner for c in _OPEN + _CLOSE):
            return inner.strip()
    return None


def standalone_byline(line: str) -> tuple[list[Credit], bool] | None:
    """``(credits, is_commentary)`` when the whole line is a byline, else ``None``."""
    text = line.strip()
    bare = _BULLET.match(text)
    text = _BULLET.sub("", text)
    if not text or len(text) > 80:
        return None
    if _COMMENTARY.match(text):
        return [], True
    named = _COMMENTARY_NAMED.match(text)
    if named:
        credits = parse_credits(text)
        if credits is not None:
            return credits, True
    if _AGENCY_LINE.match(text):
        return [], False
    dateline = _DATELINE.match(text)
    if dateline and dateline.end() == len(text):
        inner = dateline["inner"]
        credits = parse_credits(inner, bare_role="记者") if inner else []
        return (credits or []), False
    inner = strip_brackets(text)
    if inner is not None:
        credits = parse_credits(inner, bare_role="记者")
        return (credits, False) if credits is not None else None
    credits = parse_credits(text, bare_role="其他" if bare else None)
    return None if credits is None else (credits, False)


def split_start_byline(line: str) -> tuple[str, list[Credit], str] | None:
    """``(byline, credits, rest)`` for a first paragraph that opens with a dateline or
    credits: ``金华日报讯（记者 王一）4月1日…``, ``本报讯 记者 王一 4月1日…``."""
    dateline = _DATELINE.match(line)
    if dateline:
        lead = dateline["lead"]
        inner = dateline["inner"]
        if inner is not None:
            credits = parse_credits(inner, bare_role="记者")
            if credits is not None:
                return line[: dateline.end()].strip(), credits, line[dateline.end() :].strip()
        rest = line[len(lead) :].strip()
        # ``本报讯 记者 王一 通讯员 李二 4月1日…``: names follow without brackets.
        names, credits, after = _leading_credits(rest)
        if credits:
            end = len(line) - len(rest) + len(names)
            return line[:end].strip(), credits, after
        return lead.strip(), [], rest
    if re.match(ROLE, _BULLET.sub("", line)) and " " in line:
        names, credits, rest = _leading_credits(line)
        if credits and rest:
            return names, credits, rest
    return None


def _leading_credits(text: str) -> tuple[str, list[Credit], str]:
    """The longest run of space-separated leading tokens that parses as credits."""
    parts = text.split(" ")
    for cut in range(min(len(parts) - 1, 12), 0, -1):
        head = " ".join(parts[:cut])
        if not re.match(rf"{ROLE}|文/|图/|{'|'.join(BOTH)}", _BULLET.sub("", _normalise(head))):
            continue
        credits = parse_credits(head)
        if credits:
            return head, credits, " ".join(parts[cut:]).strip()
    return "", [], text


def split_end_byline(paragraph: str) -> tuple[str, str, list[Credit]] | None:
    """``(rest, byline, credits)`` when a paragraph ends with credits: ``…。(记者 王一)``,
    ``…。(王一)``, ``…赏花。记者 王一 摄``, ``…现场 记者 王一 摄``."""
    ends = [paragraph.rfind(c) for c in _SENTENCE_END]
    cut = max(ends)
    if cut >= 0:
        # A closing quote or bracket right after the full stop belongs to the sentence.
        while cut + 1 < len(paragraph) and paragraph[cut + 1] in "”’」』\"'":
            cut += 1
        tail = paragraph[cut + 1 :].strip()
        if tail:
            found = _end_credits(tail, after_sentence=True)
            if found is not None:
                return paragraph[: cut + 1].rstrip(), tail, found
    # No full stop before the credits: a bracket closing the paragraph, or a caption's
    # ``记者 王一 摄`` after a space.
    if paragraph.endswith(tuple(_CLOSE)):
        start = max(paragraph.rfind(c) for c in _OPEN)
        if start > 0:
            tail = paragraph[start:]
            found = _end_credits(tail, after_sentence=False)
            if found:
                return paragraph[:start].rstrip(), tail, found
    parts = paragraph.split(" ")
    for cut_at in range(1, min(len(parts), 8)):
        tail = " ".join(parts[cut_at:])
        if not re.match(rf"{ROLE}|文/|图/", tail) and not tail.endswith(("摄", "/图", "/文")):
            continue
        found = parse_credits(tail)
        if found:
            return " ".join(parts[:cut_at]).rstrip(), tail, found
    return None


def _end_credits(tail: str, *, after_sentence: bool) -> list[Credit] | None:
    inner = strip_brackets(tail)
    if inner is not None:
        return parse_credits(inner, bare_role="记者" if after_sentence else None)
    return parse_credits(tail)

