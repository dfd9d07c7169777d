"""Services: plan extension rules, objective hierarchy, tags, append-only measurements,
survey import (per-row report, nothing half-written), automatic indicators."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from urbis.core import indicators as core_indicators
from urbis.core.models import AuditEvent, Organisation
from urbis.core.tests.factories import AreaFactory, OrganisationFactory
from urbis.plan import services
from urbis.plan.jobs import compute_automatic_indicators
from urbis.plan.models import Indicator, Measurement, Objective, SurveyResponse
from urbis.plan.tests.factories import (
    IndicatorFactory,
    ObjectiveFactory,
    PhenomenonFactory,
    PlanFactory,
    PriorityFactory,
    operational_objective,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner() -> Organisation:
    return OrganisationFactory(name="Prevention service")


@pytest.fixture
def indicator() -> Indicator:
    """A survey indicator in % (0-100) on an operational objective."""
    return IndicatorFactory(objective=operational_objective())


def test_extension_keeps_priorities_and_may_only_add(coordinator) -> None:
    plan = PlanFactory(period_end=dt.date(2031, 12, 31))
    PriorityFactory(plan=plan, phenomenon=PhenomenonFactory(code="burglary"))
    PriorityFactory(plan=plan, phenomenon=PhenomenonFactory(code="insecurity"))
    extension = services.plan_extend(
        actor=coordinator, plan=plan, code="SVPP-2032", period_end=dt.date(2033, 12, 31)
    )
    assert extension.period_start == dt.date(2032, 1, 1)
    assert set(extension.priorities.values_list("phenomenon__code", flat=True)) == {
        "burglary",
        "insecurity",
    }
    inherited = extension.priorities.get(phenomenon__code="burglary")
    with pytest.raises(ValidationError, match="may only add"):
        services.priority_remove(actor=coordinator, priority=inherited)
    shoplifting = PhenomenonFactory(code="shoplifting")
    with pytest.raises(ValidationError) as error:
        services.priority_add(actor=coordinator, plan=extension, phenomenon=shoplifting)
    assert "rationale" in error.value.message_dict
    services.priority_add(
        actor=coordinator,
        plan=extension,
        phenomenon=shoplifting,
        rationale="Diagnostic 2031: shoplifting rising in the centre",
    )
    plan.refresh_from_db()
    assert plan.status == "extended"
    assert AuditEvent.objects.filter(action="plan.extended").exists()


def test_objective_levels_must_nest(coordinator) -> None:
    general = ObjectiveFactory(level="general")
    priority = general.priority
    with pytest.raises(ValidationError) as error:
        services.objective_create(
            actor=coordinator,
            priority=priority,
            level="operational",
            code="x",
            text="skips a level",
            parent=general,
        )
    assert "parent" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.objective_create(
            actor=coordinator,
            priority=priority,
            level="general",
            code="y",
            text="no parent allowed",
            parent=general,
        )


def test_action_needs_operational_objective_and_tag_rationale(coordinator, owner) -> None:
    operational = operational_objective()
    general = Objective.objects.get(priority=operational.priority, level="general")
    with pytest.raises(ValidationError) as error:
        services.action_create(actor=coordinator, objective=general, title="x", owner=owner)
    assert "objective" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.action_create(
            actor=coordinator,
            objective=operational,
            title="x",
            owner=owner,
            mechanisms=[services.MechanismTag("DETER", " "), services.MechanismTag("MAGIC", "why")],
        )
    assert len(error.value.message_dict["mechanisms"]) == 2
    action = services.action_create(
        actor=coordinator,
        objective=operational,
        title="Camera",
        owner=owner,
        mechanisms=[services.MechanismTag("DETER", "seen")],
    )
    assert list(action.mechanisms.values_list("mechanism", flat=True)) == ["DETER"]


def test_measurements_are_appended_never_overwritten(indicator, coordinator) -> None:
    first = services.measurement_record(
        actor=coordinator,
        indicator=indicator,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 6, 30),
        value=Decimal("4.9"),
        source="survey",
    )
    services.measurement_record(
        actor=coordinator,
        indicator=indicator,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 6, 30),
        value=Decimal("4.7"),
        source="survey (corrected)",
    )
    first.refresh_from_db()
    assert first.value == Decimal("4.9")
    assert indicator.measurements.filter(period_end=dt.date(2026, 6, 30)).count() == 2
    with pytest.raises(ValidationError) as error:
        services.measurement_record(
            actor=coordinator,
            indicator=indicator,
            period_start=dt.date(2026, 6, 1),
            period_end=dt.date(2026, 1, 1),
            value=Decimal(1),
            source="",
        )
    assert set(error.value.message_dict) == {"period_end", "source"}


def test_survey_import_reports_each_bad_row_and_writes_nothing(
    coordinator,
) -> None:
    AreaFactory(code="N01")
    before = SurveyResponse.objects.count()
    rows = [
        {
            "respondent": "R1",
            "year": "2025",
            "area": "N01",
            "weight": "1,2",
            "insecurity": "vaak",
        },
        {"respondent": "R2", "year": "2025", "area": "NOPE", "insecurity": "often"},
        {
            "respondent": "R3",
            "year": "2025",
            "area": "N01",
            "weight": "-1",
            "insecurity": "often",
        },
        {"respondent": "R4", "year": "2025", "area": "N01", "insecurity": "sometimes-ish"},
        {"respondent": "", "year": "2025"},
        {"respondent": "R1", "year": "2025", "area": "N01", "insecurity": "never"},
        {"respondent": "R5", "year": "2025", "insecurity": "never"},
    ]
    report = services.survey_import(actor=coordinator, rows=rows)
    assert [line for line, _ in report.rejected] == [3, 4, 5, 6, 7, 8]
    reasons = dict(report.rejected)
    assert "unknown code NOPE" in reasons[3] and "positive" in reasons[4]
    assert "not on the scale" in reasons[5] and "missing respondent" in reasons[6]
    assert "twice" in reasons[7] and "area: missing" in reasons[8]
    assert SurveyResponse.objects.count() == before
    partial = services.survey_import(actor=coordinator, rows=rows, all_or_nothing=False)
    assert partial.imported == 1 and len(partial.rejected) == 6  # R1 is valid, its repeat is not
    assert SurveyResponse.objects.count() == before + 1
    saved = SurveyResponse.objects.get(respondent="R1")
    assert (saved.insecurity, saved.weight, saved.area.code) == ("often", 1.2, "N01")


def test_automatic_indicators_from_a_registered_provider(indicator) -> None:
    indicator.provider_code = "test.lead_time"
    indicator.save()
    calls: list[tuple[dt.date, dt.date]] = []

    def compute(start: dt.date, end: dt.date) -> core_indicators.ProvidedValue:
        calls.append((start, end))
        return core_indicators.ProvidedValue(value=42.5, base_n=17, source="cases decided")

    core_indicators.register_provider(
        core_indicators.IndicatorProvider(
            code="test.lead_time", label="lead time", unit="days", compute=compute
        )
    )
    summary = compute_automatic_indicators(dt.date(2026, 11, 24))
    assert summary.startswith("1 automatic")
    measurement = Measurement.objects.filter(indicator=indicator, automatic=True).get()
    assert measurement.value == Decimal("42.5") and measurement.base_n == 17
    assert measurement.source.startswith("test.lead_time")
    assert calls == [(dt.date(2026, 1, 1), dt.date(2026, 11, 23))]  # whole days: to yesterday
    compute_automatic_indicators(dt.date(2026, 11, 24))  # same value: nothing new
    assert Measurement.objects.filter(indicator=indicator, automatic=True).count() == 1
    # On 1 January the night closes the year that ended: a full-year 2026 value.
    compute_automatic_indicators(dt.date(2027, 1, 1))
    assert calls[-1] == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_automatic_indicators_per_area_next_to_the_city_wide_value(indicator) -> None:
    from urbis.core import services as core_services
    from urbis.core.models import AreaKind
    from urbis.plan.selectors import indicator_statuses

    square = {
        "type": "Polygon",
        "coordinates": [[[4.4, 51.0], [4.5, 51.0], [4.5, 51.1], [4.4, 51.0]]],
    }
    north = core_services.area_upsert(
        actor=None, code="T-PN", name="North", kind=AreaKind.NEIGHBOURHOOD, geometry=square
    )
    south = core_services.area_upsert(
        actor=None, code="T-PS", name="South", kind=AreaKind.NEIGHBOURHOOD, geometry=square
    )
    indicator.provider_code = "test.by_area"
    indicator.save()
    values = {north.pk: 12.0, south.pk: 3.0, 10**9: 1.0}  # an unknown area is left out

    def by_area(start: dt.date, end: dt.date) -> dict[int, core_indicators.ProvidedValue]:
        return {
            pk: core_indicators.ProvidedValue(value=v, source="area") for pk, v in values.items()
        }

    core_indicators.register_provider(
        core_indicators.IndicatorProvider(
            code="test.by_area",
            label="by area",
            unit="%",
            compute=lambda start, end: core_indicators.ProvidedValue(value=7.0, source="city"),
            compute_by_area=by_area,
        )
    )
    summary = compute_automatic_indicators(dt.date(2026, 11, 24))
    assert summary.startswith("3 automatic")
    rows = Measurement.objects.filter(indicator=indicator, automatic=True)
    assert {(m.area.code if m.area else None, m.value) for m in rows.all()} == {
        (None, Decimal("7")),
        ("T-PN", Decimal("12")),
        ("T-PS", Decimal("3")),
    }
    compute_automatic_indicators(dt.date(2026, 11, 24))  # same values: nothing new
    assert rows.count() == 3
    values[south.pk] = 4.0  # one area changed: one new row, for that area only
    assert compute_automatic_indicators(dt.date(2026, 11, 24)).startswith("1 automatic")
    assert rows.count() == 4 and rows.filter(area=south).count() == 2
    # The plan's progress reads the city-wide value, not an area's.
    plan = indicator.objective.priority.plan
    status = next(s for s in indicator_statuses(plan, 2026) if s.indicator == indicator)
    assert status.latest is not None and status.latest.value == Decimal("7")


def test_measurement_outside_the_unit_range_is_refused(indicator, coordinator) -> None:
    assert indicator.unit == "%"
    for value in (Decimal("-1"), Decimal("100.5")):
        with pytest.raises(ValidationError) as error:
            services.measurement_record(
                actor=coordinator,
                indicator=indicator,
                period_start=dt.date(2026, 1, 1),
                period_end=dt.date(2026, 2, 1),
                value=value,
                source="x",
            )
        assert "outside the range" in error.value.message_dict["value"][0]
    indicator.maximum = Decimal(20)
    indicator.save()
    with pytest.raises(ValidationError):
        services.measurement_record(
            actor=coordinator,
            indicator=indicator,
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 2, 1),
            value=Decimal(25),
            source="x",
        )


def test_action_without_owner_is_refused(coordinator) -> None:
    operational = operational_objective()
    with pytest.raises(ValidationError) as error:
        services.action_create(actor=coordinator, objective=operational, title="x", owner=None)
    assert "owner" in error.value.message_dict
    assert not operational.actions.exists()
