"""One vocabulary: the models, the labels and the API are built from the pure enums of
``rules/vocabulary.py`` and ``rules/workflow.py`` (no database needed)."""

from __future__ import annotations

from urbis.sanctions import labels
from urbis.sanctions.api.serializers import ACTION_CHOICES
from urbis.sanctions.models import Case, LetterKind, Offender
from urbis.sanctions.models.parties import Language, OffenderKind
from urbis.sanctions.rules import vocabulary
from urbis.sanctions.rules.workflow import Action, Letter, Outcome, Status


def test_models_take_their_choices_from_the_vocabulary() -> None:
    assert set(OffenderKind.values) == {k.value for k in vocabulary.OffenderKind}
    assert set(Language.values) == {k.value for k in vocabulary.Language}
    procedure = Case._meta.get_field("procedure")
    assert {value for value, _ in procedure.choices} == {p.value for p in vocabulary.Procedure}
    assert Offender._meta.get_field("kind").choices == OffenderKind.choices
    assert {letter.value for letter in Letter} <= set(LetterKind.values)


def test_every_code_has_its_words() -> None:
    assert set(Action) <= set(labels.ACTION)
    assert {s.value for s in Status} <= set(labels.STATUS)
    assert {o.value for o in Outcome} <= set(labels.OUTCOME)
    assert {p.value for p in vocabulary.Procedure} <= set(labels.PROCEDURE)


def test_the_api_action_field_is_the_enum() -> None:
    assert [value for value, _ in ACTION_CHOICES] == [a.value for a in Action]


def test_minor_is_decided_once() -> None:
    import datetime as dt

    born = dt.date(2008, 5, 1)
    assert vocabulary.is_minor("natural", born, dt.date(2026, 4, 30))
    assert not vocabulary.is_minor("natural", born, dt.date(2026, 5, 1))  # 18 on the day
    assert not vocabulary.is_minor("legal", born, dt.date(2026, 4, 30))
    assert not vocabulary.is_minor("natural", None, dt.date(2026, 4, 30))
