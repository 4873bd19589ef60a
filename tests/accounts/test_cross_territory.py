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

from territoria.accounts import services
from territoria.accounts.models import Invitation, Membership, Role
from tests.accounts.conftest import give_totp
from tests.factories import MembershipFactory, TerritoryFactory, UserFactory

# Public pages that anyone may read, and the self-service join, which anyone with an account
# may use on a public territory: not refused on a public territory B.
OPEN_ON_PUBLIC = {"core:territory-home", "core:territory-perimeter", "accounts:territory-join",
                  "diagnostic:item-contribute", "opinion:vote-cast", "opinion:statement-submit",
                  "comments:comment-create", "moderation:report-create",
                  "notifications:follow-toggle",
                  # Taking part in the Agorapolis: refused with a message where not allowed.
                  "agora:proposal-create", "agora:proposal-support", "agora:proposal-publish",
                  "agora:proposal-withdraw", "agora:coauthor-invite", "agora:coauthor-accept",
                  "agora:attachment-add", "agora:attachment-delete", "agora:argument-add",
                  "agora:event-register",
                  "voting:ballot-cast"}
# Public pages whose form, if any, is for the territory's team: read, not changed.
READABLE_ON_PUBLIC = {"indicators:indicator-list", "diagnostic:board", "diagnostic:report",
                      "diagnostic:peers", "opinion:conversation-list",
                      "opinion:conversation-detail", "opinion:conversation-results",
                      "opinion:conversation-export", "comments:thread",
                      "comments:comment-history", "search:search",
                      "strategy:strategy",
                      "strategy:strategy-export", "strategy:orientation-detail",
                      "strategy:orientation-versions",
                      "agora:consultation-list",
                      "agora:consultation-export", "agora:consultation-detail",
                      "agora:consultation-ical", "agora:proposal-export",
                      "agora:proposal-detail", "agora:attachment-download",
                      "agora:debate-export", "agora:debate-detail", "agora:page-list",
                      "agora:page-detail", "agora:event-list", "agora:event-detail",
                      "agora:event-export", "agora:event-ical",
                      "voting:vote-list", "voting:vote-detail", "voting:vote-results",
                      "projects:project-list", "projects:project-export", "projects:timeline",
                      "projects:dashboard", "projects:dashboard-export", "projects:funding",
                      "governance:home", "governance:decision-log", "actors:actor-list",
                      "governance:meetings-ical"}


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
        self.b_dialogue = self._dialogue(self.b, author=self.b_member_resident(),
                                         team=self.b_member.user)
        self.a_dialogue = self._dialogue(self.a, author=self.a_member.user, team=self.admin_a,
                                         commenter=self.admin_a)
        self.b_orientation, self.b_ambition = self._strategy(self.b, self.b_admin.user)
        self.a_orientation, self.a_ambition = self._strategy(self.a, self.admin_a)
        self.b_agora = _agora_objects(self.b, self.b_member.user, "B")
        self.a_agora = _agora_objects(self.a, self.admin_a, "A")
        from datetime import timedelta

        from django.utils import timezone

        from territoria.voting.services import OptionSpec, vote_create

        now = timezone.now()
        self.b_vote, self.a_vote = (
            vote_create(actor=actor, territory=territory, title=f"{name}'s vote",
                        opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=1),
                        options=[OptionSpec(f"{name} 1"), OptionSpec(f"{name} 2")])
            for actor, territory, name in ((self.b_member.user, self.b, "B"),
                                           (self.admin_a, self.a, "A")))

    def b_member_resident(self):
        return MembershipFactory(territory=self.b, role=Role.RESIDENT,
                                 user=UserFactory(email="b-resident@example.org")).user

    @staticmethod
    def _dialogue(territory, *, author, team, commenter=None) -> dict:
        """A contribution with a comment, a report, and a block: what comments and
        moderation address."""
        from territoria.comments.services import comment_create
        from territoria.diagnostic.services import item_contribute
        from territoria.moderation.services import content_report, user_block

        item = item_contribute(author=author, territory=territory, kind="weakness",
                               axis="mobility", title="Few buses", explanation="None at night.")
        comment = comment_create(author=commenter or author, target=item, body="Indeed.")
        reporter = MembershipFactory(territory=territory, role=Role.RESIDENT).user
        report = content_report(reporter=reporter, obj=item, reason="spam")
        pest = MembershipFactory(territory=territory, role=Role.RESIDENT).user
        block = user_block(actor=team, territory=territory, user=pest, reason="Spam")
        return {"key": "diagnostic-item", "object_id": item.pk, "comment_id": comment.pk,
                "content_id": report.content_id, "block_id": block.pk, "user_id": author.pk}

    @staticmethod
    def _strategy(territory, actor):
        """An adopted orientation (readable by anyone on a public territory) and a draft
        one with an ambition (what the team's actions would change)."""
        import datetime

        from territoria.strategy import services as strategy

        adopted = strategy.orientation_create(actor=actor, territory=territory,
                                              title="Adopted", rationale="R")
        strategy.ambition_create(actor=actor, version=adopted, title="Adopted ambition")
        strategy.orientation_submit(actor=actor, version=adopted)
        strategy.orientation_adopt(actor=actor, version=adopted,
                                   decision_date=datetime.date(2026, 1, 1),
                                   decision_body="Committee")
        drafted = strategy.orientation_create(actor=actor, territory=territory,
                                              title="Drafted", rationale="R")
        ambition = strategy.ambition_create(actor=actor, version=drafted, title="Ambition")
        return adopted.orientation, ambition

    def b_objects(self) -> dict:
        return {"membership_id": self.b_member.pk, "invitation_id": self.b_invitation.pk,
                "conversation_id": self.b_conversation.pk, **self.b_dialogue,
                "target_kind": "opinion.conversation", "target_id": self.b_conversation.pk,
                "orientation_id": self.b_orientation.pk, "ambition_id": self.b_ambition.pk,
                # The diagnostic's pages keep addressing an item B does not have, as before
                # B had a contribution (its own tests cover its items).
                "item_id": 10**9, **self.b_agora, "vote_id": self.b_vote.pk}

    def a_objects(self) -> dict:
        return {"membership_id": self.a_member.pk, "invitation_id": self.a_invitation.pk,
                "conversation_id": self.a_conversation.pk, **self.a_dialogue,
                "target_kind": "opinion.conversation", "target_id": self.a_conversation.pk,
                "orientation_id": self.a_orientation.pk, "ambition_id": self.a_ambition.pk,
                **self.a_agora, "vote_id": self.a_vote.pk}

    def b_state(self):
        return (sorted(Membership.objects.filter(territory=self.b)
                       .values_list("user_id", "role", "organisation")),
                sorted(Invitation.objects.filter(territory=self.b)
                       .values_list("email", "role", "accepted_at")),
                self.b.__class__.objects.filter(pk=self.b.pk)
                .values_list("name", "is_public", "description", "main_colour").get(),
                self._b_opinion(), self._b_dialogue(), self._b_strategy(), self._b_agora(),
                self._b_voting())

    def _b_dialogue(self):
        from territoria.comments.models import Comment
        from territoria.moderation.models import Block, ModeratedContent, Report

        return (sorted(Comment.objects.filter(territory=self.b)
                       .values_list("body", "deleted_at", "edited_at")),
                sorted(Report.objects.filter(territory=self.b).values_list("reason", "status")),
                sorted(ModeratedContent.objects.filter(territory=self.b)
                       .values_list("status", "hidden_reason")),
                sorted(Block.objects.filter(territory=self.b).values_list("reason",
                                                                          "lifted_at")))

    def _b_strategy(self):
        from territoria.strategy.models import Ambition, CrossEffect, OrientationVersion

        return (sorted(OrientationVersion.objects.filter(territory=self.b)
                       .values_list("orientation__number", "number", "title", "status")),
                sorted(Ambition.objects.filter(territory=self.b)
                       .values_list("version__number", "title", "target_value")),
                CrossEffect.objects.filter(ambition__territory=self.b).count())

    def _b_agora(self):
        from territoria.agora.models import (
            Argument,
            Consultation,
            Debate,
            Event,
            Phase,
            Proposal,
            Registration,
            Support,
            UnderstandPage,
        )

        return (sorted(Consultation.objects.filter(territory=self.b)
                       .values_list("title", "is_published", "support_limit")),
                sorted(Phase.objects.filter(consultation__territory=self.b)
                       .values_list("kind", "starts_at", "ends_at")),
                sorted(Proposal.objects.filter(territory=self.b)
                       .values_list("title", "status", "support_count", "merged_into")),
                Support.objects.filter(proposal__territory=self.b).count(),
                sorted(Debate.objects.filter(territory=self.b)
                       .values_list("question", "closed_at")),
                Argument.objects.filter(debate__territory=self.b).count(),
                sorted(UnderstandPage.objects.filter(territory=self.b)
                       .values_list("title", "body")),
                sorted(Event.objects.filter(territory=self.b).values_list("title", "minutes")),
                Registration.objects.filter(event__territory=self.b).count())

    def _b_opinion(self):
        from territoria.opinion.models import Conversation, Statement, Vote

        return (sorted(Conversation.objects.filter(territory=self.b)
                       .values_list("title", "is_open")),
                sorted(Statement.objects.filter(conversation__territory=self.b)
                       .values_list("text", "status")),
                Vote.objects.filter(statement__conversation__territory=self.b).count())

    def _b_voting(self):
        from territoria.accounts.models import CensusEntry, ResidentVerification
        from territoria.voting.models import Ballot, Option, Vote

        return (sorted(Vote.objects.filter(territory=self.b)
                       .values_list("title", "published_at", "closed_at", "closes_at")),
                sorted(Option.objects.filter(vote__territory=self.b).values_list("title")),
                Ballot.objects.filter(vote__territory=self.b).count(),
                sorted(ResidentVerification.objects.filter(territory=self.b)
                       .values_list("user_id", "method")),
                sorted(CensusEntry.objects.filter(territory=self.b).values_list("email")))

    def _b_opinion(self):
        from territoria.opinion.models import Conversation, Statement, Vote

        return (sorted(Conversation.objects.filter(territory=self.b)
                       .values_list("title", "is_open")),
                sorted(Statement.objects.filter(conversation__territory=self.b)
                       .values_list("text", "status")),
                Vote.objects.filter(statement__conversation__territory=self.b).count())

