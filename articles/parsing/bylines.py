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

from .names import OUTLET, is_name, is_unit, normalise_name, split_glued_names
from .parsed import Credit
from .roles import BOTH, COMMENTATOR, HOUSE, MARK, ROLE, ROLE_RE, normalise_role

_OPEN, _CLOSE = "(（[【", ")）]】"
_SENTENCE_END = "。！？!?…"
_BULLET = re.compile(r"^[■□▲△●○◆◇★☆▶►•◎]+\s*")
# OCR reads the box bullet □ as the character 口 (``口潘剑``); only a name may follow it.
_BOX = re.compile(r"^口(?=[\u4e00-\u9fff]{2,3}$)")
_LEAD_BRACKET = re.compile(r"^【(?P<inner>[^【】]{2,40})】")
_CREDIT_NOTE = re.compile(r"\s?[(（](?:下同|资料图片?|人民视觉|视觉中国|新华社发|受访者供图)[)）]$")
# A role word OCR spaced out like a name (``记 者 王一``).
_SPACED_ROLE = re.compile(r"记\s+者|通\s*讯\s*员|实\s*习\s*生|摄\s+影|评\s*论\s*员")

_COMMENTARY = re.compile(rf"^(?:{COMMENTATOR})$")

_DIGITS = r"[0-9０-９一二三四五六七八九十〇]"
_DATE = (
    rf"(?:(?:{_DIGITS}{{4}}年)?{_DIGITS}{{1,2}}月{_DIGITS}{{1,3}}日|{_DIGITS}{{1,2}}日)"
    rf"(?:{_DIGITS}{{1,2}}[时点](?:{_DIGITS}{{1,2}}分)?)?"
)
# A place name between outlet and date (新华社杭州4月1日电); the words a sentence is made of
# never stand in one, which keeps ``人民网的资讯`` from reading as a dateline.
_PLACE = r"(?:(?![的了是在和与及对为以通资快简电讯])[\u4e00-\u9fff]|“[^”]{1,6}”){0,6}?"
# ``电`` ends an agency's dateline, which always carries a date (``据新华社电`` excepted):
# without one, ``国网永康供电公司`` would open a dateline. A date alone ends one only when
# the credits follow in brackets (``浙江在线-金华频道11月8日(…)``).
_LEAD = (
    rf"(?:据\s*{OUTLET}\s?{_PLACE}(?:{_DATE})?\s?(?:电|讯|消息)"
    rf"|{HOUSE}\s?(?:{_PLACE}\s?(?:{_DATE})\s?{_PLACE}\s?(?:电讯|电|快讯|讯|消息)"
    rf"|{_PLACE}(?:快讯|讯|消息)|{_PLACE}\s?{_DATE}(?=\s?[(（]))"
    rf"|【(?:{HOUSE}){_PLACE}(?:快讯|讯)】)"
)
_DATELINE = re.compile(
    rf"^(?P<lead>{_LEAD})(?P<gap>\s*)"
    rf"(?:[(（【](?P<inner>[^()（）【】]{{1,80}})[)）】](?:\s?[:：])?)?"
)
_AGENCY_LINE = re.compile(rf"^[(（]?据\s*\S{{2,16}}?(?:电|报道|消息)[)）]?$|^据{OUTLET}$")
_SOURCE = re.compile(
    r"^(?P<label>来源|稿源|转自|供稿|图片来源|资料来源)\s*[:：]?\s*(?P<name>\S{2,30})$"
)
_SPLIT = re.compile(r"[\s、,，;；]+")
# No credit list runs longer; longer text is body, and is not scanned as credits.
_LONGEST = 160
_PIECE = re.compile(
    rf"(?P<mark>{MARK.pattern})|(?P<role>{ROLE})|(?P<supply>供稿|供图|提供|联合报道|报道)"
    r"|(?P<source>来源|稿源)"
)
_COMMENTATOR_ROLE = re.compile(COMMENTATOR)
# Bullets between the credits of one line: ``□ 本报记者 张驰　□ 本报通讯员 张晓斌``.
_INNER_BULLET = re.compile(r"(?<=\s)[■□◎●◆]\s*")


def is_agency(byline: str) -> bool:
    """Copy from a news agency or another outlet credits nobody by name (``据新华社电``)."""
    return bool(re.search(r"^据|新华社|中新社|中新网|人民日报|央视|新华网|人民网", byline))


