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


# Agorapolis ---------------------------------------------------------------------------------

class ConsultationFactory(DjangoModelFactory):
    """A published consultation with one phase running now that opens every action
    (``phase=False`` for none; ``phase={"allows_support": False}`` to change it)."""

    class Meta:
        model = "agora.Consultation"
        skip_postgeneration_save = True

    territory = factory.SubFactory(TerritoryFactory)
    title = factory.Sequence(lambda n: f"Consultation {n}")
    is_published = True

    @factory.post_generation
    def phase(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        from datetime import timedelta

        from django.utils import timezone

        from territoria.agora.models import Phase

        now = timezone.now()
        fields = {"kind": Phase.Kind.CONTRIBUTIONS, "starts_at": now - timedelta(days=1),
                  "ends_at": now + timedelta(days=10), "allows_submit": True,
                  "allows_comment": True, "allows_support": True, "allows_vote": True}
        fields.update(extracted or {})
        Phase.objects.create(consultation=self, **fields)


def _now():
    from django.utils import timezone

    return timezone.now()


class ProposalFactory(DjangoModelFactory):
    class Meta:
        model = "agora.Proposal"

    consultation = factory.SubFactory(ConsultationFactory)
    territory = factory.LazyAttribute(lambda o: o.consultation.territory)
    title = factory.Sequence(lambda n: f"Proposal {n}")
    body = "A bike lane from the station to the school."
    author = factory.SubFactory(UserFactory)
    status = "published"
    published_at = factory.LazyFunction(_now)


# Projects -----------------------------------------------------------------------------------

class ActorFactory(DjangoModelFactory):
    class Meta:
        model = "actors.Actor"

    territory = factory.SubFactory(TerritoryFactory)
    name = factory.Sequence(lambda n: f"Actor {n}")
    kind = "association"


class ProjectFactory(DjangoModelFactory):
    """A project at the ``idea`` stage (``stage="running"`` and so on for another)."""

    class Meta:
        model = "projects.Project"

    territory = factory.SubFactory(TerritoryFactory)
    title = factory.Sequence(lambda n: f"Project {n}")
    summary = "A shared workshop for the repair of bicycles."
    stage = "idea"


class ProjectMemberFactory(DjangoModelFactory):
    class Meta:
        model = "projects.ProjectMember"

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory(UserFactory)
    role = "contributor"
    status = "active"
