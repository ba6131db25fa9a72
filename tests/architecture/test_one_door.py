"""Nothing but the door queries patient rows: an AST scan of the package.

Views, the API, commands, exports and templates' helpers must read patient data through
``synovia.access.door`` (directly, or through the selectors and read modules that open a
``door.reading``). This test fails when a module outside the allowed places writes
``<patient model>.objects``, so a new page cannot quietly read around the audit log.
"""

from __future__ import annotations

import ast
from pathlib import Path

import synovia

PATIENT_MODELS = {
    "Patient",
    "Medication",
    "Consent",
    "StateChange",
    "Visit",
    "LabResult",
    "Imaging",
    "Evaluation",
    "TreatmentProgram",
    "Infusion",
    "ScheduledVisit",
    "AdverseEvent",
    "Alert",
    "ReminderSent",
    "Referral",
    "PatientReport",
    "Thread",
    "Message",
    "TrialAlertRequest",
    "TrialAlertSent",
    "TrialEnrolment",
}

# Where patient rows may be queried, and why.
ALLOWED = {
    "access/door.py": "the door itself",
    "access/rights.py": "data-subject export and erasure (one door.reading / door.record each)",
    "clinic/selectors.py": "reads, each inside a door.reading",
    "trials/patient_reads.py": "reads for matching, each inside a door.reading",
    "trials/clinic_facts.py": "prefetch definitions only (the querysets are run by the door)",
    "clinic/services": "writes (audited by the services' save helper)",
    "clinic/bulk": "the synthetic cohort loader (writes, synthetic data only)",
    "clinic/management/commands/demo_data.py": "checks whether a synthetic seed is loaded",
    "research/selectors.py": "outcomes report rows, inside door.research_cohort / door.reading",
    "selfcheck/selectors.py": "referral reads, each in a door.reading (or a door.record of the sender)",
    "selfcheck/services.py": "referral writes (audited by the clinic services' save helper)",
    "api/selectors.py": "the API's reads, each inside a door.reading",
    "interop/records.py": "FHIR export reads, inside a door.reading (export) or door.research_cohort",
    "interop/services.py": "FHIR import: clinic services write; the patient found in a door.reading",
    "myrecord/selectors.py": "the patient's own reads and the messages, each inside a door.reading",
    "myrecord/services.py": "the patient's writes (each logged with door.record_write)",
    "myrecord/trial_alerts.py": "alerts after a catalog import, inside one door.reading",
}

ROOT = Path(synovia.__file__).parent


def _allowed(relative: str) -> bool:
    return any(relative == key or relative.startswith(key + "/") for key in ALLOWED)


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in {"objects", "_default_manager"}
            and isinstance(node.value, ast.Name)
            and node.value.id in PATIENT_MODELS
        ):
            found.append(f"{node.value.id}.{node.attr} at line {node.lineno}")
    return found


def test_only_the_door_and_its_readers_query_patient_rows() -> None:
    offences = {}
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if "/migrations/" in relative or relative.startswith("core/") or _allowed(relative):
            continue
        if found := _offences(path):
            offences[relative] = found
    assert not offences, f"patient rows queried outside the door: {offences}"


def test_the_scan_sees_a_query_when_there_is_one(tmp_path) -> None:
    sample = tmp_path / "views.py"
    sample.write_text("from x import Patient\nrows = Patient.objects.all()\n", encoding="utf-8")
    assert _offences(sample) == ["Patient.objects at line 2"]