def _normalise(text: str) -> str:
    text = normalise_name(text)
    text = _SPACED_ROLE.sub(lambda m: re.sub(r"\s+", "", m.group()), text)
    text = _INNER_BULLET.sub(" ", text)
    # ``特约记者/《求学·考研》杂志 王薇``: the magazine the reporter writes for.
    text = re.sub(r"/?《[^》]{1,12}》(?:杂志社?|周刊|报社?)?", " ", text)
    text = re.sub(r"\s*[:：]\s*", " ", text)
    text = re.sub(r"\s*[/／]\s*", "/", text)
    # ``记者/胡良光``: a slash between a role and its name is a separator, not a mark.
    text = re.sub(rf"({ROLE})/(?=[\u4e00-\u9fff]{{2}})(?![摄图文])", r"\1 ", text)
    # ``文/视频``: the video credit names no one of its own.
    text = re.sub(r"(?:文/)?视频/?(?=\s)|(?<=\s)视频$", " ", f" {text} ")
    return text.strip()


def _items(text: str) -> list[tuple[str, str, bool]]:
    """``(kind, text, glued)`` items of a credit list: role, mark, supply, source or name.

    ``glued`` is true for a name printed stuck to a role word (``记者王一``): no space
    vouches that it is a name.
    """
    items: list[tuple[str, str, bool]] = []
    for token in _SPLIT.split(text):
        if not token:
            continue
        pos = 0
        for piece in _PIECE.finditer(token):
            if piece.start() > pos:
                items.extend(_names(token[pos : piece.start()], glued=pos > 0))
            items.append((piece.lastgroup, piece.group(), False))
            pos = piece.end()
        if pos < len(token):
            items.extend(_names(token[pos:], glued=pos > 0))
    return items


def _names(chunk: str, *, glued: bool) -> list[tuple[str, str, bool]]:
    if chunk in ("摄", "图", "文"):
        return [("mark", chunk, False)]
    if len(chunk) >= 3 and chunk[-1] == "摄" and is_name(chunk[:-1]):  # ``王一摄``
        return [("name", chunk[:-1], glued), ("mark", "摄", False)]
    if re.fullmatch(rf"(?:{HOUSE})发?", chunk):  # an outlet, never a person
        return [("house", chunk, False)]
    names: list[tuple[str, str, bool]] = []
    for part in chunk.split("/"):
        if not part:
            continue
        needs_cut = (glued or len(part) > 4) and "·" not in part
        split = split_glued_names(part) if needs_cut else None
        names.extend(("name", name, glued) for name in (split or [part]))
    return names


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


def parse_credits(
    text: str, *, bare_role: str | None = None, trust_glued: bool = False
) -> list[Credit] | None:
    """Credits when all of ``text`` is a credit list, else ``None``.

    An empty list is a byline that names no person (``市教育局供稿``, ``作者：本报评论员``).
    Names with no role word before them are accepted only with ``bare_role`` (``(王一)``
    closing an article credits its reporter) and only when they start with a surname. A name
    stuck to its role (``记者王一``) must start with a surname too, unless ``trust_glued``
    (inside a dateline's brackets, where nothing but credits is printed).
    """
    if len(text) > _LONGEST:
        return None
    text = _normalise(text)
    if not text:
        return None
    if _SOURCE.match(text):
        return []
    items = _merge_split_names(_items(text))
    if not items:
        return None
    credits: list[Credit] = []
    pending: list[tuple[str, bool]] = []
    sources = False  # a unit or outlet was credited: the list is a byline even without people
    role: str | None = None  # the printed role the names that follow take

    def credit(names: list[tuple[str, bool]], printed: str | None) -> bool:
        for name, glued in names:
            if not is_name(name, vouched=printed is not None and (trust_glued or not glued)):
                return False
        if printed is None:
            credits.extend(Credit(name, bare_role or "", "") for name, _ in names)
        elif printed.startswith(BOTH) or printed.endswith(BOTH):
            # ``记者 王一 李二 文/摄``: both wrote, then both took the pictures.
            credits.extend(Credit(name, _writer_role(printed), printed) for name, _ in names)
            credits.extend(Credit(name, "摄影", printed) for name, _ in names)
        else:
            credits.extend(Credit(name, normalise_role(printed), printed) for name, _ in names)
        names.clear()
        return True

    for index, (kind, token, glued) in enumerate(items):
        last = index == len(items) - 1
        if kind == "house":
            following = None if last else items[index + 1][0]
            if following == "role":  # ``浙江新闻客户端 记者 王一``: whose reporter
                if pending and not credit(pending, role):
                    return None
            elif following in ("supply", "house", "name") and any(
                k == "supply" for k, _, _ in items[index:]
            ):
                pending.append((token, glued))  # a unit that supplies or reports jointly
            elif following == "name":
                sources = True  # ``新华社发 程伟 摄``: the agency that sent the picture
            else:
                return None
        elif kind == "source":  # ``来源:应城市教育局``: the next word is a unit
            if index + 1 >= len(items) or items[index + 1][0] != "name":
                return None
            items[index + 1] = ("unit", items[index + 1][1], False)
            sources = True
        elif kind == "unit":
            continue
        elif kind == "role":
            if _COMMENTATOR_ROLE.fullmatch(token) and not pending and last:
                sources = True  # ``作者：本报评论员``
                if role and not credits:
                    role = None
                continue
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
                if pending:  # ``记者 王一 文/图``, ``记者徐岑卢河燕文/摄``
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
                closing = token in ("摄", "摄影报道") and last
                whole_list = closing and not any("/" in c.printed_role for c in credits)
                mark = "摄" if token == "摄影报道" else token.lstrip("/")
                if not credit(pending, f"{role}/{mark}" if role else f"/{mark}"):
                    return None
                if whole_list:
                    # ``记者 王一 通讯员 李二 摄``: one closing 摄 credits the whole list.
                    credits[:] = [_as_photographer(c) for c in credits]
        elif kind == "supply":
            if token == "报道":  # ``(记者 王一 报道)``, ``记者王一义乌报道``
                if pending and not is_name(pending[-1][0]):
                    pending[-1] = (_without_place(pending[-1][0]), pending[-1][1])
                if not last or (pending and not credit(pending, role)):
                    return None
                continue
            people = [(n, g) for n, g in pending if not is_unit(n) and is_name(n, vouched=False)]
            sources = sources or len(people) < len(pending)
            pending.clear()
            if people and not credit(people, "供稿"):
                return None
            if not people and not sources:
                return None
        else:
            pending.append((token, glued))
    if pending:
        if role is None and bare_role is None:
            return None
        if not credit(pending, role):
            return None
    if not credits and not sources:
        return None
    return list(dict.fromkeys(credits))


