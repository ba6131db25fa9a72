"""A FHIR Bundle read back into rows for the clinic services, with what was skipped and why.

``plan(bundle)`` validates each resource with the R4B models and maps what Synovia keeps:
the Patient (record number, names, sex, birth date), body weight, the RA Condition's onset,
visit Observations (grouped by Synovia's visit identifier, or by day for a foreign bundle),
HAQ-DI answers, lab Observations coded with the LOINC (or local) codes of
``synovia.core.labs``, MedicationStatements, AdverseEvents and Consents. Units are converted
here, at the boundary: labs through ``labs.convert`` (CRP mg/dL -> mg/L...), visit CRP to
mg/L, a 0-100 mm global to cm. Scores are not imported: the core recomputes them from the
entered values. The cell product (BiologicallyDerivedProduct) and its infusions (Procedures
that use it) are read as a programme with its infusions; cell doses are converted to cells
(or cells/kg) from the UCUM units ``{cells}``, ``10*6.{cells}``, ``10*9.{cells}``. ResearchSubjects
are read as trial enrolments (the study's ClinicalTrials.gov identifier).

Every skipped resource carries a stable ``code`` (``SKIP_CODES``) besides its reason, so a
program (or a test) can tell why without reading the sentence, whatever the language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from synovia.core import labs
from synovia.core.fhir import codes as c
from synovia.core.fhir import validate

_VISIT_BY_CODE = {(s, code): name for name, (s, code, _d, _u) in c.VISIT_CODES.items()}
_VISIT_BY_CODE[(c.LOINC, c.ESR_ANY)] = "esr_mm_h"
_SCORE_CODES = {(s, code) for s, code, _d in c.SCORE_CODES.values()}
_LAB_BY_CODE = {(t.system, t.code): t.key for t in labs.LAB_TESTS.values()}
_LAB_BY_CODE[(c.LOINC, c.ESR_ANY)] = "esr"


#: Why a resource was skipped, as a stable machine word (the reason is the sentence).
SKIP_CODES = {
    "invalid": "not valid FHIR R4",
    "not_kept": "a resource type Synovia does not keep",
    "not_mapped": "a code or a part Synovia has no field for",
    "unit": "a unit Synovia cannot convert, or an implausible value",
    "unreadable": "a value missing or not readable",
    "duplicate": "already in the record",
    "refused": "refused by the record's rules (the same checks as the pages)",
}


@dataclass
class Plan:
    """What an import would write, and what it leaves out (resource, id, code, reason)."""

    patient: dict[str, Any] = field(default_factory=dict)
    visits: list[dict[str, Any]] = field(default_factory=list)
    labs: list[dict[str, Any]] = field(default_factory=list)
    medications: list[dict[str, Any]] = field(default_factory=list)
    adverse_events: list[dict[str, Any]] = field(default_factory=list)
    consents: list[dict[str, Any]] = field(default_factory=list)
    programs: list[dict[str, Any]] = field(default_factory=list)
    enrolments: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[tuple[str, str, str, str]] = field(default_factory=list)
    derived: int = 0
    _procedures: list[tuple[str, dict[str, Any]]] = field(default_factory=list, repr=False)
    _studies: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)
    _subjects: list[dict[str, Any]] = field(default_factory=list, repr=False)
    _products: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)


class BundleInvalid(ValueError):
    """The input is not a FHIR Bundle Synovia can read."""


class Skip(ValueError):
    """A resource Synovia leaves out, with the code of ``SKIP_CODES`` that says why."""

    def __init__(self, message: str, code: str = "unreadable") -> None:
        super().__init__(message)
        self.code = code


def plan(data: Any) -> Plan:
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        raise BundleInvalid("the file is not a FHIR Bundle")
    entries = data.get("entry") or []
    if not isinstance(entries, list) or len(entries) > 20_000:
        raise BundleInvalid("a Bundle's entry must be a list of at most 20,000 resources")
    out = Plan()
    visits: dict[str, dict[str, Any]] = {}
    for entry in entries:
        raw = entry.get("resource") if isinstance(entry, dict) else None
        kind = str(raw.get("resourceType", "?"))[:40] if isinstance(raw, dict) else "?"
        rid = str(raw.get("id", ""))[:64] if isinstance(raw, dict) else ""
        try:
            res = validate.resource(raw)  # type: ignore[arg-type]
            _one(res, out, visits)
        except validate.FhirInvalid as exc:
            out.skipped.append((kind, rid, "invalid", f"not valid FHIR R4: {exc}"))
        except (KeyError, ValueError, TypeError, labs.LabUnitError) as exc:
            out.skipped.append((kind, rid, _code_of(exc), str(exc)[:300] or type(exc).__name__))
    out.visits = [v for v in visits.values() if len(v) > 3]
    _attach_infusions(out)
    _attach_studies(out)
    return out


def _code_of(exc: Exception) -> str:
    if isinstance(exc, Skip):
        return exc.code
    return "unit" if isinstance(exc, labs.LabUnitError) else "unreadable"


def _one(res: dict[str, Any], out: Plan, visits: dict[str, dict[str, Any]]) -> None:
    kind, rid = res["resourceType"], res.get("id", "")
    handler = _HANDLERS.get(kind)
    if handler is None:
        out.skipped.append((kind, rid, "not_kept", f"Synovia does not keep {kind} resources"))
        return
    handler(res, out, visits)


def _date(value: Any) -> dt.date:
    if not isinstance(value, str) or len(value) < 10:
        raise ValueError("a full date (YYYY-MM-DD) is needed")
    return dt.date.fromisoformat(value[:10])


def _datetime(value: Any) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _codes(res: Mapping[str, Any], name: str = "code") -> list[tuple[str, str]]:
    return [(k.get("system", ""), k.get("code", "")) for k in (res.get(name) or {}).get("coding", [])]


def _ext(res: Mapping[str, Any], name: str) -> list[Any]:
    url = f"{c.EXT}/{name}"
    out = []
    for e in res.get("extension", []):
        if e.get("url") == url:
            out.append(next(v for k, v in e.items() if k.startswith("value")))
    return out


def _patient(res: dict[str, Any], out: Plan, visits: Any) -> None:
    record = next(
        (i["value"] for i in res.get("identifier", []) if "/identifier/record/" in i.get("system", "")), None
    )
    record = record or next((i.get("value") for i in res.get("identifier", []) if i.get("value")), None)
    name = (res.get("name") or [{}])[0]
    if not record or not name.get("family") or not res.get("birthDate"):
        raise ValueError("a Patient needs an identifier, a family name and a birth date")
    out.patient.update(
        record_number=str(record)[:40],
        given_name=" ".join(name.get("given") or ["-"])[:120],
        family_name=str(name["family"])[:120],
        sex=c.GENDER_TO_SEX.get(res.get("gender", "unknown"), "X"),
        birth_date=_date(res["birthDate"]),
    )
    pseudonym = next((i["value"] for i in res.get("identifier", []) if i.get("system") == c.PSEUDONYM), None)
    if pseudonym:
        out.patient["pseudonym"] = str(pseudonym)[:16]


def _condition(res: dict[str, Any], out: Plan, visits: Any) -> None:
    if (c.SNOMED, c.RA_SNOMED) not in _codes(res):
        raise Skip("only the rheumatoid arthritis Condition (SNOMED CT 69896004) is kept", "not_mapped")
    if res.get("onsetDateTime"):
        out.patient["diagnosis_date"] = _date(res["onsetDateTime"])


def _value(res: Mapping[str, Any]) -> tuple[float, str | None]:
    if "valueInteger" in res:
        return float(res["valueInteger"]), None
    q = res.get("valueQuantity")
    if not q or q.get("value") is None:
        raise ValueError("the Observation has no numeric value")
    unit = q.get("unit") or c.UNIT_OF_UCUM.get(q.get("code", ""), q.get("code"))
    return float(q["value"]), unit


def _observation(res: dict[str, Any], out: Plan, visits: dict[str, dict[str, Any]]) -> None:
    found = set(_codes(res))
    when = _date(res.get("effectiveDateTime") or (res.get("effectivePeriod") or {}).get("start"))
    visit_key = next((i["value"] for i in res.get("identifier", []) if i.get("system") == c.VISIT_ID), None)
    if found & _SCORE_CODES:
        out.derived += 1
        return
    if (c.WEIGHT[0], c.WEIGHT[1]) in found:
        value, unit = _value(res)
        out.patient["weight_kg"] = value if unit in (None, "kg") else _refuse(f"weight in {unit}", "unit")
        out.patient.setdefault("referred_on", when)
        return
    visit_field = next((_VISIT_BY_CODE[k] for k in found if k in _VISIT_BY_CODE), None)
    joints_field = {c.TENDER_JOINTS[:2]: "tender_joints", c.SWOLLEN_JOINTS[:2]: "swollen_joints"}
    joint_list = next((joints_field[k] for k in found if k in joints_field), None)
    lab_key = next((_LAB_BY_CODE[k] for k in found if k in _LAB_BY_CODE), None)
    if visit_key is None and lab_key is not None:
        _lab(res, lab_key, when, out)
        return
    if visit_field is None and joint_list is None:
        raise Skip("an Observation Synovia has no field for (its code is not mapped)", "not_mapped")
    key = visit_key or f"{when.isoformat()}/unscheduled/ehr"
    v = visits.setdefault(
        key, {"key": key, "visit_date": when, "kind": key.split("/")[1] if "/" in key else "unscheduled"}
    )
    if joint_list is not None:
        v[joint_list] = sorted(
            comp["code"]["coding"][0]["code"] for comp in res.get("component", []) if comp.get("valueBoolean")
        )
        return
    value, unit = _value(res)
    assert visit_field is not None
    v[visit_field] = _visit_unit(visit_field, value, unit)


def _refuse(reason: str, code: str = "unreadable") -> Any:
    raise Skip(reason, code)


def _visit_unit(name: str, value: float, unit: str | None) -> float:
    """A visit value in Synovia's unit (mg/L, mm/h, cm), converted at the boundary."""
    if name in {"tjc28", "sjc28", "tjc68", "sjc66"}:
        return value
    if name == "crp_mg_l":
        return labs.convert("crp", value, unit or "mg/L").value
    if name == "esr_mm_h":
        return labs.convert("esr", value, unit or "mm/h").value
    if unit == "mm":
        return value / 10
    if unit not in (None, "cm", "{score}", "score", "1"):
        raise Skip(f"{name} in {unit!r}: Synovia takes cm (or mm)", "unit")
    return value


