"""Forms of the administration pages (/manage/): every limit of the model is held here."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from urbis.core.models import Organisation, User
from urbis.core.roles import Role

NAME_MAX = User._meta.get_field("first_name").max_length or 150
LAST_NAME_MAX = User._meta.get_field("last_name").max_length or 150
EMAIL_MAX = User._meta.get_field("email").max_length or 254


class AccountForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=NAME_MAX)
    last_name = forms.CharField(label=_("Last name"), max_length=LAST_NAME_MAX)
    email = forms.EmailField(label=_("E-mail"), max_length=EMAIL_MAX)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class InviteForm(AccountForm):
    username = forms.CharField(
        label=_("User name"),
        max_length=User._meta.get_field("username").max_length or 150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Letters, digits and @/./+/-/_ only."),
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"), choices=settings.LANGUAGES, initial="nl"
    )
    field_order = ["username", "first_name", "last_name", "email", "language"]


class AreaImportForm(forms.Form):
    file = forms.FileField(
        label=_("GeoJSON file"),
        help_text=_(
            "A FeatureCollection of Polygon or MultiPolygon features in WGS84, each with the "
            "properties code, name and kind (municipality, neighbourhood, statistical_sector, "
            "patrol_zone), and optionally population."
        ),
    )
