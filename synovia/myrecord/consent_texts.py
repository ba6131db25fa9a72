"""The consent texts a patient can read again on their record, by scope and version.

Written for Synovia in plain language. A clinic that used its own text records its version;
when the version is not one of these, the page says that the clinic keeps that text.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

TEXTS = {
    ("treatment", "1.0"): _(
        "I agree to be evaluated and, if the clinic and I decide so, treated with an "
        "experimental cell product for rheumatoid arthritis. I was told that this treatment is "
        "not approved for rheumatoid arthritis, that its benefit is not proven, what the known "
        "risks are (among them infusion reactions and infections), and that I can stop at any "
        "time without losing my usual care."
    ),
    ("data_use", "1.0"): _(
        "I agree that the clinic records my health data in Synovia to care for me: visits, "
        "joint counts, laboratory results, treatments and side effects. Only the clinic's staff "
        "and I can see my identifiable record, and every reading of it is logged."
    ),
    ("research", "1.0"): _(
        "I agree that my data, without my name, record number, e-mail or exact date of birth, "
        "may be used for research on rheumatoid arthritis and cell therapy. I can withdraw this "
        "consent at any time; data already used in a finished analysis cannot be taken back."
    ),
    ("community", "1.0"): _(
        "I agree to take part in Synovia's community pages. What I post there is public to "
        "other members; I should not post health details I want to keep private."
    ),
}

WITHDRAW_EFFECT = {
    "treatment": _("No further treatment with the cell product will be given under this consent."),
    "data_use": _("The clinic will stop recording new data about you in Synovia under this consent."),
    "research": _("Your data will no longer be given to researchers from now on."),
    "community": _("You will no longer take part in the community pages."),
}


def text_of(scope: str, version: str) -> str | None:
    found = TEXTS.get((scope, version))
    return str(found) if found is not None else None


def withdraw_effect(scope: str) -> str:
    return str(WITHDRAW_EFFECT.get(scope, ""))