def _lab(res: dict[str, Any], key: str, when: dt.date, out: Plan) -> None:
    value, unit = _value(res)
    spec = labs.lab_test(key)
    ref = (res.get("referenceRange") or [{}])[0]
    out.labs.append(
        {
            "test": key,
            "value": value,
            "unit": unit or spec.unit,
            "collected_on": when,
            "ref_low": (ref.get("low") or {}).get("value"),
            "ref_high": (ref.get("high") or {}).get("value"),
        }
    )
    labs.convert(key, value, unit or spec.unit)  # refuses an unknown unit or an implausible value now


def _questionnaire(res: dict[str, Any], out: Plan, visits: dict[str, dict[str, Any]]) -> None:
    ident = res.get("identifier") or {}
    key = ident.get("value") if ident.get("system") == c.VISIT_ID else None
    when = _date(res.get("authored"))
    key = key or f"{when.isoformat()}/unscheduled/ehr"
    if res.get("questionnaire") == c.RAPID3_QUESTIONNAIRE:
        out.derived += 1  # RAPID3's inputs come from the visit's Observations
        return
    if res.get("questionnaire") != c.HAQ_QUESTIONNAIRE:
        raise Skip("only Synovia's HAQ-DI and RAPID3 questionnaires are read", "not_mapped")
    items: dict[str, list[int | None]] = {}
    aids: list[str] = []
    for group in res.get("item", []):
        if group["linkId"] == "aids":
            aids = [a["valueCoding"]["code"] for a in group.get("answer", [])]
            continue
        items[group["linkId"]] = [
            (sub.get("answer") or [{}])[0].get("valueInteger") for sub in group.get("item", [])
        ]
    v = visits.setdefault(key, {"key": key, "visit_date": when, "kind": key.split("/")[1]})
    v["haq_items"] = {"items": items, "aids": aids}


