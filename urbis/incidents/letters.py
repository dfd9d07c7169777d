"""The neighbours' letter (flyer) of a cocoon watch as PDF (reportlab), in nl, fr or en,
with the delivery list by street for the prevention team. No victim identity: the letter
names the street area and the period, never the burglarised address."""

from __future__ import annotations

import io
from collections import defaultdict

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _

from urbis.incidents.models import AddressPoint, CocoonWatch

LANGUAGES = ("nl", "fr", "en")


def streets_of(addresses: list[AddressPoint]) -> dict[str, list[str]]:
    """Street → house numbers (with box), in delivery order."""
    by_street: dict[str, list[str]] = defaultdict(list)
    for address in addresses:
        number = f"{address.number} {_('box')} {address.box}" if address.box else address.number
        by_street[f"{address.street}, {address.postcode} {address.municipality}"].append(number)
    return dict(by_street)


def letter_pdf(watch: CocoonWatch, addresses: list[AddressPoint], language: str) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    if language not in LANGUAGES:
        language = "nl"
    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    with translation.override(language):
        city = str(getattr(settings, "URBIS_CITY_NAME", "Mechelen"))
        streets = streets_of(addresses)
        period = _("from %(start)s to %(end)s") % {
            "start": formats.date_format(watch.starts_on, "DATE_FORMAT"),
            "end": formats.date_format(watch.ends_on, "DATE_FORMAT"),
        }
        story = [
            Paragraph(
                escape(_("City of %(city)s – Prevention service") % {"city": city}),
                styles["Normal"],
            ),
            Spacer(1, 12),
            Paragraph(escape(_("A burglary in your neighbourhood")), styles["Title"]),
            Paragraph(escape(_("Dear neighbour,")), styles["Normal"]),
            Spacer(1, 6),
            Paragraph(
                escape(
                    _(
                        "Recently there was a burglary near your home. Research shows that in "
                        "the weeks after a burglary, homes within a few hundred metres run a "
                        "higher risk. Within about %(radius)s metres the risk stays raised "
                        "%(period)s."
                    )
                    % {"radius": watch.radius_m, "period": period}
                ),
                styles["Normal"],
            ),
            Spacer(1, 6),
            Paragraph(escape(_("What you can do:")), styles["Heading3"]),
        ]
        for tip in (
            _("Lock doors and windows, also when you leave for a short while."),
            _("Leave a light on a timer when you are away in the evening."),
            _("Do not leave ladders, tools or keys outside."),
            _("Call 101 when you notice something suspicious; in an emergency call 112."),
            _("Ask the prevention service for a free burglary-prevention advice at home."),
        ):
            story.append(Paragraph("• " + escape(tip), styles["Normal"]))
        story += [
            Spacer(1, 12),
            Paragraph(escape(_("With kind regards,")), styles["Normal"]),
            Paragraph(escape(_("The prevention service and the local police")), styles["Normal"]),
            PageBreak(),
            Paragraph(escape(_("Delivery list (prevention service only)")), styles["Heading2"]),
            Paragraph(
                escape(
                    _("Cocoon watch %(ref)s: %(n)s addresses within %(radius)s m, %(period)s.")
                    % {
                        "ref": watch.incident.reference,
                        "n": len(addresses),
                        "radius": watch.radius_m,
                        "period": period,
                    }
                ),
                styles["Normal"],
            ),
            Spacer(1, 6),
        ]
        for street, numbers in streets.items():
            story.append(
                Paragraph(
                    f"<b>{escape(street)}</b>: {escape(', '.join(numbers))}", styles["Normal"]
                )
            )
        if not streets:
            story.append(
                Paragraph(
                    escape(_("No address of the register lies inside the zone.")), styles["Normal"]
                )
            )
        SimpleDocTemplate(buffer, pagesize=A4, title=_("A burglary in your neighbourhood")).build(
            story
        )
    return buffer.getvalue()
