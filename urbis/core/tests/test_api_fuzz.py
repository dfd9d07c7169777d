"""Property-based API tests: every operation of our own OpenAPI schema, called in process
through the WSGI app (no server) by each persona, must answer without a 5xx and as the schema
says (documented status code, conforming body, content type).

The number of examples per operation comes from ``URBIS_FUZZ_EXAMPLES`` (default 4);
hypothesis runs derandomized, so CI sees the same inputs every time.
"""

from __future__ import annotations

import json
import os

import pytest
import schemathesis
import time_machine
from django.core.wsgi import get_wsgi_application
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from schemathesis import checks as st_checks
from schemathesis.config import SchemathesisConfig

from urbis.core.testing.fixtures import create_user

EXAMPLES = int(os.environ.get("URBIS_FUZZ_EXAMPLES", "4"))

#: One persona per area of the API, plus an outsider (no role: 404 everywhere).
PERSONAS = [
    "coordinator",
    "sanctioning_officer",
    "ascertainer",
    "cpted_advisor",
    "caseworker",
    "dpo",
    None,
]


def _openapi() -> dict:  # type: ignore[type-arg]
    spec = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(spec, renderer_context={}))


# The coverage phase ignores max_examples (hundreds of boundary cases per operation): the
# fuzzing phase, bounded by URBIS_FUZZ_EXAMPLES, keeps the module within its time budget.
CONFIG = SchemathesisConfig.from_str(
    f"""
[phases.coverage]
enabled = false
[phases.stateful]
enabled = false
[generation]
max-examples = {EXAMPLES}
"""
)
schema = schemathesis.openapi.from_dict(_openapi(), config=CONFIG)
schema.app = get_wsgi_application()

#: What each call must satisfy (schemathesis v4 checks).
CHECKS = [
    st_checks.not_a_server_error,
    st_checks.status_code_conformance,
    st_checks.content_type_conformance,
    st_checks.response_schema_conformance,
    st_checks.response_headers_conformance,
]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():  # type: ignore[no-untyped-def]
    """The WSGI handler closes the database connection after each request; the test's own
    transaction lives on that connection (Django's test client disconnects it the same way)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(params=PERSONAS, ids=lambda p: p or "outsider")
def token(request: pytest.FixtureRequest, db: None, settings) -> str:  # type: ignore[no-untyped-def]
    from urbis.core.roles import Role

    # Passwords are not what is tested here; the default hasher costs a second per persona.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    role = request.param
    user = create_user(*([getattr(Role, role.upper())] if role else []), username=role or "out")
    return Token.objects.create(user=user).key


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_operation_holds_to_its_schema(case, token: str) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel("2026-09-05 10:00", tick=False):
        case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
