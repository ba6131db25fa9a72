"""Joint names in the reader's language, for the homunculus and the joint checkboxes:
``R_MCP2`` reads "right MCP 2" in English; Spanish comes from the catalogue."""

from __future__ import annotations

from functools import cache

from django.utils.functional import lazy
from django.utils.translation import get_language, gettext, gettext_lazy

from synovia.core.joints import POSITIONS

_SITES = {
    "TMJ": gettext_lazy("temporomandibular"),
    "SC": gettext_lazy("sternoclavicular"),
    "AC": gettext_lazy("acromioclavicular"),
    "SHOULDER": gettext_lazy("shoulder"),
    "ELBOW": gettext_lazy("elbow"),
    "WRIST": gettext_lazy("wrist"),
    "PIP1": gettext_lazy("thumb IP"),
    "HIP": gettext_lazy("hip"),
    "KNEE": gettext_lazy("knee"),
    "ANKLE": gettext_lazy("ankle"),
    "TARSUS": gettext_lazy("tarsus"),
    "TOE1": gettext_lazy("toe IP 1"),
}
_NUMBERED = {
    "MCP": gettext_lazy("MCP %(n)s"),
    "PIP": gettext_lazy("PIP %(n)s"),
    "DIP": gettext_lazy("DIP %(n)s"),
    "MTP": gettext_lazy("MTP %(n)s"),
    "TOE": gettext_lazy("toe PIP %(n)s"),
}


def joint_label(code: str) -> str:
    """``R_MCP2`` -> "right MCP 2" in the active language."""
    if code in POSITIONS:
        return _kept(code, get_language())
    return _label(code)


@cache
def _kept(code: str, language: str | None) -> str:
    """One label per joint of the core's list and language, translated once per process (a
    chart draws 68 joints per visit; the catalogues do not change while the process runs).
    Bounded: only the 68 known codes are kept, per language of the site."""
    return _label(code)


def _label(code: str) -> str:
    side, site = code.split("_", 1)
    name = str(_SITES[site]) if site in _SITES else str(_NUMBERED[site[:-1]]) % {"n": site[-1]}
    sided = gettext("right %(joint)s") if side == "R" else gettext("left %(joint)s")
    return sided % {"joint": name}


joint_label_lazy = lazy(joint_label, str)
