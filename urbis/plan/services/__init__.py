"""Writes of the plan module: each service is atomic and records its audit event."""

from urbis.plan.services.actions import (  # noqa: F401
    ACTION_FIELDS,
    ActionChanges,
    action_status_change,
    action_update,
)
from urbis.plan.services.indicators import (  # noqa: F401
    indicator_create,
    indicator_range,
    measurement_record,
    target_set,
)
from urbis.plan.services.peers import exchange_import  # noqa: F401
from urbis.plan.services.structure import (  # noqa: F401
    PARENT_LEVEL,
    MechanismTag,
    action_create,
    action_tag,
    objective_add,
    objective_create,
    plan_create,
    plan_extend,
    priority_add,
    priority_remove,
    side_effect_record,
)
from urbis.plan.services.surveys import (  # noqa: F401
    ANSWER_ALIASES,
    SURVEY_COLUMNS,
    ImportReport,
    survey_import,
    survey_publish,
)
