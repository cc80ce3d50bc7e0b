"""Show how the parser splits one page file, without storing anything."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.management.arguments import iso_date
from articles.parsing import PageError, decode_page, parse_page


class Command(BaseCommand):
    help = (
        "Parse one page file and print the articles as JSON (the schema of "
        "fixtures/pages/*.expected.json). Parser warnings and doubts go to stderr."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--date", type=iso_date, help="edition date (YYYY-MM-DD) when the page lacks one"
        )

    def handle(self, *args, file: Path, date=None, **options):
        try:
            text, encoding = decode_page(file.read_bytes())
            parsed = parse_page(text, filename=file.name, date=date)
        except PageError as exc:
            where = f"{file}:{exc.line}" if exc.line else str(file)
            raise CommandError(f"{where}: {exc.message}") from exc
        except OSError as exc:
            raise CommandError(f"{file}: 无法读取文件: {exc.strerror or exc}") from exc

        if not encoding.lower().replace("-", "").replace("_", "").startswith(("utf8", "ascii")):
            self.stderr.write(f"{file}: 不是 UTF-8, 按 {encoding} 解码")
        for warning in parsed.warnings:
            self.stderr.write(f"{file}: 警告: {warning}")
        for number, article in enumerate(parsed.articles, start=1):
            for note in article.notes:
                self.stderr.write(f"{file}: 第{number}篇《{article.headline}》: {note}")
        # stdout carries nothing but the JSON, so it can be piped or diffed.
        self.stdout.write(json.dumps(parsed.to_json(), ensure_ascii=False, indent=2))