def _medication(res: dict[str, Any], out: Plan, visits: Any) -> None:
    name = (res.get("medicationCodeableConcept") or {}).get("text")
    if not name:
        raise ValueError("a MedicationStatement needs the drug's name (medicationCodeableConcept.text)")
    drug_class = next((code for s, code in _codes(res, "category") if s == c.DRUG_CLASS), "csdmard")
    period = res.get("effectivePeriod") or {}
    reason = next(
        (
            code
            for k in res.get("statusReason", [])
            for s, code in [(x.get("system"), x.get("code")) for x in k.get("coding", [])]
        ),
        "",
    )
    out.medications.append(
        {
            "drug_class": drug_class,
            "name": str(name)[:80],
            "started_on": _date(period["start"]) if period.get("start") else None,
            "stopped_on": _date(period["end"]) if period.get("end") else None,
            "stop_reason": reason or ("other" if period.get("end") else ""),
        }
    )


def _adverse_event(res: dict[str, Any], out: Plan, visits: Any) -> None:
    grade = _ext(res, "ctcae-grade")
    if not grade:
        raise ValueError("an AdverseEvent needs its CTCAE grade (Synovia's ctcae-grade extension)")
    serious = any(code == "serious" for _s, code in _codes(res, "seriousness"))
    outcome = next((code for _s, code in _codes(res, "outcome")), "unknown")
    resolved = _ext(res, "resolved-on")
    out.adverse_events.append(
        {
            "term": str((res.get("event") or {}).get("text") or "")[:120]
            or _refuse("an AdverseEvent needs its term"),
            "grade": int(grade[0]),
            "serious": serious,
            "serious_criteria": sorted(_ext(res, "serious-criterion")),
            "relatedness": (_ext(res, "relatedness") or ["unlikely"])[0],
            "onset": _date(res.get("date")),
            "resolved_on": _date(resolved[0]) if resolved else None,
            "outcome": c.AE_OUTCOME_BACK.get(outcome, "unknown"),
            "action_taken": (_ext(res, "action-taken") or ["none"])[0],
        }
    )


