"""The intake rules: competence and eligibility decided by the pure rules module, said per
field and in the user's language; nothing is written here."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.sanctions import selectors
from urbis.sanctions.models import (
    Article,
    AscertainerKind,
    MunicipalSettings,
    Offender,
    OffenderKind,
)
from urbis.sanctions.models.catalogue import InfringementType
from urbis.sanctions.rules import amounts, eligibility, identifiers
from urbis.sanctions.rules.vocabulary import is_minor
from urbis.sanctions.rules.workflow import Procedure
from urbis.sanctions.selectors import worklists
from urbis.sanctions.services.intake import identity
from urbis.sanctions.services.intake.data import (
    SPEED_TOLERANCE_KMH,
    AscertainmentData,
    OffenderData,
)


def _offender_checks(data: OffenderData, errors: dict[str, list[str]]) -> OffenderData:
    if data.kind not in OffenderKind.values:
        errors.setdefault("offender.kind", []).append(_("Natural or legal person."))
    if not data.name.strip():
        errors.setdefault("offender.name", []).append(_("The offender's name is required."))
    if data.kind == OffenderKind.NATURAL and data.national_number:
        try:
            data.national_number = identifiers.validate_national_number(data.national_number)
        except identifiers.IdentifierError:
            errors.setdefault("offender.national_number", []).append(
                _("%(value)s is not a valid Belgian national number.")
                % {"value": data.national_number}
            )
        else:
            if data.birth_date is None:
                data.birth_date = identifiers.birth_date_from_national_number(data.national_number)
    if data.kind == OffenderKind.LEGAL:
        if not data.enterprise_number:
            errors.setdefault("offender.enterprise_number", []).append(
                _("A legal person is identified by its enterprise number.")
            )
        else:
            try:
                data.enterprise_number = identifiers.validate_enterprise_number(
                    data.enterprise_number
                )
            except identifiers.IdentifierError:
                errors.setdefault("offender.enterprise_number", []).append(
                    _("%(value)s is not a valid enterprise number.")
                    % {"value": data.enterprise_number}
                )
    if data.kind == OffenderKind.NATURAL and data.birth_date is None and not data.national_number:
        # GAS-R04/R05/R10: the age decides minimum age, procedure and letters to parents.
        errors.setdefault("offender.birth_date", []).append(
            _("The date of birth or the national number is required.")
        )
    if data.language not in ("nl", "fr", "en"):
        errors.setdefault("offender.language", []).append(_("Dutch, French or English."))
    return data


class Catalogue:
    """Articles and municipal settings read once, for a batch of ascertainments."""

    def __init__(self) -> None:
        self.articles: dict[str, list[Article]] = {}
        for article in selectors.articles():
            self.articles.setdefault(article.code, []).append(article)
        self.settings = list(selectors.municipal_settings())
        self.offenders: dict[str, Offender] = {}

    def load_offenders(self, national_numbers: set[str]) -> None:
        """The offenders on file under these numbers, read in batches (identity check)."""
        numbers = sorted(n for n in national_numbers if n)
        for start in range(0, len(numbers), 2000):
            chunk = numbers[start : start + 2000]
            for offender in Offender.objects.filter(national_number__in=chunk).order_by("pk"):
                self.offenders.setdefault(offender.national_number, offender)

    def offender_by_national_number(self, number: str) -> Offender | None:
        return self.offenders.get(number)

    def article_in_force(self, code: str, day: dt.date) -> Article | None:
        return next((a for a in self.articles.get(code, []) if a.in_force_on(day)), None)

    def known(self, code: str) -> bool:
        return code in self.articles

    def settings_on(self, day: dt.date) -> MunicipalSettings:
        found = next((s for s in self.settings if s.valid_from <= day), None)
        return found or MunicipalSettings(valid_from=dt.date(2014, 1, 1))


class _Database:
    """The same look-ups straight from the database (one ascertainment)."""

    def article_in_force(self, code: str, day: dt.date) -> Article | None:
        return selectors.article_in_force(code, day)

    def known(self, code: str) -> bool:
        return worklists.article_known(code)

    def settings_on(self, day: dt.date) -> MunicipalSettings:
        return selectors.settings_on(day)

    def offender_by_national_number(self, number: str) -> Offender | None:
        return selectors.find_offender(number, "")


def _report_checks(data: AscertainmentData, today: dt.date, errors: dict[str, list[str]]) -> None:
    """The report itself: who ascertained, its number, the facts, dates in order."""
    offence_on = timezone.localtime(data.offence_at).date()
    if data.kind not in AscertainerKind.values:
        errors["kind"] = [_("Police, municipal officer or camera.")]
    if not data.reference.strip():
        errors["reference"] = [_("The PV or report number is required.")]
    if not data.description.strip():
        errors["description"] = [_("Describe the facts.")]
    for name, day in (
        ("offence_at", offence_on),
        ("ascertained_on", data.ascertained_on),
        ("received_on", data.received_on),
    ):
        if day > today:
            errors.setdefault(name, []).append(_("This date is in the future."))
    if offence_on > data.ascertained_on:
        errors.setdefault("offence_at", []).append(
            _("The offence cannot be after its ascertainment.")
        )
    if data.received_on < data.ascertained_on:
        errors.setdefault("received_on", []).append(
            _("The report cannot reach the sanctioning official before the ascertainment.")
        )


def _article(
    lookup: Catalogue | _Database, code: str, offence_on: dt.date, errors: dict[str, list[str]]
) -> Article | None:
    """The article version in force on the day of the facts (non-retroactivity)."""
    article = lookup.article_in_force(code, offence_on)
    if article is None:
        errors.setdefault("article_code", []).append(
            _("Article %(code)s was not in force on %(day)s.")
            % {"code": code, "day": offence_on.strftime("%d/%m/%Y")}
            if lookup.known(code)
            else _("Unknown article %(code)s.") % {"code": code}
        )
    return article


def _rule_refusals(
    data: AscertainmentData,
    article: Article,
    municipal: MunicipalSettings,
    minor: bool,
    errors: dict[str, list[str]],
) -> list[eligibility.Refusal]:
    """The pure competence and eligibility rules (rules/eligibility.py) for this report."""
    procedure = article.procedure
    offender = data.offender
    offence_on = timezone.localtime(data.offence_at).date()
    rules = eligibility.Procedure(procedure.value)
    refusals = eligibility.ascertainer_refusals(rules, ASCERTAINER_OF[data.kind])  # R50
    if procedure == Procedure.PARKING:  # R16; the mixed gate is a workflow step
        refusals += eligibility.prosecutor_refusals(
            rules, protocol_agreement=municipal.protocol_parking, prosecutor_declined=None
        )
    if offender.kind == OffenderKind.NATURAL and offender.birth_date:
        age = identifiers.age_on(offender.birth_date, offence_on)
        refusals += eligibility.age_refusals(age, municipal_minimum_age=municipal.minimum_age)
        refusals += eligibility.minor_procedure_refusals(rules, minor)
    if procedure == Procedure.SPEEDING:
        _speeding_checks(data, municipal.speeding_regulation, errors)
        if data.speed_limit is not None and data.measured_speed is not None:
            refusals += [
                refusal
                for refusal in eligibility.speeding_refusals(
                    speed_limit_kmh=data.speed_limit,
                    measured_speed_kmh=data.measured_speed,
                    device_financed_by_local_authority=data.municipal_device,
                    offender=eligibility.OffenderKind(offender.kind),
                    adult=not minor,
                    other_simultaneous_offence=data.other_offence,
                    offence_on=offence_on,
                    driver_identified=data.driver_identified,
                )
                if refusal.key != "speed_minor"  # said once, by minor_procedure (R05)
            ]
    return refusals


def _minor_checks(article: Article, offender: OffenderData, errors: dict[str, list[str]]) -> None:
    if not article.applies_to_minors:
        errors.setdefault("article_code", []).append(
            _("Article %(code)s does not apply to minors.") % {"code": article.code}
        )
    # GAS-R10 (art. 14-19): letters go to the minor and to the parents.
    if not offender.guardians:
        errors.setdefault("offender.guardians", []).append(
            _("GAS-R10: a minor's parents or guardians must be known.")
        )


def validate(
    data: AscertainmentData,
    *,
    today: dt.date | None = None,
    catalogue: Catalogue | None = None,
) -> Article:
    """Check an ascertainment against the intake rules; return the article version in force.

    Raises ``ValidationError`` with per-field messages, each naming its rule."""
    today = today or timezone.localdate()
    lookup: Catalogue | _Database = catalogue or _Database()
    errors: dict[str, list[str]] = {}
    offence_on = timezone.localtime(data.offence_at).date()
    _report_checks(data, today, errors)
    offender = _offender_checks(data.offender, errors)
    _identity_checks(offender, lookup, errors)
    _stored_birth_date(offender, errors)
    article = _article(lookup, data.article_code, offence_on, errors)
    if errors or article is None:
        raise ValidationError(errors)
    # "Minor" is decided once (rules/vocabulary.is_minor), from the birth date the case keeps.
    minor = is_minor(offender.kind, offender.birth_date, offence_on)
    # The rules themselves live in the pure module rules/eligibility.py (lawyer-reviewable);
    # here each refusal is said in the user's language, on the field it concerns.
    municipal = lookup.settings_on(offence_on)
    for refusal in _rule_refusals(data, article, municipal, minor, errors):
        field, message = _say(refusal)
        errors.setdefault(field, []).append(message)
    if data.driver_identified and not data.driver_name.strip():
        errors.setdefault("driver_name", []).append(_("GAS-R43: name the identified driver."))
    if minor and not errors:
        _minor_checks(article, offender, errors)
    if errors:
        raise ValidationError(errors)
    return article


def _identity_checks(
    offender: OffenderData, lookup: Catalogue | _Database, errors: dict[str, list[str]]
) -> None:
    """A valid national number on file under another name asks before attaching: never a
    silent merge into someone else's record."""
    if not offender.national_number or "offender.national_number" in errors:
        return
    question = identity.mismatch(
        offender, lookup.offender_by_national_number(offender.national_number)
    )
    if question is not None:
        errors.setdefault("offender.national_number", []).extend(
            question.error_dict["offender.national_number"]  # type: ignore[arg-type]
        )


