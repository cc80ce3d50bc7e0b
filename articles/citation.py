"""How to cite an article: GB/T 7714-2015, the Chinese reference standard, newspaper form.

    主要责任者. 题名[N]. 报纸名, 出版日期(版次).

e.g. ``丁文祥. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15).`` The standard lists at
most three responsible persons and then ", 等"; names are given as printed. No author at
all (an editorial, a notice) means the entry starts with the title. The archive's permalink
follows, so a reader can find the cited text again. Pure: no Django.
"""

from collections.abc import Iterable
from datetime import date

MAX_AUTHORS = 3


def authors_part(names: Iterable[str]) -> str:
    """``张三, 李四, 王五, 等``: each name once, in byline order, at most three."""
    unique = list(dict.fromkeys(name.strip() for name in names if name and name.strip()))
    if len(unique) > MAX_AUTHORS:
        return ", ".join(unique[:MAX_AUTHORS]) + ", 等"
    return ", ".join(unique)


def newspaper_citation(
    names: Iterable[str], title: str, paper: str, day: date, page: int, url: str = ""
) -> str:
    authors = authors_part(names)
    citation = f"{title.strip()}[N]. {paper}, {day.isoformat()}({page})."
    if authors:
        citation = f"{authors}. {citation}"
    return f"{citation} {url}" if url else citation
