"""``{% homunculus form %}``: the tender and swollen joint diagrams over a visit form's checkboxes."""

from __future__ import annotations

from django import forms, template
from django.utils.translation import gettext as _

from synovia.clinic.joint_labels import joint_label
from synovia.core.joints import HEIGHT, JOINTS_28, JOINTS_66, JOINTS_68, POSITIONS, WIDTH, count28

register = template.Library()


@register.inclusion_tag("clinic/_homunculus.html")
def homunculus(form: forms.Form) -> dict[str, object]:
    return {
        "form": form,
        "viewbox": f"0 0 {WIDTH:g} {HEIGHT:g}",
        "diagrams": [
            _diagram(form["tender_joints"], _("Tender"), JOINTS_68),
            _diagram(form["swollen_joints"], _("Swollen"), JOINTS_66),
        ],
    }


def _diagram(field: forms.BoundField, title: str, joints: tuple[str, ...]) -> dict[str, object]:
    marked = set(field.value() or ()) & set(joints)
    return {
        "name": field.name,
        "title": title,
        "total": len(joints),
        "count": len(marked),
        "count28": count28(marked),
        "joints": [
            {
                "code": j,
                "x": f"{POSITIONS[j][0]:g}",
                "y": f"{POSITIONS[j][1]:g}",
                "label": joint_label(j),
                "marked": j in marked,
                "in28": j in JOINTS_28,
            }
            for j in joints
        ],
    }


@register.inclusion_tag("clinic/_visit_homunculus.html")
def visit_homunculus(visit: object) -> dict[str, object]:
    """The joints of one recorded visit on the body diagram: tender filled, swollen ringed."""
    tender = set(getattr(visit, "tender_joints", None) or ())
    swollen = set(getattr(visit, "swollen_joints", None) or ())
    return {
        "visit": visit,
        "viewbox": f"0 0 {WIDTH:g} {HEIGHT:g}",
        "joints": [
            {
                "x": f"{POSITIONS[j][0]:g}",
                "y": f"{POSITIONS[j][1]:g}",
                "tender": j in tender,
                "swollen": j in swollen,
                "label": joint_label(j),
            }
            for j in JOINTS_68
        ],
        "tender": sorted(joint_label(j) for j in tender if j in POSITIONS),
        "swollen": sorted(joint_label(j) for j in swollen if j in POSITIONS),
    }
