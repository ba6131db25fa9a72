"""Read registry records for import: the core's study reader plus the raw JSON we keep."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from synovia.core.eligibility.studies import Study, StudyError, study_from_dict


def catalog_dir() -> Path:
    """The shipped default catalog: real registered MSC-for-RA trials."""
    return Path(str(resources.files("synovia.data") / "trials"))


def read_records(path: Path | str) -> tuple[list[Study], dict[str, Any]]:
    """Studies and their raw records from a study file, a list, a page, or a directory."""
    path = Path(path)
    if not path.exists():
        raise StudyError(f"{path} does not exist")
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if path.is_dir() and not files:
        raise StudyError(f"{path} holds no .json files")
    studies: list[Study] = []
    raw: dict[str, Any] = {}
    for file in files:
        for record in _records(_load(file)):
            study = study_from_dict(record)
            studies.append(study)
            raw[study.registry_id] = record
    return studies, raw


def _load(file: Path) -> Any:
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise StudyError(f"cannot read {file}: {exc.strerror or exc}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise StudyError(f"{file} is not valid JSON: {exc}") from exc


def _records(data: Any) -> Iterator[Mapping[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _records(item)
    elif isinstance(data, Mapping) and isinstance(data.get("studies"), list):
        yield from _records(data["studies"])
    elif isinstance(data, Mapping) and isinstance(data.get("protocolSection"), Mapping):
        yield data
    else:
        raise StudyError("expected a study with protocolSection, a list, or a studies page")
