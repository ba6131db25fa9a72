"""Bulk loading of a synthetic cohort (``synovia demo-data``): column arrays from
``synovia.core.synthetic`` into the clinic tables.

Speed: rows are written as plain tuples with ids assigned up front, through PostgreSQL
``COPY ... FROM STDIN`` (psycopg 3) or ``executemany`` on SQLite, and the id sequences are
reset at the end; building Django model instances would cost ~100 us per row, too slow
for 100,000 patients (~2.5 million rows) in under five minutes. The loader runs in one
transaction and assumes no one else inserts into these tables meanwhile (a demo/bench
tool, not a live-clinic import).

Bulk inserts bypass ``save()``, so no history rows are written for synthetic data: the
audit trail covers changes people make, not the generator. Every patient and clinic is
marked synthetic.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone
from tqdm import tqdm

from synovia.accounts.models import Clinic
from synovia.clinic.models import (
    AdverseEvent,
    Consent,
    Evaluation,
    Imaging,
    Infusion,
    LabResult,
    Medication,
    Patient,
    ScheduledVisit,
    TreatmentProgram,
    Visit,
)
from synovia.clinic.models.choices import Contraindication
from synovia.core import labs, measures
from synovia.core.joints import JOINTS_28, JOINTS_66, JOINTS_68
from synovia.core.pathway import DEFAULT_AFTER_DAYS, DEFAULT_BEFORE_DAYS
from synovia.core.synthetic import Cohort
from synovia.core.synthetic.dates import add_months

CHUNK = 5000
GIVEN = ("Ana", "Lucía", "María", "Carmen", "Sofía", "Elena", "Laura", "Isabel", "Paula",
         "Marta", "José", "Luis", "Carlos", "Javier", "Miguel", "Pablo")  # fmt: skip
FAMILY = ("García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Díaz",
          "Ruiz", "Torres", "Vargas", "Rojas", "Castro", "Morales", "Ortiz", "Silva")  # fmt: skip
CSDMARDS = ("methotrexate", "leflunomide", "sulfasalazine", "hydroxychloroquine")
BIOLOGICS = ("adalimumab", "etanercept", "tocilizumab", "abatacept", "rituximab")
JAKIS = ("tofacitinib", "baricitinib", "upadacitinib")
CODES68, CODES66 = np.asarray(JOINTS_68), np.asarray(JOINTS_66)
IN28 = np.isin(CODES68, np.asarray(JOINTS_28))
IN28_66 = IN28[np.isin(CODES68, CODES66)]
LABELS = {0: "", 1: "M1", 3: "", 6: "M6", 12: "M12"}
Row = tuple[Any, ...]


def _dates(values: np.ndarray) -> list[dt.date | None]:
    """``datetime64[D]`` to dates (NaT to None), vectorised."""
    out: list[dt.date | None] = values.astype(object).tolist()
    return out


def _floats(values: np.ndarray) -> list[float | None]:
    return [None if v != v else v for v in values.astype(float).tolist()]  # noqa: PLR0124


class Loader:
    """Insert a cohort table by table, keeping the new ids as arrays for foreign keys."""

    def __init__(self, cohort: Cohort, *, seed: int, progress: bool = True) -> None:
        self.c = cohort
        self.seed = seed
        n = cohort.patients["clinic"].size
        total = (
            6 * n
            + 3 * cohort.programs["patient"].size
            + sum(
                len(t["patient"])
                for t in (cohort.infusions, cohort.visits, cohort.labs, cohort.adverse_events)
            )
        )
        self.bar = tqdm(total=total, unit="rows", disable=not progress, desc="demo-data")
        self.now = connection.ops.adapt_datetimefield_value(timezone.now())
        self.touched: list[type[models.Model]] = []
        self.baseline_das28: dict[int, float | None] = {}

    # -- raw insertion ------------------------------------------------------------------

    def _insert(
        self, model: type[models.Model], fields: list[str], rows: Iterable[Row], n: int
    ) -> np.ndarray:
        """Insert ``n`` rows of ``fields`` (attribute names) with fresh ids; return the ids."""
        meta = model._meta
        table = meta.db_table
        with connection.cursor() as cur:
            cur.execute(f'SELECT COALESCE(MAX("id"), 0) FROM "{table}"')  # noqa: S608 - model table name
            start = int(cur.fetchone()[0]) + 1
            ids = np.arange(start, start + n, dtype=np.int64)
            columns = ["id", *(meta.get_field(f).column for f in fields)]
            written = self._write(cur, table, columns, rows, ids)
        if written != n:
            raise RuntimeError(f"{table}: expected {n} rows, wrote {written}")
        self.touched.append(model)
        return ids

    def _write(self, cur: Any, table: str, columns: list[str], rows: Iterable[Row], ids: np.ndarray) -> int:
        names = ", ".join(f'"{c}"' for c in columns)
        id_list = ids.tolist()
        k = 0
        if connection.vendor == "postgresql":
            with cur.cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for k, row in enumerate(rows, start=1):
                    copy.write_row((id_list[k - 1], *row))
                    if k % CHUNK == 0:
                        self.bar.update(CHUNK)
            self.bar.update(k % CHUNK)
            return k
        sql = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join(["%s"] * len(columns))})'  # noqa: S608
        batch: list[Row] = []
        for k, row in enumerate(rows, start=1):
            batch.append((id_list[k - 1], *row))
            if len(batch) == CHUNK:
                cur.executemany(sql, batch)
                self.bar.update(len(batch))
                batch.clear()
        if batch:
            cur.executemany(sql, batch)
            self.bar.update(len(batch))
        return k

    def _reset_sequences(self) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), self.touched)
        with connection.cursor() as cur:
            for sql in statements:
                cur.execute(sql)

    # -- tables -------------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        with transaction.atomic():
            clinics = self.clinics()
            pids = self.patients(clinics)
            self.consents(pids)
            self.medications(pids)
            prog = self.programs(pids)
            self.infusions(pids, prog)
            vids = self.visits(pids)
            self.schedule(pids, vids)
            self.evaluations(pids)
            self.labs(pids, vids)
            self.events(pids, prog)
            self._reset_sequences()
        self.bar.close()
        return {"patients": pids.size, "visits": vids.size, "labs": len(self.c.labs["patient"])}

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
            _dates(p["birth_date"]),
            p["weight_kg"].tolist(),
            _dates(p["diagnosis_date"]),
            p["rf_positive"].tolist(),
            p["acpa_positive"].tolist(),
            p["erosions"].tolist(),
            p["tb_latent"].tolist(),
            p["hbv_core_positive"].tolist(),
            p["state"].tolist(),
            _dates(p["referred_on"]),
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
        referred = _dates(self.c.patients["referred_on"])
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
        dx = _dates(p["diagnosis_date"])
        latest = _dates(p["referred_on"])
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
            _dates(f["date"]),
            f["lot"].tolist(),
            f["dose_cells"].tolist(),
            f["route"].tolist(),
            f["joint"].tolist(),
            f["harvest_site"].tolist(),
            f["reaction"].tolist(),
            strict=True,
        )
        self._insert(Infusion, fields, rows, f["program"].size)

    VISIT_FIELDS = ["patient", "kind", "label", "visit_date", "recorded_by", "tender_joints",
                    "swollen_joints", "tjc28", "sjc28", "tjc68", "sjc66", "esr_mm_h",
                    "crp_mg_l", "ptga_cm", "ega_cm", "pain_cm", "function_cm", "haq_items",
                    "das28_esr", "das28_crp", "cdai", "sdai", "haq_di", "rapid3", "categories",
                    "measures_version"]  # fmt: skip

    def visits(self, pids: np.ndarray) -> np.ndarray:
        v = self.c.visits
        n = v["patient"].size
        entered = {
            "tjc28": v["tender"][:, IN28].sum(axis=1),
            "sjc28": v["swollen"][:, IN28_66].sum(axis=1),
            "esr_mm_h": v["esr"],
            "crp_mg_l": v["crp"],
            "ptga_cm": v["ptga_cm"],
            "ega_cm": v["ega_cm"],
            "pain_cm": v["pain_cm"],
            "function_cm": np.round(v["haq"] * 10 / 3, 1),
        }
        scores = _batch_scores(entered, n)
        das = [
            a if a is not None else b for a, b in zip(scores["das28_esr"], scores["das28_crp"], strict=True)
        ]
        for pat, month, value in zip(v["patient"].tolist(), v["month"].tolist(), das, strict=True):
            if month == 0:
                self.baseline_das28[pat] = value
        cols = zip(
            pids[v["patient"]].tolist(),
            v["kind"].tolist(),
            v["month"].tolist(),
            _dates(v["date"]),
            v["tender"],
            v["swollen"],
            entered["tjc28"].tolist(),
            entered["sjc28"].tolist(),
            v["tender"].sum(axis=1).tolist(),
            v["swollen"].sum(axis=1).tolist(),
            _floats(v["esr"]),
            _floats(v["crp"]),
            v["ptga_cm"].tolist(),
            v["ega_cm"].tolist(),
            v["pain_cm"].tolist(),
            entered["function_cm"].tolist(),
            scores["das28_esr"],
            scores["das28_crp"],
            scores["cdai"],
            scores["sdai"],
            v["haq"].tolist(),
            scores["rapid3"],
            scores["categories"],
            strict=True,
        )
        version = str(measures.MEASURES_VERSION)

        def rows() -> Iterator[Row]:
            for (
                pid,
                kind,
                month,
                day,
                tender,
                swollen,
                t28,
                s28,
                t68,
                s66,
                esr,
                crp,
                pt,
                eg,
                pain,
                fn,
                de,
                dc,
                cdai,
                sdai,
                haq,
                r3,
                cats,
            ) in cols:
                yield (
                    pid,
                    kind,
                    LABELS[month],
                    day,
                    None,
                    json.dumps(CODES68[tender].tolist()),
                    json.dumps(CODES66[swollen].tolist()),
                    t28,
                    s28,
                    t68,
                    s66,
                    esr,
                    crp,
                    pt,
                    eg,
                    pain,
                    fn,
                    "{}",
                    de,
                    dc,
                    cdai,
                    sdai,
                    haq,
                    r3,
                    cats,
                    version,
                )

        return self._insert(Visit, self.VISIT_FIELDS, rows(), n)

    def schedule(self, pids: np.ndarray, vids: np.ndarray) -> None:
        p, v = self.c.patients, self.c.visits
        treated = np.flatnonzero(p["treated"])
        key = v["patient"].astype(np.int64) * 100 + v["month"]
        order = np.argsort(key, kind="stable")
        skey = key[order]
        before = np.timedelta64(DEFAULT_BEFORE_DAYS, "D")
        after = np.timedelta64(DEFAULT_AFTER_DAYS, "D")
        parts = []
        for m in (1, 6, 12):
            target = add_months(p["first_infusion"][treated], m)
            want = treated.astype(np.int64) * 100 + m
            pos = np.clip(np.searchsorted(skey, want), 0, max(skey.size - 1, 0))
            found = skey[pos] == want if skey.size else np.zeros(want.size, bool)
            vis = order[pos]
            when = v["date"][vis] if skey.size else target
            inside = found & (when >= target - before) & (when <= target + after)
            link = [int(vids[x]) if ok else None for x, ok in zip(vis, inside, strict=True)]
            parts.append(
                zip(
                    pids[treated].tolist(),
                    [f"M{m}"] * treated.size,
                    [m] * treated.size,
                    _dates(target),
                    _dates(target - before),
                    _dates(target + after),
                    link,
                    strict=True,
                )
            )
        fields = ["patient", "label", "months", "target", "earliest", "latest", "visit"]
        self._insert(ScheduledVisit, fields, (r for part in parts for r in part), 3 * treated.size)

    def evaluations(self, pids: np.ndarray) -> None:
        p = self.c.patients
        decided = np.flatnonzero(~np.isin(p["state"], ["referred", "evaluating"]))
        checks = [c.value for c in Contraindication]
        referred = _dates(p["referred_on"])

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

    def labs(self, pids: np.ndarray, vids: np.ndarray) -> None:
        lab = self.c.labs
        specs = {k: labs.lab_test(k) for k in labs.LAB_TESTS}
        days = _dates(self.c.visits["date"][lab["visit"]])
        fields = ["patient", "visit", "collected_on", "test", "code", "system", "value", "unit",
                  "entered_value", "entered_unit", "ref_low", "ref_high"]  # fmt: skip

        def rows() -> Iterator[Row]:
            for pat, vis, day, key, value in zip(
                pids[lab["patient"]].tolist(),
                vids[lab["visit"]].tolist(),
                days,
                lab["key"].tolist(),
                lab["value"].tolist(),
                strict=True,
            ):
                s = specs[key]
                yield (
                    pat,
                    vis,
                    day,
                    key,
                    s.code,
                    s.system,
                    value,
                    s.unit,
                    value,
                    s.unit,
                    s.ref_low,
                    s.ref_high,
                )

        self._insert(LabResult, fields, rows(), lab["visit"].size)

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
            _dates(a["onset"]),
            _dates(a["resolved"]),
            a["outcome"].tolist(),
            a["action"].tolist(),
            [None] * a["patient"].size,
            [self.now] * a["patient"].size,
            strict=True,
        )
        self._insert(AdverseEvent, fields, rows, a["patient"].size)


SCORED = ("das28_esr", "das28_crp", "cdai", "sdai", "rapid3")
#: Below this many visits the NumPy engine scores faster than numba's one-off JIT compile
#: (~13 s in a fresh install); both engines are held equal by tests/core/measures.
COMPILED_ENGINE_FROM = 200_000


def _batch_scores(entered: dict[str, np.ndarray], n: int) -> dict[str, list[Any]]:
    """Scores of every visit with the core's vectorised engine (same formulas, bands and
    rounding as ``scoring.compute_scores``): values rounded to 4 decimals, None when not
    computable, and each visit's categories as JSON."""
    if n == 0:
        return {m: [] for m in (*SCORED, "categories")}
    engine = "numba" if n >= COMPILED_ENGINE_FROM else "numpy"
    result = measures.compute_visits(entered, measures=SCORED, engine=engine)
    out: dict[str, list[Any]] = {m: _floats(np.round(result[m], 4)) for m in SCORED}
    labels = {m: measures.CATEGORY_LABELS[m] for m in SCORED}
    codes = [result[f"{m}_category"].tolist() for m in SCORED]
    out["categories"] = [
        json.dumps({m: labels[m][c] for m, c in zip(SCORED, row, strict=True) if c >= 0})
        for row in zip(*codes, strict=True)
    ]
    return out
