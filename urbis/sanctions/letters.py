"""Letters as PDF in the offender's language (reportlab), with the payment block:
Belgian structured communication and an EPC QR code (EPC069-12) for banking apps.

Content per kind follows the law: the opening letter carries the elements of art. 25
(GAS-R17), the parking notice those of art. 29 §1 (GAS-R30/R31), the decision those of
art. 27-31 (payment term, appeal to the police or youth court)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from urbis.sanctions.models import Case, LetterKind, MunicipalSettings
from urbis.sanctions.rules import payment_reference

#: Fixed QR data mask for letters (see ``payment_reference.epc_qr``): faster batches.
LETTER_QR_MASK = 4


def _qr_flowable(payload: str, size: float) -> object:
    """The EPC QR code drawn as one vector path (no PNG round trip), ``size`` points wide."""
    from reportlab.platypus import Flowable

    matrix = payment_reference.epc_qr(payload, mask=LETTER_QR_MASK).matrix
    border = 2  # quiet zone, in modules (readers need white around the symbol)
    unit = size / (len(matrix) + 2 * border)

    class QrCode(Flowable):
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return size, size

        def draw(self) -> None:
            path = self.canv.beginPath()
            for y, line in enumerate(matrix):
                x = 0
                while x < len(line):
                    if line[x]:
                        start = x
                        while x < len(line) and line[x]:
                            x += 1
                        path.rect(
                            (start + border) * unit,
                            size - (y + border + 1) * unit,
                            (x - start) * unit,
                            unit,
                        )
                    x += 1
            self.canv.drawPath(path, stroke=0, fill=1)

    return QrCode()


PAYING_KINDS = {
    LetterKind.PARKING_NOTICE,
    LetterKind.SPEED_NOTICE,
    LetterKind.SECOND_INVITATION,
    LetterKind.DECISION,
    LetterKind.REMINDER,
}


def _money(amount: Decimal | None) -> str:
    return "EUR " + formats.number_format(amount or Decimal(0), decimal_pos=2, use_l10n=True)


def _text(value: object) -> str:
    """What people typed, made safe for reportlab's paragraph mark-up (``<b>`` stays text)."""
    from xml.sax.saxutils import escape

    return escape(str(value))


def _due(case: Case) -> Decimal:
    """What is still to pay: the amount less the payments already received."""
    from django.db.models import Sum

    paid = case.payments.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    return max((case.amount or Decimal(0)) - paid, Decimal(0))


def _day(day: dt.date | None) -> str:
    return formats.date_format(day, "DATE_FORMAT") if day else "—"


