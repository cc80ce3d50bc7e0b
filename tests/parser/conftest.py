"""Shows the parser accuracy table (recorded by test_accuracy) and the byline table's reach
(recorded by test_byline_table) at the end of every run."""


def pytest_terminal_summary(terminalreporter):
    tables = {
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for name, value in getattr(report, "user_properties", ())
        if name in ("parser_accuracy", "byline_table")
    }
    for table in sorted(tables):
        title = "byline table" if table.startswith("byline table") else "parser accuracy"
        terminalreporter.section(title)
        terminalreporter.write_line(table)
