"""Community fixtures: pictures made in memory, media under a temporary folder."""

from __future__ import annotations

import io

import pytest
from PIL import Image


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Generous limits for tests that are not about limits (test_limits.py sets its own).
    settings.SYNOVIA_COMMUNITY_LIMITS = {k: (1000, 3600) for k in ("post", "comment", "report", "picture")}


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (40, 30), **save) -> bytes:
    out = io.BytesIO()
    mode = "RGB" if fmt == "JPEG" else "RGBA"
    Image.new(mode, size, (200, 80, 40) + (() if mode == "RGB" else (255,))).save(out, fmt, **save)
    return out.getvalue()


@pytest.fixture
def png() -> bytes:
    return image_bytes("PNG")
