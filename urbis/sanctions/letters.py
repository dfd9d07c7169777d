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


def facts_paragraph(case: Case) -> str:
    a = case.ascertainment
    return _(
        "On %(date)s at %(place)s the following facts were ascertained (%(reference)s): "
        "%(facts)s. They constitute an infringement of article %(article)s of the police "
        "regulation: %(title)s."
    ) % {
        "date": _day(timezone.localtime(a.offence_at).date()),
        "place": _text(a.address or "—"),
        "reference": _text(a.reference),
        # The sentence ends with its own full stop: "…the glass container." not "container..".
        "facts": _text(a.description.strip().rstrip(".").rstrip()),
        "article": _text(a.article.code),
        "title": _text(a.article.title),
    }


def _opening(case: Case, municipal: MunicipalSettings) -> list[str]:
    """Art. 25 (GAS-R17): the elements of the opening letter."""
    paragraphs = [
        _("The sanctioning official opens an administrative procedure against you."),
        facts_paragraph(case),
        _("A copy of the report (%(reference)s) is enclosed.")
        % {"reference": _text(case.ascertainment.reference)},
        _("You have the right to consult your file."),
        _("You have the right to be assisted or represented by a lawyer."),
        _(
            "You may send your written defence by registered letter within 15 days of "
            "the notification of this letter."
        ),
    ]
    if case.minor:
        return [
            *paragraphs,
            _("As a minor you are entitled to the free assistance of a lawyer."),
            _("You will be heard in person. A local mediation will be offered to you."),
        ]
    return [
        *paragraphs,
        _(
            "If the envisaged fine exceeds %(threshold)s, you may ask to present your "
            "defence orally."
        )
        % {"threshold": _money(municipal.oral_hearing_threshold)},
    ]


def _notice(case: Case, kind: str) -> list[str]:
    """Art. 29 §1 (GAS-R30/R31): the parking or speeding notice with its fixed fine."""
    paragraphs = [
        facts_paragraph(case),
        _("The fixed administrative fine for this infringement is %(amount)s.")
        % {"amount": _money(case.amount)},
        _(
            "Pay this amount within 30 days, or send your written defence within the same "
            "term. Without payment or defence you will receive a reminder."
        ),
    ]
    if kind == LetterKind.SPEED_NOTICE:
        a = case.ascertainment
        paragraphs.append(
            _("Measured speed %(speed)s km/h, limit %(limit)s km/h, after a 6 km/h correction.")
            % {"speed": a.measured_speed, "limit": a.speed_limit}
        )
    return paragraphs


def _second_invitation(case: Case) -> list[str]:
    return [
        facts_paragraph(case),
        _("Your defence was examined and not accepted: %(motivation)s")
        % {"motivation": _text(case.motivation or "—")},
        _("You are invited a second time to pay %(amount)s within 30 days.")
        % {"amount": _money(_due(case))},
    ]


def _decision_without_fine(case: Case) -> list[str]:
    if case.outcome == "warning":
        said = _("Decision of %(date)s: a warning. No fine is imposed.")
    else:
        said = _("Decision of %(date)s: no follow-up is given to these facts.")
    return [
        facts_paragraph(case),
        said % {"date": _day(case.decided_on)},
        _("Motivation: %(motivation)s") % {"motivation": _text(case.motivation or "—")},
    ]


