"""bench.report turns the runs' JSON into RESULTS.md's tables: the figures as recorded, each
target PASS or FAIL against bench.run.TARGETS, "—" for what a run did not record."""

import json

from bench.report import END, START, main, render, replace_generated


def latency(p50: float, p95: float) -> dict:
    return {"count": 200, "p50_ms": p50, "p95_ms": p95, "max_ms": p95 + 1}


def project(n: int, *, p95_all: float, one_char_p95: float | None = None, **index) -> dict:
    side = {
        "side": "project",
        "n": n,
        "when": "2026-12-03T12:00:00",
        "code": "abc1234",
        "load": {"process": {"seconds": 14.3}},
        "index": {
            "seconds": 70.67,
            "cpu_s": 137.96,
            "docs_per_s": 1000.2,
            "docs_per_cpu_s": 512.0,
            "index_mb": 490.3,
            "peak_tree_rss_mb": 655.0,
            "loadavg_1m": [0.2, 1.8],
            **index,
        },
        "search": {
            "failures": [],
            "latency": {
                "word": latency(13.8, 30.5),
                "phrase": latency(22.3, 43.1),
                "all": latency(14.1, p95_all),
            },
            "rss_mb": 300.5,
            "process": {"loadavg_1m": [1.0, 1.1], "peak_tree_rss_mb": 310.0},
        },
        "fresh": {"saves": 5, "found": 5, "missed": 0, "p50_ms": 15.2, "max_ms": 290.7},
    }
    if one_char_p95 is not None:
        side["search"]["one_char"] = latency(90.0, one_char_p95)
    return side


def baseline(n: int, **extra) -> dict:
    return {
        "side": "baseline",
        "n": n,
        "index": {"seconds": 507.6, "cpu_s": 507.4, "docs_per_s": 20.0, "docs_per_cpu_s": 20.0},
        "search": {"failures": [], "latency": {"all": latency(593.0, 672.0)}},
        **extra,
    }


def results(project_side=None, baseline_side=None, **extra) -> dict:
    return {"checks": {}, "project": project_side, "baseline": baseline_side, **extra}


def row(markdown: str, label: str) -> list[str]:
    """The cells of the first table row whose label starts with ``label``."""
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0].startswith(label):
            return cells[1:]
    raise AssertionError(f"no row {label!r} in:\n{markdown}")


def test_sizes_side_by_side_with_their_figures():
    small = results(project(70653, p95_all=30.3))
    large = results(project(700000, p95_all=48.0, index_mb=2900.0, seconds=850.0))
    text = render([small, large], "python -m bench.report a b")

    assert row(text, "index wall / CPU") == ["70.7 / 138.0 s", "850.0 / 138.0 s"]
    assert row(text, "index on disk") == ["490.3 MB", "2,900 MB"]
    assert row(text, "search p50 / p95, phrase") == ["22.3 / 43.1 ms", "22.3 / 43.1 ms"]
    assert row(text, "search p50 / p95, **the whole mix**") == ["14.1 / 30.3 ms", "14.1 / 48.0 ms"]
    assert row(text, "peak RSS while serving") == ["300.5 MB", "300.5 MB"]
    assert row(text, "save → searchable") == ["15.2 / 290.7 ms (5 of 5 found)"] * 2
    assert row(text, "code") == ["`abc1234`", "`abc1234`"]
    assert row(text, "load (1 min) before / after indexing") == ["0.20 / 1.80"] * 2
    assert "project 70,653" in text and "project 700,000" in text
    assert "python -m bench.report a b" in text


def test_each_target_passes_or_fails_against_run_targets():
    within = project(700000, p95_all=49.9, one_char_p95=150.0, index_mb=3000.0, seconds=899.0)
    over = project(700000, p95_all=50.1, one_char_p95=250.0, index_mb=3100.0, seconds=901.0)
    over["fresh"]["max_ms"] = 1200.0
    over["index"]["peak_tree_rss_mb"] = 1100.0
    text = render([results(within), results(over)], "cmd")

    assert row(text, "search page p95 over the mix ≤ 50 ms") == [
        "49.9 ms **PASS**",
        "50.1 ms **FAIL**",
    ]
    assert row(text, "one-character queries p95 ≤ 200 ms") == [
        "150.0 ms **PASS**",
        "250.0 ms **FAIL**",
    ]
    assert row(text, "index on disk ≤ 3,072 MB") == ["3,000 MB **PASS**", "3,100 MB **FAIL**"]
    assert row(text, "full rebuild, wall ≤ 900 s") == ["899.0 s **PASS**", "901.0 s **FAIL**"]
    assert row(text, "peak RSS while indexing ≤ 1,024 MB") == [
        "655.0 MB **PASS**",
        "1,100 MB **FAIL**",
    ]
    assert row(text, "a save searchable") == ["290.7 ms **PASS**", "1,200 ms **FAIL**"]


def test_a_save_never_found_fails_its_target():
    side = project(10000, p95_all=20.0)
    side["fresh"].update(found=4, missed=1)
    text = render([results(side)], "cmd")
    assert row(text, "a save searchable") == ["saves not found **FAIL**"]
    assert row(text, "save → searchable") == ["15.2 / 290.7 ms (4 of 5 found)"]


