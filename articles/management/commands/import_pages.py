"""Import page files into the archive; the work is done by :mod:`articles.importer`."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.importer import collect_files, import_paths
from articles.management.arguments import iso_date


class Command(BaseCommand):
    help = (
        "Import page text files (or folders of *.txt files, recursively). Unchanged files "
        "are skipped; articles changed by an editor are kept unless --force; a page another "
        "file stored is not replaced unless --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--force",
            action="store_true",
            help="re-import unchanged files and overwrite articles an editor changed",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="let a file replace the page another file stored for the same date and page "
            "number (the old page and its articles are kept in the page history)",
        )
        parser.add_argument(
            "--date", type=iso_date, help="edition date (YYYY-MM-DD) for pages that lack one"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(
        self, *args, paths, force=False, replace=False, date=None, no_progress=False, **options
    ):
        skipped = []
        files = collect_files(paths, skipped=skipped)
        for path, why in skipped:
            self.stderr.write(f"{path}: 跳过 (skipped): {why}")
        if not files:
            raise CommandError("没有找到 .txt 页面文件: " + " ".join(map(str, paths)))
        bar = tqdm(
            total=len(files),
            unit="页",
            file=sys.stderr,
            disable=no_progress or not sys.stderr.isatty(),
        )

        def say(message):
            if bar.disable:
                self.stderr.write(message)
            else:  # keeps the bar from being torn apart by the message
                bar.write(message, file=sys.stderr)

        def report(result):
            for message in result.messages:
                say(message)
            if result.failed:
                say(result.error)
            bar.update(1)

        try:
            summary = import_paths(files, force=force, date=date, replace=replace, progress=report)
            summary.skipped = skipped
        finally:
            bar.close()
        self.stdout.write(str(summary))
        failed = len(summary.failures)
        if failed:
            raise CommandError(f"{failed} 个文件导入失败")
