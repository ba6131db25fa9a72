"""Filters naming the core's codes in the reader's language: ``{{ code|category }}``..."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from synovia.clinic import labels
from synovia.web.links import object_url

register = template.Library()


@register.filter
def category(code: object) -> str:
    return labels.label(labels.CATEGORIES, code)  # type: ignore[arg-type]


@register.filter
def eular(code: object) -> str:
    return labels.label(labels.EULAR, code)  # type: ignore[arg-type]


@register.filter
def acr(code: object) -> str:
    return labels.label(labels.ACR, code)  # type: ignore[arg-type]


@register.filter
def score_name(code: object) -> str:
    return labels.SCORES.get(str(code), str(code))


@register.filter
def input_names(codes: object) -> str:
    return ", ".join(labels.label(labels.INPUTS, c) for c in (codes or ()))  # type: ignore[attr-defined, arg-type]


@register.filter
def lab_name(key: object) -> str:
    return labels.lab_name(str(key))


@register.filter
def get(mapping: object, key: object) -> object:
    return mapping.get(key) if isinstance(mapping, dict) else None


@register.filter
def term_label(term: object) -> str:
    """A CTCAE term's name in the reader's language (``synovia.core.ctcae.Term``)."""
    from django.utils.translation import get_language

    return str(term.label(get_language() or "en"))  # type: ignore[attr-defined]


@register.filter
def soc_label(soc: object) -> str:
    """A MedDRA SOC's name in the reader's language."""
    from django.utils.translation import get_language

    from synovia.core import ctcae

    if (get_language() or "").startswith("es"):
        return str(ctcae.socs().get(str(soc), {}).get("es") or soc)
    return str(soc)


@register.filter
def visit_status(code: object) -> str:
    return labels.label(labels.VISIT_STATUS, code)  # type: ignore[arg-type]


@register.filter
def joint_names(codes: object) -> str:
    """Joint codes (``R_MCP2``) as names in the reader's language, comma-separated."""
    from synovia.clinic.joint_labels import joint_label

    return ", ".join(joint_label(str(c)) for c in (codes or ()))  # type: ignore[attr-defined]


@register.filter
def ae_term(term: object) -> str:
    """A stored adverse-event term in the reader's language when it is a CTCAE v5.0 term of
    the shipped list (the English CTCAE name is what is stored)."""
    from django.utils.translation import get_language

    from synovia.core import ctcae

    found = ctcae.by_name(str(term))
    return found.label(get_language() or "en") if found else str(term)


@register.simple_tag(name="object_url")
def object_url_tag(name: str, pk: int) -> str:
    """``{% object_url 'clinic:chart' patient.pk %}``: the ``{% url %}`` of a page of one
    object, reversed once per URL name (``synovia.web.links``), for lists of many rows."""
    return object_url(name, pk)


@register.simple_tag
def work_who(patient: Any) -> str:
    """One worklist row's patient: the name (linked to the chart), the record number beside it
    and the synthetic tag. A tag rather than an ``{% include %}`` per row: the worklist shows
    up to five lists of 25 rows, and an include with its own context costs more per row than
    the row's whole markup."""
    esc = conditional_escape
    synthetic = f' <span class="tag">{esc(_("Synthetic"))}</span>' if patient.synthetic else ""
    return mark_safe(  # noqa: S308  # nosec B308 B703 - every value is escaped
        f'<span class="work-who"><a href="{esc(object_url("clinic:chart", patient.pk))}"><strong>'
        f"{esc(patient.given_name)} {esc(patient.family_name)}</strong></a>"
        f'<span class="record">{esc(patient.record_number)}</span>{synthetic}</span>'
    )


def _iso(day: Any) -> str:
    """``{{ day.isoformat }}``: empty for a missing date, as the template wrote it."""
    return day.isoformat() if day is not None else ""


esc = conditional_escape


def _item(patient: Any, what: str, actions: str) -> str:
    """One worklist row: who, what is due and the actions (``what`` and ``actions`` escaped)."""
    return (
        f'<li class="work-item">{work_who(patient)}\n'
        f'  <span class="work-what">{what}</span>\n'
        f'  <span class="work-actions">{actions}</span></li>\n'
    )


def _actions(t: dict[str, str], primary: tuple[str, str, int], chart: int) -> str:
    """A row's actions: the primary link, then "Open chart"."""
    name, label, pk = primary
    first = f'<a class="primary" href="{esc(object_url(name, pk))}">{t[label]}</a>'
    return f'{first}<a href="{esc(object_url("clinic:chart", chart))}">{t["open"]}</a>'


