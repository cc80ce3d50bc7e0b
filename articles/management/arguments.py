"""Argument types shared by the management commands."""

from datetime import date

from django.core.management.base import CommandError


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--date 需要 YYYY-MM-DD 格式: {value!r}") from exc
