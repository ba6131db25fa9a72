"""Reads of referrals. The clinic side reads through the door (scoped to the viewer's clinic,
audited); the sender reads their own referrals by the keys their session holds, or by their
account, and that read is audited too."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from synovia.access import door
from synovia.selfcheck.models import Referral, ReferralSite, ReferralStatus, SavedAssessment

OPEN = (ReferralStatus.SENT, ReferralStatus.PROPOSED, ReferralStatus.DECLINED, ReferralStatus.ACCEPTED)


def _base() -> QuerySet[Referral]:
    return Referral.objects.select_related("patient", "site__clinic")


def saved_assessment(user: Any) -> SavedAssessment | None:
    """The answers a person saved to their own account."""
    return SavedAssessment.objects.filter(user=user).first()


def sites() -> QuerySet[ReferralSite]:
    return ReferralSite.objects.filter(accepting=True).select_related("clinic")


def clinic_referrals(who: door.Principal, *, limit: int = 50) -> list[Referral]:
    """The open referrals of the viewer's clinic: the door restricts them to the viewer's scope,
    and the read is audited when it returns any (an empty panel of the worklist adds no
    second audit event to the worklist's own)."""
    read = door.Read(who=who, purpose="selfcheck referrals")
    rows = read.rows(_base().filter(status__in=OPEN).order_by("-created_at"), limit=limit)
    if read.patient_ids:
        door.record(who, purpose=read.purpose, patient_ids=read.patient_ids)
    return rows


def clinic_referral(who: door.Principal, referral_id: int) -> Referral:
    """One referral of the viewer's clinic, or ``door.NotVisible``."""
    with door.reading(who, "selfcheck referral") as read:
        found = read.rows(_base().filter(pk=referral_id))
    if not found:
        raise door.NotVisible
    return found[0]


def own_referrals(who: door.Principal, keys: Iterable[str]) -> list[Referral]:
    """The sender's referrals: those whose key the session holds, and those of their account."""
    keys = [k for k in keys if isinstance(k, str)][:20]
    where = Q(key__in=keys)
    if who.user is not None:
        where |= Q(user=who.user)
    rows = list(_base().filter(where).order_by("-created_at")[:20])
    if rows:
        door.record(who, purpose="selfcheck own referral", patient_ids=[r.patient_id for r in rows])
    return rows


def own_referral(who: door.Principal, keys: Iterable[str], key: str) -> Referral:
    """One of the sender's referrals by its key, or ``door.NotVisible``."""
    for referral in own_referrals(who, keys):
        if referral.key == key:
            return referral
    raise door.NotVisible
