"""Joint homunculus: the 68 tender / 66 swollen joint count and its 28-joint subset.

The 68/66 count (ACR; Felson et al., Arthritis Rheum 1993;36:729-740) covers the
temporomandibular, sternoclavicular, acromioclavicular, shoulder, elbow, wrist, MCP 1-5,
thumb IP and PIP 2-5, DIP 2-5, hip, knee, ankle, tarsus, MTP 1-5 and toe IP/PIP 1-5 joints
on each side; hips are excluded from the swollen count (66). The 28-joint count (Fuchs et
al., Arthritis Rheum 1989;32:531-537; used by DAS28) keeps shoulders, elbows, wrists,
MCP 1-5, PIP 1-5 (thumb IP) and knees.

Joint codes read ``<side>_<joint>``, side ``L`` or ``R``: ``R_MCP2``, ``L_KNEE``.

``POSITIONS`` places every joint on a front-view body diagram in the viewBox
``0 0 200 420`` (``WIDTH`` x ``HEIGHT``), as rheumatologists draw homunculi: the patient
faces the viewer, so the patient's right side is on the viewer's left (small x). The body
(head to ankles, y 10-280) carries the large joints, TMJ to wrist and hip to ankle. Below it
the hands (y 295-350) and feet (y 360-415) are drawn enlarged, palms and insteps towards the
viewer, so that the small joints stay far enough apart to tap on a phone: each hand shows
MCP, PIP (thumb IP) and DIP joints with the thumb on the outer side; each foot shows the
tarsus, MTP and toe IP/PIP joints with the big toe on the inner side. Every left joint is the
mirror image of the right one about the midline x = 100 (``x_R + x_L = WIDTH``, same y).

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


WIDTH = 200.0
HEIGHT = 420.0

# The patient's right side, drawn on the viewer's left; the left side is its mirror image.
_RIGHT: dict[str, tuple[float, float]] = {
    "TMJ": (87, 38), "SC": (92, 64), "AC": (76, 61), "SHOULDER": (66, 74),
    "ELBOW": (56, 120), "WRIST": (48, 166), "HIP": (84, 160), "KNEE": (84, 218),
    "ANKLE": (84, 268),
    # enlarged right hand: thumb outermost (small x), fingers pointing up
    "MCP1": (18, 342), "PIP1": (10, 324),
    "MCP2": (32, 334), "MCP3": (46, 334), "MCP4": (60, 334), "MCP5": (74, 334),
    "PIP2": (32, 316), "PIP3": (46, 316), "PIP4": (60, 316), "PIP5": (74, 316),
    "DIP2": (32, 299), "DIP3": (46, 299), "DIP4": (60, 299), "DIP5": (74, 299),
    # enlarged right foot: big toe innermost (towards the midline), toes pointing down
    "TARSUS": (56, 366),
    "MTP1": (82, 386), "MTP2": (69, 386), "MTP3": (56, 386), "MTP4": (43, 386), "MTP5": (30, 386),
    "TOE1": (82, 405), "TOE2": (69, 405), "TOE3": (56, 405), "TOE4": (43, 405), "TOE5": (30, 405),
}  # fmt: skip

POSITIONS: dict[str, tuple[float, float]] = {}
for _site in _SITES_68:
    _x, _y = _RIGHT[_site]
    POSITIONS[f"R_{_site}"] = (float(_x), float(_y))
    POSITIONS[f"L_{_site}"] = (WIDTH - _x, float(_y))

# Closest allowed distance between two joints, in viewBox units. On a 390 px phone the
# diagram is about 320 px wide (1.6 px a unit), so centres stay at least ~19 px apart.
MIN_SPACING = 12.0


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
