"""Forms of the casework pages: they parse input; the services decide. Choices of people and
items are limited to the case, so a forged id is a form error (400), never a lookup."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from urbis.casework.models import (
    Case,
    CaseStatus,
    CaseSubject,
    ClosureReason,
    ConsentPurpose,
    ConsultationTable,
    ContactReferral,
    ContactTheme,
    Disclosure,
    DisclosureBasis,
    Meeting,
    Participant,
    ReferralService,
    ReferralStatus,
    RiskLevel,
    SecrecyClass,
    SubjectRole,
)
from urbis.core.gdpr.rectification import PERSON_FIELDS
from urbis.core.models import Area, Organisation, User
from urbis.core.roles import Role
from urbis.core.types import Actor

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        org = f" ({obj.organisation})" if obj.organisation_id else ""
        return f"{obj.get_full_name() or obj.get_username()}{org}"


class UsersChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.get_username()


def _participant_users(case: Case) -> Any:
    return User.objects.filter(
        pk__in=Participant.objects.filter(case=case, removed_at__isnull=True).values("user_id")
    ).order_by("last_name", "username")


class CaseOpenForm(forms.Form):
    table = forms.ModelChoiceField(queryset=ConsultationTable.objects.none(), label=_("Table"))
    risk_level = forms.ChoiceField(choices=RiskLevel.choices, label=_("Risk level"))
    referrer = forms.CharField(label=_("Referrer"), max_length=200, required=False)
    goals = forms.CharField(
        label=_("Goals"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, user: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tables = ConsultationTable.objects.filter(is_active=True)
        org = getattr(user, "organisation_id", None)
        tables = tables.filter(
            Q(allowed_organisations__isnull=True) | Q(allowed_organisations=org)
        ).distinct()
        self.fields["table"].queryset = tables  # type: ignore[attr-defined]


class SubjectForm(forms.Form):
    role = forms.ChoiceField(choices=SubjectRole.choices, label=_("Role in the case"))
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)
    national_number = forms.CharField(
        label=_("National register number"), max_length=15, required=False
    )

    def clean_national_number(self) -> str:
        raw = self.cleaned_data["national_number"].strip()
        if not raw:
            return ""
        from stdnum.be import nn

        try:
            return str(nn.validate(raw))
        except Exception as error:  # stdnum raises its own ValidationError subclasses
            raise ValidationError(_("This is not a valid national register number.")) from error


class ParticipantForm(forms.Form):
    user = UserChoice(queryset=User.objects.none(), label=_("Partner caseworker"))
    identity_rights = forms.BooleanField(label=_("May see identities"), required=False)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        users = User.objects.filter(groups__name=Role.CASEWORKER, is_active=True).exclude(
            pk__in=Participant.objects.filter(case=case, removed_at__isnull=True).values("user_id")
        )
        allowed = case.table.allowed_organisations.all()
        if allowed.exists():
            users = users.filter(organisation__in=allowed)
        self.fields["user"].queryset = users.order_by("last_name", "username")  # type: ignore[attr-defined]


class RemoveParticipantForm(forms.Form):
    participant = forms.IntegerField(min_value=1, max_value=2**53)


class AssessForm(forms.Form):
    risk_level = forms.ChoiceField(choices=RiskLevel.choices, label=_("Risk level"))
    status = forms.ChoiceField(
        choices=[c for c in CaseStatus.choices if c[0] != CaseStatus.CLOSED], label=_("Status")
    )


class CloseForm(forms.Form):
    reason = forms.ChoiceField(choices=ClosureReason.choices, label=_("Closure reason"))


class ActionForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(is_active=True), label=_("Partner")
    )
    description = forms.CharField(label=_("Action"), max_length=300)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)


class IdForm(forms.Form):
    id = forms.IntegerField(min_value=1, max_value=2**53)


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    attendees = UsersChoice(
        queryset=User.objects.none(),
        label=_("Who took part"),
        widget=forms.CheckboxSelectMultiple,
    )
    agenda = forms.CharField(
        label=_("Agenda"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    decisions = forms.CharField(
        label=_("Decisions"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = _participant_users(case)  # type: ignore[attr-defined]


class DisclosureForm(forms.Form):
    basis = forms.ChoiceField(choices=DisclosureBasis.choices, label=_("Basis"))
    secrecy_class = forms.ChoiceField(choices=SecrecyClass.choices, label=_("Secrecy class"))
    summary = forms.CharField(
        label=_("Information shared (only what is relevant and necessary)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    audience = UsersChoice(
        queryset=User.objects.none(),
        label=_("Who may see it"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Required for secret information; empty means every participant."),
    )
    meeting: forms.ModelChoiceField[Meeting] = forms.ModelChoiceField(
        queryset=Meeting.objects.none(), label=_("Shared at meeting"), required=False
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["audience"].queryset = _participant_users(case)  # type: ignore[attr-defined]
        self.fields["meeting"].queryset = case.meetings.all()  # type: ignore[attr-defined]


class SheetForm(forms.Form):
    meeting: forms.ModelChoiceField[Meeting] = forms.ModelChoiceField(
        queryset=Meeting.objects.none(), label=_("Meeting")
    )
    content = forms.CharField(
        label=_("Content of the feedback sheet"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    items: forms.ModelMultipleChoiceField[Disclosure] = forms.ModelMultipleChoiceField(
        queryset=Disclosure.objects.none(),
        label=_("Disclosures included"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    recipient = forms.CharField(label=_("Sent to"), max_length=200, initial="Local police")

    def __init__(self, *args: Any, case: Case, visible: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = case.meetings.all()  # type: ignore[attr-defined]
        self.fields["items"].queryset = case.disclosures.filter(  # type: ignore[attr-defined]
            pk__in=[d.pk for d in visible]
        )


class ReferralForm(forms.Form):
    service = forms.ChoiceField(choices=ReferralService.choices, label=_("Service"))
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(is_active=True),
        label=_("Organisation"),
        required=False,
    )


class ReferralStatusForm(forms.Form):
    id = forms.IntegerField(min_value=1, max_value=2**53)
    status = forms.ChoiceField(choices=ReferralStatus.choices, label=_("Status"))


class ConsentForm(forms.Form):
    subject: forms.ModelChoiceField[CaseSubject] = forms.ModelChoiceField(
        queryset=CaseSubject.objects.none(), label=_("Person")
    )
    purpose = forms.ChoiceField(choices=ConsentPurpose.choices, label=_("Purpose"))
    recipient = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(is_active=True), label=_("Recipient"), required=False
    )
    evidence = forms.CharField(label=_("Evidence"), max_length=200, required=False)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = case.subjects.all()  # type: ignore[attr-defined]


class ContactForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE)
    theme = forms.ChoiceField(choices=ContactTheme.choices, label=_("Theme"))
    area = forms.ModelChoiceField(queryset=Area.objects.all(), label=_("Place"), required=False)
    referral = forms.ChoiceField(
        choices=ContactReferral.choices, label=_("Referral"), required=False
    )
    people = forms.IntegerField(label=_("People met"), min_value=1, max_value=500, initial=1)
    alias = forms.CharField(label=_("Alias (only you see it)"), max_length=40, required=False)


class BreakGlassForm(forms.Form):
    case_number = forms.CharField(label=_("Case number"), max_length=30)
    reason = forms.CharField(
        label=_("Reason"), min_length=10, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class ContactConvertForm(CaseOpenForm):
    """A contact becomes a case only with the person's consent to exactly that (CW-R7)."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    open_case_consent = forms.BooleanField(
        label=_("The person consents to a case being opened"), required=False
    )
    evidence = forms.CharField(
        label=_("How the consent was given"),
        max_length=200,
        required=False,
        help_text=_("For example: signed form of 3 March, or oral consent with a witness."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        del self.fields["referrer"]
        del self.fields["goals"]


class RectifySubjectForm(forms.Form):
    """GDPR art. 16: the case director corrects one field of a person on the case."""

    subject: forms.ModelChoiceField[CaseSubject] = forms.ModelChoiceField(
        queryset=CaseSubject.objects.none(), label=_("Person")
    )
    field = forms.ChoiceField(label=_("Field"), choices=())
    value = forms.CharField(label=_("Correct value"), max_length=300, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=500)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = case.subjects.all()  # type: ignore[attr-defined]
        self.fields["field"].choices = list(PERSON_FIELDS.items())  # type: ignore[attr-defined]
