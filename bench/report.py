"""Markdown tables from the JSON that bench.run writes, so RESULTS.md is never copied by hand.

    .venv/bin/python -m bench.report bench/out/results-n70653.json bench/out/results-n700000.json
    .venv/bin/python -m bench.report FILES... --write bench/RESULTS.md

Each file is one run: a ``results-n<N>.json`` (its project side, and its baseline for the
ratios) or one side's ``<side>-n<N>.json``. Columns are the runs' project sides, side by side,
plus the baselines with ``--baselines``; then the ratios against each baseline, then the
targets (limits from ``bench.run.TARGETS``), each PASS or FAIL. A figure a run did not record
shows as "—". ``--write`` replaces the text between two marker comments at the top of the
file (inserting them after the title the first time) and leaves everything else as it was.
"""

import argparse
import json
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .run import TARGETS

START = "<!-- generated: bench.report start -->"
END = "<!-- generated: bench.report end -->"
MISSING = "—"

KIND_LABELS = {
    "word": "one word",
    "two_words": "two words",
    "phrase": 'phrase `"…"`',
    "person": "person filter",
    "date_range": "date range (~¼ of the span)",
    "sort_date": "sort by date",
    "all": "**the whole mix**",
}


@dataclass
class Column:
    label: str
    side: dict
    run: dict | None = None  # the results file the side came from
    pair: "Column | None" = None  # for a baseline: the project side it is compared with


def dig(data, *path):
    """``data[path[0]][path[1]]…``, or None where any step is missing."""
    for key in path:
        if not isinstance(data, dict) or data.get(key) is None:
            return None
        data = data[key]
    return data


def num(value) -> str:
    if value is None or isinstance(value, bool):
        return MISSING
    if isinstance(value, float) and math.isnan(value):
        return MISSING
    if isinstance(value, int) or abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def pair_of(first, second, unit: str = "") -> str:
    """``a / b unit``; "—" alone when both are missing."""
    if first is None and second is None:
        return MISSING
    return f"{num(first)} / {num(second)}{unit}"


# --- what a run recorded ----------------------------------------------------------------------


def serving_rss_mb(side: dict):
    # bench.phases records the search process's own peak (ru_maxrss) as rss_mb; older runs
    # only have the polled peak of the same process.
    return dig(side, "search", "rss_mb") or dig(side, "search", "process", "peak_tree_rss_mb")


def one_char(side: dict) -> dict | None:
    return dig(side, "search", "one_char") or dig(side, "search", "latency", "one_char")


def failed_requests(side: dict):
    failures = dig(side, "search", "failures")
    return None if failures is None else len(failures)


def fresh_max_ms(side: dict):
    """The slowest save's delay; a save never found within the timeout counts as infinite."""
    if dig(side, "fresh", "missed"):
        return math.inf
    return dig(side, "fresh", "max_ms")


def worst_kind_p95(side: dict):
    latency = dig(side, "search", "latency") or {}
    values = [v.get("p95_ms") for k, v in latency.items() if k != "all" and v.get("p95_ms")]
    return max(values) if values else None


def code_of(column: Column):
    return column.side.get("code") or dig(column.run, "code")


def code_cell(column: Column) -> str:
    code = code_of(column)
    cell = f"`{code}`" if code else MISSING
    # bench.run --remeasure searches again on an index built by an earlier commit.
    built = dig(column.side, "remeasured", "index_code")
    if built and built != code:
        cell += f" (index built by `{built}`)"
    return cell


# Each target of issue 16 (and the worst-kind one of issue 6): label, what it reads from a
# project side, the unit shown. The limits are bench.run.TARGETS[name]; every one is "<=".
TARGET_CHECKS: dict[str, tuple[str, Callable[[dict], object], str]] = {
    "search_p95_ms": (
        "search page p95 over the mix",
        lambda s: dig(s, "search", "latency", "all", "p95_ms"),
        "ms",
    ),
    "search_kind_p95_ms": ("search page p95, worst kind", worst_kind_p95, "ms"),
    "one_char_p95_ms": (
        "one-character queries p95",
        lambda s: dig(one_char(s), "p95_ms"),
        "ms",
    ),
    "index_disk_mb": ("index on disk", lambda s: dig(s, "index", "index_mb"), "MB"),
    "rebuild_s": ("full rebuild, wall", lambda s: dig(s, "index", "seconds"), "s"),
    "index_peak_mb": (
        "peak RSS while indexing",
        lambda s: dig(s, "index", "peak_tree_rss_mb"),
        "MB",
    ),
    "serve_peak_mb": ("peak RSS while serving", serving_rss_mb, "MB"),
    "fresh_ms": ("a save searchable (slowest of the saves)", fresh_max_ms, "ms"),
}


