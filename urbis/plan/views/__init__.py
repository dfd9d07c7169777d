"""Plan pages: thin glue over selectors and services."""

from urbis.plan.views.actions import (  # noqa: F401
    action_detail,
    action_edit,
    action_status,
    my_actions,
    practice_export,
)
from urbis.plan.views.partners import (  # noqa: F401
    exchange,
    partners,
)
from urbis.plan.views.plan import (  # noqa: F401
    add_action,
    add_objective,
    add_priority,
    dashboard,
    detail,
    extend,
    indicators,
    matrix,
    overview,
    report,
)
from urbis.plan.views.survey import (  # noqa: F401
    SURVEY_ITEM_LABELS,
    survey,
    survey_publish,
)
