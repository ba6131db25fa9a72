"""``{% homunculus form %}``: the tender and swollen joint diagrams over a visit form's checkboxes;
``{% visit_homunculus visit %}``: one recorded visit's joints on the body diagram.

The joint circles (68 per diagram, one diagram per visit on a chart) are written here in
Python rather than by a template loop: a loop of 68 circles with their labels cost more than
the rest of the chart. What does not change while the process runs is made once: the body
outline (``clinic/_homunculus_outline.html``, no text to translate) and each joint's place and
escaped label, per language (the catalogues are fixed at start). The markup is the same as the
template loops wrote (``tests/apps/clinic/test_homunculus.py``).
"""

from __future__ import annotations

from functools import cache

from django import forms, template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from synovia.clinic.joint_labels import joint_label
from synovia.core.joints import HEIGHT, JOINTS_28, JOINTS_66, JOINTS_68, POSITIONS, WIDTH, count28

register = template.Library()

VIEWBOX = f"0 0 {WIDTH:g} {HEIGHT:g}"
_IN28 = frozenset(JOINTS_28)


def _outline() -> SafeString:
    """The body outline both diagrams draw under the joints (made once; again each time in
    DEBUG, so an edited template shows at once)."""
    if settings.DEBUG:
        return mark_safe(render_to_string("clinic/_homunculus_outline.html").strip())  # noqa: S308  # nosec B308 B703 - our template
    return _kept_outline()


@cache
def _kept_outline() -> SafeString:
    return mark_safe(render_to_string("clinic/_homunculus_outline.html").strip())  # noqa: S308  # nosec B308 B703 - our template


@cache
def _places(language: str | None) -> dict[str, tuple[str, str, str]]:
    """Each joint's x, y and escaped label in ``language``."""
    return {j: (f"{POSITIONS[j][0]:g}", f"{POSITIONS[j][1]:g}", escape(joint_label(j))) for j in JOINTS_68}


@register.inclusion_tag("clinic/_homunculus.html")
def homunculus(form: forms.Form) -> dict[str, object]:
    return {
        "form": form,
        "viewbox": VIEWBOX,
        "outline": _outline(),
        "diagrams": [
            _diagram(form["tender_joints"], _("Tender"), JOINTS_68),
            _diagram(form["swollen_joints"], _("Swollen"), JOINTS_66),
        ],
    }


def _diagram(field: forms.BoundField, title: str, joints: tuple[str, ...]) -> dict[str, object]:
    marked = set(field.value() or ()) & set(joints)
    places = _places(get_language())
    circles = []
    for j in joints:
        x, y, label = places[j]
        in28 = j in _IN28
        on = j in marked
        classes = f"joint{' in28' if in28 else ''}{' is-marked' if on else ''}"
        circles.append(
            f'<circle class="{classes}" cx="{x}" cy="{y}" r="6"\n'
            f'                data-joint="{j}"{" data-in28" if in28 else ""} role="checkbox" tabindex="0" '
            f'aria-checked="{"true" if on else "false"}" aria-label="{label}"><title>{label}</title></circle>'
        )
    return {
        "name": field.name,
        "title": title,
        "total": len(joints),
        "count": len(marked),
        "count28": count28(marked),
        "circles": mark_safe("\n        ".join(circles)),  # noqa: S308  # nosec B308 B703 - codes and escaped labels
    }


@register.inclusion_tag("clinic/_visit_homunculus.html")
def visit_homunculus(visit: object) -> dict[str, object]:
    """The joints of one recorded visit on the body diagram: tender filled, swollen ringed."""
    tender = set(getattr(visit, "tender_joints", None) or ())
    swollen = set(getattr(visit, "swollen_joints", None) or ())
    places = _places(get_language())
    circles = "".join(
        f'<circle class="mini-joint{" tender" if j in tender else ""}{" swollen" if j in swollen else ""}" '
        f'cx="{x}" cy="{y}" r="5"><title>{label}</title></circle>'
        for j, (x, y, label) in places.items()
    )
    return {
        "visit": visit,
        "viewbox": VIEWBOX,
        "outline": _outline(),
        "circles": mark_safe(circles),  # noqa: S308  # nosec B308 B703 - codes and escaped labels
        "tender": sorted(joint_label(j) for j in tender if j in POSITIONS),
        "swollen": sorted(joint_label(j) for j in swollen if j in POSITIONS),
    }
