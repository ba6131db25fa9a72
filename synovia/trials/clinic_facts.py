"""Eligibility facts from clinic records, as columns: one definition for one patient and for
a whole registry.

Only what the record states becomes a fact: anything not recorded stays unknown (null),
never false. Values come from the latest visit stating each score or count, the latest
result of each lab, the latest scored evaluation, the latest imaging and the medication
history.

:func:`facts_table` takes the record as Polars frames (the patients and one frame per
family of rows, with the columns of :data:`SCHEMA`) and returns one row of facts per
patient, computed set-based. The chart's match page feeds it the rows of one patient
(:func:`record_facts`); ``trials screen --database`` and the clinic's screen page feed it
every patient in scope, fetched with one query per family
(``patient_reads.database_facts``). There is no second, row-by-row definition to drift
from this one; the test suite holds it to an independent plain-Python reading of the same
rules (tests/apps/trials/reference_facts.py) on generated records.

Stored values are not trusted to be plausible (a row may predate the bounds, or come from
the admin or a bulk load): a value that is not a valid fact (outside its plausible range,
NaN, Infinity) becomes unknown with a note worded by the facts schema itself
(:func:`synovia.core.eligibility.facts.facts_from_record`), so one odd value never stops the
matching page, the screen or the command.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import polars as pl
from django.db.models import Prefetch, QuerySet

from synovia.clinic.models import Evaluation, Imaging, LabResult, Medication, Patient, Visit
from synovia.core.eligibility.batch import facts_frame
from synovia.core.eligibility.facts import FACTS, MAX_ITEMS, PatientFacts, facts_from_record
from synovia.core.measures.units import MM_PER_CM

FAILED_STOP_REASONS = ("inadequate_response", "loss_of_response", "intolerance", "adverse_event")
BIOLOGIC_CLASSES = ("biologic", "jaki")
SEX = {"F": "female", "M": "male"}
LAB_FACTS = {
    "esr": "esr_mm_h",
    "crp": "crp_mg_l",
    "hgb": "hemoglobin_g_l",
    "wbc": "wbc_10e9_l",
    "plt": "platelets_10e9_l",
    "creat": "creatinine_umol_l",
    "rf": "rf_iu_ml",
    "accp": "acpa_u_ml",
}
"""Lab tests whose stored value (in the test's unit, :mod:`synovia.core.labs`) is a fact."""
ULN_FACTS = {
    "alt": "alt_x_uln",
    "ast": "ast_x_uln",
    "crp": "crp_x_uln",
    "accp": "acpa_x_uln",
    "creat": "creatinine_x_uln",
}
"""Lab tests read as a multiple of the result's own upper limit of normal."""
DRUG_STOP_REASONS = {
    "inadequate_response": "inadequate_response",
    "loss_of_response": "loss_of_response",
    "intolerance": "intolerance",
    "adverse_event": "adverse_event",
    "remission": "other",
    "pregnancy": "other",
    "cost": "other",
    "other": "other",
}
"""The clinic's reasons for stopping a drug, in the words of the facts schema
(:data:`synovia.core.eligibility.facts.STOP_REASONS`); a blank reason is unknown."""
DAYS_PER_WEEK = 7.0
WEEKS_MAX = 100_000.0  # the facts schema's ceiling for a time in a history item
VISIT_FACTS = (
    "das28_esr",
    "das28_crp",
    "cdai",
    "sdai",
    "tjc28",
    "sjc28",
    "tjc68",
    "sjc66",
    "esr_mm_h",
    "crp_mg_l",
    "haq_di",
)
VISIT_SCALES_CM = {"patient_global_mm": "ptga_cm", "physician_global_mm": "ega_cm", "pain_vas_mm": "pain_cm"}
"""Facts in mm read from the visit's 0-10 cm scales (x ``MM_PER_CM``; rounded to 9 places so
that 0.7 cm is 7 mm, not 7.000000000000001)."""
DAYS_PER_YEAR = 365.25  # the Julian year: age in years = days / 365.25
DAYS_PER_MONTH = 30.4375  # a twelfth of the Julian year
SERO = {"rf_positive": "rf_status", "acpa_positive": "acpa_status"}
VIRUSES = {"hbv": "hbv_status", "hcv": "hcv_status", "hiv": "hiv_status"}

_F, _D, _I, _S, _B = pl.Float64, pl.Date, pl.Int64, pl.String, pl.Boolean
# The columns of each frame: what the facts need, plus the patient and the order of the rows
# (oldest first: date, then id). The set-based read fetches exactly these.
SCHEMA: dict[str, dict[str, Any]] = {
    "patients": {
        "id": _I, "pseudonym": _S, "birth_date": _D, "weight_kg": _F, "sex": _S,
        "diagnosis_date": _D, "rf_status": _S, "acpa_status": _S, "erosions": _B,
        "hbv_status": _S, "hcv_status": _S, "hiv_status": _S, "tb_status": _S,
    },
    "visits": {
        "patient_id": _I, **dict.fromkeys(VISIT_FACTS, _F), **dict.fromkeys(VISIT_SCALES_CM.values(), _F),
        "visit_date": _D, "id": _I,
    },
    "labs": {"patient_id": _I, "test": _S, "value": _F, "ref_high": _F, "collected_on": _D, "id": _I},
    "medications": {
        "patient_id": _I, "name": _S, "drug_class": _S, "stopped_on": _D, "stop_reason": _S,
        "started_on": _D, "id": _I,
    },
    "evaluations": {"patient_id": _I, "acr_eular_score": _F, "evaluated_on": _D, "id": _I},
    "images": {"patient_id": _I, "steinbrocker_stage": _F, "erosions": _B, "taken_on": _D, "id": _I},
}  # fmt: skip
ORDER = {
    "visits": ("visit_date", "id"),
    "labs": ("collected_on", "id"),
    "medications": ("started_on", "id"),
    "evaluations": ("evaluated_on", "id"),
    "images": ("taken_on", "id"),
}
FAMILIES = tuple(ORDER)
ROWS_NEEDED: dict[str, dict[str, Any]] = {"labs": {"test__in": sorted(set(LAB_FACTS) | set(ULN_FACTS))}}
"""Row filters a set-based read may apply: only the rows some fact reads (a third of a
registry's lab results are research cytokines that no fact reads)."""
FAMILY_FACTS: dict[str, frozenset[str]] = {
    "visits": frozenset(VISIT_FACTS) | frozenset(VISIT_SCALES_CM),
    "labs": frozenset(LAB_FACTS.values()) | frozenset(ULN_FACTS.values()),
    "medications": frozenset({"failed_csdmards", "failed_biologics", "current_drugs", "drug_history"}),
    "evaluations": frozenset({"meets_acr_eular_2010"}),
    "images": frozenset({"radiographic_stage", "erosions"}),
}
"""The facts each family of rows states (every other fact comes from the patient row alone)."""


def reads_for(facts: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """The families of rows a read must fetch for ``facts`` (default: every fact), each with
    its row filter: a screen for one trial reads only what its criteria read (lab results of
    the tests those facts name only). A family left out leaves its facts unknown, which no
    criterion of that trial reads."""
    if facts is None:
        return {family: ROWS_NEEDED.get(family, {}) for family in FAMILIES}
    wanted = set(facts)
    tests = sorted({test for test, fact in (*LAB_FACTS.items(), *ULN_FACTS.items()) if fact in wanted})
    reads = {family: {} for family in FAMILIES if family != "labs" and FAMILY_FACTS[family] & wanted}
    if tests:
        reads["labs"] = {"test__in": tests}
    return reads


def with_related(patients: QuerySet[Patient]) -> QuerySet[Patient]:
    """The prefetches :func:`record_facts` needs, in one query per relation."""
    return patients.prefetch_related(
        Prefetch("visits", queryset=Visit.objects.order_by(*ORDER["visits"])),
        Prefetch("lab_results", queryset=LabResult.objects.order_by(*ORDER["labs"])),
        Prefetch("evaluations", queryset=Evaluation.objects.order_by(*ORDER["evaluations"])),
        Prefetch("imaging", queryset=Imaging.objects.order_by(*ORDER["images"])),
        Prefetch("medications", queryset=Medication.objects.order_by(*ORDER["medications"])),
    )


# -- one patient ------------------------------------------------------------------------------


def record_facts(patient: Patient, today: dt.date) -> tuple[PatientFacts, list[str]]:
    """The validated facts of ``patient``'s record (prefetched with :func:`with_related`) and a
    note for each stored value that was read as unknown."""
    families = {
        "visits": patient.visits.all(),
        "labs": patient.lab_results.all(),
        "medications": patient.medications.all(),
        "evaluations": patient.evaluations.all(),
        "images": patient.imaging.all(),
    }
    frames = {name: rows_frame(name, rows) for name, rows in families.items()}
    table, notes = facts_table(rows_frame("patients", [patient]), frames, today)
    return row_facts(table.row(0, named=True)), [note for _, note in notes]


def patient_facts(patient: Patient, today: dt.date) -> dict[str, Any]:
    """The valid facts the record states for ``patient`` on ``today`` (keys of the schema)."""
    return dict(record_facts(patient, today)[0].values)


def rows_frame(name: str, rows: Iterable[Any]) -> pl.DataFrame:
    """A frame of ``name``'s schema from model instances (or any objects with its attributes)."""
    schema = SCHEMA[name]
    items = list(rows)
    data = {column: [_plain(getattr(row, column)) for row in items] for column in schema}
    return pl.DataFrame(data, schema=schema, strict=False)


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, str | dt.date | bool) else float(value)


def row_facts(row: Mapping[str, Any]) -> PatientFacts:
    """One row of :func:`facts_table` as validated facts (nulls are unknown)."""
    known = {k: v for k, v in row.items() if k in FACTS and v is not None}
    return PatientFacts.from_dict(known)


# -- every patient at once --------------------------------------------------------------------


_TEXT_FLOATS = {"NaN": "nan", "Infinity": "inf", "-Infinity": "-inf"}


def typed_frame(frame: pl.DataFrame, schema: Mapping[str, Any]) -> pl.DataFrame:
    """``frame`` (the columns of ``schema`` as fetched: typed values, or text from a CSV copy or
    SQLite) with every column cast to its type."""
    out = []
    for column, dtype in schema.items():
        series = frame[column]
        if series.dtype == pl.Null:
            series = series.cast(dtype)
        elif dtype == pl.Date and series.dtype == pl.String:
            series = series.str.to_date("%Y-%m-%d")
        elif dtype == pl.Boolean and series.dtype == pl.String:
            series = series.replace_strict(
                {"t": True, "f": False, "1": True, "0": False}, return_dtype=pl.Boolean
            )
        elif dtype == pl.Float64 and series.dtype == pl.String:
            series = series.replace(_TEXT_FLOATS).cast(pl.Float64)
        out.append(series.cast(dtype).alias(column))
    return pl.DataFrame(out)


def facts_table(
    patients: pl.DataFrame, families: Mapping[str, pl.DataFrame], today: dt.date
) -> tuple[pl.DataFrame, list[tuple[int, str]]]:
    """One row per patient (column ``id``, then every fact of the schema, null when unknown)
    and the notes ``(patient id, note)`` of stored values read as unknown."""
    # Divisors as full columns: Polars turns a division by a literal into a multiplication by
    # its reciprocal, which can differ from true division in the last bit.
    divisors = pl.DataFrame({
        "_days_per_year": np.full(patients.height, DAYS_PER_YEAR),
        "_days_per_month": np.full(patients.height, DAYS_PER_MONTH),
    })  # fmt: skip
    frame = pl.concat([patients, divisors], how="horizontal").select(_demographics(today)).lazy()
    for part in (
        _latest_visit(families["visits"]),
        _labs(families["labs"]),
        _medications(families["medications"], today),
        _evaluations(families["evaluations"]),
        _images(families["images"]),
    ):
        frame = frame.join(part.lazy(), on="id", how="left")
    # A lab result of a test stated in a visit too (ESR, CRP) is the later word: labs win.
    overlaps = [fact for fact in LAB_FACTS.values() if fact in VISIT_FACTS]
    joined = frame.with_columns(
        pl.coalesce("image_erosions", "erosions").alias("erosions"),
        *(pl.coalesce(f"lab_{fact}", fact).alias(fact) for fact in overlaps),
    ).collect()
    types = facts_frame([]).schema  # the batch engine's type of every fact
    complete = joined.select(
        "id",
        *(
            pl.col(name).cast(types[name])
            if name in joined.columns
            else pl.lit(None, types[name]).alias(name)
            for name in FACTS
        ),
    )
    return _checked(complete)


def _demographics(today: dt.date) -> list[pl.Expr]:
    def days_since(column: str) -> pl.Expr:
        return (pl.lit(today) - pl.col(column)).dt.total_days()

    def known(column: str, true: str) -> pl.Expr:
        return pl.when(pl.col(column) != "unknown").then(pl.col(column) == true)

    return [
        pl.col("id"),
        (days_since("birth_date") / pl.col("_days_per_year")).alias("age_years"),
        pl.col("weight_kg"),
        pl.col("sex").replace_strict(SEX, default=None, return_dtype=pl.String).alias("sex"),
        # The record dates the diagnosis, not the first symptoms: it states diagnosis_months
        # only. Reading it as the time since symptom onset would fail a patient whose symptoms
        # began long before the diagnosis on a minimum disease duration.
        pl.when(pl.col("diagnosis_date").is_not_null())
        .then(pl.max_horizontal(pl.lit(0.0), days_since("diagnosis_date") / pl.col("_days_per_month")))
        .alias("diagnosis_months"),
        *(
            pl.when(pl.col(status).is_in(["positive", "negative"]))
            .then(pl.col(status) == "positive")
            .alias(fact)
            for fact, status in SERO.items()
        ),
        pl.col("erosions"),
        *(known(status, "positive").alias(fact) for fact, status in VIRUSES.items()),
        known("tb_status", "positive").alias("tb_active"),
        known("tb_status", "latent").alias("tb_latent"),
    ]


def _oldest_first(frame: pl.DataFrame, family: str) -> pl.DataFrame:
    ordered = frame.sort(["patient_id", *ORDER[family]], nulls_last=True)
    return ordered.drop("id").rename({"patient_id": "id"})


def _latest_visit(visits: pl.DataFrame) -> pl.DataFrame:
    rows = _oldest_first(visits, "visits")
    return rows.group_by("id").agg(
        *(pl.col(fact).drop_nulls().last() for fact in VISIT_FACTS),
        *(
            (pl.col(column) * MM_PER_CM).round(9).drop_nulls().last().alias(fact)
            for fact, column in VISIT_SCALES_CM.items()
        ),
    )


def _labs(labs: pl.DataFrame) -> pl.DataFrame:
    rows = _oldest_first(labs, "labs")
    uln_ok = pl.col("ref_high").is_finite() & (pl.col("ref_high") > 0)
    return rows.group_by("id").agg(
        *(
            pl.col("value").filter(pl.col("test") == test).last().alias(_lab_column(fact))
            for test, fact in LAB_FACTS.items()
        ),
        *(
            (pl.col("value") / pl.col("ref_high"))
            .filter((pl.col("test") == test) & uln_ok)
            .last()
            .alias(fact)
            for test, fact in ULN_FACTS.items()
        ),
    )


def _lab_column(fact: str) -> str:
    return f"lab_{fact}" if fact in VISIT_FACTS else fact


def _medications(medications: pl.DataFrame, today: dt.date) -> pl.DataFrame:
    rows = _oldest_first(medications, "medications")
    rows = rows.with_columns(pl.Series("_days_per_week", np.full(rows.height, DAYS_PER_WEEK)))
    failed = pl.col("stopped_on").is_not_null() & pl.col("stop_reason").is_in(FAILED_STOP_REASONS)

    def weeks_ago(column: str) -> pl.Expr:
        days = (pl.lit(today) - pl.col(column)).dt.total_days()
        weeks = pl.max_horizontal(pl.lit(0.0), days / pl.col("_days_per_week")).clip(upper_bound=WEEKS_MAX)
        return pl.when(pl.col(column).is_not_null()).then(weeks)  # max_horizontal skips a null

    item = pl.struct(
        pl.col("name"),
        weeks_ago("started_on").alias("started_weeks_ago"),
        weeks_ago("stopped_on").alias("stopped_weeks_ago"),
        pl.lit(None, pl.Float64).alias("dose"),
        pl.lit(None, pl.String).alias("dose_unit"),
        pl.lit(None, pl.Float64).alias("dose_changed_weeks_ago"),
        pl.lit(None, pl.String).alias("route"),
        pl.col("stop_reason").replace_strict(DRUG_STOP_REASONS, default=None, return_dtype=pl.String),
    )
    grouped = rows.group_by("id").agg(
        pl.col("name").filter(failed & (pl.col("drug_class") == "csdmard")).alias("failed_csdmards"),
        pl.col("name")
        .filter(failed & pl.col("drug_class").is_in(BIOLOGIC_CLASSES))
        .alias("failed_biologics"),
        pl.col("name").filter(pl.col("stopped_on").is_null()).alias("current_drugs"),
        item.alias("drug_history"),
    )
    # A history longer than the schema takes is unknown, never cut short (a list is complete).
    too_long = pl.col("drug_history").list.len() > MAX_ITEMS
    return grouped.with_columns(pl.when(~too_long).then(pl.col("drug_history")).alias("drug_history"))


def _evaluations(evaluations: pl.DataFrame) -> pl.DataFrame:
    rows = _oldest_first(evaluations, "evaluations")
    latest = rows.group_by("id").agg(pl.col("acr_eular_score").drop_nulls().last())
    return latest.select("id", (pl.col("acr_eular_score") >= 6).alias("meets_acr_eular_2010"))


def _images(images: pl.DataFrame) -> pl.DataFrame:
    rows = _oldest_first(images, "images")
    return rows.group_by("id").agg(
        pl.col("steinbrocker_stage").last().alias("radiographic_stage"),
        pl.col("erosions").last().alias("image_erosions"),
    )


def _checked(table: pl.DataFrame) -> tuple[pl.DataFrame, list[tuple[int, str]]]:
    """Numbers outside their plausible range (or not finite) become null, each with the note
    the facts schema words for it."""
    notes: list[tuple[int, str]] = []
    fixes = []
    for name, spec in FACTS.items():
        if spec.kind != "number":
            continue
        value = pl.col(name)
        bad = value.is_not_null() & (~value.is_finite() | (value < spec.low) | (value > spec.high))
        offending = table.filter(bad).select("id", name)
        if offending.height:
            for pid, found in offending.iter_rows():
                notes.extend((pid, note) for note in facts_from_record({name: found})[1])
            fixes.append(pl.when(bad).then(None).otherwise(value).alias(name))
    if fixes:
        table = table.with_columns(fixes)
    notes.sort(key=lambda item: item[0])
    return table, notes
