"""Human words, in the reader's language, for the codes a patient's pages would otherwise
show: activity categories, visit statuses, trial statuses, joints and lab tests."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from synovia.clinic.joint_labels import joint_label
from synovia.core.labs import LAB_TESTS

CATEGORY = {
    "remission": _("remission"),
    "near_remission": _("near remission"),
    "low": _("low activity"),
    "moderate": _("moderate activity"),
    "high": _("high activity"),
}

VISIT_STATUS = {
    "upcoming": _("upcoming"),
    "due": _("due now"),
    "overdue": _("overdue"),
    "done": _("done"),
    "out_of_window": _("done, outside its window"),
}

TRIAL_STATUS = {
    "RECRUITING": _("recruiting"),
    "NOT_YET_RECRUITING": _("not yet recruiting"),
    "ACTIVE_NOT_RECRUITING": _("active, not recruiting"),
    "ENROLLING_BY_INVITATION": _("enrolling by invitation"),
    "COMPLETED": _("completed"),
    "TERMINATED": _("stopped early (terminated)"),
    "SUSPENDED": _("suspended"),
    "WITHDRAWN": _("withdrawn before enrolling"),
    "UNKNOWN": _("status unknown"),
}

SOURCE = {"clinic": _("at a clinic visit"), "self": _("reported by you")}

LAB_NAMES = {
    "esr": _("ESR (erythrocyte sedimentation rate)"),
    "crp": _("CRP (C-reactive protein)"),
    "hgb": _("haemoglobin"),
    "wbc": _("white blood cells"),
    "plt": _("platelets"),
    "alt": _("ALT (liver enzyme)"),
    "ast": _("AST (liver enzyme)"),
    "creat": _("creatinine (kidney function)"),
    "rf": _("rheumatoid factor"),
    "accp": _("anti-CCP antibodies"),
}


def category(code: str) -> str:
    return str(CATEGORY.get(code, code.replace("_", " ")))


def visit_status(code: str) -> str:
    return str(VISIT_STATUS.get(str(code), str(code).replace("_", " ")))


def trial_status(code: str) -> str:
    return str(TRIAL_STATUS.get(code or "UNKNOWN", str(code).replace("_", " ").lower()))


def lab(code: str) -> str:
    if code in LAB_NAMES:
        return str(LAB_NAMES[code])
    test = LAB_TESTS.get(code)
    return test.name if test is not None else code


def joint(code: str) -> str:
    try:
        return joint_label(code)
    except (KeyError, ValueError, IndexError):
        return code


def joints(codes: list[str]) -> str:
    return ", ".join(joint(c) for c in codes)


SOURCE_STAFF = {"clinic": _("at a clinic visit"), "self": _("reported by the patient")}
SELF_REPORTED_RAPID3 = _("RAPID3 reported by the patient between visits")
