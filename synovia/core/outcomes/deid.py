"""De-identified row export under the HIPAA Safe Harbor method (45 CFR 164.514(b)(2)).

Safe Harbor removes 18 kinds of identifier of the patient (and of relatives, employers and
household members): (A) names; (B) geographic subdivisions smaller than a state; (C) every
element of a date (except the year) directly related to the person, and ages over 89; (D)
telephone and (E) fax numbers; (F) e-mail addresses; (G) social security, (H) medical
record, (I) health plan beneficiary, (J) account and (K) certificate/licence numbers; (L)
vehicle and (M) device identifiers and serial numbers; (N) web URLs; (O) IP addresses; (P)
biometric identifiers; (Q) full-face photographs; (R) any other unique identifying number,
characteristic or code.

The export is built from an allow-list of columns, so nothing else can leak in:

* ``row_id``: a code drawn at random for this export (not the registry's pseudonym, so two
  exports cannot be linked through it; ten consonants, so no run of
  digits that could read as a number; R);
* ``clinic``, ``sex``, ``birth_year``: quasi-identifiers, generalised until every
  combination is shared by at least ``K`` patients (below);
* ``age_group``: age in the export's year in 10-year bands, ``90+`` for everyone over 89
  (C), whose birth year is withheld;
* treatment attributes (cell source, autologous/allogeneic, route, dose band, infusions
  given, baseline activity) and one row per time point with the scores and responses; dates
  are given only as ``day`` since the patient's first infusion (C).

Generalisation (k-anonymity, Sweeney 2002) on (clinic, sex, birth year): birth years become
5-year then 10-year bands; then a clinic with too few patients becomes ``other``; then sex
``*``; then birth year ``*``; then clinic ``*``. Each step applies only to patients whose
combination is still shared by fewer than ``K``; patients still in a smaller group after the
last step are left out of the row export (record suppression).

Sources:
    45 CFR 164.514(b)(2)(i) (HIPAA Privacy Rule, Safe Harbor de-identification).
    Sweeney L. k-anonymity: a model for protecting privacy. Int J Uncertain Fuzziness
    Knowl-Based Syst 2002;10(5):557-570.
"""

from __future__ import annotations

import secrets

import polars as pl

from synovia.core.outcomes.derive import Dataset

K = 5
"""Every (clinic, sex, birth year) combination is shared by at least this many patients."""

OLDEST = 89
QUASI = ("clinic", "sex", "birth_year")
ROW_COLUMNS = (
    "row_id", "clinic", "sex", "birth_year", "age_group", "source", "origin", "route", "dose_band",
    "infusions", "baseline_activity", "timepoint", "day", "das28", "cdai", "haq_di", "acr", "eular",
    "boolean_remission",
)  # fmt: skip


def _band(year: pl.Expr, width: int) -> pl.Expr:
    start = (year // width) * width
    return pl.concat_str(start.cast(pl.Utf8), pl.lit("-"), (start + width - 1).cast(pl.Utf8))


def _too_small(frame: pl.DataFrame) -> pl.Expr:
    return pl.len().over(list(QUASI)) < K


def generalise(people: pl.DataFrame) -> pl.DataFrame:
    """``clinic``, ``sex``, ``birth_year`` (an int) generalised to k-anonymity with ``K``."""
    frame = people.with_columns(
        pl.col("birth_year").cast(pl.Utf8).alias("birth_year"), pl.col("birth_year").alias("_year")
    )
    frame = frame.with_columns(
        pl.when(pl.col("_age") > OLDEST).then(pl.lit("*")).otherwise(pl.col("birth_year")).alias("birth_year")
    )
    steps = [
        (
            "birth_year",
            pl.when(pl.col("birth_year") == "*").then(pl.lit("*")).otherwise(_band(pl.col("_year"), 5)),
        ),
        (
            "birth_year",
            pl.when(pl.col("birth_year") == "*").then(pl.lit("*")).otherwise(_band(pl.col("_year"), 10)),
        ),
        ("clinic", pl.lit("other")),
        ("sex", pl.lit("*")),
        ("birth_year", pl.lit("*")),
        ("clinic", pl.lit("*")),
    ]
    for column, value in steps:
        frame = frame.with_columns(
            pl.when(_too_small(frame)).then(value).otherwise(pl.col(column)).alias(column)
        )
    return frame.filter(~_too_small(frame)).drop("_year")  # patients still too few: withheld


# Consonants only: a code never spells a word and never holds a run of digits that reads as a
# telephone, record or account number (20**10, about 10**13, codes).
_CODE_LETTERS = "BCDFGHJKLMNPQRSTVWXZ"


def _row_code() -> str:
    return "R" + "".join(secrets.choice(_CODE_LETTERS) for _ in range(10))


def _age_group(age: pl.Expr) -> pl.Expr:
    band = (age // 10) * 10
    label = pl.concat_str(band.cast(pl.Utf8), pl.lit("-"), (band + 9).cast(pl.Utf8))
    return pl.when(age > OLDEST).then(pl.lit("90+")).otherwise(label)


def rows(data: Dataset, *, year: int) -> pl.DataFrame:
    """The de-identified rows: one per patient and time point, columns ``ROW_COLUMNS``;
    ages (``year`` minus the birth year, an upper bound of the age) over 89 are grouped."""
    people = data.subjects.with_columns((pl.lit(year) - pl.col("birth_year")).alias("_age")).select(
        "patient_id",
        "clinic",
        "sex",
        "birth_year",
        "_age",
        "source",
        "origin",
        "route",
        "dose_band",
        "infusions",
        "baseline_activity",
    )
    people = generalise(people).with_columns(_age_group(pl.col("_age")).alias("age_group")).drop("_age")
    codes = [_row_code() for _ in range(people.height)]
    people = people.with_columns(pl.Series("row_id", codes, dtype=pl.Utf8))
    out = data.visits.join(people, on="patient_id", how="inner")
    return out.select(list(ROW_COLUMNS)).sort("row_id", "day")
