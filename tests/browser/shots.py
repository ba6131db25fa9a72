"""Where the browser tests put their screenshots.

docs/screenshots/ when ``SYNOVIA_SCREENSHOTS=1`` (refreshing the documentation is a deliberate
act: ``SYNOVIA_SCREENSHOTS=1 make test``), else a temporary folder, so that a test run never
changes the checkout.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def screenshot_folder() -> Path:
    if os.environ.get("SYNOVIA_SCREENSHOTS") == "1":
        return DOCS
    folder = Path(tempfile.gettempdir()) / "synovia-screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
