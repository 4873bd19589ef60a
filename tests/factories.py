"""Factories shared by every app's tests."""

import factory
from factory.django import DjangoModelFactory

from territoria.accounts.models import Membership, Role, User
from territoria.core.models import Territory
from territoria.geo.domain.names import normalise_name
from territoria.geo.models import Commune, Department, Epci, Region


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "84"
    name = "Auvergne-Rhône-Alpes"
    zone = "metro"


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = "42"
    name = "Loire"
    region = factory.SubFactory(RegionFactory)
    zone = "metro"


class EpciFactory(DjangoModelFactory):
    class Meta:
        model = Epci

    siren = factory.Sequence(lambda n: f"2{n:08d}")
    name = factory.Sequence(lambda n: f"CC Test {n}")
    search_name = factory.LazyAttribute(lambda o: normalise_name(o.name))
    kind = Epci.Kind.CC
    population = 1000


class CommuneFactory(DjangoModelFactory):
    class Meta:
        model = Commune

    insee_code = factory.Sequence(lambda n: f"{42000 + n % 999 + 1:05d}" if n < 999 else f"{n:05d}")
    kind = Commune.Kind.CURRENT
    name = factory.Sequence(lambda n: f"Commune {n}")
    search_name = factory.LazyAttribute(lambda o: normalise_name(o.name))
    siren = factory.Sequence(lambda n: f"21{n:07d}")
    department = factory.SubFactory(DepartmentFactory)
    region = factory.LazyAttribute(lambda o: o.department.region)
    population = 500


class TerritoryFactory(DjangoModelFactory):
    class Meta:
        model = Territory
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Territory {n}")
    slug = factory.Sequence(lambda n: f"territory-{n}")
    kind = Territory.Kind.CUSTOM
    is_public = True

    @factory.post_generation
    def communes(self, create, extracted, **kwargs):
        if not create:
            return
        self.communes.set(extracted if extracted is not None else [CommuneFactory()])


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Give the user a verified primary e-mail address, as allauth requires to log in."""
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(user=self, email=self.email,
                                               defaults={"verified": True, "primary": True})
        self.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    territory = factory.SubFactory(TerritoryFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.RESIDENT
