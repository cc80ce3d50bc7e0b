"""Compare the database with the search index; repair it, or rebuild it beside the live one."""

import time

from django.core.management.base import BaseCommand, CommandError

from articles import index_check


class Command(BaseCommand):
    help = (
        "Report articles missing from the search index, stale documents and orphaned "
        "documents (exit status 1 if there are any). --fix repairs them through the search "
        "queue; --rebuild builds a complete new index beside the live one and switches to it."
    )

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--fix", action="store_true", help="re-index and remove orphans")
        action.add_argument(
            "--rebuild",
            action="store_true",
            help="build a new index version in <index dir>/v…/, then point CURRENT at it",
        )
        parser.add_argument("--examples", type=int, default=5, help="ids shown per problem")

    def handle(self, *args, fix=False, rebuild=False, examples=5, **options):
        started = time.monotonic()
        if rebuild:
            try:
                report = index_check.rebuild(progress=self._progress)
            except RuntimeError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                f"rebuilt {index_check.live_path()} in {time.monotonic() - started:.1f}s"
            )
        else:
            report = index_check.check()
            if fix and report.problems:
                self._write(report, examples)
                written = index_check.fix(report)
                self.stdout.write(f"fixed: {written} documents written or removed")
                report = index_check.check()
        self._write(report, examples)
        if report.problems:
            raise CommandError(f"search index out of line with the database: {report.problems}")

    def _write(self, report, examples):
        for line in report.lines(examples):
            self.stdout.write(line)

    def _progress(self, built):
        if built % 10000 == 0:
            self.stderr.write(f"  {built} articles written to the new index")
