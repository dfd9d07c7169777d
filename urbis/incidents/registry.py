"""What the incidents app plugs into core: navigation, demo data, indicators, nearby counts,
nightly jobs and dashboard alerts (ARCHITECTURE §4.6: apps meet through core registries)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def register_all() -> None:
    # Imported here, not at the top: this runs from IncidentsConfig.ready(), and the modules
    # below import models, which Django allows only once the app registry is ready.
    from urbis.core import alerts, modules, nearby
    from urbis.core.demo import register_demo_loader
    from urbis.core.indicators import register_provider
    from urbis.incidents import indicators, jobs  # noqa: F401 - jobs registers the nightly job
    from urbis.incidents.demo import load_incidents_demo
    from urbis.incidents.permissions import WORKBENCH_ROLES

    modules.register(
        modules.ModuleEntry(
            key="incidents",
            label=_("Crime analysis"),
            url_name="incidents:workbench",
            roles=frozenset(WORKBENCH_ROLES),
            order=40,
            description=_(
                "Incidents on the map, hotspots, near-repeat risk, forecasts and cocoon watch."
            ),
        )
    )
    register_demo_loader("incidents", load_incidents_demo)
    for provider in indicators.PROVIDERS:
        register_provider(provider)
    nearby.register_counter(
        nearby.NearbyCounter(
            code="incidents.crime",
            label=_("Recorded crime incidents"),
            count=indicators.incidents_near,
        )
    )
    alerts.register_source("incidents.cocoon", indicators.cocoon_alerts)
