"""Rows for a synthetic cohort's care: treatment programs, infusions, evaluations and
imaging, adverse events."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import numpy as np

from synovia.clinic.bulk.writer import Row, TableWriter, dates
from synovia.clinic.models import AdverseEvent, Evaluation, Imaging, Infusion, TreatmentProgram
from synovia.clinic.models.choices import Contraindication
from synovia.core.synthetic import Cohort


class CareRows(TableWriter):
    """Programs and their infusions and events; an evaluation (with imaging) per decided patient."""

    c: Cohort
    now: Any
    baseline_das28: dict[int, float | None]

    def programs(self, pids: np.ndarray) -> np.ndarray:
        g = self.c.programs
        fields = ["patient", "source", "autologous", "product", "dose_cells_per_kg",
                  "total_cells", "route", "joint", "planned_infusions", "interval_weeks",
                  "created_at"]  # fmt: skip
        rows = zip(
            pids[g["patient"]].tolist(),
            g["source"].tolist(),
            g["autologous"].tolist(),
            g["product"].tolist(),
            g["dose_per_kg"].tolist(),
            g["total_cells"].tolist(),
            g["route"].tolist(),
            g["joint"].tolist(),
            g["n_planned"].tolist(),
            g["interval_weeks"].tolist(),
            [self.now] * g["patient"].size,
            strict=True,
        )
        return self._insert(TreatmentProgram, fields, rows, g["patient"].size)

    def infusions(self, pids: np.ndarray, prog: np.ndarray) -> None:
        f = self.c.infusions
        fields = ["program", "patient", "number", "given_on", "lot", "dose_cells", "route",
                  "joint", "harvest_site", "immediate_reaction"]  # fmt: skip
        rows = zip(
            prog[f["program"]].tolist(),
            pids[f["patient"]].tolist(),
            f["number"].tolist(),
            dates(f["date"]),
            f["lot"].tolist(),
            f["dose_cells"].tolist(),
            f["route"].tolist(),
            f["joint"].tolist(),
            f["harvest_site"].tolist(),
            f["reaction"].tolist(),
            strict=True,
        )
        self._insert(Infusion, fields, rows, f["program"].size)

    def evaluations(self, pids: np.ndarray) -> None:
        """Needs the baseline DAS28 the visit rows record (``visits`` runs first)."""
        p = self.c.patients
        decided = np.flatnonzero(~np.isin(p["state"], ["referred", "evaluating"]))
        checks = [c.value for c in Contraindication]
        referred = dates(p["referred_on"])

        def evals() -> Iterator[Row]:
            for i in decided.tolist():
                no = p["state"][i] == "not_candidate"
                found = dict.fromkeys(checks, False)
                if no and i % 2:
                    found["tb" if p["tb_latent"][i] else "malignancy"] = True
                reason = (
                    "Synthetic: contraindication or low disease activity"
                    if no
                    else "Synthetic: refractory active RA"
                )
                das = self.baseline_das28.get(i)
                yield (
                    int(pids[i]),
                    referred[i],
                    None,
                    6 + i % 5,
                    "{}",
                    das,
                    "",
                    json.dumps(found),
                    not no,
                    reason,
                    "",
                )

        fields = ["patient", "evaluated_on", "clinician", "acr_eular_score", "acr_eular_inputs",
                  "das28", "das28_category", "contraindications", "candidate", "reason",
                  "measures_version"]  # fmt: skip
        self._insert(Evaluation, fields, evals(), decided.size)
        imaging = zip(
            pids[decided].tolist(),
            [referred[i] for i in decided.tolist()],
            p["steinbrocker"][decided].tolist(),
            p["erosions"][decided].tolist(),
            [None] * decided.size,
            strict=True,
        )
        self._insert(
            Imaging,
            ["patient", "taken_on", "steinbrocker_stage", "erosions", "sharp_vdh"],
            imaging,
            decided.size,
        )

    def events(self, pids: np.ndarray, prog: np.ndarray) -> None:
        a = self.c.adverse_events
        fields = ["patient", "program", "term", "grade", "serious", "serious_criteria",
                  "relatedness", "onset", "resolved_on", "outcome", "action_taken",
                  "reported_by", "created_at"]  # fmt: skip
        rows = zip(
            pids[a["patient"]].tolist(),
            prog[a["program"]].tolist(),
            a["term"].tolist(),
            a["grade"].tolist(),
            a["serious"].tolist(),
            [json.dumps([c] if c else []) for c in a["criteria"].tolist()],
            a["relatedness"].tolist(),
            dates(a["onset"]),
            dates(a["resolved"]),
            a["outcome"].tolist(),
            a["action"].tolist(),
            [None] * a["patient"].size,
            [self.now] * a["patient"].size,
            strict=True,
        )
        self._insert(AdverseEvent, fields, rows, a["patient"].size)
