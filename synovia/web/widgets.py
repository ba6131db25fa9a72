"""Form widgets that write their markup in Python.

Django renders a ``CheckboxSelectMultiple`` through four templates per option (the option,
the input, its attributes); the visit form's 68 tender and 66 swollen joint checkboxes cost
more than the rest of the page. ``Checkboxes`` writes the same markup as Django's templates
(``tests/apps/web/test_widgets.py`` compares them, choice groups, attributes and selected
values included) with the same escaping, in one pass over the options.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from synovia.web.renderer import attrs_markup


def _option(option: dict[str, Any]) -> str:
    """``django/forms/widgets/input_option.html`` with ``input.html`` inside."""
    value = option["value"]
    attrs = option["attrs"]
    tag = (
        f'<input type="{conditional_escape(option["type"])}" name="{conditional_escape(option["name"])}"'
        + (f' value="{conditional_escape(str(value))}"' if value is not None else "")
        + f"{attrs_markup(attrs)}>\n"
    )  # the line ends of the template files are part of Django's markup
    if not option.get("wrap_label"):
        return tag + "\n\n"
    label_for = f' for="{conditional_escape(attrs["id"])}"' if attrs.get("id") else ""
    return f"<label{label_for}>{tag} {conditional_escape(option['label'])}</label>\n\n"


class Checkboxes(forms.CheckboxSelectMultiple):
    """``CheckboxSelectMultiple`` with its markup written here (``multiple_input.html``)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        own = widget["attrs"]
        parts = ["<div"]
        if own.get("id"):
            parts.append(f' id="{conditional_escape(own["id"])}"')
        if own.get("class"):
            parts.append(f' class="{conditional_escape(own["class"])}"')
        parts.append(">")
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(f"\n  <div><label>{conditional_escape(group)}</label>")
            for option in options:
                parts.append(f"<div>\n    {_option(option)}</div>")
            if group:
                parts.append("\n  </div>")
        parts.append("\n</div>")
        return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703 - every value above is escaped
