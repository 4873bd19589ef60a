"""An administrator of territory A reaches nothing of territory B.

Every URL of the project that takes a ``territory_slug`` is found by walking the URL
configuration, so that the pages other apps add are checked too. Known object parameters
(``membership_id``, ``invitation_id``) are filled with B's objects; others get a plausible
value of their converter's type.
"""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter

from tests.accounts.conftest import give_totp
from tests.factories import MembershipFactory, TerritoryFactory, UserFactory
from territoria.accounts import services
from territoria.accounts.models import Invitation, Membership, Role

# Public pages that anyone may read, and the self-service join, which anyone with an account
# may use on a public territory: not refused on a public territory B.
OPEN_ON_PUBLIC = {"core:territory-home", "core:territory-perimeter", "accounts:territory-join",
                  "diagnostic:item-contribute", "opinion:vote-cast", "opinion:statement-submit"}
# Public pages whose form, if any, is for the territory's team: read, not changed.
READABLE_ON_PUBLIC = {"indicators:indicator-list", "diagnostic:board", "diagnostic:report",
                      "diagnostic:peers", "opinion:conversation-list",
                      "opinion:conversation-detail", "opinion:conversation-results",
                      "opinion:conversation-export"}


def _parameters(pattern) -> dict:
    converters = getattr(pattern, "converters", None)
    if converters is not None:
        return dict(converters)
    return dict.fromkeys(pattern.regex.groupindex)  # a regular expression: plain strings


def territory_url_patterns() -> list[tuple[str, dict]]:
    """(URL name, {parameter: converter}) of every named URL that takes territory_slug."""
    found = []

    def walk(patterns, namespace: str, parameters: dict) -> None:
        for entry in patterns:
            here = {**parameters, **_parameters(entry.pattern)}
            if isinstance(entry, URLResolver):
                prefix = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, prefix, here)
            elif isinstance(entry, URLPattern) and entry.name and "territory_slug" in here:
                found.append((namespace + entry.name, here))

    walk(get_resolver().url_patterns, "", {})
    return found


PATTERNS = territory_url_patterns()
NAMES = [name for name, _ in PATTERNS]


def test_the_walk_finds_the_territory_pages():
    assert {"core:territory-home", "core:territory-settings", "core:territory-history",
            "accounts:member-list", "accounts:invitation-create", "accounts:member-update",
            "accounts:member-remove", "accounts:invitation-revoke",
            "accounts:territory-join"} <= set(NAMES)


class World:
    """Territory A with its administrator; territory B with members and an invitation."""

    def __init__(self, *, b_is_public: bool):
        self.a = TerritoryFactory(slug="territory-a", name="Territory A")
        self.b = TerritoryFactory(slug="territory-b", name="Secret Valley",
                                  is_public=b_is_public)
        self.admin_a = UserFactory(email="admin-a@example.org")
        MembershipFactory(territory=self.a, user=self.admin_a, role=Role.ADMINISTRATOR)
        give_totp(self.admin_a)
        self.a_member = MembershipFactory(territory=self.a, role=Role.RESIDENT)
        self.b_admin = MembershipFactory(territory=self.b, role=Role.ADMINISTRATOR,
                                         user=UserFactory(email="b-admin@example.org"))
        self.b_member = MembershipFactory(territory=self.b, role=Role.STAFF,
                                          user=UserFactory(email="b-staff@example.org"))
        self.b_invitation = services.invitation_create(
            territory=self.b, invited_by=self.b_admin.user, email="b-guest@example.org",
            role=Role.PMO)
        self.a_invitation = services.invitation_create(
            territory=self.a, invited_by=self.admin_a, email="a-guest@example.org",
            role=Role.PMO)
        from territoria.opinion.services import conversation_create

        self.b_conversation = conversation_create(
            actor=self.b_member.user, territory=self.b, title="B's question",
            seed_statements=["B's statement"])
        self.a_conversation = conversation_create(
            actor=self.admin_a, territory=self.a, title="A's question",
            seed_statements=["A's statement"])

    def b_objects(self) -> dict:
        return {"membership_id": self.b_member.pk, "invitation_id": self.b_invitation.pk,
                "conversation_id": self.b_conversation.pk}

    def a_objects(self) -> dict:
        return {"membership_id": self.a_member.pk, "invitation_id": self.a_invitation.pk,
                "conversation_id": self.a_conversation.pk}

    def b_state(self):
        return (sorted(Membership.objects.filter(territory=self.b)
                       .values_list("user_id", "role", "organisation")),
                sorted(Invitation.objects.filter(territory=self.b)
                       .values_list("email", "role", "accepted_at")),
                self.b.__class__.objects.filter(pk=self.b.pk)
                .values_list("name", "is_public", "description", "main_colour").get(),
                self._b_opinion())

    def _b_opinion(self):
        from territoria.opinion.models import Conversation, Statement, Vote

        return (sorted(Conversation.objects.filter(territory=self.b)
                       .values_list("title", "is_open")),
                sorted(Statement.objects.filter(conversation__territory=self.b)
                       .values_list("text", "status")),
                Vote.objects.filter(statement__conversation__territory=self.b).count())


