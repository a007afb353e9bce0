"""Model factories. Nodes are created through the service, so ``pad`` (and the audit
event) are exactly as in production."""

from __future__ import annotations

from typing import Any

from factory.declarations import Sequence
from factory.django import DjangoModelFactory
from factory.faker import Faker

from integriteit.organisaties.constants import Soort
from integriteit.organisaties.models import Organisatie
from integriteit.organisaties.services import OrganisatieGegevens, organisatie_create


class OrganisatieFactory(DjangoModelFactory[Organisatie]):
    class Meta:
        model = Organisatie

    code = Sequence(lambda n: f"ORG-{n}")
    naam = Faker("company", locale="nl_NL")
    soort = Soort.ONDERDEEL
    parent = None
    aantal_medewerkers = Faker("pyint", min_value=5, max_value=400)

    @classmethod
    def _create(cls, model_class: type[Organisatie], *args: Any, **kwargs: Any) -> Organisatie:
        return organisatie_create(acting_user=None, gegevens=OrganisatieGegevens(**kwargs))
