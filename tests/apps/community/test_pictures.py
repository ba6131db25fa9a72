"""Pictures are recognised by content, bounded, re-encoded without metadata and served safely."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, PngImagePlugin

from synovia.community import pictures, services
from synovia.community.models import Picture, Post, Topic
from synovia.community.pictures import PictureError
from tests.apps.community.conftest import image_bytes

pytestmark = pytest.mark.django_db

SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'


def _with_size(png: bytes, width: int, height: int) -> bytes:
    """A PNG whose header claims another size (the checksum fixed): a decompression bomb's shape."""
    ihdr = bytearray(png[16:29])
    ihdr[0:8] = struct.pack(">II", width, height)
    crc = struct.pack(">I", zlib.crc32(b"IHDR" + bytes(ihdr)) & 0xFFFFFFFF)
    return png[:16] + bytes(ihdr) + crc + png[33:]


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_the_three_formats_are_accepted_and_thumbnailed(fmt):
    clean = pictures.clean(image_bytes(fmt, (1200, 900)))
    assert clean.content_type == {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[fmt]
    assert Image.open(io.BytesIO(clean.data)).format == fmt
    assert max(Image.open(io.BytesIO(clean.thumb)).size) == pictures.THUMB_SIDE


@pytest.mark.parametrize(
    "data",
    [
        b"just some text, renamed to holiday.png",
        SVG,
        b"%PDF-1.4\n1 0 obj<<>>endobj",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,  # a PNG signature and nothing valid after it
    ],
    ids=["renamed-text", "svg", "pdf", "broken-png"],
)
def test_what_is_not_a_picture_is_refused_whatever_its_name(data):
    with pytest.raises(PictureError):
        pictures.clean(data)


def test_other_real_image_formats_are_refused():
    for fmt in ("GIF", "BMP", "TIFF"):
        with pytest.raises(PictureError, match="Only JPEG, PNG and WebP"):
            pictures.clean(image_bytes(fmt))


def test_a_truncated_picture_is_refused():
    data = image_bytes("JPEG", (400, 300))
    with pytest.raises(PictureError):
        pictures.clean(data[: len(data) // 2])


def test_an_oversized_file_is_refused(settings):
    settings.SYNOVIA_COMMUNITY_MAX_IMAGE_BYTES = 1000
    with pytest.raises(PictureError, match="too large"):
        pictures.clean(image_bytes("PNG", (300, 300)) + b"\x00" * 2000)


def test_too_many_pixels_are_refused(settings):
    settings.SYNOVIA_COMMUNITY_MAX_IMAGE_PIXELS = 10_000
    with pytest.raises(PictureError, match="too many pixels"):
        pictures.clean(image_bytes("PNG", (200, 100)))


def test_a_decompression_bomb_is_refused_before_decoding():
    bomb = _with_size(image_bytes("PNG", (10, 10)), 60_000, 60_000)  # 3.6 gigapixels claimed
    assert len(bomb) < 1000
    with pytest.raises(PictureError, match="too many pixels"):
        pictures.clean(bomb)


def test_pillows_own_bomb_guard_becomes_the_same_refusal(settings, monkeypatch):
    settings.SYNOVIA_COMMUNITY_MAX_IMAGE_PIXELS = 10**9
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
    for size in ((12, 12), (40, 40)):  # a warning (over the limit), an error (over twice the limit)
        with pytest.raises(PictureError, match="too many pixels"):
            pictures.clean(image_bytes("PNG", size))


def test_png_text_chunks_are_removed():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Ana Secretname")
    info.add_text("Comment", "patient R-123", zip=True)
    info.add_itxt("Location", "Calle Falsa 123", lang="es")
    data = image_bytes("PNG", (50, 50), pnginfo=info)
    assert b"Secretname" in data and b"iTXt" in data
    clean = pictures.clean(data)
    for chunk in (b"tEXt", b"zTXt", b"iTXt", b"Secretname", b"Calle", b"eXIf"):
        assert chunk not in clean.data and chunk not in clean.thumb
    assert Image.open(io.BytesIO(clean.data)).info.get("Author") is None


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (10, 120, 200))
    exif = image.getexif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (43.0, 21.0, 40.0), "W", (5.0, 50.0, 30.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["JPEG", "WEBP"])
def test_gps_exif_is_removed(fmt):
    data = _jpeg_with_gps()
    if fmt == "WEBP":
        source = Image.open(io.BytesIO(data))
        out = io.BytesIO()
        source.save(out, "WEBP", exif=source.getexif())
        data = out.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825), "the fixture carries GPS"
    clean = pictures.clean(data)
    for blob in (clean.data, clean.thumb):
        reopened = Image.open(io.BytesIO(blob))
        assert not reopened.getexif().get_ifd(0x8825)
        assert len(reopened.getexif()) == 0
        assert b"Exif" not in blob and b"PhoneMaker" not in blob


def test_exif_orientation_is_applied_before_it_is_dropped():
    image = Image.new("RGB", (60, 20))
    exif = image.getexif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    clean = pictures.clean(out.getvalue())
    assert (clean.width, clean.height) == (20, 60)


def test_stored_under_media_root_with_random_names(patient_user, settings):
    picture = services.picture_create(owner=patient_user, data=image_bytes("PNG"))
    folder = pictures.picture_dir()
    assert str(folder).startswith(str(settings.MEDIA_ROOT))
    assert (folder / picture.file_name).is_file() and (folder / picture.thumb_name).is_file()
    other = services.picture_create(owner=patient_user, data=image_bytes("PNG"))
    assert picture.file_name != other.file_name and len(picture.file_name.split(".")[0]) == 32


def test_the_upload_form_refuses_an_svg_with_a_message(client, patient_user):
    client.force_login(patient_user)
    upload = SimpleUploadedFile("photo.png", SVG, content_type="image/png")
    response = client.post(
        reverse("community:post_new"), {"topic": "daily_life", "kind": "post", "body": "", "picture": upload}
    )
    assert response.status_code == 400
    assert "not a picture Synovia accepts" in response.content.decode()
    assert not Post.objects.exists() and not Picture.objects.exists()


def test_pictures_are_served_with_their_type_and_nosniff_to_those_who_may_see_them(
    client, patient_user, other_patient_user, moderator
):
    post = services.post_create(
        author=patient_user, topic=Topic.DAILY_LIFE, body="", picture_data=image_bytes("WEBP", (30, 30))
    )
    url = reverse("community:picture", args=[post.picture_id])
    client.force_login(other_patient_user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).format == "WEBP"
    assert client.get(reverse("community:picture_thumb", args=[post.picture_id])).status_code == 200
    services.moderate(moderator=moderator, action="hide", reason="test", post=post)
    assert client.get(url).status_code == 404
    for allowed in (patient_user, moderator):
        client.force_login(allowed)
        assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page


def test_a_failed_save_leaves_no_file(patient_user, monkeypatch):
    def refuse(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Picture.objects, "create", refuse)
    with pytest.raises(RuntimeError):
        services.picture_create(owner=patient_user, data=image_bytes("PNG"))
    folder = pictures.picture_dir()
    assert not folder.exists() or not any(folder.iterdir())


def test_files_of_a_rolled_back_transaction_are_swept_and_nothing_else(patient_user):
    import os
    import time

    from django.core.management import call_command
    from django.db import transaction

    kept = services.picture_create(owner=patient_user, data=image_bytes("PNG"))
    with pytest.raises(RuntimeError), transaction.atomic():
        lost = services.picture_create(owner=patient_user, data=image_bytes("PNG"))
        raise RuntimeError("the post failed after its picture was written")
    folder = pictures.picture_dir()
    assert (folder / lost.file_name).is_file()  # the orphan a rollback leaves
    assert services.pictures_sweep() == []  # too young: it might be a save in progress
    old = time.time() - 2 * 3600
    for path in folder.iterdir():
        os.utime(path, (old, old))
    out = io.StringIO()
    call_command("community_sweep", stdout=out)
    assert "Removed 2 picture file(s)" in out.getvalue()
    assert sorted(p.name for p in folder.iterdir()) == sorted([kept.file_name, kept.thumb_name])


def test_the_sweep_refuses_a_nonsense_age():
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="between 1 and 525600"):
        call_command("community_sweep", older_than_minutes=0)