def _decision_fine(case: Case) -> list[str]:
    """Art. 27-31: the fine, its payment term and the appeal (police or youth court)."""
    court = _("the youth court") if case.minor else _("the police court")
    paragraphs = [
        facts_paragraph(case),
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
    return paragraphs


def _reminder(case: Case) -> list[str]:
    return [
        _("Our records show no payment of %(amount)s for case %(number)s.")
        % {"amount": _money(_due(case)), "number": case.number},
        _(
            "Pay within 30 days. Without payment the fine will be collected by enforcement, "
            "at your expense."
        ),
    ]


def _to_parents(case: Case) -> str:
    return _(
        "As parent or guardian of %(name)s, a minor, you receive a copy of this letter "
        "(art. 14-19 of the Law of 24 June 2013). You may make remarks and propose "
        "educational measures."
    ) % {"name": _text(case.ascertainment.offender)}


def body(
    case: Case, kind: str, municipal: MunicipalSettings, *, to_parents: bool = False
) -> list[str]:
    """The paragraphs of a letter, in the active language."""
    paragraphs = [_to_parents(case)] if to_parents else []
    if kind == LetterKind.OPENING:
        return paragraphs + _opening(case, municipal)
    if kind in (LetterKind.PARKING_NOTICE, LetterKind.SPEED_NOTICE):
        return paragraphs + _notice(case, kind)
    if kind == LetterKind.SECOND_INVITATION:
        return paragraphs + _second_invitation(case)
    if kind == LetterKind.DECISION:
        fine = case.outcome == "fine"
        return paragraphs + (_decision_fine(case) if fine else _decision_without_fine(case))
    if kind == LetterKind.REMINDER:
        return paragraphs + _reminder(case)
    return paragraphs


def iban_grouped(iban: str) -> str:
    """``BE71 0961 2345 6769``: the IBAN in groups of four, as printed on paper (EBS 204)."""
    compact = "".join(iban.split()).upper()
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def _sender(municipal: MunicipalSettings) -> list[str]:
    """The sender's address and contact lines (the offender answers and consults the file)."""
    lines = [line.strip() for line in municipal.sender_address.splitlines() if line.strip()]
    if municipal.sender_phone:
        lines.append(_("Telephone: %(phone)s") % {"phone": municipal.sender_phone})
    if municipal.sender_email:
        lines.append(_("E-mail: %(email)s") % {"email": municipal.sender_email})
    return lines


def _payment_block(case: Case, kind: str, municipal: MunicipalSettings) -> list[object]:
    """The amount, the account, the structured communication and the EPC QR code."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table

    fine = kind != LetterKind.DECISION or case.outcome == "fine"
    if kind not in PAYING_KINDS or not fine or not case.amount or not case.payment_reference:
        return []
    text = getSampleStyleSheet()["BodyText"]
    due = _due(case) if kind in (LetterKind.REMINDER, LetterKind.SECOND_INVITATION) else None
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
        Paragraph(_("Account: %(iban)s") % {"iban": iban_grouped(municipal.creditor_iban)}, text),
        Paragraph(_("Structured communication: %(ogm)s") % {"ogm": ogm}, text),
        Paragraph(_("Scan the code with your banking app."), text),
    ]
    return [Spacer(1, 4 * mm), Table([[pay, qr]])]


def _signature(municipal: MunicipalSettings) -> list[str]:
    """The signature in the letter's language, then the official's name when set."""
    title = _("The sanctioning official")
    name = municipal.official_title.strip()
    return [title, _text(name)] if name else [title]


def college_decision(case: Case) -> list[str]:
    """Art. 45 (GAS-R29): the college's decision after its prior warning — suspension,
    withdrawal of a permit, or closure of the establishment — with the appeal open against it."""
    measure = {
        "suspension": _("the administrative suspension of the permit or authorisation"),
        "withdrawal": _("the administrative withdrawal of the permit or authorisation"),
        "closure": _("the temporary or definitive closure of the establishment"),
    }.get(case.outcome, "—")
    warned = case.history.filter(action="college_warning").order_by("at").first()
    return [
        facts_paragraph(case),
        _(
            "The college of mayor and aldermen warned you on %(warned)s (art. 45 of the Law of "
            "24 June 2013). As the infringement continued, it decided on %(date)s to impose "
            "%(measure)s."
        )
        % {
            "warned": _day(timezone.localtime(warned.at).date() if warned else None),
            "date": _day(case.decided_on),
            "measure": measure,
        },
        _("Motivation: %(motivation)s") % {"motivation": _text(case.motivation or "—")},
        _(
            "You may lodge an appeal against this decision with the Council of State within "
            "sixty days of its notification."
        ),
    ]


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
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

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
        sender = "<br/>".join(
            [_("Administrative sanctions (GAS)"), *(_text(line) for line in _sender(municipal))]
        )
        story = [
            Paragraph(_text(municipal.municipality), styles["Heading2"]),
            Paragraph(sender, text),
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
        paragraphs = (
            college_decision(case)
            if kind == LetterKind.COLLEGE_DECISION
            else body(case, kind, municipal, to_parents=to_parents)
        )
        for paragraph in paragraphs:
            story += [Paragraph(paragraph, text), Spacer(1, 2 * mm)]
        story += _payment_block(case, kind, municipal)
        story += [Spacer(1, 10 * mm), Paragraph("<br/>".join(_signature(municipal)), text)]
        document.build(story)
    return buffer.getvalue()
