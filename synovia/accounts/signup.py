"""Sign-up of a patient account with e-mail confirmation (docs/my-record.md, "Sign-up").

* The account is created inactive, as a patient with no clinic and no record. A signed,
  timestamped token (``django.core.signing``, salt ``synovia.signup``) in a link confirms the
  address; it expires after ``CONFIRM_HOURS`` and stops working once the account is active.
* The e-mail carries the link only: no health data, no name.
* Requests are limited per client address and per e-mail address (keyed hashes, never the
  addresses themselves); the page answers the same whether the address is new or taken, so it
  does not reveal who has an account. Sign-in lockout is django-axes' (settings ``AXES_*``).
* A new account sees nothing of any record: only the clinic links it to the record it holds
  (``synovia.myrecord.services.link_account``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from synovia.accounts.models import Role, SignupAttempt, User

CONFIRM_HOURS = 48
SALT = "synovia.signup"
PER_ADDRESS_PER_HOUR = 5
PER_EMAIL_PER_DAY = 3
MAX_EMAIL = 150  # the username is the e-mail address, and usernames hold 150 characters


class TooManySignups(Exception):
    """Too many sign-up requests from one place or for one address; try later."""


def _keyed(value: str) -> str:
    return hmac.new(str(settings.SECRET_KEY).encode(), value.encode(), hashlib.sha256).hexdigest()


def normalise_email(email: str) -> str:
    return str(email).strip().lower()


def _throttle(address: str, email: str) -> None:
    now = timezone.now()
    a, e = _keyed("addr:" + address), _keyed("mail:" + email)
    recent = SignupAttempt.objects.filter(at__gte=now - dt.timedelta(hours=1), address_hash=a).count()
    daily = SignupAttempt.objects.filter(at__gte=now - dt.timedelta(days=1), email_hash=e).count()
    if recent >= PER_ADDRESS_PER_HOUR or daily >= PER_EMAIL_PER_DAY:
        raise TooManySignups
    SignupAttempt.objects.create(address_hash=a, email_hash=e)


def signup_request(*, email: str, password: str, address: str) -> User | None:
    """Create an inactive patient account and mail its confirmation link; for an address that
    already has an account, mail that account's owner instead. Returns the new account."""
    email = normalise_email(email)
    if not email or len(email) > MAX_EMAIL:
        raise ValidationError(_("Give an e-mail address of at most %(n)s characters.") % {"n": MAX_EMAIL})
    _throttle(address[:80], email)
    existing = (
        User.objects.filter(username__iexact=email).first()
        or User.objects.filter(email__iexact=email).first()
    )
    if existing is not None:
        if not existing.is_active and existing.role == Role.PATIENT and existing.last_login is None:
            _mail_confirmation(existing)
        else:
            _mail_taken(email)
        return None
    user = User(username=email, email=email, role=Role.PATIENT, clinic=None, is_active=False)
    validate_password(password, user)
    user.set_password(password)
    with transaction.atomic():
        user.full_clean()
        user.save()
    _mail_confirmation(user)
    return user


def make_token(user: User) -> str:
    return signing.dumps({"u": user.pk}, salt=SALT, compress=True)


def confirm(token: str) -> User:
    """Activate the account of ``token``; ``ValidationError`` when it is forged, expired or
    already used."""
    try:
        data = signing.loads(str(token)[:200], salt=SALT, max_age=dt.timedelta(hours=CONFIRM_HOURS))
    except signing.SignatureExpired:
        raise ValidationError(_("This link has expired. Sign up again to get a new one.")) from None
    except signing.BadSignature:
        raise ValidationError(_("This link is not valid.")) from None
    uid = data.get("u") if isinstance(data, dict) else None
    user = User.objects.filter(pk=uid).first() if isinstance(uid, int) else None
    if user is None or user.is_active or user.last_login is not None or user.role != Role.PATIENT:
        raise ValidationError(_("This link was already used or is not valid."))
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


def _site(path: str) -> str:
    return str(getattr(settings, "SYNOVIA_SITE_URL", "")).rstrip("/") + path


def _mail_confirmation(user: User) -> None:
    link = _site(reverse("accounts:signup_confirm", args=[make_token(user)]))
    send_mail(
        subject=_("[Synovia] Confirm your account"),
        message=_(
            "To confirm your Synovia account, open this link within %(hours)s hours: %(link)s\n\n"
            "If you did not ask for an account, ignore this e-mail."
        )
        % {"hours": CONFIRM_HOURS, "link": link},
        from_email=None,
        recipient_list=[user.email],
    )


def _mail_taken(email: str) -> None:
    send_mail(
        subject=_("[Synovia] Sign-up with your address"),
        message=_(
            "Someone asked to create a Synovia account with this address, which already has "
            "one. If it was you, sign in or reset your password: %(link)s\n\n"
            "If it was not you, ignore this e-mail."
        )
        % {"link": _site(reverse("accounts:password_reset"))},
        from_email=None,
        recipient_list=[email],
    )