def _stored_birth_date(offender: OffenderData, errors: dict[str, list[str]]) -> None:
    """The offender on file keeps one birth date: a report without one takes it, a report with
    another one is refused (eligibility and the stored case must decide "minor" alike)."""
    known = selectors.find_offender(offender.national_number, offender.enterprise_number)
    if known is None or known.birth_date is None or offender.kind != OffenderKind.NATURAL:
        return
    if offender.birth_date is None:
        offender.birth_date = known.birth_date
    elif offender.birth_date != known.birth_date:
        errors.setdefault("offender.birth_date", []).append(
            _("The offender on file with this number was born on %(day)s.")
            % {"day": known.birth_date.strftime("%d/%m/%Y")}
        )


#: Who ascertained, in the terms of art. 21 (camera PVs are police PVs).
ASCERTAINER_OF: dict[str, eligibility.Ascertainer] = {
    AscertainerKind.POLICE: eligibility.Ascertainer.POLICE,
    AscertainerKind.CAMERA: eligibility.Ascertainer.POLICE,
    AscertainerKind.MUNICIPAL: eligibility.Ascertainer.MUNICIPAL_OFFICER,
}


def _say(refusal: eligibility.Refusal) -> tuple[str, str]:
    """The field and the translated sentence of a refusal of the pure rules."""
    said: dict[str, tuple[str, str]] = {
        "age_legal": (
            "offender.birth_date",
            _("GAS-R04: the offender was %(age)s; no GAS below 14."),
        ),
        "age_municipal": (
            "offender.birth_date",
            _("GAS-R04: the offender was %(age)s, under the municipal minimum age of %(minimum)s."),
        ),
        "minor_procedure": (
            "offender.birth_date",
            _("GAS-R05: stopping, parking and speeding GAS do not apply to minors."),
        ),
        "ascertainer_scope": (
            "kind",
            _("GAS-R50: a municipal officer may not ascertain this infringement (art. 21)."),
        ),
        "parking_protocol": (
            "article_code",
            _("GAS-R16: no protocol agreement with the prosecutor for stopping and parking."),
        ),
        "speed_limit": ("speed_limit", _("GAS-R38: only limits of 30 or 50 km/h.")),
        "speed_no_excess": ("measured_speed", _("No excess after the 6 km/h correction.")),
        "speed_excess": (
            "measured_speed",
            _("GAS-R38: %(excess)s km/h over the limit after correction: criminal procedure."),
        ),
        "speed_device": (
            "measured_speed",
            _("GAS-R38: the device must be financed by the local authority."),
        ),
        "speed_other_offence": (
            "measured_speed",
            _("GAS-R38: another simultaneous offence: criminal procedure."),
        ),
        "speed_legal_person": (
            "offender.kind",
            _("GAS-R43: a legal person only when the actual driver is identified."),
        ),
    }
    if refusal.key not in said:
        return "non_field_errors", str(refusal)
    field, template = said[refusal.key]
    return field, template % refusal.params if "%(" in template else template


def _speeding_checks(data: AscertainmentData, adopted: bool, errors: dict[str, list[str]]) -> None:
    """What the municipality and the report must supply before GAS-R38 can be judged."""

    def refuse(message: str) -> None:
        errors.setdefault("measured_speed", []).append(message)

    if not adopted:
        refuse(_("GAS-R38: the municipality has no speeding regulation."))
    if data.measured_speed is None or data.speed_limit is None:
        refuse(_("GAS-R38: the measured speed and the limit are required."))
    if data.kind != AscertainerKind.CAMERA:
        refuse(_("GAS-R38: speeding must be ascertained by an automatic device."))


def _fixed_amount(article: Article, offence_on: dt.date, data: AscertainmentData) -> Decimal | None:
    if article.infringement_type in (InfringementType.PARKING_1, InfringementType.PARKING_2):
        category = 1 if article.infringement_type == InfringementType.PARKING_1 else 2
        return amounts.parking_amount(category, offence_on).value
    if article.infringement_type == InfringementType.SPEEDING:
        assert data.measured_speed is not None and data.speed_limit is not None
        excess = data.measured_speed - SPEED_TOLERANCE_KMH - data.speed_limit
        return amounts.speeding_amount(excess, data.built_up_area, offence_on).value
    return None
