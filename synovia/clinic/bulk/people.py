"""Rows for the people in a synthetic cohort: clinics, patients, consents, medication history."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from typing import Any

import numpy as np
from django.db import connection

from synovia.accounts.models import Clinic
from synovia.clinic.bulk.writer import Row, TableWriter, dates
from synovia.clinic.models import Consent, Medication, Patient
from synovia.core.synthetic import Cohort

GIVEN = ("Ana", "Lucía", "María", "Carmen", "Sofía", "Elena", "Laura", "Isabel", "Paula",
         "Marta", "José", "Luis", "Carlos", "Javier", "Miguel", "Pablo")  # fmt: skip
FAMILY = ("García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Díaz",
          "Ruiz", "Torres", "Vargas", "Rojas", "Castro", "Morales", "Ortiz", "Silva")  # fmt: skip
CSDMARDS = ("methotrexate", "leflunomide", "sulfasalazine", "hydroxychloroquine")
BIOLOGICS = ("adalimumab", "etanercept", "tocilizumab", "abatacept", "rituximab")
JAKIS = ("tofacitinib", "baricitinib", "upadacitinib")


class PeopleRows(TableWriter):
    """Clinics, patients (every one marked synthetic), their consents and prior drugs."""

    c: Cohort
    seed: int
    now: Any

    def clinics(self) -> list[int]:
        out = []
        for name, code, city, country in self.c.clinics:
            clinic, _ = Clinic.objects.get_or_create(
                code=code,
                defaults={"name": name, "city": city, "country": country, "synthetic": True},
            )
            out.append(clinic.pk)
        return out

    def patients(self, clinics: list[int]) -> np.ndarray:
        p = self.c.patients
        n = p["clinic"].size
        fields = ["clinic", "record_number", "given_name", "family_name", "email", "pseudonym",
                  "sex", "birth_date", "weight_kg", "diagnosis_date", "rf_status",
                  "acpa_status", "erosions", "malignancy", "active_infection", "hbv_status",
                  "hcv_status", "hiv_status", "tb_status", "pregnant_or_lactating",
                  "other_comorbidities", "state", "referred_on", "synthetic", "created_at",
                  "updated_at"]  # fmt: skip
        cols = zip(
            p["clinic"].tolist(),
            dates(p["birth_date"]),
            p["weight_kg"].tolist(),
            dates(p["diagnosis_date"]),
            p["rf_positive"].tolist(),
            p["acpa_positive"].tolist(),
            p["erosions"].tolist(),
            p["tb_latent"].tolist(),
            p["hbv_core_positive"].tolist(),
            p["state"].tolist(),
            dates(p["referred_on"]),
            p["sex"].tolist(),
            strict=True,
        )
        s = self.seed

        def rows() -> Iterator[Row]:
            for i, (cl, born, kg, dx, rf, acpa, ero, tb, hbv, state, ref, sex) in enumerate(cols):
                yield (
                    clinics[cl],
                    f"SYN{s}-{i + 1:06d}",
                    GIVEN[(i * 7 + s) % 16],
                    FAMILY[(i * 11 + s) % 16],
                    f"synthetic-{s}-{i + 1}@example.invalid",
                    "P" + secrets.token_hex(6).upper(),
                    sex,
                    born,
                    round(kg, 1),
                    dx,
                    "positive" if rf else "negative",
                    "positive" if acpa else "negative",
                    ero,
                    False,
                    False,
                    "latent" if hbv else "negative",
                    "negative",
                    "negative",
                    "latent" if tb else "negative",
                    False,
                    "",
                    state,
                    ref,
                    True,
                    self.now,
                    self.now,
                )

        return self._insert(Patient, fields, rows(), n)

    def consents(self, pids: np.ndarray) -> None:
        research = (self.c.patients["research_panel"] | (np.arange(pids.size) % 5 != 0)).tolist()
        referred = dates(self.c.patients["referred_on"])
        adapt = connection.ops.adapt_datetimefield_value

        def rows() -> Iterator[Row]:
            for pid, day, res in zip(pids.tolist(), referred, research, strict=True):
                when = adapt(dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC))  # type: ignore[arg-type]
                for scope in ("treatment", "data_use", "research")[: 3 if res else 2]:
                    yield (pid, scope, "1.0", when, None, None)

        fields = ["patient", "scope", "text_version", "given_at", "withdrawn_at", "recorded_by"]
        self._insert(Consent, fields, rows(), 2 * pids.size + sum(research))

    def medications(self, pids: np.ndarray) -> None:
        p = self.c.patients
        dx = dates(p["diagnosis_date"])
        latest = dates(p["referred_on"])
        bio, jak = (p["prior_biologics"] > 0).tolist(), p["prior_jaki"].tolist()

        def at(i: int, fraction: float) -> dt.date:
            """A day ``fraction`` of the way from diagnosis to referral."""
            start, end = dx[i], latest[i]
            if start is None or end is None or end <= start:
                return end or start  # type: ignore[return-value]
            return start + dt.timedelta(days=int((end - start).days * fraction))

        def rows() -> Iterator[Row]:
            for i, pid in enumerate(pids.tolist()):
                stopped = i % 3 == 0
                yield (
                    pid,
                    "csdmard",
                    CSDMARDS[i % 4],
                    dx[i],
                    at(i, 0.3) if stopped else None,
                    "inadequate_response" if stopped else "",
                )
                if bio[i]:
                    yield (
                        pid,
                        "biologic",
                        BIOLOGICS[i % 5],
                        at(i, 0.35),
                        at(i, 0.7),
                        "inadequate_response" if i % 2 else "intolerance",
                    )
                if jak[i]:
                    yield (pid, "jaki", JAKIS[i % 3], at(i, 0.75), at(i, 0.95), "adverse_event")

        fields = ["patient", "drug_class", "name", "started_on", "stopped_on", "stop_reason"]
        self._insert(Medication, fields, rows(), pids.size + sum(bio) + sum(jak))
