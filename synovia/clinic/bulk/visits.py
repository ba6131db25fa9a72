"""Rows for a synthetic cohort's follow-up: visits (with their scores), the visit schedule,
lab results."""

from __future__ import annotations

import json
from collections.abc import Iterator

import numpy as np

from synovia.clinic.bulk.scores import batch_scores
from synovia.clinic.bulk.writer import Row, TableWriter, dates, floats
from synovia.clinic.models import LabResult, ScheduledVisit, Visit
from synovia.clinic.services.pathway import close_open_slots
from synovia.core import labs, measures
from synovia.core.joints import JOINTS_28, JOINTS_66, JOINTS_68
from synovia.core.pathway import DEFAULT_AFTER_DAYS, DEFAULT_BEFORE_DAYS
from synovia.core.synthetic import Cohort
from synovia.core.synthetic.dates import add_months

CODES68, CODES66 = np.asarray(JOINTS_68), np.asarray(JOINTS_66)
IN28 = np.isin(CODES68, np.asarray(JOINTS_28))
IN28_66 = IN28[np.isin(CODES68, CODES66)]
LABELS = {0: "", 1: "M1", 3: "", 6: "M6", 12: "M12"}


class VisitRows(TableWriter):
    """Visits scored in one batch (keeping each patient's baseline DAS28), their schedule, labs."""

    c: Cohort
    baseline_das28: dict[int, float | None]

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
        scores = batch_scores(entered, n)
        das = [
            measures.preferred_das28(a, b)
            for a, b in zip(scores["das28_esr"], scores["das28_crp"], strict=True)
        ]
        for pat, month, value in zip(v["patient"].tolist(), v["month"].tolist(), das, strict=True):
            if month == 0:
                self.baseline_das28[pat] = value
        cols = zip(
            pids[v["patient"]].tolist(),
            v["kind"].tolist(),
            v["month"].tolist(),
            dates(v["date"]),
            v["tender"],
            v["swollen"],
            entered["tjc28"].tolist(),
            entered["sjc28"].tolist(),
            v["tender"].sum(axis=1).tolist(),
            v["swollen"].sum(axis=1).tolist(),
            floats(v["esr"]),
            floats(v["crp"]),
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
                    dates(target),
                    dates(target - before),
                    dates(target + after),
                    link,
                    strict=True,
                )
            )
        fields = ["patient", "label", "months", "target", "earliest", "latest", "visit"]
        self._insert(ScheduledVisit, fields, (r for part in parts for r in part), 3 * treated.size)
        # Slots of patients loaded in a final state are closed, as a transition closes them
        # (an invariant of the whole table, so it is safe to restate it after every load).
        close_open_slots(ScheduledVisit.objects.all())

    def labs(self, pids: np.ndarray, vids: np.ndarray) -> None:
        lab = self.c.labs
        specs = {k: labs.lab_test(k) for k in labs.LAB_TESTS}
        days = dates(self.c.visits["date"][lab["visit"]])
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
