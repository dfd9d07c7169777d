"""factory-boy factories for core records that other apps' tests build on."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from urbis.core.models import Organisation, OrganisationKind


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.CITY_DEPARTMENT
