"""GDPR tests that cross apps (GAS and casework in one subject-access request) live outside the
apps, so the import contracts keep every app independent of the others."""

from urbis.casework.tests.conftest import (  # noqa: F401 - fixtures
    _in_english,
    director,
    fjc_case,
    livc_case,
    orgs,
    partner,
    tables,
    third,
)
