from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "urbis.plan"
    label = "plan"
    verbose_name = _("Safety and prevention plan")

    def ready(self) -> None:
        # ready(): the app registry is complete only now (Django's AppConfig.ready contract)
        from urbis.core import db_guards, modules
        from urbis.core.demo import register_demo_loader
        from urbis.core.permissions import STAFF_ROLES
        from urbis.plan import gdpr, home, jobs  # noqa: F401 - GDPR declarations, nightly job
        from urbis.plan.demo import load_plan_demo
        from urbis.plan.permissions import READ_ROLES

        db_guards.register_tables("plan_measurement", "plan_actionstatuschange")
        roles = frozenset(READ_ROLES)
        modules.register(
            modules.ModuleEntry(
                key="plan",
                label=_("Safety and prevention plan"),
                url_name="plan:overview",
                roles=roles,
                order=10,
                description=_("Phenomena, objectives, actions, partners and indicators."),
            )
        )
        modules.register(
            modules.ModuleEntry(
                key="survey",
                label=_("Safety survey"),
                url_name="plan:survey",
                roles=roles,
                order=11,
                description=_("Feelings of insecurity by neighbourhood and year."),
            )
        )
        modules.register(
            modules.ModuleEntry(
                key="partners",
                label=_("Partners"),
                url_name="plan:partners",
                roles=roles,
                order=12,
                description=_("Partner organisations, agreements and their actions."),
            )
        )
        modules.register(
            modules.ModuleEntry(
                key="plan_actions",
                label=_("Our actions in the plan"),
                url_name="plan:my_actions",
                roles=frozenset(STAFF_ROLES) - roles,
                order=13,
                description=_("Plan actions your organisation leads or takes part in."),
            )
        )
        register_demo_loader("plan", load_plan_demo)
        home.register()
