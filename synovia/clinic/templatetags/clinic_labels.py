"""Filters naming the core's codes in the reader's language: ``{{ code|category }}``..."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

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
    synthetic = format_html(' <span class="tag">{}</span>', _("Synthetic")) if patient.synthetic else ""
    return format_html(
        '<span class="work-who"><a href="{}"><strong>{} {}</strong></a>'
        '<span class="record">{}</span>{}</span>',
        object_url("clinic:chart", patient.pk),
        patient.given_name,
        patient.family_name,
        patient.record_number,
        synthetic,
    )