def test_figures_a_run_did_not_record_show_a_dash():
    bare = {"side": "project", "n": 700000, "index": {"seconds": 800.0}}
    text = render([results(project(70653, p95_all=30.3)), results(bare)], "cmd")

    assert row(text, "search p50 / p95, phrase") == ["22.3 / 43.1 ms", "—"]
    assert row(text, "one-character queries p50 / p95") == ["—", "—"]
    assert row(text, "segments") == ["—", "—"]
    assert row(text, "failed requests") == ["0", "—"]
    assert row(text, "code") == ["`abc1234`", "—"]
    assert row(text, "index wall / CPU") == ["70.7 / 138.0 s", "800.0 / — s"]
    assert row(text, "one-character queries p95") == ["—", "—"]
    assert row(text, "full rebuild, wall") == ["70.7 s **PASS**", "800.0 s **PASS**"]
    assert row(text, "index on disk ≤") == ["490.3 MB **PASS**", "—"]


def test_an_empty_run_renders_without_a_table_of_ratios():
    text = render([results()], "cmd")
    assert "Against the baseline" not in text and "Targets" not in text


def test_ratios_against_each_baseline_the_old_one_from_its_own_file():
    run = results(project(10000, p95_all=13.7), baseline(10000, baseline_prefetch=True))
    old = baseline(10000, baseline_prefetch=False)
    old["index"].update(docs_per_s=10.0, docs_per_cpu_s=10.0)
    text = render([run, old], "cmd", baselines=True)

    header = next(line for line in text.splitlines() if "vs" in line)
    assert "project 10,000 vs baseline 10,000 |" in header
    assert "project 10,000 vs baseline 10,000 (no prefetch)" in header
    assert row(text, "indexing, docs/s wall") == [
        "1,000 ÷ 20.0 = **50.0×**",
        "1,000 ÷ 10.0 = **100.0×**",
    ]
    assert row(text, "search page p95, the whole mix") == ["672.0 ÷ 13.7 = **49.1×**"] * 2
    # --baselines: their own columns beside the project's
    assert row(text, "index wall / CPU") == ["70.7 / 138.0 s"] + ["507.6 / 507.4 s"] * 2


def test_a_stopped_baseline_gives_lower_bounds():
    stopped = baseline(70653, index={"docs_per_s": 9.2, "partial": {"committed": 31000}})
    text = render([results(project(70653, p95_all=30.3), stopped)], "cmd")
    assert "baseline 70,653 (stopped at 31,000)" in text
    assert row(text, "indexing, docs/s wall") == ["1,000 ÷ 9.20 = **≥ 108.7×**"]
    assert row(text, "search page p95, the whole mix") == ["672.0 ÷ 30.3 = **≥ 22.2×**"]
    assert row(text, "index on disk") == ["490.3 MB"]  # the baseline's column only on request


RESULTS_MD = """# Benchmark results

Commands (from the repository root): …

## Round 3

| hand-written | table |
"""


def test_write_puts_the_tables_after_the_title_and_keeps_the_rest(tmp_path):
    data = tmp_path / "results-n700000.json"
    data.write_text(json.dumps(results(project(700000, p95_all=48.0))), encoding="utf-8")
    target = tmp_path / "RESULTS.md"
    target.write_text(RESULTS_MD, encoding="utf-8")

    main([str(data), "--write", str(target)])
    once = target.read_text(encoding="utf-8")
    main([str(data), "--write", str(target)])
    twice = target.read_text(encoding="utf-8")

    assert once == twice
    assert once.startswith("# Benchmark results\n\n" + START + "\n")
    before, generated, after = once.split(START)[0], *once.split(START)[1].split(END)
    assert before == "# Benchmark results\n\n"
    assert "48.0 ms **PASS**" in generated
    assert after == "\n\n" + RESULTS_MD.split("\n\n", 1)[1]
    assert once.count(START) == once.count(END) == 1


def test_write_replaces_only_between_the_markers():
    text = f"# T\n\nintro\n\n{START}\nold tables\n{END}\n\nrest\n"
    replaced = replace_generated(text, "new tables\n")
    assert replaced == f"# T\n\nintro\n\n{START}\nnew tables\n{END}\n\nrest\n"
    assert replace_generated("no title\n", "x") == f"{START}\nx\n{END}\n\nno title\n"
    assert replace_generated("", "x") == f"{START}\nx\n{END}\n\n"


def test_a_remeasured_run_names_the_commit_that_built_its_index():
    side = project(700000, p95_all=45.0)
    side["remeasured"] = {"index_code": "0ld1nd3x", "index_built": "2026-12-03T10:00:00"}
    text = render([results(side)], "cmd")
    assert row(text, "code") == ["`abc1234` (index built by `0ld1nd3x`)"]


def test_a_reused_load_and_the_serving_memory_parts_are_shown():
    side = project(700000, p95_all=45.0)
    side["load"]["reused"] = True
    side["search"]["rss_now_mb"] = {"RssAnon": 565.7, "RssFile": 953.7, "RssShmem": 0.0}
    text = render([results(side), results(project(70653, p95_all=30.0))], "cmd")
    assert row(text, "DB load (bulk)") == ["14.3 s (earlier load)", "14.3 s"]
    assert row(text, "after searching: anonymous / mapped files") == ["565.7 / 953.7 MB", "—"]
