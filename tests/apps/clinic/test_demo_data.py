"""The bulk loader stores the same scores as the per-visit path, and a plausible registry."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from synovia.clinic.models import AdverseEvent, Patient, ScheduledVisit, TreatmentProgram, Visit
from synovia.clinic.scoring import compute_scores

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    call_command("demo_data", patients=200, seed=4, no_progress=True)


def test_bulk_scores_equal_the_per_visit_scores(loaded) -> None:
    for visit in Visit.objects.order_by("id")[:150]:
        entered = {
            k: getattr(visit, k)
            for k in ("tjc28", "sjc28", "esr_mm_h", "crp_mg_l", "ptga_cm", "ega_cm", "pain_cm", "function_cm")
        }
        expected = compute_scores(entered, None)
        for name in ("das28_esr", "das28_crp", "cdai", "sdai", "rapid3"):
            got, want = getattr(visit, name), expected.values[name]
            assert (got is None) == (want is None), (visit.pk, name)
            if want is not None:
                assert got == pytest.approx(want, abs=1e-4), (visit.pk, name)
        assert visit.categories == expected.categories
        assert visit.tjc28 == sum(
            1
            for j in visit.tender_joints
            if j.split("_")[1]
            in {
                "SHOULDER",
                "ELBOW",
                "WRIST",
                "KNEE",
                "MCP1",
                "MCP2",
                "MCP3",
                "MCP4",
                "MCP5",
                "PIP1",
                "PIP2",
                "PIP3",
                "PIP4",
                "PIP5",
            }
        )


def test_registry_is_marked_synthetic_and_varied(loaded) -> None:
    assert not Patient.objects.filter(synthetic=False).exists()
    assert Patient.objects.values("clinic").distinct().count() >= 3
    assert TreatmentProgram.objects.values("source").distinct().count() >= 6
    assert set(TreatmentProgram.objects.values_list("route", flat=True)) == {"iv", "intra_articular"}
    assert AdverseEvent.objects.filter(serious=True).exists()
    states = set(Patient.objects.values_list("state", flat=True))
    assert {"completed", "in_follow_up"} <= states


def test_scheduled_visits_link_only_visits_inside_their_window(loaded) -> None:
    for slot in ScheduledVisit.objects.exclude(visit=None).select_related("visit")[:300]:
        assert slot.earliest <= slot.visit.visit_date <= slot.latest