def body(
    case: Case, kind: str, municipal: MunicipalSettings, *, to_parents: bool = False
) -> list[str]:
    """The paragraphs of a letter, in the active language."""
    a = case.ascertainment
    facts = _(
        "On %(date)s at %(place)s the following facts were ascertained (%(reference)s): "
        "%(facts)s. They constitute an infringement of article %(article)s of the police "
        "regulation: %(title)s."
    ) % {
        "date": _day(timezone.localtime(a.offence_at).date()),
        "place": _text(a.address or "—"),
        "reference": _text(a.reference),
        "facts": _text(a.description),
        "article": _text(a.article.code),
        "title": _text(a.article.title),
    }
    paragraphs: list[str] = []
    if to_parents:
        paragraphs.append(
            _(
                "As parent or guardian of %(name)s, a minor, you receive a copy of this letter "
                "(art. 14-19 of the Law of 24 June 2013). You may make remarks and propose "
                "educational measures."
            )
            % {"name": _text(a.offender)}
        )
    if kind == LetterKind.OPENING:
        paragraphs += [
            _("The sanctioning official opens an administrative procedure against you."),
            facts,
            _("A copy of the report (%(reference)s) is enclosed.")
            % {"reference": _text(a.reference)},
            _("You have the right to consult your file."),
            _("You have the right to be assisted or represented by a lawyer."),
            _(
                "You may send your written defence by registered letter within 15 days of "
                "the notification of this letter."
            ),
        ]
        if case.minor:
            paragraphs += [
                _("As a minor you are entitled to the free assistance of a lawyer."),
                _("You will be heard in person. A local mediation will be offered to you."),
            ]
        else:
            paragraphs.append(
                _(
                    "If the envisaged fine exceeds %(threshold)s, you may ask to present your "
                    "defence orally."
                )
                % {"threshold": _money(municipal.oral_hearing_threshold)}
            )
    elif kind in (LetterKind.PARKING_NOTICE, LetterKind.SPEED_NOTICE):
        paragraphs += [
            facts,
            _("The fixed administrative fine for this infringement is %(amount)s.")
            % {"amount": _money(case.amount)},
            _(
                "Pay this amount within 30 days, or send your written defence within the same "
                "term. Without payment or defence you will receive a reminder."
            ),
        ]
        if kind == LetterKind.SPEED_NOTICE:
            paragraphs.append(
                _("Measured speed %(speed)s km/h, limit %(limit)s km/h, after a 6 km/h correction.")
                % {"speed": a.measured_speed, "limit": a.speed_limit}
            )
    elif kind == LetterKind.SECOND_INVITATION:
        paragraphs += [
            facts,
            _("Your defence was examined and not accepted: %(motivation)s")
            % {"motivation": _text(case.motivation or "—")},
            _("You are invited a second time to pay %(amount)s within 30 days.")
            % {"amount": _money(_due(case))},
        ]
    elif kind == LetterKind.DECISION and case.outcome != "fine":
        paragraphs += [facts]
        if case.outcome == "warning":
            paragraphs.append(
                _("Decision of %(date)s: a warning. No fine is imposed.")
                % {"date": _day(case.decided_on)}
            )
        else:
            paragraphs.append(
                _("Decision of %(date)s: no follow-up is given to these facts.")
                % {"date": _day(case.decided_on)}
            )
        paragraphs.append(
            _("Motivation: %(motivation)s") % {"motivation": _text(case.motivation or "—")}
        )
    elif kind == LetterKind.DECISION:
        court = _("the youth court") if case.minor else _("the police court")
        paragraphs += [
            facts,
            _("Decision of %(date)s: an administrative fine of %(amount)s.")
            % {"date": _day(case.decided_on), "amount": _money(case.amount)},
            _("Motivation: %(motivation)s") % {"motivation": _text(case.motivation or "—")},
            _("Pay the fine within one month of the notification of this decision."),
            _(
                "You may appeal against this decision by written request to %(court)s within "
                "one month of its notification."
            )
            % {"court": court},
        ]
        if case.repeat_of_id:
            paragraphs.append(
                _("Repeat offence: you were sanctioned for the same infringement in case %(n)s.")
                % {"n": case.repeat_of.number if case.repeat_of else ""}
            )
    elif kind == LetterKind.REMINDER:
        paragraphs += [
            _("Our records show no payment of %(amount)s for case %(number)s.")
            % {"amount": _money(_due(case)), "number": case.number},
            _(
                "Pay within 30 days. Without payment the fine will be collected by enforcement, "
                "at your expense."
            ),
        ]
    return paragraphs


def render(
    case: Case,
    kind: str,
    municipal: MunicipalSettings,
    *,
    language: str,
    addressee: str,
    address: list[str],
    to_parents: bool = False,
    on: dt.date,
) -> bytes:
    """One letter as PDF bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    with translation.override(language):
        buffer = io.BytesIO()
        title = str(LetterKind(kind).label)
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            title=f"{title} {case.number}",
            leftMargin=20 * mm,
            rightMargin=20 * mm,
        )
        styles = getSampleStyleSheet()
        text = styles["BodyText"]
        story = [
            Paragraph(municipal.municipality, styles["Heading2"]),
            Paragraph(_("Administrative sanctions (GAS)"), text),
            Spacer(1, 8 * mm),
            Paragraph("<br/>".join(_text(line) for line in [addressee, *address]), text),
            Spacer(1, 8 * mm),
            Paragraph(
                _("%(title)s — case %(number)s") % {"title": title, "number": case.number},
                styles["Heading3"],
            ),
            Paragraph(_day(on), text),
            Spacer(1, 4 * mm),
        ]
        for paragraph in body(case, kind, municipal, to_parents=to_parents):
            story += [Paragraph(paragraph, text), Spacer(1, 2 * mm)]
        fine = kind != LetterKind.DECISION or case.outcome == "fine"
        due = _due(case) if kind in (LetterKind.REMINDER, LetterKind.SECOND_INVITATION) else None
        if kind in PAYING_KINDS and fine and case.amount and case.payment_reference:
            to_pay = case.amount if due is None else due
            ogm = payment_reference.format_ogm(case.payment_reference)
            qr = _qr_flowable(
                payment_reference.epc_payload(
                    name=municipal.creditor_name,
                    iban=municipal.creditor_iban,
                    bic=municipal.creditor_bic or None,
                    amount=to_pay,
                    ogm=case.payment_reference,
                ),
                35 * mm,
            )
            pay = [
                Paragraph(_("Amount: %(amount)s") % {"amount": _money(to_pay)}, text),
                Paragraph(_("Account: %(iban)s") % {"iban": municipal.creditor_iban}, text),
                Paragraph(_("Structured communication: %(ogm)s") % {"ogm": ogm}, text),
                Paragraph(_("Scan the code with your banking app."), text),
            ]
            story += [
                Spacer(1, 4 * mm),
                Table([[pay, qr]]),
            ]
        story += [
            Spacer(1, 10 * mm),
            Paragraph(municipal.official_title, text),
        ]
        document.build(story)
    return buffer.getvalue()
