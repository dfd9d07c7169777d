"""Wrong person, silently: a report whose valid national number belongs to an offender on file
under another name is never attached to that person without an explicit choice.

The national number identifies a natural person (Law of 8 August 1983 on the National
Register, art. 8); a typing error in one digit can still give a valid number, so a number
that matches someone else's name is a question for the person filing, not a merge."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from urbis.sanctions.models import Offender, OffenderKind
from urbis.sanctions.services.intake.data import OffenderData

#: The error code a page looks for to offer the "same person" choice.
IDENTITY_MATCH = "identity_match"


def _plain(text: str) -> str:
    """Compared without case, accents or extra spaces ("Peeters" = "PEETERS", "Hélène" =
    "Helene")."""
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.casefold().split())


def same_name(typed: OffenderData, stored: Offender) -> bool:
    """The typed name is the stored one; an empty first name on either side is not a
    difference (a camera PV often carries the surname only)."""
    if _plain(typed.name) != _plain(stored.name):
        return False
    if typed.first_name.strip() and stored.first_name.strip():
        return _plain(typed.first_name) == _plain(stored.first_name)
    return True


def mismatch(typed: OffenderData, stored: Offender | None) -> ValidationError | None:
    """The refusal when ``stored`` (found by the typed national number) carries another name
    and the person filing did not confirm that it is the same person."""
    if stored is None or typed.same_person or typed.kind != OffenderKind.NATURAL:
        return None
    if same_name(typed, stored):
        return None
    typed_name = f"{typed.first_name} {typed.name}".strip()
    born = stored.birth_date.strftime("%d/%m/%Y") if stored.birth_date else "?"
    message = _(
        "The national number %(number)s belongs to %(stored)s (born %(born)s) on file, not to "
        "%(typed)s. Confirm that it is the same person, or correct the number."
    ) % {"number": stored.national_number, "stored": str(stored), "born": born, "typed": typed_name}
    return ValidationError(
        {"offender.national_number": [ValidationError(message, code=IDENTITY_MATCH)]}
    )


def is_identity_match(error: ValidationError) -> bool:
    """Whether a service refusal is (also) the identity question."""
    found = getattr(error, "error_dict", {}).get("offender.national_number", [])
    return any(e.code == IDENTITY_MATCH for e in found)
