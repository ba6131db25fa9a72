"""Pure command functions behind ``synovia trials match`` and ``synovia trials parse``.

Both write JSON to ``out`` and return an exit code: 0 on success, 2 on bad input (unknown
fact key, unreadable file, bad JSON, not a study), with a one-line message on ``err``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from synovia.core.eligibility.evaluate import match_to_dict, match_trials
from synovia.core.eligibility.facts import FactsError, PatientFacts
from synovia.core.eligibility.parsing import parse_catalog
from synovia.core.eligibility.rules import has_review, is_structured, rule_to_dict
from synovia.core.eligibility.studies import Study, StudyError, load_catalog, load_studies
from synovia.core.jsonsafe import JsonInputError, safe_json_loads

BAD_INPUT = 2


def read_patient(path: Path | str) -> PatientFacts:
    """Patient facts from a JSON file; :class:`FactsError` on any problem (unreadable, not
    UTF-8, not JSON, NaN/Infinity, huge numbers, deep nesting, not an object, bad facts)."""
    try:
        data = safe_json_loads(Path(path).read_bytes())
    except OSError as exc:
        raise FactsError(f"cannot read patient file {path}: {exc.strerror or exc}") from exc
    except JsonInputError as exc:
        raise FactsError(f"patient file {path} is not valid JSON: {exc}") from exc
    return PatientFacts.from_dict(data)


def _studies(path: Path | str | None) -> list[Study]:
    return load_catalog() if path is None else load_studies(path)


def match_command(
    patient_path: Path | str,
    trials_path: Path | str | None,
    out: TextIO,
    err: TextIO | None = None,
) -> int:
    """Print the patient's matches against the trials (default: installed catalog)."""
    try:
        facts = read_patient(patient_path)
        catalog = parse_catalog(_studies(trials_path))
    except (FactsError, StudyError) as exc:
        return _fail(exc, err)
    matches = [match_to_dict(m) for m in match_trials(catalog, facts)]
    _write(matches, out)
    return 0


def parse_command(path: Path | str | None, out: TextIO, err: TextIO | None = None) -> int:
    """Print the structured criteria of each study in ``path`` (default: the catalog)."""
    try:
        catalog = parse_catalog(_studies(path))
    except StudyError as exc:
        return _fail(exc, err)
    _write([_study_dict(trial_id, criteria) for trial_id, criteria in catalog], out)
    return 0


def coverage_command(
    path: Path | str | None, out: TextIO, err: TextIO | None = None, holdout: bool = False
) -> int:
    """Print per trial and in total how many criteria are fully structured, partly structured
    (a safe rule with a review part), assessed by the site, or left for review. With
    ``holdout``, also the development and held-out parts (:func:`report.split_holdout`)."""
    from synovia.core.eligibility import report

    try:
        studies = _studies(path)
    except StudyError as exc:
        return _fail(exc, err)
    rows = report.coverage_rows(studies)
    out.write(report.coverage_table(rows) + "\n\n" + report.summary(rows) + "\n")
    if holdout:
        dev, held = report.split_holdout(studies)
        for label, part in (("development", dev), ("held out", held)):
            out.write(f"{label} ({len(part)} trials): {report.summary(report.coverage_rows(part))}\n")
    return 0


def _study_dict(trial_id: str, criteria: Any) -> dict[str, Any]:
    return {
        "trial": trial_id,
        "criteria": [
            {
                "kind": c.kind,
                "source": c.source,
                "text": c.text,
                "structured": is_structured(c.rule) and not has_review(c.rule),
                "rule": rule_to_dict(c.rule),
            }
            for c in criteria
        ],
    }


def _write(data: object, out: TextIO) -> None:
    out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _fail(exc: Exception, err: TextIO | None) -> int:
    (err or sys.stderr).write(f"error: {exc}\n")
    return BAD_INPUT