def _consent(res: dict[str, Any], out: Plan, visits: Any) -> None:
    scope = next(
        (
            code
            for s, code in [
                (x.get("system"), x.get("code")) for k in res.get("category", []) for x in k.get("coding", [])
            ]
            if s == f"{c.SYNOVIA_CODES}-consent"
        ),
        None,
    )
    if scope is None:
        raise Skip("a Consent without Synovia's consent category is not read", "not_mapped")
    version = next((code for _s, code in _codes(res, "policyRule")), "1.0")
    withdrawn = ((res.get("provision") or {}).get("period") or {}).get("end")
    out.consents.append(
        {
            "scope": scope,
            "text_version": str(version)[:20],
            "given_at": _datetime(res.get("dateTime")),
            "withdrawn_at": _datetime(withdrawn) if withdrawn else None,
        }
    )


# -- the cell product, its infusions, trial enrolments ---------------------------------------


def _cells(q: Any, per: str = "") -> float:
    """A UCUM quantity of cells (``{cells}``, ``10*6.{cells}``...; with ``per`` = ``/kg`` a dose
    per kg) in cells, converted at the boundary."""
    if isinstance(q, int | float):
        return float(q)
    if not isinstance(q, dict) or q.get("value") is None:
        raise Skip("a number of cells is needed", "unreadable")
    unit = str(q.get("code") or q.get("unit") or "{cells}" + per)
    base = unit.removesuffix(per) if per and unit.endswith(per) else None if per else unit
    factor = c.CELL_UNITS.get(base or "")
    if factor is None:
        expected = ", ".join(u + per for u in c.CELL_UNITS)
        raise Skip(f"cells in {unit!r}: Synovia takes {expected}", "unit")
    return float(q["value"]) * factor


def _product(res: dict[str, Any], out: Plan, visits: Any) -> None:
    found = {s: code for s, code in _codes(res, "productCode")}
    needed = {
        "product": c.PRODUCT,
        "source": f"{c.PRODUCT}-source",
        "origin": f"{c.PRODUCT}-origin",
        "route": f"{c.PRODUCT}-route",
    }
    missing = [name for name, system in needed.items() if system not in found]
    if res.get("productCategory") != "cells" or missing:
        raise Skip(
            "only a cell product coded with Synovia's product codes is kept "
            f"(missing: {', '.join(missing) or 'productCategory cells'})",
            "not_mapped",
        )
    dose = _ext(res, "dose-cells-per-kg")
    if not dose:
        raise Skip("the cell product needs its dose per kg (the dose-cells-per-kg extension)")
    program = {
        "source": found[needed["source"]],
        "autologous": found[needed["origin"]] == "autologous",
        "product": found[needed["product"]],
        "dose_cells_per_kg": round(_cells(dose[0], "/kg"), 6),
        "route": found[needed["route"]],
        "planned_infusions": int(res.get("quantity") or 1),
        "interval_weeks": int((_ext(res, "interval-weeks") or [4])[0]),
        "joint": str((_ext(res, "joint") or [""])[0]),
        "infusions": [],
    }
    out.programs.append(program)
    out._products[str(res.get("id", ""))] = program


