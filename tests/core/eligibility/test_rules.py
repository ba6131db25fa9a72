"""The rule language's JSON form: exact round trip, and loud errors for curators' typos."""

from __future__ import annotations

from typing import Any

import pytest

from synovia.core.eligibility.parsing import parse_study
from synovia.core.eligibility.rules import (
    AllOf,
    Compare,
    Flag,
    Review,
    RuleError,
    has_review,
    rule_from_dict,
    rule_to_dict,
)
from synovia.core.eligibility.studies import load_catalog


def test_every_catalog_rule_round_trips_through_json() -> None:
    for study in load_catalog():
        for criterion in parse_study(study):
            assert rule_from_dict(rule_to_dict(criterion.rule)) == criterion.rule


def test_compare_json_names_the_unit() -> None:
    assert rule_to_dict(Compare("hemoglobin_g_l", "<", 90.0)) == {
        "type": "compare",
        "fact": "hemoglobin_g_l",
        "op": "<",
        "value": 90.0,
        "unit": "g/L",
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"type": "compare", "fact": "hb", "op": "<", "value": 9}, "unknown fact: 'hb'"),
        ({"type": "compare", "fact": "age_years", "op": "=>", "value": 9}, "unknown operator"),
        ({"type": "compare", "fact": "age_years", "op": "<", "value": "9"}, "number"),
        ({"type": "compare", "fact": "hemoglobin_g_l", "op": "<", "value": 9, "unit": "g/dL"}, "g/L"),
        ({"type": "flag", "fact": "age_years"}, "not usable"),
        ({"type": "equals", "fact": "sex", "value": "f"}, "female"),
        ({"type": "all_of", "rules": []}, "non-empty"),
        ({"type": "maybe"}, "unknown rule type"),
        ({"type": "flag"}, "lacks key 'fact'"),
        ({"type": "in_list", "fact": "conditions", "names": "ild"}, "list of strings"),
    ],
)
def test_malformed_rule_is_rejected(data: dict[str, Any], message: str) -> None:
    with pytest.raises(RuleError, match=message):
        rule_from_dict(data)


def test_has_review_finds_nested_review() -> None:
    assert has_review(AllOf((Flag("hiv"), Review("x"))))
    assert not has_review(AllOf((Flag("hiv"), Flag("hbv"))))
