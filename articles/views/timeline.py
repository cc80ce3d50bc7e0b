"""The search page's timeline: one bar per year, each opening to its twelve months.

Hundreds of month rows made the timeline taller than a phone's screen at the archive's full
span; a year row per year keeps it to one screen (15 rows for 2012–2026), and a year opens
(<details>, no script) to its months as a compact grid. Rendered in one join rather than
through the template: with hundreds of months, per-bar template rendering was half of the
search page's time.
"""

import math
from dataclasses import dataclass
from datetime import date

from django.utils.html import escape
from django.utils.safestring import mark_safe


@dataclass
class YearBar:
    year: int
    count: int
    percent: int
    months: list  # the search's MonthBars of this year, January to December


def year_bars(month_bars) -> list[YearBar]:
    """The months grouped by year, each year's bar relative to the busiest year."""
    by_year: dict[int, list] = {}
    for bar in month_bars:
        by_year.setdefault(bar.year, []).append(bar)
    totals = {year: sum(bar.count for bar in bars) for year, bars in by_year.items()}
    top = max(totals.values(), default=0) or 1
    return [
        YearBar(year, total, math.ceil(100 * total / top) if total else 0, by_year[year])
        for year, total in totals.items()
    ]


def timeline_html(month_bars, link) -> str:
    """``<li>`` per year for ``<ol class="timeline-years">``; ``link(**params)`` makes URLs.

    The busiest month of the whole span sets the months' scale, so months of different
    years compare. A span of one year opens that year.
    """
    link_range = range_linker(link)
    years = year_bars(month_bars)
    month_top = max((bar.count for bar in month_bars), default=0) or 1
    single = len(years) == 1
    items = []
    for year in years:
        whole = escape(link_range(date(year.year, 1, 1), date(year.year, 12, 31)))
        months = []
        for bar in year.months:
            n, m = bar.count, bar.month
            percent = math.ceil(100 * n / month_top) if n else 0
            label = f'<span class="timeline-label">{m}月</span>'
            meter = f'<meter min="0" max="100" value="{percent}">{n}</meter>'
            if n:
                url = escape(link_range(bar.first_day, bar.last_day))
                months.append(
                    f'<li><a href="{url}" title="{year.year}年{m}月：{n} 篇">{label} {meter} '
                    f'<span class="count">{n}</span></a></li>'
                )
            else:
                months.append(
                    f'<li class="empty-month">{label} {meter} <span class="count">0</span></li>'
                )
        y, n = year.year, year.count
        items.append(
            f'<li><details{" open" if single else ""}><summary title="{y}年：{n} 篇">'
            f'<span class="timeline-label">{y}</span> '
            f'<meter min="0" max="100" value="{year.percent}">{n}</meter> '
            f'<span class="count">{n}</span></summary>'
            f'<ol class="timeline-months">{"".join(months)}</ol>'
            f'<p class="timeline-year-link"><a href="{whole}">只看{y}年（{n} 篇）</a></p>'
            "</details></li>"
        )
    return mark_safe("".join(items))


_FIRST, _LAST = "from=FIRSTDAY", "to=LASTDAY"


def range_linker(link):
    """``link_range(first, last)``: ``link`` with from/to set, built by encoding the search
    once and filling in the dates. Inside a value "=" is encoded (%3D), so the markers can
    only match the real parameters."""
    pattern = link(**{"from": "FIRSTDAY", "to": "LASTDAY"})

    def link_range(first: date, last: date) -> str:
        return pattern.replace(_FIRST, f"from={first.isoformat()}", 1).replace(
            _LAST, f"to={last.isoformat()}", 1
        )

    return link_range
