"""Health Assessment Questionnaire Disability Index (HAQ-DI), standard scoring.

Twenty items in eight categories, each item scored 0 (without any difficulty), 1 (with
some difficulty), 2 (with much difficulty) or 3 (unable to do)::

    dressing 2, arising 2, eating 3, walking 2, hygiene 3, reach 2, grip 3, activities 3

Scoring (Stanford HAQ instructions, Bruce & Fries 2003):

1. A category's score is the highest score of its answered items; a category with no
   answered item is unanswered.
2. Aids, devices or help from another person: when used for a category, a category score
   of 0 or 1 is raised to 2 (a score of 2 or 3 is kept). An aid cannot answer a category
   that has no answered item.
3. HAQ-DI = sum of category scores / number of answered categories, 0-3. It is not
   computable when fewer than 6 of the 8 categories are answered.

Input: ``items`` maps a category name to its list of item scores (0-3, ``None`` when not
answered; an absent category counts as unanswered); ``aids`` lists the categories where an
aid, a device or help was used. The value is unrounded (the questionnaire's 0.125 steps
show up exactly); no category label is given.

Sources:
    Fries JF, Spitz P, Kraines RG, Holman HR. Measurement of patient outcome in arthritis.
    Arthritis Rheum 1980;23(2):137-145.
    Bruce B, Fries JF. The Stanford Health Assessment Questionnaire: dimensions and
    practical applications. Health Qual Life Outcomes 2003;1:20.
    Bruce B, Fries JF. The Stanford Health Assessment Questionnaire: a review of its
    history, issues, progress, and documentation. J Rheumatol 2003;30(1):167-178.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from synovia.core.measures import units
from synovia.core.measures.errors import MeasureInputError
from synovia.core.measures.result import MeasureResult

HAQ_CATEGORIES: dict[str, int] = {
    "dressing": 2,
    "arising": 2,
    "eating": 3,
    "walking": 2,
    "hygiene": 3,
    "reach": 2,
    "grip": 3,
    "activities": 3,
}
"""The eight categories and their number of items (20 in all)."""

MIN_ANSWERED = 6
_ITEM = units.Range(0, 3, whole=True)


def _category_score(name: str, items: object) -> int | None:
    """The highest answered item of one category, or None when none is answered."""
    size = HAQ_CATEGORIES[name]
    if not isinstance(items, Sequence) or isinstance(items, str) or len(items) != size:
        allowed = f"a list of {size} item scores 0-3 or null"
        raise MeasureInputError(
            f"items.{name}", items, allowed, f"items.{name} must be {allowed}, got {items!r}"
        )
    answered = [
        units.count(f"items.{name}[{i}]", item, _ITEM) for i, item in enumerate(items) if item is not None
    ]
    return max(answered) if answered else None


def _check_names(kind: str, names: Iterable[object]) -> None:
    for name in names:
        if not isinstance(name, str) or name not in HAQ_CATEGORIES:
            allowed = ", ".join(HAQ_CATEGORIES)
            raise MeasureInputError(
                kind, name, allowed, f"{kind}: unknown category {name!r} (allowed: {allowed})"
            )


def haq_di(*, items: Mapping[str, Sequence[int | None]], aids: Iterable[str] = ()) -> MeasureResult:
    """HAQ-DI, 0-3, standard scoring with the aids/devices adjustment (Bruce & Fries 2003)."""
    if not isinstance(items, Mapping):
        raise MeasureInputError(
            "items",
            items,
            "an object of category: item scores",
            f"items must be an object of category: item scores, got {items!r}",
        )
    if isinstance(aids, str) or not isinstance(aids, Iterable):
        raise MeasureInputError(
            "aids",
            aids,
            "a list of category names",
            f"aids must be a list of category names, got {aids!r}",
        )
    aided = set(aids)
    _check_names("items", items)
    _check_names("aids", aided)
    scores: dict[str, int] = {}
    for name, size in HAQ_CATEGORIES.items():
        score = _category_score(name, items.get(name, [None] * size))
        if score is not None:
            scores[name] = max(score, 2) if name in aided else score
    if len(scores) < MIN_ANSWERED:
        raise MeasureInputError(
            "items",
            len(scores),
            f"{MIN_ANSWERED}-8 categories answered",
            f"items: {len(scores)} of 8 categories answered; HAQ-DI needs at least {MIN_ANSWERED}",
        )
    value = sum(scores.values()) / len(scores)
    used = {"items": {k: list(v) for k, v in items.items()}, "aids": sorted(aided)}
    return MeasureResult("haq_di", value, None, used | {"category_scores": scores})
