"""The score chart: one circle per point (a single visit included), the bands of the core's
cut-offs in order, every coordinate inside the picture, labels escaped."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from synovia.core.measures.cdai_sdai import CDAI_BANDS
from synovia.core.measures.das28 import DAS28_BANDS
from synovia.core.measures.rapid3 import RAPID3_BANDS
from synovia.myrecord.charts import HEIGHT, WIDTH, Point, axis_top, score_chart

LABELS = {"remission": "remission", "low": "low", "moderate": "moderate", "high": "high"}


def _numbers(svg: str, attr: str) -> list[float]:
    return [float(x) for x in re.findall(rf'\b{attr}="(-?[0-9.]+)"', svg)]


def test_no_points_no_chart():
    assert score_chart([], bands=DAS28_BANDS, top=9.4, title="t", band_labels=LABELS) == ""


def test_a_single_visit_shows_its_point_in_the_middle():
    svg = score_chart(
        [Point(dt.date(2026, 1, 1), 5.2)], bands=DAS28_BANDS, top=9.4, title="t", band_labels=LABELS
    )
    assert svg.count("<circle") == 1 and "<polyline" not in svg
    (cx,) = _numbers(svg, "cx")
    assert abs(cx - (34 + (WIDTH - 34 - 8) / 2)) < 1


def test_bands_follow_the_published_cut_offs():
    # DAS28: remission < 2.6 <= low <= 3.2 < moderate <= 5.1 < high (Prevoo 1995; Fransen 2004)
    svg = score_chart(
        [Point(dt.date(2026, 1, 1), 4.0)], bands=DAS28_BANDS, top=9.4, title="t", band_labels=LABELS
    )
    names = re.findall(r'class="band band-(\w+)"', svg)
    assert names == ["remission", "low", "moderate", "high"]
    heights = _numbers(svg, "height")  # the bands (the picture itself has only a viewBox)
    plot = HEIGHT - 10 - 30
    assert abs(sum(heights) - plot) < 0.5
    assert abs(heights[0] - plot * 2.6 / 9.4) < 0.2


def test_labels_and_titles_are_escaped():
    svg = score_chart(
        [Point(dt.date(2026, 1, 1), 1.0)],
        bands=CDAI_BANDS,
        top=30,
        title="<script>",
        band_labels={"remission": "a & b"},
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "a &amp; b" in svg


def test_the_axis_holds_the_highest_band_and_the_largest_value():
    assert axis_top([], DAS28_BANDS, ceiling=9.4) == 7.0  # 5.1 x 4/3 = 6.8, rounded up
    assert axis_top([8.9], DAS28_BANDS, ceiling=9.4) == 9.4  # 9.79 capped at the maximum
    assert axis_top([5.0], RAPID3_BANDS, ceiling=30) == 16.0


days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 1, 1))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(days, st.floats(min_value=0, max_value=30), st.sampled_from(["clinic", "self"])),
        min_size=1,
        max_size=30,
    )
)
def test_every_point_is_drawn_inside_the_picture(rows):
    points = [Point(d, v, s) for d, v, s in rows]
    svg = score_chart(points, bands=RAPID3_BANDS, top=30, title="t", band_labels=LABELS)
    assert svg.count("<circle") == len(points)
    assert all(0 <= x <= WIDTH for x in _numbers(svg, "cx"))
    assert all(0 <= y <= HEIGHT for y in _numbers(svg, "cy"))
