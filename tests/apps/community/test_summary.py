"""Small-cell suppression of the experience summary, and the summary page itself."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from synovia.community import selectors, services, summary
from synovia.community.models import Topic
from synovia.community.services import ExperienceInput


def test_counts_under_five_are_suppressed_and_zero_shown():
    cells = summary.suppress([("a", 0), ("b", 3), ("c", 12), ("d", 7)])
    assert [c.count for c in cells] == [0, None, 12, None]  # b small; d hidden too (else b = total - rest)


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=8))
def test_no_cell_from_one_to_four_is_shown_nor_recoverable_alone(counts):
    cells = summary.suppress([(str(i), n) for i, n in enumerate(counts)])
    assert all(c.count is None or c.count == 0 or c.count >= 5 for c in cells)
    hidden = [c for c in cells if c.suppressed]
    if len(hidden) == 1:  # alone it could be worked out from the total, unless the total is hidden too
        assert summary.shown_total(sum(counts)) is None
    assert [c.count for c in cells if not c.suppressed] == [
        n for n, c in zip(counts, cells, strict=True) if not c.suppressed
    ]


def test_totals_under_five_are_not_shown():
    assert summary.shown_total(4) is None and summary.shown_total(5) == 5 and summary.shown_total(0) == 0


@pytest.mark.django_db
def test_summary_page_counts_visible_reports_only_and_claims_nothing(client, patient_user, moderator):
    for i in range(7):
        country = "MX" if i < 6 else "PA"
        x = ExperienceInput(
            country, "umbilical_cord", Decimal(16000), "USD", "", 4 if i < 5 else 2, None, None
        )
        post = services.post_create(
            author=patient_user, topic=Topic.STEM_CELL, body=f"report {i}", experience=x
        )
    services.moderate(moderator=moderator, action="hide", reason="test", post=post)  # the PA one
    data = selectors.experience_summary()
    assert data["total"] == 6
    assert {c.label: c.count for c in data["countries"]} == {"MX": 6}  # the hidden PA report counts nowhere
    client.force_login(patient_user)
    body = client.get(reverse("community:experiences")).content.decode()
    assert "not evidence that any treatment works" in body
    for claim in ("effective", "works for", "success rate", "efficacy"):
        assert claim not in body.lower()
    assert "fewer than 5" in body  # felt at 1 month: 5 better, 1 worse -> the 1 and its partner hidden
