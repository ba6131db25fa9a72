"""The report as a PDF (matplotlib's PdfPages): a summary page of the response tables
(suppressed cells as "<5") and one page per figure."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from synovia.research import charts


def _cell(c: Any) -> str:
    if c.suppressed:
        return "<5"
    if c.percent is None:
        return f"{c.n}/{c.total}"
    return f"{c.n}/{c.total} {c.percent:.1f}% ({c.low:.1f}-{c.high:.1f})"


def _table_page(title: str, note: str, table: dict[str, Any]) -> Figure:
    fig = charts._figure(8.0)
    ax = fig.add_subplot()
    ax.axis("off")
    ax.set_title(title, loc="left", fontsize=10)
    rows = [[r["label"], _cell(r["nri"]), _cell(r["observed"])] for r in table["rows"]]
    grid = ax.table(
        cellText=rows,
        colLabels=[table["label"], _("NRI (primary)"), _("Observed cases")],
        loc="upper left",
        cellLoc="left",
    )
    grid.auto_set_font_size(False)
    grid.set_fontsize(7)
    grid.scale(1, 1.4)
    ax.text(0, 0.02, note, fontsize=7, wrap=True, transform=ax.transAxes, va="bottom")
    return fig


def render(context: dict[str, Any], figures: dict[str, Figure]) -> bytes:
    """The PDF bytes of the report (the same numbers and figures as the page)."""
    note = _(
        "An uncontrolled registry cannot show that a therapy works. NRI: a missing visit or value "
        "counts as no response. Cells of fewer than 5 patients are suppressed (<5). 95 % Wilson intervals."
    )
    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": _("Synovia outcomes report"), "CreationDate": None}) as pdf:
        for table in context["tables"]:
            pdf.savefig(
                _table_page(
                    _("Synovia outcomes report: %(n)s patients") % {"n": context["patients"]}, note, table
                )
            )
        for fig in figures.values():
            pdf.savefig(fig)
    return buffer.getvalue()
