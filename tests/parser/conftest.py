"""Shows the parser accuracy table (recorded by test_accuracy) at the end of every run."""


def pytest_terminal_summary(terminalreporter):
    tables = {
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for name, value in getattr(report, "user_properties", ())
        if name == "parser_accuracy"
    }
    for table in sorted(tables):
        terminalreporter.section("parser accuracy")
        terminalreporter.write_line(table)
