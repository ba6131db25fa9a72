"""``object_url`` gives exactly what ``reverse`` gives, for every one-id URL of the project."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse, set_script_prefix

from synovia.web.links import object_url


def _one_int_names(resolver: URLResolver | None = None, prefix: str = "") -> list[str]:
    out: list[str] = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            space = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            out += _one_int_names(entry, space)
        elif isinstance(entry, URLPattern) and entry.name:
            converters = getattr(entry.pattern, "converters", {})
            if len(converters) == 1 and type(next(iter(converters.values()))).__name__ == "IntConverter":
                out.append(prefix + entry.name)
    return out


NAMES = _one_int_names()


def test_there_are_urls_to_check():
    assert "clinic:chart" in NAMES and len(NAMES) >= 10


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("pk", [1, 7, 2_147_483_646, 10**12])
def test_object_url_is_reverse(name, pk):
    assert object_url(name, pk) == reverse(name, args=[pk])


def test_a_script_prefix_is_kept():
    set_script_prefix("/synovia/")
    try:
        assert (
            object_url("clinic:chart", 5)
            == reverse("clinic:chart", args=[5])
            == "/synovia/clinic/patients/5/"
        )
    finally:
        set_script_prefix("/")


def test_anything_but_an_int_goes_through_reverse():
    assert object_url("clinic:chart", "12") == reverse("clinic:chart", args=["12"])  # type: ignore[arg-type]
