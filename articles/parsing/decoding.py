"""Bytes of an uploaded page file to text, and text to clean numbered lines.

Staff save OCR output from whatever tool they have: UTF-8 (with or without a BOM, from
Windows tools) or GB18030/GBK (older Chinese Windows tools). Anything else is refused with a
message that names the line, because a silently mis-decoded page would be stored as garbage.
"""

from __future__ import annotations

import re

from .parsed import PageError

_CJK = re.compile(r"[\u4e00-\u9fff]")
# C0 controls except tab/newline/carriage return/form feed, plus DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Whitespace OCR tools emit inside lines: full-width space, no-break space, thin spaces, tabs.
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]+")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_page(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; ``encoding`` is ``"UTF-8"`` or ``"GB18030"``.

    Windows line ends are normalised to ``\\n``. Raises :class:`PageError` for empty,
    binary or undecodable input, naming the 1-based line of the problem.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PageError(
            "文件是 UTF-16 编码, 请另存为 UTF-8 (file is UTF-16, save as UTF-8)", line=1
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise PageError(
            "文件含 NUL 字节, 看起来是二进制文件而不是文本 (binary file)", line=_line_of(data, nul)
        )
    encoding = "UTF-8"
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        # A page that is clearly UTF-8 up to one damaged byte must not be re-read as GB18030:
        # that "succeeds" and turns the whole page into mojibake.
        prefix = body[: utf8_error.start].decode("utf-8", errors="ignore")
        if len(_CJK.findall(prefix)) >= 4:
            raise PageError(
                "UTF-8 编码损坏, 无法解码 (invalid UTF-8 byte)",
                line=_line_of(body, utf8_error.start),
            ) from None
        try:
            text = body.decode("gb18030")
        except UnicodeDecodeError as gb_error:
            raise PageError(
                "既不是 UTF-8 也不是 GB18030 编码, 无法解码 (cannot decode as UTF-8 or GB18030)",
                line=_line_of(body, gb_error.start),
            ) from None
        encoding = "GB18030"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _refuse_binary_or_empty(text)
    return text, encoding


def _refuse_binary_or_empty(text: str) -> None:
    visible = re.sub(r"\s", "", text)
    if not visible:
        raise PageError("文件为空或只有空白 (empty page)", line=1)
    controls = _CONTROL.findall(visible)
    if controls and len(controls) * 5 >= len(visible):
        first = _CONTROL.search(text)
        raise PageError(
            "文件大部分是控制字符, 看起来是二进制文件 (binary file)",
            line=text.count("\n", 0, first.start()) + 1,
        )


def clean_line(raw: str) -> str:
    """One line with OCR whitespace collapsed to single spaces and the ends trimmed."""
    return _SPACES.sub(" ", raw).strip()


def numbered_lines(text: str) -> list[tuple[int, str]]:
    """Non-blank lines as ``(1-based line number, cleaned text)``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    result = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = _CONTROL.sub("", clean_line(raw))
        if line:
            result.append((number, line))
    return result
