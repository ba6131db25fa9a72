"""A member posts a picture with text on a 390 px phone, another member comments, a moderator
hides the post. Screenshots of the thread (phone) and the feed (desktop), English and Spanish,
go to docs/screenshots/community-{en,es}-{390,1280}.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from synovia.community import services
from synovia.community.models import Kind, Post, Status, Topic
from synovia.community.services import ExperienceInput
from tests.browser.shots import screenshot_folder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = screenshot_folder()


def _picture(path: Path) -> Path:
    image = Image.new("RGB", (900, 600), (236, 242, 238))
    draw = ImageDraw.Draw(image)
    for i in range(6):  # a simple drawing of a hand-exercise chart, made up for the test
        draw.rectangle([80 + i * 130, 520 - i * 60, 170 + i * 130, 540], fill=(11, 110, 105))
    image.save(path, "JPEG")
    return path


def _sign_in(page, base: str, username: str, password: str, language: str = "en") -> None:
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def _fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def _seed_feed(author, other) -> None:
    services.profile_update(user=other, display_name="Olive", email_notifications=False)
    question = services.post_create(
        author=other, topic=Topic.QUESTIONS, kind=Kind.QUESTION, title="Heat or ice in the morning?",
        body="My wrists are stiff for an hour after I wake up. What helps you?",
    )  # fmt: skip
    services.comment_create(author=author, post=question, body="A warm shower, then gentle exercises.")
    services.post_create(
        author=other, topic=Topic.STEM_CELL, body="A clinic in Cancun offered me a $16K stem-cell package.",
        experience=ExperienceInput("MX", "umbilical_cord", 16000, "USD", "", 3, None, None),
    )  # fmt: skip


def test_post_a_picture_comment_and_hide_on_a_phone(
    live_server, browser, phone, settings, tmp_path, patient_user, other_patient_user, moderator, password
):
    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url
    _seed_feed(other_patient_user, other_patient_user)
    services.profile_update(user=patient_user, display_name="Sunflower", email_notifications=False)

    # A member posts a picture with text, on a phone.
    _sign_in(phone, base, "pat", password)
    phone.goto(base + "/community/new/")
    phone.select_option("select[name=topic]", "daily_life")
    phone.fill("input[name=title]", "My exercise chart")
    phone.fill(
        "textarea[name=body]", "Six weeks of hand exercises: the bars are the minutes I managed each day."
    )
    phone.set_input_files("input[name=picture]", str(_picture(tmp_path / "chart.jpg")))
    _fits(phone, 390)
    with phone.expect_navigation():
        phone.click("text=Publish")
    post = Post.objects.get(title="My exercise chart")
    assert post.status == Status.VISIBLE and post.picture is not None
    assert phone.evaluate("document.querySelector('img.picture').naturalWidth") > 0
    _fits(phone, 390)

    # Another member comments.
    _sign_in(phone, base, "pat2", password)
    phone.goto(f"{base}/community/posts/{post.pk}/")
    phone.fill("textarea[name=body]", "Well done! I do the same with a soft ball.")
    with phone.expect_navigation():
        phone.click("form.comment-form button[type=submit]")
    assert "soft ball" in phone.content()
    _fits(phone, 390)

    # Screenshots before the moderator acts: the thread on a phone, the feed on a desktop.
    SHOTS.mkdir(parents=True, exist_ok=True)
    desktop_context = browser.new_context(viewport={"width": 1280, "height": 900})
    desktop = desktop_context.new_page()
    for language in ("en", "es"):
        _sign_in(phone, base, "pat", password, language)
        phone.goto(f"{base}/community/posts/{post.pk}/")
        assert phone.locator("html").get_attribute("lang") == language
        phone.screenshot(path=str(SHOTS / f"community-{language}-390.png"), full_page=True)
        _sign_in(desktop, base, "pat", password, language)
        desktop.goto(base + "/community/")
        _fits(desktop, 1280)
        desktop.screenshot(path=str(SHOTS / f"community-{language}-1280.png"), full_page=True)
    desktop_context.close()

    # A moderator hides it, giving a reason.
    _sign_in(phone, base, "mod", password)
    phone.goto(f"{base}/community/posts/{post.pk}/")
    phone.fill("#mod-reason", "Hidden for the browser test")
    with phone.expect_navigation():
        phone.click("form.moderator-tools button[value=hide]")
    post.refresh_from_db()
    assert post.status == Status.HIDDEN
    _sign_in(phone, base, "pat2", password)
    response = phone.goto(f"{base}/community/posts/{post.pk}/")
    assert response.status == 404
    _sign_in(phone, base, "pat", password)
    phone.goto(base + "/community/notifications/")
    assert "Hidden for the browser test" in phone.content()
