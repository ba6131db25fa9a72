"""The retreatment decision names each reason with a code (pages word it in the reader's
language): one code per reason, in the same order, and none when retreatment is offered."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from synovia.core.pathway import retreatment_eligibility

CODES = {"window_not_open", "window_closed", "serious_related_event", "no_das28", "not_active"}


@given(
    days=st.integers(0, 400),
    serious=st.booleans(),
    das28=st.one_of(st.none(), st.floats(0.5, 9.0, allow_nan=False)),
)
def test_one_code_per_reason(days, serious, das28):
    last = dt.date(2026, 1, 31)
    decision = retreatment_eligibility(
        last_infusion=last, today=last + dt.timedelta(days=days), serious_related_event=serious,
        latest_das28=das28,
    )  # fmt: skip
    assert len(decision.codes) == len(decision.reasons)
    assert set(decision.codes) <= CODES
    assert decision.offered == (decision.codes == ())
    assert ("serious_related_event" in decision.codes) == serious
    assert decision.latest_das28 == das28
