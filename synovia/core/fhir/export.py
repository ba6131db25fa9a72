"""A patient record as a FHIR R4 Bundle (type ``collection``), every resource validated.

The record is a plain mapping (``synovia.interop.records`` builds it from the database):
``patient``, ``visits``, ``labs``, ``programs`` (each with ``infusions``), ``medications``,
``adverse_events``, ``consents`` and ``enrolments``. Resource ids are UUID-5s of the row's
natural key (the clinic and record number, a visit's date and kind...), so exporting the same
record from another database gives the same ids: the round trip compares equal.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

from synovia.core.fhir import codes as c
from synovia.core.fhir import validate

NAMESPACE = uuid.UUID("6f1c7a52-52a7-4c43-9d1b-5e0e3a6f2b10")
Record = Mapping[str, Any]


def rid(*parts: Any) -> str:
    return str(uuid.uuid5(NAMESPACE, "|".join(str(p) for p in parts)))


def day(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    return value.isoformat()


def coding(system: str, code: str, display: str = "") -> dict[str, Any]:
    out = {"system": system, "code": code}
    if display:
        out["display"] = display
    return out


def concept(system: str, code: str, display: str = "") -> dict[str, Any]:
    return {"coding": [coding(system, code, display)], **({"text": display} if display else {})}


def num(value: float) -> float:
    """A value as written in FHIR: 6 decimals, so that float noise (0.1 * 3) is not data."""
    return round(float(value), 6)


def quantity(value: float, unit: str | None) -> dict[str, Any]:
    if unit is None:
        return {"valueInteger": int(value)}
    ucum = c.UCUM_OF.get(unit, unit)
    return {"valueQuantity": {"value": num(value), "unit": unit, "system": c.UCUM, "code": ucum}}


class _Ctx:
    def __init__(self, record: Record) -> None:
        p = record["patient"]
        self.key = f"{p['clinic']}|{p['record_number']}"
        self.patient_id = rid(self.key, "Patient")
        self.subject = {"reference": f"Patient/{self.patient_id}"}


def bundle(record: Record) -> dict[str, Any]:
    """The whole record as one validated Bundle."""
    ctx = _Ctx(record)
    resources = list(_resources(record, ctx))
    entries = [{"fullUrl": f"urn:uuid:{r['id']}", "resource": validate.resource(r)} for r in resources]
    out = {"resourceType": "Bundle", "id": rid(ctx.key, "Bundle"), "type": "collection", "entry": entries}
    return validate.resource(out)


def _resources(record: Record, ctx: _Ctx) -> Iterator[dict[str, Any]]:
    yield patient(record["patient"], ctx)
    yield condition(record["patient"], ctx)
    if record["patient"].get("weight_kg") is not None:
        yield weight(record["patient"], ctx)
    for n, v in enumerate(record.get("visits", [])):
        yield from visit(v, n, ctx)
    for n, lab in enumerate(record.get("labs", [])):
        yield lab_observation(lab, n, ctx)
    for n, program in enumerate(record.get("programs", [])):
        product = cell_product(program, n, ctx)
        yield product
        for infusion in program.get("infusions", []):
            yield procedure(infusion, product["id"], ctx)
    for n, med in enumerate(record.get("medications", [])):
        yield medication_statement(med, n, ctx)
    for n, event in enumerate(record.get("adverse_events", [])):
        yield adverse_event(event, n, ctx)
    for n, consent in enumerate(record.get("consents", [])):
        yield consent_resource(consent, n, ctx)
    for n, enrolment in enumerate(record.get("enrolments", [])):
        study = research_study(enrolment, ctx)
        yield study
        yield research_subject(enrolment, study["id"], n, ctx)


# -- the patient -----------------------------------------------------------------------------


def patient(p: Mapping[str, Any], ctx: _Ctx) -> dict[str, Any]:
    return {
        "resourceType": "Patient",
        "id": ctx.patient_id,
        "identifier": [
            {"system": f"{c.SYNOVIA}/identifier/record/{p['clinic']}", "value": p["record_number"]},
            {"system": c.PSEUDONYM, "value": p["pseudonym"]},
        ],
        "name": [{"family": p["family_name"], "given": [p["given_name"]]}],
        "gender": c.SEX_TO_GENDER.get(p["sex"], "unknown"),
        "birthDate": day(p["birth_date"]),
    }


def condition(p: Mapping[str, Any], ctx: _Ctx) -> dict[str, Any]:
    out: dict[str, Any] = {
        "resourceType": "Condition",
        "id": rid(ctx.key, "Condition", "RA"),
        "clinicalStatus": concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
        "verificationStatus": concept(
            "http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"
        ),
        "code": concept(c.SNOMED, c.RA_SNOMED, "Rheumatoid arthritis"),
        "subject": ctx.subject,
    }
    if p.get("diagnosis_date"):
        out["onsetDateTime"] = day(p["diagnosis_date"])
    return out


def weight(p: Mapping[str, Any], ctx: _Ctx) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": rid(ctx.key, "weight"),
        "status": "final",
        "category": [concept(c.OBS_CATEGORY, "vital-signs")],
        "code": concept(*c.WEIGHT),
        "subject": ctx.subject,
        "effectiveDateTime": day(p["referred_on"]),
        "valueQuantity": {"value": float(p["weight_kg"]), "unit": "kg", "system": c.UCUM, "code": "kg"},
    }


# -- visits: one Observation per entered value and per score; HAQ-DI and RAPID3 answers --------


def _visit_key(v: Mapping[str, Any], n: int) -> str:
    return f"{day(v['visit_date'])}/{v['kind']}/{n}"


def _observation(  # noqa: PLR0917 - the parts of one visit Observation
    ctx: _Ctx, key: str, name: str, code: tuple[str, str, str], when: Any, category: str
) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": rid(ctx.key, "visit", key, name),
        "identifier": [{"system": c.VISIT_ID, "value": key}],
        "status": "final",
        "category": [concept(c.OBS_CATEGORY, category)],
        "code": concept(*code),
        "subject": ctx.subject,
        "effectiveDateTime": day(when),
    }


def visit(v: Mapping[str, Any], n: int, ctx: _Ctx) -> Iterator[dict[str, Any]]:
    key = _visit_key(v, n)
    when = v["visit_date"]
    for name, (system, code, display, unit) in c.VISIT_CODES.items():
        if v.get(name) is None:
            continue
        category = "laboratory" if name in {"esr_mm_h", "crp_mg_l"} else "exam"
        obs = _observation(ctx, key, name, (system, code, display), when, category)
        obs.update(quantity(v[name], unit))
        yield obs
    for name, joints_code in (("tender_joints", c.TENDER_JOINTS), ("swollen_joints", c.SWOLLEN_JOINTS)):
        if v.get(name):
            obs = _observation(ctx, key, name, joints_code, when, "exam")
            obs["component"] = [{"code": concept(c.JOINTS, j), "valueBoolean": True} for j in sorted(v[name])]
            yield obs
    for name, score_code in c.SCORE_CODES.items():
        if v.get(name) is None:
            continue
        obs = _observation(ctx, key, name, score_code, when, "survey")
        obs["valueQuantity"] = {"value": num(v[name]), "unit": "score", "system": c.UCUM, "code": "{score}"}
        obs["note"] = [
            {
                "text": "Computed by Synovia from the entered values (measures "
                + str(v.get("measures_version", ""))
                + ")."
            }
        ]
        yield obs
    if v.get("haq_items"):
        yield haq_response(v, key, ctx)
    if v.get("rapid3") is not None:
        yield rapid3_response(v, key, ctx)


def haq_response(v: Mapping[str, Any], key: str, ctx: _Ctx) -> dict[str, Any]:
    items = v["haq_items"].get("items", {})
    groups = []
    for category, answers in items.items():
        sub = []
        for i, answer in enumerate(answers):
            entry: dict[str, Any] = {"linkId": f"{category}.{i + 1}"}
            if answer is not None:
                entry["answer"] = [{"valueInteger": int(answer)}]
            sub.append(entry)
        groups.append({"linkId": category, "item": sub})
    aids = v["haq_items"].get("aids", [])
    if aids:
        groups.append(
            {"linkId": "aids", "answer": [{"valueCoding": coding(c.SYNOVIA_CODES, a)} for a in aids]}
        )
    return {
        "resourceType": "QuestionnaireResponse",
        "id": rid(ctx.key, "visit", key, "haq"),
        "identifier": {"system": c.VISIT_ID, "value": key},
        "questionnaire": c.HAQ_QUESTIONNAIRE,
        "status": "completed",
        "subject": ctx.subject,
        "authored": day(v["visit_date"]),
        "item": groups,
    }


def rapid3_response(v: Mapping[str, Any], key: str, ctx: _Ctx) -> dict[str, Any]:
    items = [
        {"linkId": name, "answer": [{"valueDecimal": num(v[name])}]}
        for name in ("function_cm", "pain_cm", "ptga_cm")
        if v.get(name) is not None
    ]
    return {
        "resourceType": "QuestionnaireResponse",
        "id": rid(ctx.key, "visit", key, "rapid3"),
        "identifier": {"system": c.VISIT_ID, "value": key},
        "questionnaire": c.RAPID3_QUESTIONNAIRE,
        "status": "completed",
        "subject": ctx.subject,
        "authored": day(v["visit_date"]),
        "item": items,
    }


# -- labs ------------------------------------------------------------------------------------


def lab_observation(lab: Mapping[str, Any], n: int, ctx: _Ctx) -> dict[str, Any]:
    key = f"{lab['test']}/{day(lab['collected_on'])}/{n}"
    out: dict[str, Any] = {
        "resourceType": "Observation",
        "id": rid(ctx.key, "lab", key),
        "identifier": [{"system": c.LAB_ID, "value": key}],
        "status": "final",
        "category": [concept(c.OBS_CATEGORY, "laboratory")],
        "code": concept(lab["system"], lab["code"], lab.get("name", "")),
        "subject": ctx.subject,
        "effectiveDateTime": day(lab["collected_on"]),
        **quantity(lab["value"], lab["unit"]),
    }
    ref = {}
    if lab.get("ref_low") is not None:
        ref["low"] = {
            "value": num(lab["ref_low"]),
            "unit": lab["unit"],
            "system": c.UCUM,
            "code": c.UCUM_OF.get(lab["unit"], lab["unit"]),
        }
    if lab.get("ref_high") is not None:
        ref["high"] = {
            "value": num(lab["ref_high"]),
            "unit": lab["unit"],
            "system": c.UCUM,
            "code": c.UCUM_OF.get(lab["unit"], lab["unit"]),
        }
    if ref:
        out["referenceRange"] = [ref]
    return out


# -- the cell product and its infusions ------------------------------------------------------


def cell_product(program: Mapping[str, Any], n: int, ctx: _Ctx) -> dict[str, Any]:
    """The planned cell product as a BiologicallyDerivedProduct (category ``cells``): MSCs are
    a cellular product of human origin, which is what this resource describes; Medication
    would fit an off-the-shelf drug with a code, which these products do not have. The dose
    is a UCUM quantity in ``{cells}/kg``."""
    origin = "autologous" if program["autologous"] else "allogeneic"
    dose = f"{program['dose_cells_per_kg']:g} cells/kg"
    text = f"{program['product']} from {program['source']} ({origin}), {dose}, {program['route']}"
    ext: list[dict[str, Any]] = [
        {"url": f"{c.EXT}/dose-cells-per-kg", "valueQuantity": cells(program["dose_cells_per_kg"], "/kg")}
    ]
    if program.get("interval_weeks"):
        ext.append({"url": f"{c.EXT}/interval-weeks", "valueInteger": int(program["interval_weeks"])})
    if program.get("joint"):
        ext.append({"url": f"{c.EXT}/joint", "valueCode": program["joint"]})
    return {
        "resourceType": "BiologicallyDerivedProduct",
        "id": rid(ctx.key, "program", n),
        "productCategory": "cells",
        "productCode": {
            "coding": [
                coding(c.PRODUCT, program["product"]),
                coding(f"{c.PRODUCT}-source", program["source"]),
                coding(f"{c.PRODUCT}-origin", origin),
                coding(f"{c.PRODUCT}-route", program["route"]),
            ],
            "text": text,
        },
        "status": "available",
        "quantity": int(program.get("planned_infusions", 1)),
        "extension": ext,
    }


def cells(value: float, per: str = "") -> dict[str, Any]:
    """A number of cells as a UCUM quantity (``{cells}``, or ``{cells}/kg``)."""
    unit = f"{{cells}}{per}"
    return {"value": num(value), "unit": unit, "system": c.UCUM, "code": unit}


def procedure(infusion: Mapping[str, Any], product_id: str, ctx: _Ctx) -> dict[str, Any]:
    """One infusion: the product it used, its number, lot and the cells given (structured in
    Synovia's extensions, and in a note for a person)."""
    ext: list[dict[str, Any]] = [
        {"url": f"{c.EXT}/infusion-number", "valueInteger": int(infusion["number"])},
        {"url": f"{c.EXT}/lot", "valueString": str(infusion["lot"])},
        {"url": f"{c.EXT}/dose-cells", "valueQuantity": cells(infusion["dose_cells"])},
    ]
    if infusion.get("harvest_site"):
        ext.append({"url": f"{c.EXT}/harvest-site", "valueCode": infusion["harvest_site"]})
    return {
        "resourceType": "Procedure",
        "id": rid(ctx.key, "infusion", product_id, infusion["number"]),
        "extension": ext,
        "status": "completed",
        "code": concept(c.SYNOVIA_CODES, c.INFUSION_CODE, "Infusion of the cell product"),
        "subject": ctx.subject,
        "performedDateTime": day(infusion["given_on"]),
        "usedReference": [{"reference": f"BiologicallyDerivedProduct/{product_id}"}],
        "note": [
            {
                "text": f"infusion {infusion['number']}, lot {infusion['lot']}, "
                f"{infusion['dose_cells']:g} cells, {infusion['route']}"
            }
        ],
    }


# -- medications, adverse events, consents, trials -------------------------------------------


def medication_statement(med: Mapping[str, Any], n: int, ctx: _Ctx) -> dict[str, Any]:
    out: dict[str, Any] = {
        "resourceType": "MedicationStatement",
        "id": rid(ctx.key, "medication", med["name"], day(med.get("started_on")), n),
        "status": "completed" if med.get("stopped_on") else "active",
        "category": concept(c.DRUG_CLASS, med["drug_class"]),
        "medicationCodeableConcept": {"text": med["name"]},
        "subject": ctx.subject,
    }
    period = {k: day(med.get(f)) for k, f in (("start", "started_on"), ("end", "stopped_on")) if med.get(f)}
    if period:
        out["effectivePeriod"] = period
    if med.get("stop_reason"):
        out["statusReason"] = [concept(f"{c.SYNOVIA_CODES}-stop-reason", med["stop_reason"])]
    return out


def adverse_event(e: Mapping[str, Any], n: int, ctx: _Ctx) -> dict[str, Any]:
    ext = [
        {"url": f"{c.EXT}/ctcae-grade", "valueInteger": e["grade"]},
        {"url": f"{c.EXT}/relatedness", "valueCode": e["relatedness"]},
        {"url": f"{c.EXT}/action-taken", "valueCode": e["action_taken"]},
        *({"url": f"{c.EXT}/serious-criterion", "valueCode": k} for k in e.get("serious_criteria", [])),
    ]
    if e.get("resolved_on"):
        ext.append({"url": f"{c.EXT}/resolved-on", "valueDate": day(e["resolved_on"])})
    seriousness = "serious" if e["serious"] else "non-serious"
    return {
        "resourceType": "AdverseEvent",
        "id": rid(ctx.key, "ae", e["term"], day(e["onset"]), n),
        "extension": ext,
        "actuality": "actual",
        "event": {"coding": [coding(f"{c.SYNOVIA_CODES}-ctcae-term", e["term"][:120])], "text": e["term"]},
        "subject": ctx.subject,
        "date": day(e["onset"]),
        "seriousness": concept(
            "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness", seriousness
        ),
        "severity": concept(
            "http://terminology.hl7.org/CodeSystem/adverse-event-severity", c.AE_SEVERITY[e["grade"]]
        ),
        "outcome": concept(
            "http://terminology.hl7.org/CodeSystem/adverse-event-outcome", c.AE_OUTCOME[e["outcome"]]
        ),
    }


def consent_resource(k: Mapping[str, Any], n: int, ctx: _Ctx) -> dict[str, Any]:
    scope_code, scope_display = c.CONSENT_SCOPE[k["scope"]]
    out: dict[str, Any] = {
        "resourceType": "Consent",
        "id": rid(ctx.key, "consent", k["scope"], day(k["given_at"]), n),
        "status": "inactive" if k.get("withdrawn_at") else "active",
        "scope": concept("http://terminology.hl7.org/CodeSystem/consentscope", scope_code, scope_display),
        "category": [concept(f"{c.SYNOVIA_CODES}-consent", k["scope"])],
        "patient": ctx.subject,
        "dateTime": day(k["given_at"]),
        "policyRule": concept(f"{c.SYNOVIA_CODES}-consent-text", str(k["text_version"])),
    }
    if k.get("withdrawn_at"):
        out["provision"] = {"period": {"end": day(k["withdrawn_at"])}}
    return out


def research_study(enrolment: Mapping[str, Any], ctx: _Ctx) -> dict[str, Any]:
    return {
        "resourceType": "ResearchStudy",
        "id": rid("study", enrolment["registry_id"]),
        "identifier": [{"system": c.CTGOV, "value": enrolment["registry_id"]}],
        "title": enrolment.get("title") or enrolment["registry_id"],
        "status": "active",
    }


def research_subject(enrolment: Mapping[str, Any], study_id: str, n: int, ctx: _Ctx) -> dict[str, Any]:
    """A trial enrolment: the study, the status (R4's ResearchSubject status codes) and the
    period on the study."""
    period = {
        k: day(enrolment.get(f))
        for k, f in (("start", "started_on"), ("end", "ended_on"))
        if enrolment.get(f)
    }
    return {
        "resourceType": "ResearchSubject",
        "id": rid(ctx.key, "subject", enrolment["registry_id"], day(enrolment.get("started_on")), n),
        "status": enrolment.get("status", "on-study"),
        "study": {"reference": f"ResearchStudy/{study_id}"},
        "individual": ctx.subject,
        **({"period": period} if period else {}),
    }
