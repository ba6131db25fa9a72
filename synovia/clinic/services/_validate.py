"""Bounds checks the services run first: the rules are ``synovia.core.bounds``; this turns a
refusal into the ``ValidationError`` (keyed by field) every page, the API and commands show.

The future-date margin is the ``SYNOVIA_FUTURE_DATE_MARGIN_DAYS`` setting, read at each
call (never at import).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from synovia.core import bounds


@contextmanager
def _as_validation_error() -> Iterator[None]:
    try:
        yield
    except bounds.BoundError as exc:
        raise ValidationError({exc.field: str(exc)}) from None


def margin_days() -> int:
    """The configured margin after today for clinical dates (default 1 day)."""
    return int(getattr(settings, "SYNOVIA_FUTURE_DATE_MARGIN_DAYS", 1))


def numbers(**values: object) -> None:
    """Refuse any given value outside the plausible range of its name (NaN, Infinity too)."""
    with _as_validation_error():
        bounds.check_numbers(values)


def birth_date(day: dt.date) -> None:
    """Refuse a birth date before 1900 or after today."""
    with _as_validation_error():
        bounds.check_birth_date(day, today=timezone.localdate())


def dates(birth: dt.date | None, **days: dt.date | dt.datetime | None) -> None:
    """Refuse any given date before ``birth`` or after today plus the margin."""
    today, margin = timezone.localdate(), margin_days()
    with _as_validation_error():
        for field, day in days.items():
            if day is None:
                continue
            bounds.check_event_date(field, _date(day), birth=birth, today=today, margin_days=margin)


def _date(day: dt.date | dt.datetime) -> dt.date:
    if isinstance(day, dt.datetime):
        return timezone.localdate(day) if timezone.is_aware(day) else day.date()
    return day
