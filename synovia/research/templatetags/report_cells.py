"""``{% rate_cell cell %}``: one rate of the outcomes report, n/N with its percentage and 95 %
interval, or "<5" when the cell is suppressed.

A tag rather than ``{% include %}``: the report shows about 160 such cells, and an include with
its own context cost more than the rest of the page's markup. The output is the markup the
include wrote (``tests/apps/research/test_report_cells.py`` compares them), localised the same
way (``floatformat``: a decimal comma in Spanish)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def _text(value: Any) -> str:
    return str(conditional_escape(localize(value)))


@register.simple_tag
def rate_cell(cell: Any) -> SafeString:
    if cell.suppressed:
        title = conditional_escape(_("fewer than 5 patients"))
        return mark_safe(f'<span class="sup" title="{title}">&lt;5</span>')  # noqa: S308 - escaped
    counts = f"{_text(cell.n)}/{_text(cell.total)}"
    if cell.percent is None:
        return mark_safe(counts)  # noqa: S308 - escaped
    percent, low, high = (conditional_escape(floatformat(v, 1)) for v in (cell.percent, cell.low, cell.high))
    return mark_safe(  # noqa: S308 - every value is escaped
        f'{counts} · {percent}&nbsp;%<br><span class="ci">{low}–{high}&nbsp;%</span>'
    )
