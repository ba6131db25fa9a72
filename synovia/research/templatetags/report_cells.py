"""``{% rate_cell cell %}``: one rate of the outcomes report, n/N with its percentage and 95 %
interval, or "<5" when the cell is suppressed.

A tag rather than ``{% include %}``: the report shows about 160 such cells, and an include with
its own context cost more than the rest of the page's markup. The output is the markup the
include wrote (``tests/apps/research/test_report_cells.py`` compares them), localised the same
way (``floatformat``: a decimal comma in Spanish)."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import get_format, localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


_TENTH = Decimal("0.1")


@register.filter
def tenths(value: Any) -> str:
    """``floatformat:1`` for the report's numbers, without its general machinery (it was a
    third of the page's CPU): the value's decimal form rounded half up to one place, no "-0",
    with the language's decimal separator. Anything but a finite number under 1,000 (where
    no thousands separator can appear) and not vanishingly small (there ``floatformat`` prints
    the number as it is) goes to ``floatformat`` itself; the two are compared
    on generated values in tests/apps/research/test_report_cells.py."""
    usual = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if not usual or abs(value) >= 1000 or 0 < abs(value) < 1e-9:
        return floatformat(value, 1)
    rounded = Decimal(repr(float(value))).quantize(_TENTH, ROUND_HALF_UP)
    text = f"{abs(rounded) if rounded == 0 else rounded:f}"
    separator = get_format("DECIMAL_SEPARATOR")
    return text if separator == "." else text.replace(".", separator)


def _text(value: Any) -> str:
    return str(conditional_escape(localize(value)))


@register.simple_tag
def rate_cell(cell: Any) -> SafeString:
    if cell.suppressed:
        title = conditional_escape(_("fewer than 5 patients"))
        return mark_safe(f'<span class="sup" title="{title}">&lt;5</span>')  # noqa: S308  # nosec B308 B703 - escaped
    counts = f"{_text(cell.n)}/{_text(cell.total)}"
    if cell.percent is None:
        return mark_safe(counts)  # noqa: S308  # nosec B308 B703 - escaped
    percent, low, high = (conditional_escape(tenths(v)) for v in (cell.percent, cell.low, cell.high))
    return mark_safe(  # noqa: S308  # nosec B308 B703 - every value is escaped
        f'{counts} · {percent}&nbsp;%<br><span class="ci">{low}–{high}&nbsp;%</span>'
    )
