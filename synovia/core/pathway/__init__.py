"""Care pathway rules: follow-up and retreatment windows, states and transitions, worklist.

Pure Python, no Django: the clinic app calls these functions and stores the results.
"""

from synovia.core.pathway.schedule import (
    DEFAULT_AFTER_DAYS,
    DEFAULT_BEFORE_DAYS,
    FOLLOW_UP_MONTHS,
    RetreatmentDecision,
    RetreatmentWindow,
    ScheduleError,
    VisitWindow,
    add_months,
    follow_up_schedule,
    retreatment_eligibility,
    retreatment_window,
    visit_window,
)
from synovia.core.pathway.states import (
    FINAL_STATES,
    TRANSITIONS,
    State,
    TransitionError,
    allowed_transitions,
    can_transition,
    check_transition,
)
from synovia.core.pathway.worklist import (
    VisitStatus,
    missing_visit_data,
    reminder_due,
    visit_status,
    windows_matched,
)

__all__ = [
    "DEFAULT_AFTER_DAYS",
    "DEFAULT_BEFORE_DAYS",
    "FINAL_STATES",
    "FOLLOW_UP_MONTHS",
    "TRANSITIONS",
    "RetreatmentDecision",
    "RetreatmentWindow",
    "ScheduleError",
    "State",
    "TransitionError",
    "VisitStatus",
    "VisitWindow",
    "add_months",
    "allowed_transitions",
    "can_transition",
    "check_transition",
    "follow_up_schedule",
    "missing_visit_data",
    "reminder_due",
    "retreatment_eligibility",
    "retreatment_window",
    "visit_status",
    "visit_window",
    "windows_matched",
]
