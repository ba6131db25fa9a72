"""The visit form draws the joint homunculus over its checkboxes, in English and Spanish."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from synovia.clinic.joint_labels import joint_label
from synovia.core.joints import JOINTS_68

pytestmark = pytest.mark.django_db


def _circles(body: str, field: str) -> list[str]:
    figure = body.split(f'data-field="{field}"', 1)[1].split("</figure>", 1)[0]
    return re.findall(r'<circle class="joint[^"]*"[^>]*data-joint="([A-Z0-9_]+)"', figure)


def test_visit_form_draws_68_tender_and_66_swollen_joints(client, clinician, patient) -> None:
    client.force_login(clinician)
    body = client.get(reverse("clinic:visit", kwargs={"pk": patient.pk})).content.decode()
    tender, swollen = _circles(body, "tender_joints"), _circles(body, "swollen_joints")
    assert (len(tender), len(swollen)) == (68, 66)
    assert "R_HIP" in tender and "R_HIP" not in swollen
    assert "<title>right MCP 2</title>" in body
    assert 'src="/static/clinic/homunculus.js"' in body
    # the checkboxes stay in the form: they are the record and work without JavaScript
    assert body.count('name="tender_joints"') == 68 and body.count('name="swollen_joints"') == 66


def test_form_with_errors_keeps_the_marked_joints(client, clinician, patient) -> None:
    client.force_login(clinician)
    url = reverse("clinic:visit", kwargs={"pk": patient.pk})
    response = client.post(url, {"kind": "baseline", "tender_joints": ["R_WRIST", "L_MTP1"]})
    assert response.status_code == 400
    body = response.content.decode()
    marked = re.findall(r'class="joint[^"]*is-marked[^"]*"[^>]*data-joint="([A-Z0-9_]+)"', body)
    assert marked == ["R_WRIST", "L_MTP1"]
    assert "Tender: <span data-count>2</span> / 68" in body
    assert "28-joint count: <span data-count28>1</span> / 28" in body


def test_joint_labels_read_in_plain_english_and_translate() -> None:
    with translation.override("en"):
        assert joint_label("R_MCP2") == "right MCP 2"
        assert joint_label("L_PIP1") == "left thumb IP"
        assert joint_label("R_TOE3") == "right toe PIP 3"
        assert len({joint_label(j) for j in JOINTS_68}) == 68
    with translation.override("es"):
        assert joint_label("R_MCP2") == "MCF 2, lado derecho"
        assert joint_label("L_KNEE") == "rodilla, lado izquierdo"
