"""Pathway states: allowed transitions only, errors naming from and to."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from synovia.core.pathway import (
    FINAL_STATES,
    TRANSITIONS,
    State,
    TransitionError,
    can_transition,
    check_transition,
)

HAPPY_PATH = [
    State.REFERRED,
    State.EVALUATING,
    State.CANDIDATE,
    State.SCHEDULED,
    State.TREATED,
    State.IN_FOLLOW_UP,
    State.COMPLETED,
]


def test_happy_path_is_allowed() -> None:
    for source, target in itertools.pairwise(HAPPY_PATH):
        assert check_transition(source, target) is target


def test_refuses_skipping_evaluation_with_named_states() -> None:
    with pytest.raises(TransitionError) as err:
        check_transition("referred", "scheduled")
    assert "referred -> scheduled" in str(err.value)
    assert "evaluating" in str(err.value)


def test_final_states_have_no_way_out() -> None:
    for final in FINAL_STATES:
        assert TRANSITIONS[final] == frozenset()
        with pytest.raises(TransitionError, match="final state"):
            check_transition(final, State.REFERRED)


def test_unknown_state_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown pathway state"):
        check_transition("referred", "cured")


def test_withdrawal_possible_from_every_open_state() -> None:
    for state in State:
        if state not in FINAL_STATES and state is not State.NOT_CANDIDATE:
            assert can_transition(state, State.WITHDRAWN)


@given(st.sampled_from(list(State)), st.sampled_from(list(State)))
def test_check_agrees_with_table(source: State, target: State) -> None:
    if target in TRANSITIONS[source]:
        assert check_transition(source, target) is target
    else:
        with pytest.raises(TransitionError):
            check_transition(source, target)


def test_every_state_reachable_from_referred() -> None:
    seen = {State.REFERRED}
    frontier = [State.REFERRED]
    while frontier:
        for nxt in TRANSITIONS[frontier.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    assert seen == set(State)