def verdict(name: str, value) -> str:
    if value is None:
        return MISSING
    return "PASS" if value <= TARGETS[name] else "FAIL"


# --- columns ----------------------------------------------------------------------------------


def side_label(side: dict, run: dict | None) -> str:
    n = side.get("n")
    label = f"{side.get('side', '?')} {num(n) if isinstance(n, int) else n}"
    if side.get("baseline_prefetch") is False:
        label += " (no prefetch)"
    partial = dig(side, "index", "partial")
    if partial:
        label += f" (stopped at {num(partial.get('committed'))})"
    if run and run.get("baseline_cached") and side is run.get("baseline"):
        label += " (cached)"
    return label


def build_columns(runs: list[dict], baselines: bool) -> tuple[list[Column], list[Column]]:
    """The project columns, and every baseline paired with the project it is compared to:
    the one of its own results file, else the first project run of the same N."""
    projects, others = [], []
    for run in runs:
        if "side" in run:  # one side's own file
            sides = [(run, None)]
        else:
            sides = [(run[k], run) for k in ("project", "baseline") if run.get(k)]
        own_project = None
        for side, parent in sides:
            column = Column(side_label(side, parent), side, parent)
            if side.get("side") == "project":
                projects.append(column)
                own_project = column
            else:
                column.pair = own_project
                others.append(column)
    for column in others:
        if column.pair is None:
            column.pair = next(
                (p for p in projects if p.side.get("n") == column.side.get("n")), None
            )
    shown = projects + (others if baselines else [])
    return shown, others


def load_cell(side: dict) -> str:
    seconds = unit(dig(side, "load", "process", "seconds"), " s")
    # bench.run --reuse-load: the database an earlier run of the same N loaded.
    return f"{seconds} (earlier load)" if dig(side, "load", "reused") else seconds


def figure_rows(columns: list[Column]) -> list[tuple[str, list[str]]]:
    def row(label, cell):
        return label, [cell(c.side) for c in columns]

    recorded = {kind for c in columns for kind in dig(c.side, "search", "latency") or {}}
    # The mix's kinds in bench.queries' order, then any this report does not know yet.
    kinds = [k for k in KIND_LABELS if k in recorded and k != "all"]
    kinds += sorted(recorded - set(KIND_LABELS))
    rows = [
        row("DB load (bulk)", load_cell),
        row(
            "index wall / CPU",
            lambda s: pair_of(dig(s, "index", "seconds"), dig(s, "index", "cpu_s"), " s"),
        ),
        row(
            "**docs/s** wall / per CPU s",
            lambda s: pair_of(dig(s, "index", "docs_per_s"), dig(s, "index", "docs_per_cpu_s")),
        ),
        row("index on disk", lambda s: unit(dig(s, "index", "index_mb"), " MB")),
        row("segments", lambda s: num(dig(s, "index", "segments"))),
        row("peak RSS while indexing", lambda s: unit(dig(s, "index", "peak_tree_rss_mb"), " MB")),
        row("peak RSS while serving", lambda s: unit(serving_rss_mb(s), " MB")),
        # The mapped index's resident pages count in RSS but are the page cache's (shared,
        # dropped under memory pressure); the anonymous part is what the process holds.
        row(
            "after searching: anonymous / mapped files",
            lambda s: pair_of(
                dig(s, "search", "rss_now_mb", "RssAnon"),
                dig(s, "search", "rss_now_mb", "RssFile"),
                " MB",
            ),
        ),
    ]
    for kind in [*kinds, "all"]:
        rows.append(
            row(
                f"search p50 / p95, {KIND_LABELS.get(kind, kind)}",
                lambda s, k=kind: pair_of(
                    dig(s, "search", "latency", k, "p50_ms"),
                    dig(s, "search", "latency", k, "p95_ms"),
                    " ms",
                ),
            )
        )
    rows += [
        row(
            "one-character queries p50 / p95",
            lambda s: pair_of(dig(one_char(s), "p50_ms"), dig(one_char(s), "p95_ms"), " ms"),
        ),
        row("failed requests", lambda s: num(failed_requests(s))),
        row("save → searchable p50 / max", fresh_cell),
        ("code", [code_cell(c) for c in columns]),
        row("date", lambda s: s.get("when") or MISSING),
        row("load (1 min) before / after indexing", lambda s: loads(dig(s, "index"))),
        row("load (1 min) before / after searching", lambda s: loads(dig(s, "search", "process"))),
    ]
    return rows


def unit(value, suffix: str) -> str:
    return MISSING if value is None else num(value) + suffix


