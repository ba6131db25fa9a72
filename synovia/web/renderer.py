"""The form renderer: Django's templates, with the most used ones written in Python.

Django renders each form field through three to five small templates (the field group, its
label, its error list, the widget and its attributes); the trial match form's 53 fields and
the visit form's 19 spent more time there than in the rest of their pages. ``Renderer`` writes
the markup of these templates itself, exactly as Django's own files do (the line ends the
included files add, the escaping, the ``strip()`` of ``BaseRenderer.render``):

* ``django/forms/field.html`` (``as_field_group``), ``django/forms/label.html``,
  ``django/forms/errors/list/default.html``;
* the widgets that only include ``input.html`` (text, number, email, date, checkbox...);
* ``select.html`` with its options.

Every other template is rendered by Django as before, and so is any of these when a project
template overrides it (checked once per process: the template must be Django's own file).
``tests/apps/web/test_renderer.py`` renders forms of every kind with both renderers and
compares the markup. ``FORM_RENDERER`` in settings.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import django
from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

_DJANGO_TEMPLATES = Path(django.__file__).resolve().parent / "forms" / "templates"
_PLAIN = Context(autoescape=True)


def _text(value: Any) -> str:
    """``{{ value }}`` in a template: localized, then escaped unless already safe."""
    if isinstance(value, str):
        return conditional_escape(value)
    return render_value_in_context(value, _PLAIN)


def attrs_markup(attrs: dict[str, Any] | None) -> str:
    """``django/forms/attrs.html`` and ``widgets/attrs.html``: ``False`` leaves the attribute
    out, ``True`` writes its name alone (also used by ``widgets``)."""
    if not attrs:
        return ""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {_text(name)}")
        else:
            out.append(f' {_text(name)}="{conditional_escape(str(value))}"')
    return "".join(out)


def _input(widget: dict[str, Any]) -> str:
    """``widgets/input.html`` (with its line end)."""
    value = widget["value"]
    shown = f' value="{conditional_escape(str(value))}"' if value != None else ""  # noqa: E711 - as the template
    kind, name = _text(widget["type"]), _text(widget["name"])
    return f'<input type="{kind}" name="{name}"{shown}{attrs_markup(widget["attrs"])}>\n'


def _input_widget(context: dict[str, Any]) -> str:
    """``widgets/text.html`` and the others that are ``{% include "...input.html" %}``."""
    return (_input(context["widget"]) + "\n").strip()


SELECT_OPTION = "django/forms/widgets/select_option.html"


def _select(context: dict[str, Any]) -> str | None:
    widget = context["widget"]
    parts = [f'<select name="{_text(widget["name"])}"{attrs_markup(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option.get("template_name") != SELECT_OPTION:
                return None  # a widget with its own option template: Django renders it
            value, attrs = conditional_escape(str(option["value"])), attrs_markup(option["attrs"])
            parts.append(f'\n  <option value="{value}"{attrs}>{_text(option["label"])}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts).strip()


def _label(context: dict[str, Any]) -> str:
    label = _text(context["label"])
    if not context["use_tag"]:
        return (label + "\n").strip()
    tag = _text(context["tag"])
    return f"<{tag}{attrs_markup(context['attrs'])}>{label}</{tag}>\n".strip()


def _errors(context: dict[str, Any]) -> str:
    errors = context["errors"]
    if not errors:
        return ""
    field_id = getattr(errors, "field_id", None)
    shown = f' id="{_text(field_id)}_error"' if field_id else ""
    items = "".join(f"<li>{_text(error)}</li>" for error in errors)
    return f'<ul class="{_text(context["error_class"])}"{shown}>{items}</ul>'.strip()


def _field(context: dict[str, Any]) -> str:
    field = context["field"]
    parts = []
    if field.use_fieldset:
        described = field.aria_describedby
        shown = f' aria-describedby="{_text(described)}"' if described else ""
        parts.append(f"\n  <fieldset{shown}>\n  ")
        parts.append(f"{_text(field.legend_tag())}" if field.label else "")
    else:
        parts.append("\n  ")
        parts.append(f"{_text(field.label_tag())}" if field.label else "")
    parts.append("\n\n")
    if field.help_text:
        auto_id = field.auto_id
        shown = f' id="{_text(auto_id)}_helptext"' if auto_id else ""
        parts.append(f'<div class="helptext"{shown}>{field.help_text}</div>')
    parts.append(f"\n{_text(field.errors)}\n{_text(field)}")
    parts.append("</fieldset>\n" if field.use_fieldset else "\n")
    return "".join(parts).strip()


INPUT_WIDGETS = ("text", "number", "email", "url", "password", "hidden", "date", "datetime", "time",
                 "checkbox", "search", "tel", "color")  # fmt: skip
"""The widget templates that are only ``{% include "django/forms/widgets/input.html" %}``."""

WRITTEN: dict[str, Callable[[dict[str, Any]], str | None]] = {
    "django/forms/field.html": _field,
    "django/forms/label.html": _label,
    "django/forms/errors/list/default.html": _errors,
    "django/forms/widgets/select.html": _select,
    **{f"django/forms/widgets/{name}.html": _input_widget for name in INPUT_WIDGETS},
}
"""The templates written here, by name."""

_INCLUDED = ("django/forms/attrs.html", "django/forms/widgets/attrs.html", "django/forms/widgets/input.html",
             "django/forms/errors/list/ul.html", SELECT_OPTION)  # fmt: skip


class Renderer(DjangoTemplates):
    """``DjangoTemplates`` that writes the templates of ``WRITTEN`` in Python."""

    def __init__(self) -> None:
        super().__init__()
        self._written: dict[str, Callable[[dict[str, Any]], str | None]] | None = None

    def written(self) -> dict[str, Callable[[dict[str, Any]], str | None]]:
        """``WRITTEN``, without any template a project template overrides (nor any whose
        included files are overridden): those are left to Django."""
        if self._written is None:

            def own(name: str) -> bool:
                origin = Path(self.get_template(name).origin.name).resolve()
                return origin.is_relative_to(_DJANGO_TEMPLATES)

            self._written = {k: f for k, f in WRITTEN.items() if own(k)} if all(map(own, _INCLUDED)) else {}
        return self._written

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        write = self.written().get(template_name)
        if write is not None and request is None:
            out = write(context)
            if out is not None:
                return mark_safe(out)  # noqa: S308  # nosec B308 B703 - escaped as the template does
        return str(super().render(template_name, context, request))  # callers mark it safe, as Django's
