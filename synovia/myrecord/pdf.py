"""The patient's record as a PDF, drawn here with matplotlib (no external service).

It is made from the same data as the JSON download (``synovia.access.rights.export_all``, one
audited export), in the reader's language: who and which clinic, the DAS28 and CDAI charts
over their activity bands, visits, infusions, adverse events, consents and the patient's
own reports.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.utils.translation import gettext as _

from synovia.clinic.models.choices import ConsentScope
from synovia.core.measures import preferred_das28
from synovia.core.measures.cdai_sdai import CDAI_BANDS
from synovia.core.measures.das28 import DAS28_BANDS
from synovia.core.measures.result import Bands
from synovia.myrecord import labels
from synovia.myrecord.charts import SHADES

LINES_PER_PAGE = 46


def _day(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _lines(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(style, text) lines: "h" headings, "" body."""
    p = data["patient"]
    rec = data["records"]
    out: list[tuple[str, str]] = [
        ("t", _("My record in Synovia")),
        (
            "",
            _("Made on %(day)s. Synovia records; it does not decide your treatment.")
            % {"day": str(data["made"])[:10]},
        ),
    ]
    if data.get("synthetic"):
        out.append(("", _("SYNTHETIC DATA: invented for demonstration, not a real person.")))
    out += [
        (
            "",
            f"{p.get('given_name', '')} {p.get('family_name', '')} · "
            f"{_('record number')} {p.get('record_number', '')}",
        ),
        ("", _("Date of birth: %(day)s") % {"day": p.get("birth_date", "")}),
        ("h", _("Visits")),
    ]
    for v in rec.get("clinic.visit", []):
        das = preferred_das28(v.get("das28_esr"), v.get("das28_crp"))
        cdai = v.get("cdai")
        out.append(
            (
                "",
                _("%(day)s: DAS28 %(das)s, CDAI %(cdai)s, RAPID3 %(r3)s")
                % {
                    "day": v["visit_date"],
                    "das": f"{das:.2f}" if das is not None else "—",
                    "cdai": f"{cdai:.1f}" if cdai is not None else "—",
                    "r3": f"{v['rapid3']:.1f}" if v.get("rapid3") is not None else "—",
                },
            )
        )
    out.append(("h", _("Infusions")))
    out += [("", f"#{i['number']} {i['given_on']}") for i in rec.get("clinic.infusion", [])] or [("", "—")]
    out.append(("h", _("Adverse events")))
    out += [
        (
            "",
            _("%(day)s: %(term)s, grade %(grade)s")
            % {"day": e["onset"], "term": e["term"], "grade": e["grade"]},
        )
        for e in rec.get("clinic.adverseevent", [])
    ] or [("", "—")]
    out.append(("h", _("Consents")))
    for c in rec.get("clinic.consent", []):
        state = (
            _("withdrawn %(day)s") % {"day": str(c["withdrawn_at"])[:10]}
            if c.get("withdrawn_at")
            else _("active")
        )
        scope = str(ConsentScope(c["scope"]).label) if c["scope"] in ConsentScope.values else c["scope"]
        out.append(("", f"{scope} v{c['text_version']} · {str(c['given_at'])[:10]} · {state}"))
    out.append(("h", _("Your reports between visits")))
    out += [
        (
            "",
            _("%(day)s: RAPID3 %(r3)s (%(cat)s), morning stiffness %(min)s min")
            % {
                "day": r["reported_on"],
                "r3": r["rapid3"],
                "cat": labels.category(r["rapid3_category"]),
                "min": r["morning_stiffness_min"],
            },
        )
        for r in rec.get("myrecord.patientreport", [])
    ] or [("", "—")]
    return out


def _chart(ax: Any, points: list[tuple[dt.date, float]], bands: Bands, top: float, title: str) -> None:
    edges = [0.0, *bands.bounds, top]
    for i, name in enumerate(bands.labels):
        ax.axhspan(edges[i], edges[i + 1], color=SHADES[i % len(SHADES)], zorder=0)
        ax.text(
            1.01,
            (edges[i] + edges[i + 1]) / 2,
            labels.category(name),
            transform=ax.get_yaxis_transform(),
            fontsize=7,
            va="center",
        )
    if points:
        xs, ys = zip(*sorted(points), strict=True)
        ax.plot(xs, ys, marker="o", color="#1f4e9a", zorder=2)
    ax.set_ylim(0, top)
    ax.set_title(title, fontsize=10, loc="left")
    ax.tick_params(labelsize=7)


def record_pdf(data: dict[str, Any]) -> bytes:
    """The PDF bytes of an export (``rights.export_all``)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    visits = data["records"].get("clinic.visit", [])
    das = [
        (d, s)
        for v in visits
        if (d := _day(v["visit_date"]))
        and (s := preferred_das28(v.get("das28_esr"), v.get("das28_crp"))) is not None
    ]
    cdai = [(d, v["cdai"]) for v in visits if (d := _day(v["visit_date"])) and v.get("cdai") is not None]
    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": "Synovia", "Creator": "Synovia"}) as doc:
        fig = Figure(figsize=(8.27, 11.69))
        _chart(fig.add_axes((0.1, 0.56, 0.72, 0.3)), das, DAS28_BANDS, 9.4, _("DAS28 over time"))
        _chart(fig.add_axes((0.1, 0.12, 0.72, 0.3)), cdai, CDAI_BANDS, 76.0, _("CDAI over time"))
        fig.text(0.1, 0.93, _("My record in Synovia"), fontsize=16)
        doc.savefig(fig)
        lines = _lines(data)
        for start in range(0, len(lines), LINES_PER_PAGE):
            page = Figure(figsize=(8.27, 11.69))
            for row, (style, text) in enumerate(lines[start : start + LINES_PER_PAGE]):
                size = {"t": 15, "h": 12}.get(style, 9)
                weight = "bold" if style in {"t", "h"} else "normal"
                page.text(0.08, 0.95 - row * 0.02, text[:110], fontsize=size, weight=weight)
            doc.savefig(page)
    return buffer.getvalue()