def loads(process: dict | None) -> str:
    before_after = dig(process, "loadavg_1m") or [None, None]
    return pair_of(*before_after)


def fresh_cell(side: dict) -> str:
    fresh = side.get("fresh")
    if not fresh:
        return MISSING
    cell = pair_of(fresh.get("p50_ms"), fresh.get("max_ms"), " ms")
    if fresh.get("saves") is not None:
        cell += f" ({fresh.get('found', 0)} of {fresh['saves']} found)"
    return cell


def ratio_rows(baselines: list[Column]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    pairs = [b for b in baselines if b.pair]
    header = [f"{b.pair.label} vs {b.label}" for b in pairs]

    def ratio(b: Column, path: tuple, project_over_baseline: bool) -> str:
        p_value, b_value = dig(b.pair.side, *path), dig(b.side, *path)
        if not p_value or not b_value:
            return MISSING
        top, bottom = (p_value, b_value) if project_over_baseline else (b_value, p_value)
        # A baseline stopped on its budget was at its fastest: its ratios are lower bounds.
        bound = "≥ " if dig(b.side, "index", "partial") else ""
        return f"{num(top)} ÷ {num(bottom)} = **{bound}{top / bottom:.1f}×**"

    rows = [
        ("indexing, docs/s wall", ("index", "docs_per_s"), True),
        ("indexing, docs per CPU second", ("index", "docs_per_cpu_s"), True),
        ("search page p95, the whole mix", ("search", "latency", "all", "p95_ms"), False),
        ("search page p50, the whole mix", ("search", "latency", "all", "p50_ms"), False),
    ]
    return header, [(label, [ratio(b, path, up) for b in pairs]) for label, path, up in rows]


def target_rows(projects: list[Column]) -> list[tuple[str, list[str]]]:
    rows = []
    for name, (label, read, suffix) in TARGET_CHECKS.items():
        cells = []
        for column in projects:
            value = read(column.side)
            if value is None:
                cells.append(MISSING)
            elif value == math.inf:
                cells.append("saves not found **FAIL**")
            else:
                cells.append(f"{num(value)} {suffix} **{verdict(name, value)}**")
        rows.append((f"{label} ≤ {TARGETS[name]:,g} {suffix}", cells))
    return rows


# --- markdown ---------------------------------------------------------------------------------


def table(header: list[str], rows: list[tuple[str, list[str]]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join([label, *cells]) + " |" for label, cells in rows]
    return "\n".join(lines)


def render(runs: list[dict], command: str, baselines: bool = False) -> str:
    columns, all_baselines = build_columns(runs, baselines)
    projects = [c for c in columns if c.side.get("side") == "project"]
    parts = [
        "## Figures generated from the runs' JSON",
        f"Generated by `{command}` (do not edit between the markers: re-run it). "
        "Memory is the peak summed RSS of the process tree; load is the 1-minute load "
        "average before and after.",
        table(["", *[c.label for c in columns]], figure_rows(columns)),
    ]
    header, rows = ratio_rows(all_baselines)
    if header:
        parts += ["### Against the baseline", table(["", *header], rows)]
    if projects:
        parts += [
            "### Targets (issue 16; they apply at 700,000 articles, smaller runs for comparison)",
            table(["target", *[c.label for c in projects]], target_rows(projects)),
        ]
    return "\n\n".join(parts) + "\n"


def replace_generated(text: str, block: str) -> str:
    """``text`` with the part between the markers replaced by ``block``; the markers are
    inserted after the title (the first ``# `` line) when the text has none."""
    generated = f"{START}\n{block.strip()}\n{END}"
    start = text.find(START)
    end = text.find(END, start + len(START)) if start >= 0 else -1
    if start >= 0 and end >= 0:
        return text[:start] + generated + text[end + len(END) :]
    lines = text.splitlines(keepends=True)
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if title is None:
        return generated + "\n\n" + text
    head = "".join(lines[: title + 1])
    if not head.endswith("\n"):
        head += "\n"
    rest = "".join(lines[title + 1 :]).lstrip("\n")
    return head + "\n" + generated + "\n" + ("\n" + rest if rest else "")


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="results-n<N>.json or <side>-n<N>.json")
    parser.add_argument("--baselines", action="store_true", help="show the baselines' columns too")
    parser.add_argument("--write", type=Path, help="replace the generated section of this file")
    args = parser.parse_args(argv)
    runs = []
    for path in args.files:
        try:
            runs.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            parser.error(f"{path}: {exc}")
    block = render(runs, "python -m bench.report " + " ".join(argv), baselines=args.baselines)
    if args.write:
        old = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        args.write.write_text(replace_generated(old, block), encoding="utf-8")
    else:
        sys.stdout.write(block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
