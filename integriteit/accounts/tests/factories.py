from __future__ import annotations

from django.contrib.auth.hashers import make_password
from factory.declarations import LazyAttribute, Sequence, SubFactory
from factory.django import DjangoModelFactory
from factory.faker import Faker

from integriteit.accounts.models import Gebruiker, Lidmaatschap
from integriteit.common.roles import Rol

TEST_PASSWORD = "juist-paard-batterij-nietje"
# Hashed once with the real (Argon2) hasher: every test user can log in with TEST_PASSWORD.
_HASHED = make_password(TEST_PASSWORD)


class GebruikerFactory(DjangoModelFactory[Gebruiker]):
    class Meta:
        model = Gebruiker
        django_get_or_create = ("username",)

    username = Sequence(lambda n: f"gebruiker{n}")
    first_name = Faker("first_name", locale="nl_NL")
    last_name = Faker("last_name", locale="nl_NL")
    email = LazyAttribute(lambda o: f"{o.username}@example.org")
    password = _HASHED


class LidmaatschapFactory(DjangoModelFactory[Lidmaatschap]):
    class Meta:
        model = Lidmaatschap

    gebruiker = SubFactory(GebruikerFactory)
    rol = Rol.INTEGRITEITSCOORDINATOR
    recursief = True
