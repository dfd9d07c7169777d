"""Where the workflow used to live: the table is ``urbis.sanctions.rules.workflow`` now.

Kept as a re-export so code written against the old module keeps working while it moves; new
code imports ``urbis.sanctions.rules.workflow`` (and ``rules.vocabulary`` for procedures).
"""

from urbis.sanctions.rules.workflow import (  # noqa: F401
    ALL,
    AWAITING_DECISION,
    DECIDABLE,
    DISCRETIONARY,
    EDGES,
    EDGES_BY_ACTION,
    FIXED,
    MIXED,
    OPEN_STATUSES,
    UNDECIDED,
    Action,
    Edge,
    Outcome,
    Procedure,
    Status,
    TransitionRefused,
    allowed,
    check,
)
