"""``synovia measures``: JSON Lines of measure inputs on stdin, one JSON result per line.

A thin shell over ``synovia.core.measures.jsonl.run``; the format and the exit codes (0 all
lines computed, 2 otherwise) are documented there and in docs/measures.md.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from synovia.core.measures.jsonl import run


class Command(BaseCommand):
    help = "Compute clinical measures from JSON Lines on stdin (one JSON line out per line)."

    def handle(self, *args: Any, **options: Any) -> None:
        code = run(sys.stdin, sys.stdout)
        if code:
            raise SystemExit(code)
