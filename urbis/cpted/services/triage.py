"""Writes on the triage flow (versioned document) and on projects' triage decisions."""

from __future__ import annotations

import json
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.types import Actor, actor_user
from urbis.cpted import triage as engine
from urbis.cpted.models import InvestmentProject, Triage, TriageFlow
from urbis.cpted.services.defaults import cpted_defaults_install


def parse_flow_text(text: str) -> Any:
    """Parse an uploaded or edited flow document: JSON or YAML (YAML is a superset of JSON)."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ValidationError(
            {"document": _("Not valid YAML or JSON: %(e)s") % {"e": error}}
        ) from None


def flow_save(*, actor: Actor, document: Any, version: str = "", note: str = "") -> TriageFlow:
    """Validate and save a new version of the flow; it becomes the flow in use. Every problem
    names its question and branch (triage.validate_flow); nothing is saved on error."""
    try:
        engine.validate_flow(document)
    except engine.FlowError as error:
        raise ValidationError({"document": error.problems}) from None
    version = (version or str(document.get("version") or "")).strip()
    if not version:
        version = timezone.now().strftime("%Y%m%d-%H%M%S")
    document = {**document, "version": version}
    try:
        with transaction.atomic():
            flow = TriageFlow.objects.create(
                version=version,
                document=json.loads(json.dumps(document)),
                note=note,
                created_at=timezone.now(),
                created_by=actor_user(actor),
            )
            record_event(
                actor=actor, action="cpted.flow_saved", target=flow, data={"version": version}
            )
    except IntegrityError:
        raise ValidationError({"version": _("This version already exists.")}) from None
    return flow


def triage_record(
    *,
    actor: Actor,
    project: InvestmentProject,
    answers: dict[str, Any],
    flow: TriageFlow | None = None,
) -> Triage:
    """Triage a project with the flow in use: store answers, flow version, outcome, the path
    (as steps with every text in nl, fr and en, plus its English rendering) and when the check
    must happen (every language). A missing or ill-typed answer names the question."""
    flow = flow or TriageFlow.objects.order_by("-created_at", "-pk").first()
    if flow is None:  # the defaults were lost (a flushed database): re-seed, in this write
        cpted_defaults_install(actor=actor)
        flow = TriageFlow.objects.order_by("-created_at", "-pk").first()
        assert flow is not None
    questions = flow.document["questions"]
    cleaned = {k: v for k, v in answers.items() if k in questions and v not in (None, "", [])}
    try:
        decision = engine.evaluate(flow.document, cleaned)
    except engine.AnswerError as error:
        question = questions.get(error.question, {})
        label = engine.question_text(question, get_language()) or error.question
        if "required" in str(error):
            message = _("%(question)s: an answer is required.") % {"question": label}
        else:
            message = _("%(question)s: the answer does not fit (%(problem)s).") % {
                "question": label,
                "problem": str(error).split(": ", 1)[-1],
            }
        raise ValidationError({error.question: message}) from None
    moments = (
        engine.check_moments(flow.document, project.phase) if decision.outcome != "no_check" else []
    )
    with transaction.atomic():
        triage = Triage.objects.create(
            project=project,
            flow=flow,
            answers=json.loads(json.dumps(cleaned)),
            outcome=decision.outcome,
            path=decision.path,
            steps=json.loads(json.dumps(decision.steps)),
            check_moments=list(moments),
            decided_at=timezone.now(),
            decided_by=actor_user(actor),
        )
        record_event(
            actor=actor,
            action="cpted.project_triaged",
            target=project,
            data={"outcome": decision.outcome, "flow": flow.version},
        )
    return triage