def _without_place(text: str) -> str:
    """``洪泺然义乌`` before 报道: the name, without the place it reports from."""
    for size in (2, 3):
        if is_name(text[:-size], vouched=False):
            return text[:-size]
    return text


def _as_photographer(credit: Credit) -> Credit:
    printed = credit.printed_role
    return Credit(credit.name, "摄影", printed if printed.endswith("/摄") else f"{printed}/摄")


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
    bulleted = _BULLET.match(text) or _BOX.match(text)
    text = (_BULLET if _BULLET.match(text) else _BOX).sub("", text) if bulleted else text
    if not text or len(text) > 80:
        return None
    if _COMMENTARY.match(text):
        return [], True
    if _AGENCY_LINE.match(text):
        return [], False
    dateline = _DATELINE.match(text)
    if dateline and dateline.end() == len(text):
        inner = dateline["inner"]
        credits = parse_credits(inner, bare_role="记者", trust_glued=True) if inner else []
        return (credits or []), False
    inner = strip_brackets(text)
    if inner is not None:
        credits = parse_credits(inner, bare_role="记者", trust_glued=True)
        return (credits, is_commentary(text)) if credits is not None else None
    # Names alone on a line are a byline when there are several (``陆晔 端木异``) or a
    # bullet marks them (``■王一``): one bare word could be a short headline.
    several = len(_SPLIT.split(text)) >= 2
    # An outlet naming its own reporter (``法治日报记者邓君通讯员清公宣``) prints only credits.
    house = re.match(rf"{HOUSE}(?<!本报)(?<!本台)", text) and re.match(ROLE, text)
    credits = parse_credits(
        text, bare_role="记者" if bulleted or several else None, trust_glued=bool(house)
    )
    return None if credits is None else (credits, is_commentary(text))


def is_commentary(byline: str) -> bool:
    """Signed by a commentator (``（中国青年网特约评论员 邓海建）``, ``作者：本报评论员``)."""
    return bool(_COMMENTATOR_ROLE.search(byline))