def _agora_objects(territory, staff, label: str) -> dict:
    """A consultation with a running phase, a proposal with a file, a debate, a page and
    an event of ``territory``, as URL parameters."""
    from datetime import timedelta

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from territoria.agora import services as agora

    now = timezone.now()
    consultation = agora.consultation_create(actor=staff, territory=territory,
                                             title=f"{label}'s consultation", is_published=True)
    phase = agora.phase_save(actor=staff, consultation=consultation, kind="contributions",
                             starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=9),
                             allows_submit=True, allows_support=True, allows_comment=True)
    proposal = agora.proposal_create(actor=staff, consultation=consultation,
                                     title=f"{label}'s proposal", body="Text.", publish=True)
    attachment = agora.attachment_add(actor=staff, proposal=proposal,
                                      upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n"))
    debate = agora.debate_create(actor=staff, consultation=consultation,
                                 question=f"{label}'s debate")
    page = agora.page_save(actor=staff, territory=territory, title=f"{label}'s page",
                           slug=f"budget-{label.lower()}", body="Text.", is_published=True)
    event = agora.event_save(actor=staff, territory=territory, title=f"{label}'s event",
                             starts_at=now + timedelta(days=2), place="Hall",
                             ends_at=now + timedelta(days=2, hours=2))
    return {"consultation_id": consultation.pk, "phase_id": phase.pk,
            "proposal_id": proposal.pk, "attachment_id": attachment.pk,
            "debate_id": debate.pk, "slug": page.slug, "event_id": event.pk, "fmt": "csv"}


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


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
        assert "Secret Valley" not in _body(response)
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
        html = _body(response)
        for private in ("b-staff@example.org", "b-guest@example.org", world.b_invitation.token):
            assert private not in html, label
    if name == "agora:proposal-support":
        # Taking part: A's administrator may support B's proposal; withdraw it again.
        from territoria.agora import services as agora
        from territoria.agora.models import Proposal

        agora.proposal_unsupport(user=world.admin_a,
                                 proposal=Proposal.objects.get(pk=world.b_agora["proposal_id"]))
    if name == "agora:event-register":
        from territoria.agora import services as agora
        from territoria.agora.models import Event

        agora.registration_cancel(user=world.admin_a,
                                  event=Event.objects.get(pk=world.b_agora["event_id"]))
    if name == "accounts:territory-join":
        # Self-service: A's administrator may take part in B as a resident, nothing more.
        Membership.objects.filter(territory=world.b, user=world.admin_a,
                                  role=Role.RESIDENT).delete()
    assert world.b_state() == before


# Object pages that answer GET only (``@require_safe``).
READ_ONLY = {"comments:thread", "comments:comment-history"}
OBJECT_PATTERNS = [(name, parameters) for name, parameters in PATTERNS
                   if {"membership_id", "invitation_id", "object_id", "comment_id",
                       "content_id", "block_id", "user_id", "target_id"} & set(parameters)]
AGORA_OBJECTS = {"consultation_id", "proposal_id", "debate_id", "event_id", "slug"}
AGORA_PATTERNS = [(name, parameters) for name, parameters in PATTERNS
                  if name.startswith("agora:") and AGORA_OBJECTS & set(parameters)]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "parameters"), AGORA_PATTERNS,
                         ids=[name for name, _ in AGORA_PATTERNS])