def _procedure(res: dict[str, Any], out: Plan, visits: Any) -> None:
    if (c.SYNOVIA_CODES, c.INFUSION_CODE) not in _codes(res):
        raise Skip("only infusions of the cell product (Synovia's cell-infusion code) are kept", "not_mapped")
    lot, dose, number = _ext(res, "lot"), _ext(res, "dose-cells"), _ext(res, "infusion-number")
    if not lot or not dose:
        raise Skip("an infusion needs its lot and the cells given (Synovia's lot and dose-cells extensions)")
    given = res.get("performedDateTime") or (res.get("performedPeriod") or {}).get("start")
    infusion = {
        "number": int(number[0]) if number else None,
        "given_on": _date(given),
        "lot": str(lot[0])[:40],
        "dose_cells": round(_cells(dose[0]), 6),
        "harvest_site": str((_ext(res, "harvest-site") or [""])[0]),
    }
    product = next(
        (
            ref["reference"].partition("/")[2]
            for ref in res.get("usedReference", [])
            if str(ref.get("reference", "")).startswith("BiologicallyDerivedProduct/")
        ),
        None,
    )
    if product is None:
        raise Skip("an infusion needs its cell product (usedReference to a BiologicallyDerivedProduct)")
    out._procedures.append((str(res.get("id", "")), {**infusion, "product": product}))


def _attach_infusions(out: Plan) -> None:
    """Each Procedure under the product it used (the Bundle may list them in any order)."""
    for rid, infusion in out._procedures:
        program = out._products.get(infusion.pop("product"))
        if program is None:
            out.skipped.append(
                ("Procedure", rid, "unreadable", "the infusion's cell product is not in the Bundle")
            )
            continue
        program["infusions"].append({**infusion, "id": rid})
    for program in out.programs:
        program["infusions"].sort(key=lambda i: (i["number"] or 0, i["given_on"]))
        for n, infusion in enumerate(program["infusions"], start=1):
            infusion["number"] = infusion["number"] or n


def _attach_studies(out: Plan) -> None:
    for subject in out._subjects:
        study = out._studies.get(subject.pop("study"))
        if study is None:
            out.skipped.append(
                (
                    "ResearchSubject",
                    subject["id"],
                    "unreadable",
                    "the subject's ResearchStudy is not in the Bundle",
                )
            )
            continue
        out.enrolments.append({**subject, "registry_id": study["registry_id"]})


def _study(res: dict[str, Any], out: Plan, visits: Any) -> None:
    """A ResearchStudy gives its ClinicalTrials.gov identifier to the subjects that name it."""
    registry = next((i.get("value") for i in res.get("identifier", []) if i.get("system") == c.CTGOV), None)
    if not registry:
        raise Skip("a ResearchStudy without a ClinicalTrials.gov identifier is not read", "not_mapped")
    out._studies[str(res.get("id", ""))] = {"registry_id": str(registry)[:64], "title": res.get("title", "")}


def _subject(res: dict[str, Any], out: Plan, visits: Any) -> None:
    study = str((res.get("study") or {}).get("reference", "")).partition("/")[2]
    if not study:
        raise Skip("a ResearchSubject needs its study")
    period = res.get("period") or {}
    out._subjects.append(
        {
            "id": str(res.get("id", "")),
            "study": study,
            "status": str(res.get("status", "on-study")),
            "started_on": _date(period["start"]) if period.get("start") else None,
            "ended_on": _date(period["end"]) if period.get("end") else None,
        }
    )


_HANDLERS: dict[str, Any] = {
    "Patient": _patient,
    "Condition": _condition,
    "Observation": _observation,
    "QuestionnaireResponse": _questionnaire,
    "MedicationStatement": _medication,
    "AdverseEvent": _adverse_event,
    "Consent": _consent,
    "BiologicallyDerivedProduct": _product,
    "Procedure": _procedure,
    "ResearchStudy": _study,
    "ResearchSubject": _subject,
}
