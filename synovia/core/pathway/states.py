"""Care-pathway states of a patient and the transitions allowed between them.

referred -> evaluating -> candidate | not_candidate
candidate -> scheduled -> treated -> in_follow_up -> completed
Withdrawal is possible from every open state; loss to follow-up from treated and
in_follow_up. A patient who is not a candidate may be re-referred (new evaluation);
a patient in follow-up may be scheduled again (retreatment). Completed, withdrawn and
lost to follow-up are final.
"""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    """Pathway states; the value is what the database stores."""

    REFERRED = "referred"
    EVALUATING = "evaluating"
    CANDIDATE = "candidate"
    NOT_CANDIDATE = "not_candidate"
    SCHEDULED = "scheduled"
    TREATED = "treated"
    IN_FOLLOW_UP = "in_follow_up"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"
    LOST_TO_FOLLOW_UP = "lost_to_follow_up"


FINAL_STATES: frozenset[State] = frozenset({State.COMPLETED, State.WITHDRAWN, State.LOST_TO_FOLLOW_UP})

TRANSITIONS: dict[State, frozenset[State]] = {
    State.REFERRED: frozenset({State.EVALUATING, State.WITHDRAWN}),
    State.EVALUATING: frozenset({State.CANDIDATE, State.NOT_CANDIDATE, State.WITHDRAWN}),
    State.CANDIDATE: frozenset({State.SCHEDULED, State.WITHDRAWN}),
    State.NOT_CANDIDATE: frozenset({State.REFERRED}),
    State.SCHEDULED: frozenset({State.TREATED, State.WITHDRAWN}),
    State.TREATED: frozenset({State.IN_FOLLOW_UP, State.WITHDRAWN, State.LOST_TO_FOLLOW_UP}),
    State.IN_FOLLOW_UP: frozenset(
        {State.SCHEDULED, State.COMPLETED, State.WITHDRAWN, State.LOST_TO_FOLLOW_UP}
    ),
    State.COMPLETED: frozenset(),
    State.WITHDRAWN: frozenset(),
    State.LOST_TO_FOLLOW_UP: frozenset(),
}


class TransitionError(ValueError):
    """A transition that the pathway does not allow; the message names from and to."""

    def __init__(self, source: str, target: str, allowed: frozenset[State]) -> None:
        self.source = source
        self.target = target
        names = ", ".join(sorted(s.value for s in allowed)) or "none (final state)"
        super().__init__(f"transition {source} -> {target} is not allowed; allowed from {source}: {names}")


def parse_state(value: str) -> State:
    """The ``State`` named by ``value``; unknown names raise ``ValueError``."""
    try:
        return State(value)
    except ValueError:
        known = ", ".join(s.value for s in State)
        raise ValueError(f"unknown pathway state {value!r}; known: {known}") from None


def allowed_transitions(source: str) -> frozenset[State]:
    """States reachable in one step from ``source``."""
    return TRANSITIONS[parse_state(source)]


def can_transition(source: str, target: str) -> bool:
    """True when ``source -> target`` is allowed."""
    return parse_state(target) in allowed_transitions(source)


def check_transition(source: str, target: str) -> State:
    """Return the target state, or raise ``TransitionError`` naming from and to."""
    allowed = allowed_transitions(source)
    new = parse_state(target)
    if new not in allowed:
        raise TransitionError(source, target, allowed)
    return new
