"""The report's charts are drawn once per distinct input: the same numbers give the kept
picture, any change in what is drawn draws anew (never a stale chart)."""

from __future__ import annotations

import numpy as np
import pytest

from synovia.research import charts

POINTS = [
    {"group": "all", "timepoint": "baseline", "mean": 5.1, "low": 4.8, "high": 5.4},
    {"group": "all", "timepoint": "m6", "mean": 3.9, "low": 3.5, "high": 4.3},
]


@pytest.fixture(autouse=True)
def _empty_cache():
    charts._drawn.clear()  # each test counts its own drawings
    yield
    charts._drawn.clear()


def _counting():
    calls = []

    def draw(**inputs):
        calls.append(inputs)
        return charts.trajectory(**inputs)

    return draw, calls


def test_same_inputs_draw_once_and_give_the_same_picture():
    draw, calls = _counting()
    inputs = {"points": POINTS, "title": "DAS28", "ylabel": "DAS28", "labels": {"all": "All"}}
    first = charts.drawn(draw, **inputs)
    again = charts.drawn(draw, **{**inputs, "points": [dict(p) for p in POINTS]})
    assert first == again and len(calls) == 1
    assert first == charts.svg(charts.trajectory(**inputs))  # the kept picture is the drawn one


def test_any_change_in_what_is_drawn_draws_again():
    draw, calls = _counting()
    base = {"points": POINTS, "title": "DAS28", "ylabel": "DAS28", "labels": {"all": "All"}}
    charts.drawn(draw, **base)
    moved = [dict(POINTS[0]), {**POINTS[1], "mean": 3.9000000001}]
    changes = [
        {**base, "points": moved},
        {**base, "title": "DAS28 (media)"},
        {**base, "labels": {"all": "Todos"}},
    ]
    pictures = {charts.drawn(draw, **c) for c in changes}
    assert len(calls) == 4 and len(pictures) == 3


def test_arrays_are_keyed_by_their_content():
    a, b = charts.hashlib.sha256(), charts.hashlib.sha256()
    charts._feed(a, np.array([1.0, 2.0]))
    charts._feed(b, np.array([1.0, 2.0000001]))
    c = charts.hashlib.sha256()
    charts._feed(c, np.array([1.0, 2.0]))
    assert a.hexdigest() != b.hexdigest() and a.hexdigest() == c.hexdigest()


def test_the_cache_is_bounded():
    draw, _calls = _counting()
    for i in range(charts.CACHED_CHARTS + 10):
        charts.drawn(draw, points=POINTS, title=f"t{i}", ylabel="y", labels={})
    assert len(charts._drawn) <= charts.CACHED_CHARTS