def test_agora_objects_of_b_addressed_through_a_answer_404(client, name, parameters):
    world = World(b_is_public=True)
    client.force_login(world.admin_a)
    before = world.b_state()
    url = url_for(name, parameters, slug=world.a.slug, objects=world.b_objects())
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code in (404, 405), f"{method.__name__.upper()} {url}"
    assert world.b_state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("b_is_public", [False, True], ids=["private-b", "public-b"])
@pytest.mark.parametrize(("name", "parameters"), OBJECT_PATTERNS,
                         ids=[name for name, _ in OBJECT_PATTERNS])
def test_objects_of_b_addressed_through_a_answer_404(client, name, parameters, b_is_public):
    world = World(b_is_public=b_is_public)
    client.force_login(world.admin_a)
    before = world.b_state()
    url = url_for(name, parameters, slug=world.a.slug, objects=world.b_objects())
    statuses = []
    for method in (client.get, client.post):
        response = method(url)
        # 405: the view refuses that method outright (a read-only page, a POST-only action)
        assert response.status_code in (404, 405), f"{method.__name__.upper()} {url}"
        statuses.append(response.status_code)
        assert "b-staff@example.org" not in _body(response)
    assert 404 in statuses, url
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
    assert client.post(url).status_code in ((405,) if name in READ_ONLY else (200, 302))