def split_start_byline(
    line: str, *, dateline_only: bool = False
) -> tuple[str, list[Credit], str] | None:
    """``(byline, credits, rest)`` for a first paragraph that opens with a dateline or
    credits: ``金华日报讯（记者 王一）4月1日…``, ``本报讯 记者 王一 4月1日…``,
    ``【环球时报驻香港特约记者 杨伟民】…``."""
    dateline = _DATELINE.match(line)
    if dateline:
        lead = dateline["lead"]
        inner = dateline["inner"]
        if inner is not None:
            credits = parse_credits(inner, bare_role="记者", trust_glued=True)
            if credits is None and re.search(ROLE, inner):
                credits = []  # credits in a form not read: kept out of the body, flagged
            if credits is not None:
                return line[: dateline.end()].strip(), credits, line[dateline.end() :].strip()
        rest = line[len(lead) :].strip()
        # ``本报讯 记者 王一 通讯员 李二 4月1日…``: names follow without brackets.
        names, credits, after = _leading_credits(rest)
        if credits:
            end = len(line) - len(rest) + len(names)
            return line[:end].strip(), credits, after
        return lead.strip(), [], rest
    bracket = None if dateline_only else _LEAD_BRACKET.match(line)
    if bracket:
        credits = parse_credits(bracket["inner"], trust_glued=True)
        if credits:
            return bracket.group().strip(), credits, line[bracket.end() :].strip()
    if not dateline_only and re.match(ROLE, _BULLET.sub("", line)) and " " in line:
        names, credits, rest = _leading_credits(line)
        if credits and rest:
            return names, credits, rest
    return None


def _leading_credits(text: str) -> tuple[str, list[Credit], str]:
    """The longest run of leading words that parses as credits; words end at a space or
    after the colon of ``报道：``."""
    parts = re.split(r"(?<=[:：])|\s", text)
    for cut in range(min(len(parts) - 1, 12), 0, -1):
        head = text[: _offset(text, parts, cut)].rstrip()
        if not re.match(rf"{ROLE}|文/|图/|{'|'.join(BOTH)}", _BULLET.sub("", _normalise(head))):
            continue
        credits = parse_credits(head)
        if credits:
            return head, credits, text[len(head) :].strip()
    return "", [], text


def _offset(text: str, parts: list[str], count: int) -> int:
    """Where the first ``count`` parts of ``text`` end."""
    pos = 0
    for part in parts[:count]:
        pos = text.index(part, pos) + len(part)
    return pos


def split_end_byline(paragraph: str) -> tuple[str, str, list[Credit]] | None:
    """``(rest, byline, credits)`` when a paragraph ends with credits: ``…。(记者 王一)``,
    ``…。(王一)``, ``…赏花。记者 王一 摄``, ``…现场 记者 王一 摄``."""
    body, note = _split_note(paragraph)
    ends = [body.rfind(c) for c in _SENTENCE_END]
    cut = max(ends)
    if cut >= 0:
        # A closing quote or bracket right after the full stop belongs to the sentence.
        while cut + 1 < len(body) and body[cut + 1] in "”’」』\"'":
            cut += 1
        tail = body[cut + 1 :].strip()
        # ``…留念。/大公报记者 苏璇摄``: the slash only sets the credit off.
        tail = tail.lstrip("/／ ")
        if tail:
            found = _end_credits(tail, after_sentence=True)
            if found is not None:
                return body[: cut + 1].rstrip(), tail + note, found
    # No full stop before the credits: a bracket closing the paragraph, or a caption's
    # ``记者 王一 摄`` after a space.
    if body.endswith(tuple(_CLOSE)):
        start = max(body.rfind(c) for c in _OPEN)
        if start > 0:
            tail = body[start:]
            found = _end_credits(tail, after_sentence=False)
            if found:
                return body[:start].rstrip(), tail + note, found
    parts = body[-_LONGEST:].split(" ")
    for cut_at in range(1, min(len(parts), 8)):
        tail = " ".join(parts[cut_at:])
        if not re.match(rf"{ROLE}|文/|图/", tail) and not tail.endswith(
            ("摄", "/图", "/文", "摄影报道")
        ):
            continue
        found = parse_credits(tail, bare_role="摄影" if tail.endswith(("摄", "摄影报道")) else None)
        if found:
            return body[: len(body) - len(tail)].rstrip(), tail + note, found
    return None


def _split_note(paragraph: str) -> tuple[str, str]:
    """A photo credit's trailing note (``(下同)``, ``（人民视觉）``) stays with the credit."""
    note = _CREDIT_NOTE.search(paragraph)
    if note and re.search(r"摄(?:影报道)?$", paragraph[: note.start()]):
        return paragraph[: note.start()], note.group()
    return paragraph, ""


def _end_credits(tail: str, *, after_sentence: bool) -> list[Credit] | None:
    inner = strip_brackets(tail)
    if inner is not None:
        return parse_credits(inner, bare_role="记者" if after_sentence else None, trust_glued=True)
    return parse_credits(tail)