def url_for(name: str, parameters: dict, *, slug: str, objects: dict) -> str:
    kwargs = {}
    for parameter, converter in parameters.items():
        if parameter == "territory_slug":
            kwargs[parameter] = slug
        elif parameter in objects:
            kwargs[parameter] = objects[parameter]
        elif isinstance(converter, IntConverter):
            kwargs[parameter] = 1
        elif isinstance(converter, UUIDConverter):
            kwargs[parameter] = uuid.uuid4()
        else:
            kwargs[parameter] = "x"
    return reverse(name, kwargs=kwargs)


@pytest.fixture
def private_b(db):
    return World(b_is_public=False)


@pytest.fixture
def public_b(db):
    return World(b_is_public=True)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "parameters"), PATTERNS, ids=NAMES)
def test_every_page_of_a_private_territory_answers_404(client, private_b, name, parameters):
    world = private_b
    client.force_login(world.admin_a)
    before = world.b_state()
    url = url_for(name, parameters, slug=world.b.slug, objects=world.b_objects())
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 404, f"{method.__name__.upper()} {url}"
        assert "Secret Valley" not in response.content.decode()
    assert world.b_state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "parameters"), PATTERNS, ids=NAMES)
def test_a_public_territory_refuses_its_actions_and_keeps_its_data(
        client, public_b, name, parameters):
    world = public_b
    client.force_login(world.admin_a)
    before = world.b_state()
    url = url_for(name, parameters, slug=world.b.slug, objects=world.b_objects())
    for method in (client.get, client.post):
        response = method(url)
        label = f"{method.__name__.upper()} {url}"
        if name in OPEN_ON_PUBLIC:
            assert response.status_code in (200, 302, 405), label
        elif name in READABLE_ON_PUBLIC and method == client.get:
            assert response.status_code == 200, label
        elif method == client.get and response.status_code == 405:
            pass  # an action answers POST only; the POST below must be refused
        elif name in READABLE_ON_PUBLIC:
            assert response.status_code in (403, 404, 405), label
        else:
            assert response.status_code in (403, 404), label
        html = response.content.decode(errors="replace")
        for private in ("b-staff@example.org", "b-guest@example.org", world.b_invitation.token):
            assert private not in html, label
    if name == "accounts:territory-join":
        # Self-service: A's administrator may take part in B as a resident, nothing more.
        Membership.objects.filter(territory=world.b, user=world.admin_a,
                                  role=Role.RESIDENT).delete()
    assert world.b_state() == before


OBJECT_PATTERNS = [(name, parameters) for name, parameters in PATTERNS
                   if {"membership_id", "invitation_id"} & set(parameters)]


@pytest.mark.django_db
@pytest.mark.parametrize("b_is_public", [False, True], ids=["private-b", "public-b"])
@pytest.mark.parametrize(("name", "parameters"), OBJECT_PATTERNS,
                         ids=[name for name, _ in OBJECT_PATTERNS])
def test_objects_of_b_addressed_through_a_answer_404(client, name, parameters, b_is_public):
    world = World(b_is_public=b_is_public)
    client.force_login(world.admin_a)
    before = world.b_state()
    url = url_for(name, parameters, slug=world.a.slug, objects=world.b_objects())
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 404, f"{method.__name__.upper()} {url}"
        assert "b-staff@example.org" not in response.content.decode()
    assert world.b_state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "parameters"), OBJECT_PATTERNS,
                         ids=[name for name, _ in OBJECT_PATTERNS])
def test_the_same_addresses_work_for_a_own_objects(client, name, parameters):
    """The control: what answers 404 above is the scoping, not a broken address."""
    world = World(b_is_public=False)
    client.force_login(world.admin_a)
    url = url_for(name, parameters, slug=world.a.slug, objects=world.a_objects())
    assert client.get(url).status_code in (200, 405)
    assert client.post(url).status_code in (200, 302)
