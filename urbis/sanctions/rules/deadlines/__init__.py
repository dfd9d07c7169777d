"""Every legal time limit of a GAS case, computed from its facts (pure; no database).

``deadlines(facts, parameters)`` returns the ``Deadline`` rows that apply to the case's procedure
and to the facts known so far; the lead's nightly sweep stores or compares them. Each row names
its legal basis; the rule identifiers (GAS-Rnn) are those of gas.md §9.

Conventions
-----------
- ``due`` is the last day on which the act may validly be done — except for the waiting period
  ``prosecutor_wait``, whose ``due`` is the first day the SA may open the procedure.
- Terms that run against the offender (defence, payment, appeal) and the prosecutor's wait use
  the Judicial Code (art. 52-54) *with* the art. 53 move to the next working day: for the
  municipality that is the later, hence the safe, date to wait for.
- Terms the administration must itself respect (transmission, notices, limitation of the power
  to fine, collection) use the conservative reading of ``calendar.own_limit_*`` (earliest
  candidate, never extended, moved back to a working day) — gas.md §3.4 and §3.7.
- Letters count from their deemed receipt (art. 53bis Ger.W. by analogy, GAS-R19, BELIEVED),
  or from the actual receipt if later and known.
- ``alert_on`` / ``escalate_on`` (GAS-R53, a design rule) are set on the administration's own
  deadlines only, at the same proportion of the term as month 4 and month 5 of the 6-month limit.
"""

from urbis.sanctions.rules.deadlines.engine import (  # noqa: F401
    deadlines,
)
from urbis.sanctions.rules.deadlines.facts import (  # noqa: F401
    DEFAULT_PARAMETER_TIMELINE,
    DEFAULT_PARAMETERS,
    MIXED,
    UNIFORM_TRANSMISSION_FROM,
    CaseFacts,
    Deadline,
    DeadlineCode,
    DeadlineParameters,
    LimitationEvent,
    LimitationEventKind,
    Procedure,
)
