"""HAQ-DI standard scoring (Fries et al., Arthritis Rheum 1980;23:137-145; Bruce & Fries,
Health Qual Life Outcomes 2003;1:20 and J Rheumatol 2003;30:167-178): highest item per
category, aids/devices raise a 0 or 1 to 2, mean over answered categories, not computable
with fewer than 6 answered. Expected values worked by hand from those rules."""

from __future__ import annotations

import pytest

from synovia.core.measures import MeasureInputError, haq_di

ZERO = {
    "dressing": [0, 0],
    "arising": [0, 0],
    "eating": [0, 0, 0],
    "walking": [0, 0],
    "hygiene": [0, 0, 0],
    "reach": [0, 0],
    "grip": [0, 0, 0],
    "activities": [0, 0, 0],
}


def test_highest_item_per_category_then_mean_of_eight() -> None:
    # category scores 1, 2, 1, 0, 1, 2, 1, 1 -> 9 / 8 = 1.125
    items = {
        "dressing": [1, 0],
        "arising": [2, 1],
        "eating": [0, 1, 0],
        "walking": [0, 0],
        "hygiene": [1, None, 0],
        "reach": [2, 2],
        "grip": [1, 1, 0],
        "activities": [0, 1, 0],
    }
    result = haq_di(items=items)
    assert result.value == pytest.approx(1.125)
    assert result.category is None
    assert result.inputs["category_scores"] == {
        "dressing": 1,
        "arising": 2,
        "eating": 1,
        "walking": 0,
        "hygiene": 1,
        "reach": 2,
        "grip": 1,
        "activities": 1,
    }


def test_aids_raise_a_category_of_0_or_1_to_2() -> None:
    # Bruce & Fries 2003: dressing 1 with an aid -> 2; walking 0 with a cane -> 2: 4 / 8 = 0.5
    items = ZERO | {"dressing": [1, 0]}
    assert haq_di(items=items, aids=["dressing", "walking"]).value == pytest.approx(0.5)


def test_aids_keep_a_category_of_3() -> None:
    # grip 3 with a jar opener stays 3: 3 / 8 = 0.375
    assert haq_di(items=ZERO | {"grip": [3, 0, 0]}, aids=["grip"]).value == pytest.approx(0.375)


def test_mean_over_six_answered_categories() -> None:
    # reach and grip unanswered: 6 categories scored 3 -> 18 / 6 = 3.0
    items = {k: [3] * len(v) for k, v in ZERO.items()} | {"reach": [None, None]}
    items.pop("grip")
    assert haq_di(items=items).value == pytest.approx(3.0)


def test_not_computable_with_five_answered_categories() -> None:
    items = dict(ZERO) | {"reach": [None, None], "grip": [None, None, None]}
    items.pop("activities")
    with pytest.raises(MeasureInputError, match="5 of 8 categories answered"):
        haq_di(items=items)


def test_an_aid_does_not_answer_an_unanswered_category() -> None:
    items = dict(ZERO) | {"reach": [None, None], "grip": [None, None, None]}
    items.pop("activities")
    with pytest.raises(MeasureInputError, match="5 of 8"):
        haq_di(items=items, aids=["reach", "grip", "activities"])


@pytest.mark.parametrize(
    ("items", "field"),
    [
        (ZERO | {"eating": [0, 0]}, "items.eating"),
        (ZERO | {"eating": [0, 4, 0]}, "items.eating[1]"),
        (ZERO | {"eating": [0, 1.5, 0]}, "items.eating[1]"),
        (ZERO | {"cooking": [0, 0]}, "items"),
    ],
)
def test_rejects_malformed_items(items: dict[str, list[float]], field: str) -> None:
    with pytest.raises(MeasureInputError) as caught:
        haq_di(items=items)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_rejects_an_unknown_aid_category() -> None:
    with pytest.raises(MeasureInputError, match="unknown category 'cane'"):
        haq_di(items=ZERO, aids=["cane"])
