from urbis.incidents.views.cocoon import (
    cocoon_detail,
    cocoon_letter,
    cocoon_list,
    cocoon_sent,
    cocoon_zone,
    evaluation,
    forecast_use,
)
from urbis.incidents.views.imports import (
    addresses_page,
    import_page,
    import_run,
    import_status,
    record,
)
from urbis.incidents.views.workbench import (
    chart,
    knox_detail,
    knox_download,
    knox_job,
    knox_job_status,
    knox_start,
    layer,
    workbench,
)

__all__ = [
    "addresses_page",
    "chart",
    "cocoon_detail",
    "cocoon_letter",
    "cocoon_list",
    "cocoon_sent",
    "cocoon_zone",
    "evaluation",
    "forecast_use",
    "import_page",
    "import_run",
    "import_status",
    "knox_detail",
    "knox_download",
    "knox_job",
    "knox_job_status",
    "knox_start",
    "layer",
    "record",
    "workbench",
]
