"""The report's rate cells (``{% rate_cell %}``): suppressed, counts only, and a rate with its
interval, localised in English and Spanish (the markup the former ``_cell.html`` include wrote)."""

from __future__ import annotations

import pytest
from django.template import engines
from django.template.defaultfilters import floatformat
from django.utils import translation
from hypothesis import example, given
from hypothesis import strategies as st

from synovia.research.presenter import Shown
from synovia.research.templatetags.report_cells import tenths

CASES = [
    (Shown(True), "en", '<span class="sup" title="fewer than 5 patients">&lt;5</span>'),
    (Shown(True), "es", '<span class="sup" title="menos de 5 pacientes">&lt;5</span>'),
    (Shown(False, 12, 40), "en", "12/40"),
    (
        Shown(False, 12, 40, 30.0, 17.94, 45.56),
        "en",
        '12/40 · 30.0&nbsp;%<br><span class="ci">17.9–45.6&nbsp;%</span>',
    ),
    (
        Shown(False, 1234, 2000, 61.7, 59.55, 63.8),
        "es",
        '1234/2000 · 61,7&nbsp;%<br><span class="ci">59,6–63,8&nbsp;%</span>',
    ),
    (
        Shown(False, 0, 7, 0.0, 0.0, 35.43),
        "es",
        '0/7 · 0,0&nbsp;%<br><span class="ci">0,0–35,4&nbsp;%</span>',
    ),
]


@pytest.mark.parametrize(("cell", "language", "markup"), CASES)
def test_rate_cell(cell: Shown, language: str, markup: str) -> None:
    template = engines["django"].from_string("{% load report_cells %}{% rate_cell c %}")
    with translation.override(language):
        assert template.render({"c": cell}) == markup


@given(
    value=st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.floats(-1500, 1500),
        st.integers(-100, 5000),
        st.decimals(-999, 999, places=2).map(float),  # ties such as 17.25 and 0.05
        st.none(),
    ),
    language=st.sampled_from(["en", "es"]),
)
@example(value=-0.04, language="en")
@example(value=17.25, language="es")
@example(value=999.96, language="en")
def test_tenths_is_floatformat_1(value, language) -> None:
    with translation.override(language):
        assert tenths(value) == floatformat(value, 1)
