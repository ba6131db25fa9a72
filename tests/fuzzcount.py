"""How many hostile requests the fuzz tests sent in this run, and how many got a 5xx.

``make fuzz`` raises the number of examples (``SYNOVIA_FUZZ_EXAMPLES``) for a release run; CI
runs a bounded share. The totals are printed at the end of the run (tests/conftest.py).
"""

from __future__ import annotations

import os

EXAMPLES = int(os.environ.get("SYNOVIA_FUZZ_EXAMPLES", "40"))
sent = {"requests": 0, "server_errors": 0}


def count(status: int) -> int:
    sent["requests"] += 1
    if status >= 500:
        sent["server_errors"] += 1
    return status
