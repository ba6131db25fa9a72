"""``synovia trials import|match|parse|screen``: thin shells over the core and the services.

- ``import [PATH] [--fetch ID ...]``: import studies (a study JSON file, a list, a page or a
  directory; default: the shipped catalog) into the database; re-import updates, never
  duplicates, and keeps curator-approved rules while their text is unchanged. ``--fetch``
  asks the registry's API v2 for the given ids and says clearly when there is no network.
- ``match --patient FILE [--trials FILE_OR_DIR]``: the patient's matches as JSON, closest
  first. Without ``--trials`` it uses the installed catalog (the database, with approved
  rules; the shipped files when the database holds no trial).
- ``parse [FILE_OR_DIR]``: each study's structured criteria.
- ``screen --facts FILE | --database [--clinic CODE] [--trials FILE_OR_DIR] [--out FILE]``: a
  batch screen of a facts table (Parquet or CSV), or of every patient on record read a slice
  at a time (memory stays that of one slice), against every trial; writes verdicts as CSV.

Bad input exits with status 2 and one message.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import closing, nullcontext
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError
from django.utils import timezone

from synovia.access import door
from synovia.core.eligibility.batch import read_facts_table, screen
from synovia.core.eligibility.cli import coverage_command, match_command, parse_command, read_patient
from synovia.core.eligibility.evaluate import match_to_dict, match_trials
from synovia.core.eligibility.facts import FactsError
from synovia.core.eligibility.parsing import parse_catalog
from synovia.core.eligibility.studies import StudyError, load_catalog, load_studies, study_from_dict
from synovia.trials import patient_reads, selectors
from synovia.trials.importing import catalog_dir, read_records
from synovia.trials.plain import facts_of
from synovia.trials.screening import verdict_table
from synovia.trials.services import trials_import
from synovia.web import csvsafe

BAD_INPUT = 2
REGISTRY_API = "https://clinicaltrials.gov/api/v2/studies/{}"


class Command(BaseCommand):
    help = "Import, match, parse or batch-screen registered trials."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="import study JSON into the catalog")
        imp.add_argument("path", nargs="?", default=None, help="study JSON file or directory")
        imp.add_argument("--fetch", nargs="+", metavar="ID", help="fetch these ids from the registry")
        match = sub.add_parser("match", help="match one patient's facts (JSON) against trials")
        match.add_argument("--patient", required=True, help="patient facts JSON file")
        match.add_argument("--trials", default=None, help="study JSON file or directory")
        parse = sub.add_parser("parse", help="print the structured criteria of each study")
        parse.add_argument("path", nargs="?", default=None, help="study JSON file or directory")
        scr = sub.add_parser("screen", help="screen a facts table (Parquet/CSV) against every trial")
        source = scr.add_mutually_exclusive_group(required=True)
        source.add_argument("--facts", help="facts table: .parquet or .csv")
        source.add_argument("--database", action="store_true", help="every patient in the database")
        scr.add_argument("--clinic", help="with --database: only this clinic (its code)")
        scr.add_argument("--trials", default=None, help="study JSON file or directory")
        scr.add_argument("--out", default=None, help="write the verdicts CSV here (default: stdout)")
        cov = sub.add_parser("coverage", help="how many criteria are structured, per trial and in total")
        cov.add_argument("path", nargs="?", default=None, help="study JSON file or directory")
        cov.add_argument("--holdout", action="store_true", help="also the development and held-out parts")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        handler = {
            "import": self._import,
            "match": self._match,
            "parse": lambda o: parse_command(o["path"], self.stdout, self.stderr),
            "screen": self._screen,
            "coverage": lambda o: coverage_command(o["path"], self.stdout, self.stderr, o["holdout"]),
        }[action]
        code = handler(options)
        if code:
            sys.exit(code)

    def _fail(self, message: str) -> int:
        self.stderr.write(f"error: {message}")
        return BAD_INPUT

    def _import(self, options: dict[str, Any]) -> int:
        try:
            if options["fetch"]:
                records = [_fetch(registry_id) for registry_id in options["fetch"]]
                studies = [study_from_dict(r) for r in records]
                raw = {s.registry_id: r for s, r in zip(studies, records, strict=True)}
            else:
                studies, raw = read_records(options["path"] or catalog_dir())
        except (StudyError, NoNetworkError) as exc:
            return self._fail(str(exc))
        report = trials_import(studies=studies, raw_by_id=raw)
        self.stdout.write(
            f"Imported {len(studies)} studies: {report.created} new, {report.updated} updated, "
            f"{report.criteria} criteria, {report.approved_kept} curator-approved rules kept, "
            f"{report.changed_since_approval} changed since approval (to review again)."
        )
        return 0

    def _match(self, options: dict[str, Any]) -> int:
        if options["trials"] is not None:
            return match_command(options["patient"], options["trials"], self.stdout, self.stderr)
        catalog = _installed_catalog()
        if catalog is None:
            return match_command(options["patient"], None, self.stdout, self.stderr)
        try:
            facts = read_patient(options["patient"])
        except FactsError as exc:
            return self._fail(str(exc))
        matches = [match_to_dict(m) for m in match_trials(catalog, facts)]
        self.stdout.write(json.dumps(matches, indent=2, ensure_ascii=False))
        return 0

    def _screen(self, options: dict[str, Any]) -> int:
        try:
            if options["trials"]:
                catalog = parse_catalog(load_studies(options["trials"]))
            else:
                catalog = _installed_catalog() or parse_catalog(load_catalog())
            if options["database"]:
                return self._screen_database(options, catalog)
            frame = read_facts_table(options["facts"])
            result = screen(frame, catalog)
        except (FactsError, StudyError, OSError) as exc:
            return self._fail(str(exc))
        table = csvsafe.safe_frame(verdict_table(frame, result))
        if options["out"]:
            table.write_csv(options["out"])
            self.stdout.write(
                f"Screened {frame.height} patients against {len(catalog)} trials: {options['out']}"
            )
        else:
            self.stdout.write(table.write_csv())
        return 0

    def _screen_database(self, options: dict[str, Any], catalog: list[Any]) -> int:
        """Every patient on record (or of ``--clinic``), a slice at a time: the slice's facts
        (only those the catalog reads), its batch screen and its CSV rows, then the next, so
        memory stays that of one slice whatever the size of the registry."""
        out = options["out"]
        chunks = _database_fact_chunks(options["clinic"], catalog)
        # closing: a run stopped half-way (a bad rule, a full disk) still writes its audit event.
        with (
            closing(chunks),
            open(out, "w", encoding="utf-8", newline="") if out else nullcontext(None) as file,
        ):
            screened = 0
            for frame, notes in chunks:
                for note in notes:
                    self.stderr.write(f"note: {note}")
                rows = csvsafe.safe_frame(verdict_table(frame, screen(frame, catalog)))
                text = rows.write_csv(include_header=not screened)
                if file is None:
                    self.stdout.write(text, ending="")
                else:
                    file.write(text)
                screened += frame.height
        if out:
            self.stdout.write(f"Screened {screened} patients against {len(catalog)} trials: {out}")
        return 0


class NoNetworkError(RuntimeError):
    """The registry could not be reached."""


def _fetch(registry_id: str) -> dict[str, Any]:
    url = REGISTRY_API.format(urllib.request.quote(registry_id))
    try:
        with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310  # fixed https URL  # nosec B310
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        raise NoNetworkError(f"the registry answered {exc.code} for {registry_id}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise NoNetworkError(
            f"no network: the registry could not be reached ({exc}); import from files instead, "
            "e.g. `synovia trials import path/to/studies/`"
        ) from exc
    except json.JSONDecodeError as exc:
        raise NoNetworkError(f"the registry's answer for {registry_id} is not JSON") from exc


def _database_fact_chunks(clinic_code: str | None, catalog: list[Any]) -> Iterator[tuple[Any, list[str]]]:
    """Facts of every patient on record (pseudonyms as ids) that the catalog's criteria read,
    as the batch screen's tables, a slice of patients at a time, each with its notes naming
    the patient's pseudonym for a stored value read as unknown.

    An audited read through the one door, under the command's own principal (the operator at
    the server's console)."""
    who = door.for_command("trials screen --database")
    wanted = {fact for _, criteria in catalog for criterion in criteria for fact in facts_of(criterion.rule)}
    chunks = patient_reads.database_fact_chunks(
        who, clinic_code=clinic_code, today=timezone.localdate(), facts=wanted
    )
    try:
        yield from chunks
    except patient_reads.NoPatients as exc:
        raise FactsError(str(exc)) from exc


def _installed_catalog() -> list | None:
    """The database catalog with approved rules, or None when it holds no trial."""
    try:
        catalog = selectors.catalog_for_matching()
    except DatabaseError:
        return None
    return catalog or None
