"""A checklist answers only what it asked: ``conditions_asked`` (found: the self-check's
"none of these" on four conditions cleared every condition a trial named)."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from synovia.core.eligibility import batch
from synovia.core.eligibility.evaluate import Status, covered, evaluate
from synovia.core.eligibility.facts import PatientFacts
from synovia.core.eligibility.rules import InList, Not

ASKED = ["kidney failure", "interstitial lung disease", "heart failure", "liver disease"]


def status(rule, **facts) -> Status:
    return evaluate(rule, PatientFacts.from_dict(facts)).status


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (("heart failure",), True),
        (("congestive heart failure",), True),  # a kind of what was asked
        (("Heart-Failure",), True),  # spelling folded as for the list itself
        (("heart failure", "interstitial lung disease"), True),
        (("heart failure", "malignancy"), False),  # one name not asked
        (("cardiac disease",), False),  # broader than what was asked
        (("failure",), False),
        ((), False),  # "any condition": a checklist never answers it
    ],
)
def test_covered(names, expected) -> None:
    assert covered(names, tuple(ASKED)) is expected


def test_nothing_asked_covers_nothing() -> None:
    assert not covered(("heart failure",), ())


@pytest.mark.parametrize(
    ("rule", "conditions", "expected"),
    [
        (InList("conditions", ("heart failure",)), [], Status.NOT_MET),
        (InList("conditions", ("congestive heart failure",)), [], Status.NOT_MET),
        (InList("conditions", ("multiple sclerosis",)), [], Status.UNKNOWN),
        (InList("conditions", ("multiple sclerosis",)), ["heart failure"], Status.UNKNOWN),
        (InList("conditions", ("heart failure",)), ["heart failure"], Status.MET),
        (InList("conditions", ()), [], Status.UNKNOWN),
        (InList("conditions", ()), ["liver disease"], Status.MET),
        (Not(InList("conditions", ("multiple sclerosis",))), [], Status.UNKNOWN),
        (Not(InList("conditions", ("heart failure",))), [], Status.MET),
    ],
)
def test_a_checklist_answers_only_what_it_asked(rule, conditions, expected) -> None:
    assert status(rule, conditions=conditions, conditions_asked=ASKED) is expected


def test_without_asked_the_list_is_complete_as_before() -> None:
    assert status(InList("conditions", ("multiple sclerosis",)), conditions=[]) is Status.NOT_MET


NAMES = st.sampled_from(
    ["heart failure", "congestive heart failure", "multiple sclerosis", "liver disease", "lupus"]
)


@given(
    names=st.lists(NAMES, max_size=3, unique=True).map(tuple),
    conditions=st.one_of(st.none(), st.lists(NAMES, max_size=3, unique=True)),
    asked=st.one_of(st.none(), st.lists(NAMES, max_size=3, unique=True)),
)
def test_batch_equals_scalar(names, conditions, asked) -> None:
    rule = InList("conditions", names)
    facts = {k: v for k, v in {"conditions": conditions, "conditions_asked": asked}.items() if v is not None}
    scalar = status(rule, **facts)
    frame = batch.prepare(
        pl.DataFrame(
            {"conditions": [conditions], "conditions_asked": [asked]},
            schema={"conditions": pl.List(pl.Utf8), "conditions_asked": pl.List(pl.Utf8)},
        )
    )
    code = frame.select(batch._in_list(rule).alias("s"))["s"][0]
    assert code == batch.CODES[scalar]
