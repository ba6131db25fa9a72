"""``once``: a create run at most once per (user, key); a repeat returns the first result.

The pages send a one-time token from a hidden field of every create form; the REST API
will send its ``Idempotency-Key`` header. The key row is inserted first, in the create's
transaction: a concurrent repeat waits on the unique index until the first commits, then
replays its result; a create that fails rolls the key back, so the corrected form can be
sent again with the same token.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from synovia.accounts.models import User
from synovia.clinic.models import IdempotencyKey
from synovia.clinic.models.idempotency import KEY_PATTERN

M = TypeVar("M", bound=models.Model)
_KEY = re.compile(KEY_PATTERN)


@dataclass(frozen=True)
class Once(Generic[M]):
    """What ``once`` returns: the record, and whether it was created by an earlier call."""

    result: M
    replayed: bool


def key_valid(key: str) -> bool:
    """16-64 characters of ``A-Z a-z 0-9 _ -`` (a form token, a UUID, a random string)."""
    return bool(_KEY.fullmatch(key))


def once(*, user: User, key: str, scope: str, create: Callable[[], M]) -> Once[M]:
    """Run ``create`` unless ``user`` already spent ``key`` on ``scope``; then return what
    it created. No key: just create. A malformed key, or one spent on another scope, is
    refused with a ``ValidationError``."""
    if not key:
        return Once(create(), replayed=False)
    if not key_valid(key) or user is None or user.pk is None:
        raise ValidationError(_("This form token is not valid; reload the form and save again."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = IdempotencyKey.objects.create(user=user, key=key, scope=scope[:60])
        except IntegrityError:
            return _replay(IdempotencyKey.objects.get(user=user, key=key), scope)
        result = create()
        row.result_type = result._meta.label_lower
        row.result_id = result.pk
        row.save(update_fields=["result_type", "result_id"])
    return Once(result, replayed=False)


def _replay(row: IdempotencyKey, scope: str) -> Once[M]:
    if row.scope != scope[:60]:
        raise ValidationError(_("This form token was already used on another form; reload the form."))
    model = apps.get_model(row.result_type)
    result = model._base_manager.filter(pk=row.result_id).first()
    if result is None:
        raise ValidationError(_("This form was already saved, but its record no longer exists."))
    return Once(result, replayed=True)
