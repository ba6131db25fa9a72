"""Pictures: recognised by their content, bounded, re-encoded without metadata, thumbnailed.

Accepted: JPEG, PNG and WebP as Pillow recognises them from the bytes (the file name and the
browser's content type are ignored). Refused with a clear message: anything else (SVG, GIF,
a renamed text file), more than ``SYNOVIA_COMMUNITY_MAX_IMAGE_BYTES`` bytes, more than
``SYNOVIA_COMMUNITY_MAX_IMAGE_PIXELS`` pixels (decompression bombs included: the size in the
header is checked before any pixel is decoded, and Pillow's own DecompressionBombWarning/Error
is turned into the same refusal). The stored file is a fresh encoding of the pixels only: no
EXIF (GPS included), no XMP, no ICC profile, no PNG text chunks.
"""

from __future__ import annotations

import io
import secrets
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}
THUMB_SIDE = 480
DEFAULT_MAX_BYTES = 8 * 1024 * 1024
DEFAULT_MAX_PIXELS = 24_000_000
DEFAULT_MAX_SIDE = 8000


class PictureError(ValueError):
    """A picture that cannot be accepted; the message is for the member."""


@dataclass(frozen=True)
class CleanPicture:
    content_type: str
    extension: str
    width: int
    height: int
    data: bytes
    thumb: bytes


def max_bytes() -> int:
    return int(getattr(settings, "SYNOVIA_COMMUNITY_MAX_IMAGE_BYTES", DEFAULT_MAX_BYTES))


def max_pixels() -> int:
    return int(getattr(settings, "SYNOVIA_COMMUNITY_MAX_IMAGE_PIXELS", DEFAULT_MAX_PIXELS))


def picture_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "community"


def _too_big() -> PictureError:
    return PictureError(
        _("This picture has too many pixels (at most %(mp)s megapixels). Make it smaller and try again.")
        % {"mp": max_pixels() // 1_000_000}
    )


def _open(data: bytes) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise PictureError(
            _("This file is not a picture Synovia accepts: send a JPEG, PNG or WebP image.")
        ) from error
    if image.format not in FORMATS:
        raise PictureError(_("Only JPEG, PNG and WebP pictures are accepted."))
    width, height = image.size
    if width * height > max_pixels() or max(width, height) > DEFAULT_MAX_SIDE:
        raise _too_big()
    return image


def clean(data: bytes) -> CleanPicture:
    """Validate ``data`` and return the re-encoded picture and its thumbnail."""
    if len(data) > max_bytes():
        raise PictureError(
            _("This picture is too large (at most %(mb)s MB).") % {"mb": max_bytes() // (1024 * 1024)}
        )
    if not data:
        raise PictureError(_("The picture is empty."))
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            _open(data).verify()  # structure and checksums; the image is unusable afterwards
            image = _open(data)
            image.load()
            return _encode(image)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
            raise _too_big() from error
        except PictureError:
            raise
        except (OSError, ValueError, SyntaxError, EOFError) as error:
            raise PictureError(_("This picture is damaged or incomplete and cannot be read.")) from error


def _pixels_only(image: Image.Image) -> Image.Image:
    """The pixels turned upright (EXIF orientation), in a mode every encoder takes, nothing else."""
    upright = ImageOps.exif_transpose(image) or image
    mode = "RGBA" if upright.mode in {"RGBA", "LA", "PA"} or "transparency" in upright.info else "RGB"
    if image.format == "JPEG":
        mode = "RGB"
    fresh = upright.convert(mode)
    fresh.info = {}
    return fresh


def _save(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, "JPEG", quality=85, optimize=True)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=85)
    return out.getvalue()


def _encode(image: Image.Image) -> CleanPicture:
    fmt = str(image.format)
    content_type, extension = FORMATS[fmt]
    fresh = _pixels_only(image)
    thumb = fresh.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE))
    thumb.info = {}
    return CleanPicture(
        content_type=content_type,
        extension=extension,
        width=fresh.width,
        height=fresh.height,
        data=_save(fresh, fmt),
        thumb=_save(thumb, fmt),
    )


def write(picture: CleanPicture) -> tuple[str, str]:
    """Store the picture and its thumbnail under MEDIA_ROOT with random names; return the names."""
    folder = picture_dir()
    folder.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(16)
    names = (f"{token}.{picture.extension}", f"{token}-t.{picture.extension}")
    for name, data in zip(names, (picture.data, picture.thumb), strict=True):
        with open(folder / name, "xb") as handle:
            handle.write(data)
    return names


def sweep(referenced: set[str], *, older_than_seconds: float = 3600.0) -> list[str]:
    """Remove stored files that no picture row names (left by a transaction that rolled back
    after the files were written) once they are older than ``older_than_seconds``, so that a
    picture being saved right now is never touched. Returns the names removed."""
    folder = picture_dir()
    if not folder.is_dir():
        return []
    cutoff = time.time() - older_than_seconds
    removed = []
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.name not in referenced and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed


def remove(*names: str) -> None:
    for name in names:
        if name and "/" not in name and ".." not in name:
            (picture_dir() / name).unlink(missing_ok=True)
