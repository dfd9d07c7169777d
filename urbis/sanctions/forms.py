"""GAS forms: the field intake (phone-friendly), bulk import, defence, hearing, decision."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from urbis.core.validators import (
    SMALLINT_MAX,
    validate_birth_date,
    validate_past_date,
    validate_planned_date,
)
from urbis.sanctions.models import Article, MotivationTemplate
from urbis.sanctions.models.cases import AscertainerKind, DefenceChannel
from urbis.sanctions.models.catalogue import InfringementType
from urbis.sanctions.models.parties import Language, OffenderKind


class DateInput(forms.DateInput):
    """A native date picker; the value is always ISO, whatever the page's language."""

    input_type = "date"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class IntakeForm(forms.Form):
    # Set by js/gas-report.js once per form: a retried submission returns the first case.
    idempotency_key = forms.CharField(
        max_length=100, required=False, widget=forms.HiddenInput(attrs={"data-idempotency": ""})
    )
    kind = forms.ChoiceField(label=_("Ascertained by"), choices=AscertainerKind.choices)
    reference = forms.CharField(label=_("PV or report number"), max_length=60)
    article_code = forms.ChoiceField(label=_("Article"), choices=())
    offence_at = forms.DateTimeField(
        label=_("Offence date and time"),
        widget=DateTimeInput,
        validators=[validate_past_date],
    )
    ascertained_on = forms.DateField(
        label=_("Ascertained on"), widget=DateInput, validators=[validate_past_date]
    )
    received_on = forms.DateField(
        label=_("Received by the sanctioning official on"),
        widget=DateInput,
        validators=[validate_past_date],
    )
    description = forms.CharField(
        label=_("Facts"), max_length=10000, widget=forms.Textarea(attrs={"rows": 3})
    )
    address = forms.CharField(label=_("Place"), max_length=200, required=False)
    lat = forms.FloatField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.HiddenInput,
    )
    lon = forms.FloatField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.HiddenInput,
    )
    plate = forms.CharField(label=_("Number plate"), max_length=20, required=False)
    speed_limit = forms.IntegerField(
        label=_("Speed limit (km/h)"), required=False, min_value=1, max_value=SMALLINT_MAX
    )
    measured_speed = forms.IntegerField(
        label=_("Measured speed (km/h)"), required=False, min_value=0, max_value=SMALLINT_MAX
    )
    # GAS-R43: a company's vehicle is under GAS 5 only with the actual driver identified.
    driver_identified = forms.BooleanField(
        label=_("Actual driver identified by the police (company vehicle)"), required=False
    )
    driver_name = forms.CharField(label=_("Identified driver"), max_length=200, required=False)
    offender_kind = forms.ChoiceField(label=_("Offender"), choices=OffenderKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    national_number = forms.CharField(label=_("National number"), max_length=20, required=False)
    enterprise_number = forms.CharField(label=_("Enterprise number"), max_length=20, required=False)
    birth_date = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=DateInput,
        validators=[validate_birth_date],
    )
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    guardian = forms.CharField(
        label=_("Parent or guardian (minors)"), max_length=200, required=False
    )
    photo = forms.ImageField(label=_("Photo"), required=False)
    # Shown only when the national number belongs to someone on file under another name
    # (services/intake/identity.py): the officer chooses, nothing is merged silently.
    same_person = forms.BooleanField(
        label=_("It is the same person: attach the report to the person on file"),
        help_text=_("Otherwise correct the national number."),
        required=False,
    )

    #: The page's sections, in the order an officer fills them in the street.
    SECTIONS = (
        ("facts", _("The facts"), ("article_code", "offence_at", "description")),
        ("place", _("Place"), ("address",)),
        ("speed", _("Speed measurement"), ("speed_limit", "measured_speed")),
        (
            "offender",
            _("Offender"),
            ("offender_kind", "name", "first_name", "national_number", "same_person"),
        ),
        (
            "identity",
            _("Identity and address"),
            (
                "enterprise_number",
                "birth_date",
                "street",
                "postcode",
                "city",
                "language",
                "guardian",
            ),
        ),
        (
            "report",
            _("Report and evidence"),
            ("kind", "reference", "ascertained_on", "received_on", "plate", "photo"),
        ),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        latest: dict[str, Article] = {}
        for article in Article.objects.order_by("code", "-valid_from"):
            latest.setdefault(article.code, article)
        self.fields["article_code"].choices = [  # type: ignore[attr-defined]
            (code, f"{code} {article.title}") for code, article in latest.items()
        ]
        #: Articles whose report needs the speed fields (GAS-R38, art. 29quater WVW).
        self.speeding_articles = sorted(
            code
            for code, article in latest.items()
            if article.infringement_type == InfringementType.SPEEDING
        )

    def sections(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        return [(key, str(title), [self[n] for n in names]) for key, title, names in self.SECTIONS]


class BulkImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("One ascertainment per row."))
    import_valid = forms.BooleanField(
        label=_("Import the valid rows and skip the rejected ones"), required=False
    )


class DefenceForm(forms.Form):
    received_on = forms.DateField(
        label=_("Received on"), widget=DateInput, validators=[validate_past_date]
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=DefenceChannel.choices)
    text = forms.CharField(
        label=_("Defence"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4})
    )
    attachment = forms.FileField(label=_("Attachment"), required=False)


class HearingForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Date and time"), widget=DateTimeInput, validators=[validate_planned_date]
    )
    place = forms.CharField(label=_("Place"), max_length=200)


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("decide_fine", _("Fine")),
            ("decide_warning", _("Warning")),
            ("decide_no_follow_up", _("No follow-up")),
        ],
    )
    amount = forms.DecimalField(
        label=_("Amount (EUR)"), required=False, min_value=0, max_digits=8, decimal_places=2
    )
    template = forms.ModelChoiceField(
        label=_("Motivation template"),
        queryset=MotivationTemplate.objects.all(),
        required=False,
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("motivation") and not data.get("template"):
            self.add_error("motivation", _("A decision is motivated."))
        return data


class PaymentImportForm(forms.Form):
    source = forms.ChoiceField(label=_("Format"), choices=[("coda", "CODA"), ("csv", "CSV")])
    file = forms.FileField(label=_("Bank statement"))


class AppealForm(forms.Form):
    lodged_on = forms.DateField(
        label=_("Lodged on"), widget=DateInput, validators=[validate_past_date]
    )
    reference = forms.CharField(label=_("Court reference"), max_length=60, required=False)


class JudgmentForm(forms.Form):
    judgment = forms.ChoiceField(
        label=_("Judgment"),
        choices=[
            ("confirmed", _("Fine confirmed")),
            ("reformed", _("Fine reformed (new amount)")),
            ("annulled", _("Decision annulled")),
        ],
    )
    on = forms.DateField(label=_("Judgment on"), widget=DateInput, validators=[validate_past_date])
    new_amount = forms.DecimalField(
        label=_("New amount (EUR)"), required=False, min_value=0, max_digits=8, decimal_places=2
    )


class InstalmentForm(forms.Form):
    instalments = forms.IntegerField(label=_("Number of instalments"), min_value=2, max_value=12)
    first_due = forms.DateField(
        label=_("First instalment due"), widget=DateInput, validators=[validate_planned_date]
    )


class HearingRecordForm(forms.Form):
    """GAS-R11/R20: what happened at the hearing."""

    hearing = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    held = forms.TypedChoiceField(
        label=_("Outcome"),
        coerce=lambda value: value == "1",
        choices=[("1", _("Heard")), ("0", _("Summoned, did not appear or waived"))],
    )
    minutes = forms.CharField(
        label=_("Minutes"), max_length=20000, widget=forms.Textarea(attrs={"rows": 3})
    )


class LawyerForm(forms.Form):
    """GAS-R09: the minor's lawyer."""

    name = forms.CharField(label=_("Lawyer"), max_length=200)
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)


class PaymentTermsForm(forms.Form):
    """GAS-R23: payment terms agreed within the mediation."""

    agreed_on = forms.DateField(
        label=_("Agreed on"), widget=DateInput, validators=[validate_past_date]
    )
    terms = forms.CharField(
        label=_("Payment terms"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CommunityServiceForm(forms.Form):
    """GAS-R06/R07: hours (30 adults, 15 minors), provider, agreement date."""

    hours = forms.IntegerField(label=_("Hours"), min_value=1, max_value=30)
    provider = forms.CharField(label=_("Service provider"), max_length=200)
    agreed_on = forms.DateField(
        label=_("Agreed on"), widget=DateInput, validators=[validate_past_date]
    )


class CommunityServiceResultForm(forms.Form):
    performed = forms.TypedChoiceField(
        label=_("Result"),
        coerce=lambda value: value == "1",
        choices=[("1", _("Performed")), ("0", _("Refused or not performed"))],
    )
    on = forms.DateField(label=_("On"), widget=DateInput, validators=[validate_past_date])
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)


class LetterReceiptForm(forms.Form):
    """GAS-R19: the actual receipt of a letter."""

    letter = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    received_on = forms.DateField(
        label=_("Actually received on"), widget=DateInput, validators=[validate_past_date]
    )


class LimitationEventForm(forms.Form):
    """GAS-R28: an interruption or a suspension of the collection limitation."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("interruption", _("Interruption")), ("suspension", _("Suspension"))],
    )
    on = forms.DateField(label=_("Date"), widget=DateInput, validators=[validate_past_date])
    until = forms.DateField(label=_("Until (suspension)"), widget=DateInput, required=False)
    ground = forms.CharField(label=_("Ground"), max_length=300)
