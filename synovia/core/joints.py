"""Joint homunculus: the 68 tender / 66 swollen joint count and its 28-joint subset.

The 68/66 count (ACR; Felson et al., Arthritis Rheum 1993;36:729-740) covers the
temporomandibular, sternoclavicular, acromioclavicular, shoulder, elbow, wrist, MCP 1-5,
thumb IP and PIP 2-5, DIP 2-5, hip, knee, ankle, tarsus, MTP 1-5 and toe IP/PIP 1-5 joints
on each side; hips are excluded from the swollen count (66). The 28-joint count (Fuchs et
al., Arthritis Rheum 1989;32:531-537; used by DAS28) keeps shoulders, elbows, wrists,
MCP 1-5, PIP 1-5 (thumb IP) and knees.

Joint codes read ``<side>_<joint>``, side ``L`` or ``R``: ``R_MCP2``, ``L_KNEE``.
"""

from __future__ import annotations

from collections.abc import Iterable

_SITES_68: tuple[str, ...] = (
    "TMJ", "SC", "AC", "SHOULDER", "ELBOW", "WRIST",
    "MCP1", "MCP2", "MCP3", "MCP4", "MCP5",
    "PIP1", "PIP2", "PIP3", "PIP4", "PIP5",
    "DIP2", "DIP3", "DIP4", "DIP5",
    "HIP", "KNEE", "ANKLE", "TARSUS",
    "MTP1", "MTP2", "MTP3", "MTP4", "MTP5",
    "TOE1", "TOE2", "TOE3", "TOE4", "TOE5",
)  # fmt: skip
_SITES_28 = frozenset(
    {"SHOULDER", "ELBOW", "WRIST", "MCP1", "MCP2", "MCP3", "MCP4", "MCP5"}
    | {"PIP1", "PIP2", "PIP3", "PIP4", "PIP5", "KNEE"}
)

JOINTS_68: tuple[str, ...] = tuple(f"{side}_{s}" for s in _SITES_68 for side in ("R", "L"))
JOINTS_66: tuple[str, ...] = tuple(j for j in JOINTS_68 if not j.endswith("_HIP"))
JOINTS_28: tuple[str, ...] = tuple(j for j in JOINTS_68 if j.split("_", 1)[1] in _SITES_28)


class JointError(ValueError):
    """An unknown joint code or one not allowed in that count."""


def validate(joints: Iterable[str], *, allowed: tuple[str, ...]) -> list[str]:
    """Deduplicated joints in homunculus order; unknown codes raise ``JointError``."""
    chosen = set(joints)
    unknown = chosen - set(allowed)
    if unknown:
        raise JointError(f"unknown or disallowed joint codes: {', '.join(sorted(unknown))}")
    return [j for j in allowed if j in chosen]


def count28(joints: Iterable[str]) -> int:
    """How many of ``joints`` belong to the 28-joint count."""
    return len(set(joints) & set(JOINTS_28))
