"""A worker's anonymous contact becomes a case — only with the person's consent (CW-R7)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from urbis.casework import forms, selectors, services
from urbis.casework.permissions import CASE_ROLES
from urbis.core.permissions import role_required


@role_required(*CASE_ROLES)
def contact_convert(request: HttpRequest, contact_id: int) -> HttpResponse:
    contact = selectors.contacts_for(request.user).filter(pk=contact_id).first()
    if contact is None:  # another worker's contact, or none: nothing to see
        raise Http404
    form = forms.ContactConvertForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.contact_convert(
                actor=request.user, contact=contact, **form.cleaned_data
            )
        except ValidationError as error:
            _add(form, error)
        else:
            messages.success(request, _("The contact became case %(n)s.") % {"n": case.number})
            return redirect("casework:case", case_id=case.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "contact": contact}
    return render(request, "casework/contact_convert.html", context, status=status)


def _add(form: forms.ContactConvertForm, error: ValidationError) -> None:
    aliases = {"consent": "open_case_consent"}
    if hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            name = aliases.get(field, field)
            form.add_error(name if name in form.fields else None, errs)
    else:
        form.add_error(None, error)
