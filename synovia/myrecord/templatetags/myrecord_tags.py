"""Panels other apps' pages include: the patient's reports on the clinician's chart, and the
count of unread patients' messages on the worklist."""

from __future__ import annotations

from typing import Any

from django import template

from synovia.access import door
from synovia.core.measures.rapid3 import RAPID3_BANDS
from synovia.myrecord import charts, labels, selectors

register = template.Library()


@register.inclusion_tag("myrecord/_chart_reports_panel.html", takes_context=True)
def patient_reports(context: dict[str, Any], patient: Any) -> dict[str, Any]:
    """The reports between visits of ``patient``, a record the chart already read (audited)."""
    rows = selectors.reports_on_chart(patient=patient)
    for r in rows:
        r.category_label = labels.category(r.rapid3_category)  # type: ignore[attr-defined]
    points = [charts.Point(r.reported_on, float(r.rapid3), "self") for r in rows]
    title = str(labels.SELF_REPORTED_RAPID3)
    svg = charts.score_chart(
        points,
        bands=RAPID3_BANDS,
        top=charts.axis_top([p.value for p in points], RAPID3_BANDS, ceiling=30.0),
        title=title,
        band_labels={k: str(v) for k, v in labels.CATEGORY.items()},
        source_labels={k: str(v) for k, v in labels.SOURCE_STAFF.items()},
    )
    user = context.get("user")
    staff = getattr(user, "role", "") in selectors.STAFF
    return {"reports": list(reversed(rows)), "svg": svg, "title": title, "patient": patient, "staff": staff}


@register.inclusion_tag("myrecord/_worklist_messages_panel.html", takes_context=True)
def unread_messages(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    count = selectors.unread_for_staff(who=door.principal(request)) if request is not None else 0
    return {"count": count}
