"""Bylines (署名): who wrote or photographed an article, and in what role.

Chinese dailies print credits in a handful of shapes: a dateline with names in brackets at
the start of the first paragraph (``本报讯(融媒首席记者 陈晓苏)``), a line of its own
(``本报记者 王一``, ``本报特约评论员``), or names at the end (``(记者 王一)``,
``记者 王一 摄``, ``(市教育局供稿)``). The grammar below is small on purpose: a role word,
then names of two to four Chinese characters; anything else is not a byline, so body text
is never eaten.
"""

from __future__ import annotations

import re

from .parsed import Credit

_ROLE = (
    r"(?:本报|本台)?(?:融媒体?)?(?:首席|特约|见习|摄影)?(?:记者|通讯员)|实习生|摄影|摄像|"
    r"文/图|图/文|文图|撰稿|编辑|整理|(?:本报)?(?:特约|融媒)?评论员"
)
ROLE = re.compile(rf"(?:{_ROLE})")
_NAME = r"[\u4e00-\u9fff]{2,4}(?:·[\u4e00-\u9fff]{2,6})?"
NAME = re.compile(_NAME)
_SUFFIX = re.compile(rf"^(?P<name>{_NAME})?/(?P<suffix>文|图|摄)$")
_GLUED = re.compile(rf"^(?P<role>{_ROLE})(?P<name>{_NAME})$")
_NOT_NAMES = re.compile(r"讯|本报|记者|通讯|评论|摄影|供稿|来源|日电|版$")
_OPEN, _CLOSE = "(（[【", ")）]】"

COMMENTARY = re.compile(r"^(?:本报|本台)?(?:特约|融媒体?|首席)*评论员$|^本报编辑部$")
_COMMENTARY_NAMED = re.compile(r"^(?:本报|本台)?(?:特约|融媒体?|首席)*评论员\s")
# Datelines that open a report: 本报讯, 本报北京4月1日电, 新华社杭州4月1日电, 据XX报道.
_DATELINE = re.compile(
    r"^(?P<lead>本报讯|本报[\u4e00-\u9fff]{0,8}\d{0,2}月?\d{0,2}日?电|"
    r"[\u4e00-\u9fff]{2,6}社[\u4e00-\u9fff]{0,8}\d{0,2}月?\d{0,2}日?电)"
    r"\s*(?:[(（](?P<inner>[^()（）]{1,80})[)）])?"
)
_SUPPLIED = re.compile(r"^(?P<name>[^\s()（）]{2,24}?)\s*供稿$")
_SOURCE = re.compile(r"^(?P<label>来源|稿源|转自)\s*[:：]\s*(?P<name>[^\s()（）]{2,24})$")
_SENTENCE_END = "。！？!?…"


# Copy from a news agency or another paper credits nobody by name: ``据新华社电``.
_AGENCY = re.compile(r"^据|新华社|中新社|人民日报|央视|浙江日报|金华日报|新华网|人民网")


_WORDS_AND_PICTURES = ("文/图", "图/文", "文图")
# A role word OCR spaced out like a name (``记 者 王一``).
_SPACED_ROLE = re.compile(r"记\s+者|通\s*讯\s*员|实\s*习\s*生|摄\s+影|评\s*论\s*员")
# A byline set off by a bullet: ``■本报记者 王一``.
_BULLET = re.compile(r"^[■□▲△●○◆◇★☆▶►•]+\s*")


def is_agency(byline: str) -> bool:
    return bool(_AGENCY.search(byline))


def normalise_role(printed: str) -> str:
    """Map a printed role to one of 记者, 通讯员, 摄影, 实习生, 供稿, 其他."""
    if printed in ("文/图", "图/文", "文图") or printed.endswith("/文"):
        return "记者"
    if printed.endswith(("/图", "/摄")) or printed in ("摄", "图") or "摄" in printed:
        return "摄影"
    if "实习" in printed:
        return "实习生"
    if "通讯员" in printed:
        return "通讯员"
    if printed in ("供稿", "来源", "稿源", "转自"):
        return "供稿"
    if "记者" in printed:
        return "记者"
    return "其他"


def _is_name(token: str) -> bool:
    if not NAME.fullmatch(token):
        return False
    return not ROLE.fullmatch(token) and not _NOT_NAMES.search(token)


def _tokens(text: str) -> list[str]:
    text = _SPACED_ROLE.sub(lambda m: re.sub(r"\s+", "", m.group()), text)
    text = re.sub(r"\s*[:：]\s*", " ", text)
    text = re.sub(r"\s*/\s*", "/", text)
    raw = [t for t in re.split(r"[\s、,，;；]+", text) if t]
    # OCR sometimes breaks a name with a space (``陈 晓苏``): a lone character is never a name,
    # so glue it to its neighbour when the result is a name of two to four characters.
    merged: list[str] = []
    i = 0
    while i < len(raw):
        token = raw[i]
        single = len(token) == 1 and "\u4e00" <= token <= "\u9fff" and token not in "摄文图"
        if single and i + 1 < len(raw) and _is_name(token + raw[i + 1].split("/")[0]):
            merged.append(token + raw[i + 1])
            i += 2
            continue
        if single and merged and _is_name(merged[-1] + token):
            merged[-1] += token
        else:
            merged.append(token)
        i += 1
    return merged


