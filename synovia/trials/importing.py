"""Read registry records for import: the core's study reader plus the raw JSON we keep."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from synovia.core.eligibility.studies import Study, StudyError, load_records, study_from_dict


def catalog_dir() -> Path:
    """The shipped default catalog: real registered MSC-for-RA trials."""
    return Path(str(resources.files("synovia.data") / "trials"))


def read_records(path: Path | str) -> tuple[list[Study], dict[str, Any]]:
    """Studies and their raw records from a study file, a list, a page, or a directory."""
    path = Path(path)
    if not path.exists():
        raise StudyError(f"{path} does not exist")
    studies: list[Study] = []
    raw: dict[str, Any] = {}
    for record in load_records(path):
        study = study_from_dict(record)
        studies.append(study)
        raw[study.registry_id] = record
    return studies, raw
