"""The shared form rendering and the formats every language shows (issue 15): a checkbox beside
its label, choices in a fieldset, a filterable checklist, an error summary linking each field;
day-first dates in English too; figures localised without exponent; one active navigation item."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from urbis.core import modules
from urbis.core.figures import figure, plain_decimal
from urbis.core.forms import ChecklistSelectMultiple


class SampleForm(forms.Form):
    title = forms.CharField(label="Title", max_length=5)
    urgent = forms.BooleanField(label="Urgent", required=False)
    kinds = forms.MultipleChoiceField(
        label="Kinds", choices=[("a", "Alpha"), ("b", "Beta")], widget=forms.CheckboxSelectMultiple
    )
    areas = forms.MultipleChoiceField(
        label="Areas",
        required=False,
        choices=[("n", "North"), ("s", "South")],
        widget=ChecklistSelectMultiple,
    )


def _render(form: forms.Form) -> str:
    template = Template('{% include "core/includes/form.html" %}')
    return template.render(Context({"form": form}))


def test_checkbox_is_rendered_before_its_label_and_choices_in_a_fieldset() -> None:
    html = _render(SampleForm())
    check = html.index('<div class="check"><input type="checkbox" name="urgent"')
    assert check < html.index('<label for="id_urgent">Urgent</label>')
    assert '<fieldset class="field field-choices required">' in html
    assert "<legend>Kinds" in html and 'label for=""' not in html
    # The long list: a fieldset marked for checklist.js, its filter hidden until JS shows it.
    assert "data-checklist>" in html and 'class="checklist"' in html
    assert '<div class="checklist-filter" hidden><label for="id_areas_filter">' in html
    assert 'for="id_kinds_filter"' not in html  # short lists get no filter


def test_error_summary_links_each_field() -> None:
    form = SampleForm(data={"title": "too long"})
    assert not form.is_valid()
    html = _render(form)
    summary = html[html.index("data-error-summary") : html.index("</ul>")]
    assert 'href="#id_title"' in summary and "Title:" in summary
    assert 'href="#id_kinds_0"' in summary  # a group links its first choice
    assert html.index("data-error-summary") < html.index('id="id_title"')


def test_no_error_summary_without_errors() -> None:
    assert "data-error-summary" not in _render(SampleForm())


@pytest.mark.parametrize(
    ("language", "short", "long"),
    [
        ("en", "01/12/2026", "1 December 2026"),
        ("fr", "01/12/2026", "1 décembre 2026"),
        ("nl", "1-12-2026", "1 december 2026"),
    ],
)
def test_dates_are_day_first_in_every_language(language: str, short: str, long: str) -> None:
    template = Template('{{ day|date:"SHORT_DATE_FORMAT" }}|{{ day }}')
    with translation.override(language):
        assert template.render(Context({"day": dt.date(2026, 12, 1)})) == f"{short}|{long}"
        assert forms.DateField().clean("01/12/2026") == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "12.000,5"), ("fr", "12\u202f000,5"), ("en", "12,000.5")],
)
def test_figures_follow_the_language(language: str, expected: str) -> None:
    with translation.override(language):
        grouped = figure(Decimal("12000.5000"))
        assert grouped.replace("\xa0", "\u202f") == expected.replace("\xa0", "\u202f")
        assert figure(Decimal("60.0000")) == "60"  # normalize() alone gives 6E+1
        assert figure(None) == "–"
        # Years and counts are not grouped: USE_THOUSAND_SEPARATOR stays off.
        assert Template("{{ year }}").render(Context({"year": 2026})) == "2026"


def test_plain_decimal_never_has_an_exponent() -> None:
    assert str(plain_decimal(Decimal("60.0000"))) == "60"
    assert str(plain_decimal(Decimal("4.2500"))) == "4.25"
    assert plain_decimal(None) is None


class _Entry:
    def __init__(self, key: str, url: str) -> None:
        self.key, self.url = key, url


ENTRIES = [
    _Entry("plan", "/plan/"),
    _Entry("survey", "/plan/survey/"),
    _Entry("cpted", "/cpted/"),
    _Entry("cpted_portfolio", "/cpted/dashboard/"),
]


@pytest.mark.parametrize(
    ("path", "active"),
    [
        ("/", "dashboard"),
        ("/plan/1/dashboard/", "plan"),  # not the home dashboard
        ("/plan/survey/", "survey"),  # the longer prefix wins over /plan/
        ("/cpted/dashboard/", "cpted_portfolio"),
        ("/cpted/projects/3/", "cpted"),
        ("/account/password/", None),
    ],
)
def test_one_active_navigation_entry(path: str, active: str | None) -> None:
    assert modules.active_entry(path, ENTRIES, home="/") == active  # type: ignore[arg-type]