def parse_credits(text: str, *, glued: bool = False) -> list[Credit] | None:
    """Credits when all of ``text`` is a list of roles and names, else ``None``.

    ``glued`` also accepts a role stuck to a name (``记者王一``), which OCR produces inside
    brackets; outside brackets it would read headlines like ``记者走基层`` as bylines.
    """
    text = text.strip()
    supplied = _SUPPLIED.match(text)
    if supplied and not ROLE.search(supplied["name"]):
        return [Credit(supplied["name"], "供稿", "供稿")]
    source = _SOURCE.match(text)
    if source:
        return [Credit(source["name"], "供稿", source["label"])]
    credits: list[Credit] = []
    pending: list[str] = []
    role: str | None = None

    def assign(printed: str | None) -> bool:
        if pending and not printed:
            return False
        for name in pending:
            if printed.startswith(_WORDS_AND_PICTURES):  # ``文/图 记者 王一``: both
                credits.append(Credit(name, normalise_role(printed.split()[-1]), printed))
                credits.append(Credit(name, "摄影", printed))
            else:
                credits.append(Credit(name, normalise_role(printed), printed))
        pending.clear()
        return True

    for token in _tokens(text):
        suffix = _SUFFIX.match(token)
        stuck = _GLUED.match(token) if glued else None
        if ROLE.fullmatch(token) and not pending and role in _WORDS_AND_PICTURES:
            role = f"{role} {token}"
        elif token in _WORDS_AND_PICTURES and pending and role:  # ``记者 王一 文/图``
            assign(f"{token} {role}")
            role = None
        elif ROLE.fullmatch(token):
            if not assign(role):
                return None
            role = token
        elif stuck and _is_name(stuck["name"]):
            if not assign(role):
                return None
            role = stuck["role"]
            pending.append(stuck["name"])
        elif suffix and (suffix["name"] is None or _is_name(suffix["name"])):
            if suffix["name"]:
                pending.append(suffix["name"])
            if not pending:
                return None
            mark = suffix["suffix"]
            assign(f"{role}/{mark}" if role else mark)
        elif token == "摄":
            if not pending:
                return None
            assign(f"{role}/摄" if role else "摄")
        elif _is_name(token):
            pending.append(token)
        else:
            return None
    if not assign(role) or not credits:
        return None
    unique = list(dict.fromkeys(credits))
    return unique


def strip_brackets(text: str) -> str | None:
    """The inside of ``(…)`` / ``（…）`` / ``【…】`` when the whole text is bracketed."""
    if len(text) >= 3 and text[0] in _OPEN and text[-1] in _CLOSE:
        inner = text[1:-1]
        if not any(c in inner for c in _OPEN + _CLOSE):
            return inner.strip()
    return None


def standalone_byline(line: str) -> tuple[list[Credit], bool] | None:
    """``(credits, is_commentary)`` when the whole line is a byline, else ``None``."""
    line = _BULLET.sub("", line)
    if COMMENTARY.match(line):
        return [], True
    if _COMMENTARY_NAMED.match(line):
        credits = parse_credits(line)
        if credits is not None:
            return credits, True
    dateline = _DATELINE.match(line)
    if dateline and dateline.end() == len(line):
        inner = dateline["inner"]
        credits = parse_credits(inner, glued=True) if inner else []
        return (credits or []), False
    inner = strip_brackets(line)
    if inner is not None:
        credits = parse_credits(inner, glued=True)
        return (credits, False) if credits else None
    credits = parse_credits(line)
    return (credits, False) if credits else None


def split_start_byline(line: str) -> tuple[str, list[Credit], str] | None:
    """``(byline, credits, rest)`` for a first paragraph that opens with a dateline."""
    dateline = _DATELINE.match(line)
    if dateline:
        byline = line[: dateline.end()].strip()
        rest = line[dateline.end() :].strip()
        if dateline["inner"]:
            credits = parse_credits(dateline["inner"], glued=True) or []
            return byline, credits, rest
        # ``本报讯 记者 王一 通讯员 李二 4月1日…``: names follow without brackets.
        names, credits, rest = _leading_credits(rest)
        if credits:
            return f"{byline} {names}", credits, rest
        return byline, [], rest
    if ROLE.match(line) and " " in line:
        names, credits, rest = _leading_credits(line)
        if credits and rest:
            return names, credits, rest
    return None


def _leading_credits(text: str) -> tuple[str, list[Credit], str]:
    """The longest run of space-separated leading tokens that parses as credits."""
    parts = text.split(" ")
    for cut in range(min(len(parts) - 1, 12), 0, -1):
        head = " ".join(parts[:cut])
        credits = parse_credits(head)
        if credits:
            return head, credits, " ".join(parts[cut:]).strip()
    return "", [], text


def split_end_byline(paragraph: str) -> tuple[str, str, list[Credit]] | None:
    """``(rest, byline, credits)`` when a paragraph ends with names: ``…。(记者 王一)``."""
    cut = max(paragraph.rfind(c) for c in _SENTENCE_END)
    if cut < 0:
        return None
    tail = paragraph[cut + 1 :].strip()
    # A closing quote or bracket right after the full stop belongs to the sentence.
    while tail and tail[0] in "”’」』\"'":
        cut += 1
        tail = paragraph[cut + 1 :].strip()
    if not tail:
        return None
    inner = strip_brackets(tail)
    credits = parse_credits(inner, glued=True) if inner is not None else parse_credits(tail)
    if not credits:
        return None
    return paragraph[: cut + 1].rstrip(), tail, credits