def _overdue(slot: Any, t: dict[str, str], staff_role: str) -> str:
    days = slot.days_overdue
    late = ngettext("%(days)s day overdue", "%(days)s days overdue", days) % {"days": esc(days)}
    what = f'{esc(slot.label)} · <span class="overdue-days">{late}</span> · {t["closed"]} {_iso(slot.latest)}'
    return _item(
        slot.patient, what, _actions(t, ("clinic:visit", "record", slot.patient_id), slot.patient_id)
    )


def _due(slot: Any, t: dict[str, str], staff_role: str) -> str:
    what = f"{esc(slot.label)} · {t['window']} {_iso(slot.earliest)} – {_iso(slot.latest)}"
    return _item(
        slot.patient, what, _actions(t, ("clinic:visit", "record", slot.patient_id), slot.patient_id)
    )


def _serious_event(event: Any, t: dict[str, str], staff_role: str) -> str:
    chart = esc(object_url("clinic:chart", event.patient_id))
    what = f"{esc(ae_term(event.term))}, {t['grade']} {esc(event.grade)}, {t['onset']} {_iso(event.onset)}"
    review = f'<a class="primary" href="{chart}#event-{esc(event.pk)}">{t["review"]}</a>'
    return _item(event.patient, what, review)


def _evaluation(patient: Any, t: dict[str, str], staff_role: str) -> str:
    record = ""
    if staff_role == "clinician":
        evaluation = esc(object_url("clinic:evaluation", patient.pk))
        record = f'<a class="primary" href="{evaluation}">{t["eval"]}</a>'
    chart = esc(object_url("clinic:chart", patient.pk))
    what = f"{esc(patient.get_state_display())} · {t['referred']} {_iso(patient.referred_on)}"
    return _item(patient, what, f'{record}<a href="{chart}">{t["open"]}</a>')


def _missing_data(visit: Any, t: dict[str, str], staff_role: str) -> str:
    what = f"{esc(visit.get_kind_display())} {esc(visit.label)} {_iso(visit.visit_date)}"
    return _item(visit.patient, what, _actions(t, ("clinic:lab", "lab", visit.patient_id), visit.patient_id))


_ROWS = {
    "overdue": _overdue,
    "due": _due,
    "serious_events": _serious_event,
    "evaluations": _evaluation,
    "missing_data": _missing_data,
}


@register.simple_tag(takes_context=True)
def work_rows(context: Any, kind: str, rows: Any) -> str:
    """``{% work_rows "overdue" work.overdue %}``: the ``<li>`` rows of one worklist list.
    Written here rather than by a loop in the template: five lists of up to 25 rows, each row
    about ten template nodes, were half the worklist's CPU. The row labels are translated once
    per list; every value is escaped."""
    t = {
        "open": _("Open chart"), "record": _("Record this visit"), "review": _("Review event"),
        "lab": _("Record lab result"), "eval": _("Record evaluation"), "closed": _("window closed"),
        "window": _("window"), "grade": _("grade"), "onset": _("onset"), "referred": _("referred"),
    }  # fmt: skip
    t = {key: esc(text) for key, text in t.items()}
    user = context.get("user")
    role = str(getattr(user, "role", ""))
    write = _ROWS[kind]
    return mark_safe("".join(write(row, t, role) for row in rows))  # noqa: S308  # nosec B308 B703 - every value is escaped


@register.simple_tag
def patient_rows(page: Any) -> str:
    """``{% patient_rows page %}``: the table rows of the patient list (record number linked to
    the chart, name, clinic, state, referral date). Written here rather than by a template loop,
    which cost more than the rest of the page for its 25 rows; every value is escaped."""
    synthetic = f' <span class="tag">{esc(_("Synthetic"))}</span>'
    rows = []
    for p in page:
        rows.append(
            f'<tr><td><a href="{esc(object_url("clinic:chart", p.pk))}">{esc(p.record_number)}</a>'
            f"{synthetic if p.synthetic else ''}</td><td>{esc(p.display_name)}</td>"
            f"<td>{esc(p.clinic.name)}</td><td>{esc(p.get_state_display())}</td><td>{_iso(p.referred_on)}</td></tr>\n"
        )
    return mark_safe("".join(rows))  # noqa: S308  # nosec B308 B703 - every value is escaped
