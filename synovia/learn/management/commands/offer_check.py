"""``synovia offer-check [FILE]``: the red flags of a clinic's offer, as one JSON object.

Reads the offer's text (English or Spanish) from FILE, or from standard input when FILE is
absent or ``-``, and prints ``{"language", "registry_ids": [{"id", "in_catalog", "status"}],
"flags": [{"code", "evidence": [...]}]}``. Evidence quotes are exact substrings of the input.
Registry ids are looked up in the trial catalog of the database. Empty, unreadable, binary or
too large input exits with status 2 and one message on standard error. This interface is fixed:
other tools rely on it (docs/offer-check.md).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from synovia.core.offercheck import MAX_CHARS
from synovia.learn import selectors

BAD_INPUT = 2
MAX_BYTES = 4 * MAX_CHARS


class InputError(Exception):
    pass


def _read(path: str | None, stdin: Any) -> str:
    if path in (None, "-"):
        stream = getattr(stdin, "buffer", None)
        data = (
            stream.read(MAX_BYTES + 1)
            if stream is not None
            else str(stdin.read(MAX_BYTES + 1)).encode("utf-8")
        )
    else:
        try:
            with Path(path).open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as error:
            raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    return _decode(data)


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise InputError(f"the offer is larger than {MAX_BYTES} bytes")
    if b"\x00" in data:
        raise InputError("the input looks binary (it contains NUL bytes): give the offer as text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("the input is not UTF-8 text") from None
    if not text.strip():
        raise InputError("the offer is empty: give the text of the advert, e-mail or web page")
    if len(text) > MAX_CHARS:
        raise InputError(f"the offer is longer than {MAX_CHARS} characters")
    return text


class Command(BaseCommand):
    help = "Check a clinic's stem-cell offer (English or Spanish) for red flags; prints one JSON object."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", nargs="?", default=None, help="the offer's text; '-' or nothing: standard input"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            text = _read(options["file"], sys.stdin)
        except InputError as error:
            self.stderr.write(f"error: {error}")
            sys.exit(BAD_INPUT)
        report, entries = selectors.offer_report(text)
        self.stdout.write(json.dumps(selectors.report_json(report, entries), ensure_ascii=False))
