"""A member chooses to share one chart of their own record: DAS28 against months since their
first recorded visit, drawn as a picture with nothing else on it.

The record is read through the door (one audited read, purpose "community chart"). What reaches
the drawing is a list of (months since the first visit, score) pairs: no date, no name, no record
number, no clinic. The picture then goes through the same cleaning as any upload (re-encoded,
no metadata). DAS28 (ESR where recorded, otherwise CRP, as synovia/core/measures/das28.py
prefers) is the Disease Activity Score on 28 joints (Prevoo et al., Arthritis Rheum
1995;38:44-48); the reference lines are the cut-offs used there, 2.6 (remission, Fransen et al.
2004) and 5.1 (high activity, Fransen & van Riel, Clin Exp Rheumatol 2005;23(5 Suppl 39):S93-S99).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from django.http import HttpRequest
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from synovia.access import door
from synovia.accounts.models import Role
from synovia.community.services import Refused

WIDTH, HEIGHT, MARGIN = 900, 520, 70
DAS28_MAX = 10.0
CUTOFFS = (2.6, 5.1)
DAYS_PER_MONTH = 30.4375  # 365.25 / 12


def own_das28(request: HttpRequest) -> list[tuple[float, float]]:
    """(months since the first visit, DAS28) of the signed-in patient's own record; audited."""
    user = request.user
    if getattr(user, "role", None) != Role.PATIENT:
        raise Refused(_("Only patients can share a chart of their own record."), 403)
    who = door.principal(request)
    own = door.own_record(who)
    if own is None:
        raise Refused(_("No record is linked to your account, so there is no chart to share."), 404)
    with door.reading(who, "community chart") as read:
        patient = read.patient(own.pk)
        visits = list(
            patient.visits.order_by("visit_date", "id").values_list("visit_date", "das28_esr", "das28_crp")
        )
    points = [
        (day, esr if esr is not None else crp) for day, esr, crp in visits if (esr, crp) != (None, None)
    ]
    if len(points) < 2:
        raise Refused(_("Your record has fewer than two DAS28 scores, so there is no chart to share yet."))
    return relative(points)


def relative(points: Sequence[tuple[dt.date, float]]) -> list[tuple[float, float]]:
    first = points[0][0]
    return [(round((day - first).days / DAYS_PER_MONTH, 1), float(value)) for day, value in points]


def draw(points: Sequence[tuple[float, float]]) -> bytes:
    """A PNG of the points: axes, the two cut-offs, the line; the only words are the axis titles."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    pen = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=18)
    last = max([m for m, _v in points] + [1.0])

    def xy(month: float, value: float) -> tuple[float, float]:
        x = MARGIN + (WIDTH - 2 * MARGIN) * month / last
        y = HEIGHT - MARGIN - (HEIGHT - 2 * MARGIN) * min(value, DAS28_MAX) / DAS28_MAX
        return x, y

    pen.line([xy(0, 0), xy(last, 0)], fill="#1d2330", width=2)
    pen.line([xy(0, 0), xy(0, DAS28_MAX)], fill="#1d2330", width=2)
    for cut in CUTOFFS:
        pen.line([xy(0, cut), xy(last, cut)], fill="#e0a800", width=1)
        pen.text((8, xy(0, cut)[1] - 10), f"{cut}", fill="#5b6474", font=font)
    for tick in range(0, int(last) + 1, max(1, int(last) // 6 or 1)):
        pen.text((xy(tick, 0)[0] - 5, HEIGHT - MARGIN + 8), str(tick), fill="#5b6474", font=font)
    pen.line([xy(m, v) for m, v in points], fill="#0b6e69", width=4)
    for m, v in points:
        x, y = xy(m, v)
        pen.ellipse([x - 6, y - 6, x + 6, y + 6], fill="#0b6e69")
    pen.text((MARGIN, 16), "DAS28", fill="#1d2330", font=font)
    pen.text((WIDTH // 2 - 120, HEIGHT - 32), _("months since the first visit"), fill="#1d2330", font=font)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
