"""The pages people use: voting, submitting, the results, and the team's actions."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import MembershipFactory, TerritoryFactory
from tests.opinion.conftest import SEEDS, open_conversation, people, vote_in_camps
from territoria.accounts.models import Role
from territoria.diagnostic.models import DiagnosticItem
from territoria.opinion.models import Conversation, Statement, Vote


def url(name, conversation, *args):
    return reverse(f"opinion:{name}", args=[conversation.territory.slug, conversation.pk, *args])


def test_a_resident_votes_statement_after_statement(client, conversation, resident):
    client.force_login(resident)
    seen = []
    for _ in SEEDS:
        page = client.get(url("conversation-detail", conversation))
        statement = page.context["statement"]
        assert statement.pk not in seen
        seen.append(statement.pk)
        assert 'name="vote" value="agree"' in page.content.decode()
        response = client.post(url("vote-cast", conversation),
                               {"statement": statement.pk, "vote": "disagree"})
        assert response.status_code == 302 and response.url.endswith("#vote")
    page = client.get(url("conversation-detail", conversation))
    assert page.context["statement"] is None
    assert "You have voted on every statement" in page.content.decode()
    assert Vote.objects.filter(value=-1).count() == len(SEEDS)


def test_a_refused_vote_says_why(client, conversation, staff, resident):
    client.force_login(staff)
    client.post(url("conversation-close", conversation))
    client.force_login(resident)
    response = client.post(url("vote-cast", conversation),
                           {"statement": conversation.statements.first().pk, "vote": "agree"},
                           follow=True)
    assert "This conversation is closed: votes are no longer taken." in response.content.decode()
    assert not Vote.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in_where_an_account_is_needed(client, conversation):
    response = client.post(url("vote-cast", conversation),
                           {"statement": conversation.statements.first().pk, "vote": "agree"})
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not Vote.objects.exists()


def test_an_anonymous_visitor_votes_where_the_conversation_allows_it(client, territory, staff):
    conversation = open_conversation(territory, staff,
                                     participation=Conversation.Participation.ANONYMOUS)
    statement = conversation.statements.first()
    client.post(url("vote-cast", conversation), {"statement": statement.pk, "vote": "agree"})
    client.post(url("vote-cast", conversation), {"statement": statement.pk, "vote": "pass"})
    assert list(Vote.objects.values_list("value", flat=True)) == [0]


def test_a_duplicate_statement_is_refused_and_the_text_kept(client, conversation, resident):
    client.force_login(resident)
    response = client.post(url("statement-submit", conversation), {"text": "keep the Village "
                                                                            "schools"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "This statement is already in the conversation." in html
    assert "keep the Village schools</textarea>" in html


def test_the_results_show_groups_consensus_divisions_and_your_group(
        client, territory, staff, django_capture_on_commit_callbacks):
    conversation = open_conversation(territory, staff)
    users = people(territory, 12)
    with django_capture_on_commit_callbacks(execute=True):
        vote_in_camps(conversation, users)
    client.force_login(users[0])
    html = client.get(url("conversation-results", conversation)).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" role="img"' in html
    assert "The opinion groups and their size" in html
    assert "Group A" in html and "Group B" in html
    assert "You are in group" in html
    assert "More doctors in the rural communes" in html  # everyone agrees
    assert "Where the territory divides" in html
    assert "Computed on" in html


def test_staff_turn_a_consensus_statement_into_a_diagnostic_item(
        client, territory, staff, django_capture_on_commit_callbacks):
    conversation = open_conversation(territory, staff)
    with django_capture_on_commit_callbacks(execute=True):
        vote_in_camps(conversation, people(territory, 12))
    statement = Statement.objects.get(text="More doctors in the rural communes")
    client.force_login(staff)
    assert "Add to the diagnostic" in client.get(url("conversation-results",
                                                     conversation)).content.decode()
    response = client.post(url("statement-diagnostic", conversation, statement.pk),
                           {"kind": "weakness", "axis": "health"})
    item = DiagnosticItem.objects.get()
    assert response.status_code == 302 and str(item.pk) in response.url
    assert (item.kind, item.axis, item.title, item.author) == (
        "weakness", "health", statement.text, staff)
    assert "Agreed by 100% of participants across all groups" in item.explanation
    assert conversation.title in item.explanation


def test_the_moderation_queue_publishes_and_sets_aside(client, territory, staff, resident):
    conversation = open_conversation(territory, staff, moderation="before")
    client.force_login(resident)
    client.post(url("statement-submit", conversation), {"text": "A youth club"})
    statement = Statement.objects.get(text="A youth club")
    assert statement.status == "pending"
    client.force_login(staff)
    assert "A youth club" in client.get(url("statement-list", conversation)).content.decode()
    client.post(url("statement-moderate", conversation, statement.pk), {"publish": "1"})
    statement.refresh_from_db()
    assert statement.status == "published"


def test_staff_create_a_conversation_with_seed_statements(client, territory, staff):
    client.force_login(staff)
    response = client.post(reverse("opinion:conversation-create", args=[territory.slug]), {
        "title": "Our mobility", "axis": "mobility", "participation": "anonymous",
        "moderation": "before", "seed_statements": "More trains\n\nFewer cars\n"})
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert list(conversation.statements.values_list("text", flat=True)) == ["More trains",
                                                                           "Fewer cars"]


def test_another_territory_s_conversation_answers_404(client, conversation):
    other = TerritoryFactory()
    admin = MembershipFactory(territory=other, role=Role.STAFF).user
    client.force_login(admin)
    for name in ("conversation-detail", "conversation-results", "conversation-export",
                 "statement-list", "conversation-update"):
        address = reverse(f"opinion:{name}", args=[other.slug, conversation.pk])
        assert client.get(address).status_code == 404, name
    for name in ("vote-cast", "conversation-close", "result-recompute"):
        address = reverse(f"opinion:{name}", args=[other.slug, conversation.pk])
        assert client.post(address, {"statement": conversation.statements.first().pk,
                                     "vote": "agree"}).status_code == 404, name
    conversation.refresh_from_db()
    assert conversation.is_open and not Vote.objects.exists()


@pytest.mark.parametrize("public", [True, False])
def test_the_list_shows_the_territory_s_conversations_only(client, conversation, public):
    TerritoryFactory(slug="elsewhere")
    conversation.territory.is_public = public
    conversation.territory.save()
    page = client.get(reverse("opinion:conversation-list", args=[conversation.territory.slug]))
    assert page.status_code == (200 if public else 404)
    if public:
        assert conversation.title in page.content.decode()


def test_with_htmx_the_next_statement_comes_in_place(client, conversation, resident):
    client.force_login(resident)
    first = client.get(url("conversation-detail", conversation)).context["statement"]
    response = client.post(url("vote-cast", conversation),
                           {"statement": first.pk, "vote": "agree"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Your vote is recorded: agree." in html
    assert response.context["statement"].pk != first.pk
    assert f'value="{response.context["statement"].pk}"' in html
    refused = client.post(url("vote-cast", conversation), {"statement": first.pk},
                          HTTP_HX_REQUEST="true")
    assert "Choose agree, disagree or pass." in refused.content.decode()


def test_a_participant_over_the_hourly_limit_is_asked_to_wait_and_keeps_the_text(
        client, conversation, resident, settings):
    settings.OPINION_STATEMENT_LIMITS = {"per_participant": 2, "anonymous": 60}
    client.force_login(resident)
    for text in ("A bus to the station", "A night bus"):
        client.post(url("statement-submit", conversation), {"text": text})
    response = client.post(url("statement-submit", conversation), {"text": "A third bus"})
    html = response.content.decode()
    assert "You have submitted 2 statements in the last hour" in html
    assert "A third bus" in html
    assert conversation.statements.filter(is_seed=False).count() == 2


def test_anonymous_statements_are_capped_together_whatever_the_session(
        territory, staff, settings):
    settings.OPINION_STATEMENT_LIMITS = {"per_participant": 10, "anonymous": 3}
    conversation = open_conversation(territory, staff,
                                     participation=Conversation.Participation.ANONYMOUS)
    # Each robot comes with a new browser session.
    for n in range(3):
        Client().post(url("statement-submit", conversation), {"text": f"Robot {n}"})
    response = Client().post(url("statement-submit", conversation),
                                     {"text": "Robot 3"})
    assert "Many anonymous statements arrived in the last hour" in response.content.decode()
    assert conversation.statements.filter(is_seed=False).count() == 3
    # A signed-in resident is not held back by the robots.
    resident = people(territory, 1)[0]
    client = Client()
    client.force_login(resident)
    client.post(url("statement-submit", conversation), {"text": "A real idea"})
    assert conversation.statements.filter(text="A real idea").exists()


def test_staff_turn_a_consensus_statement_into_a_proposal_once(
        client, territory, staff, django_capture_on_commit_callbacks):
    from tests.factories import ConsultationFactory
    from territoria.agora.models import Proposal

    consultation = ConsultationFactory(territory=territory, title="Young families")
    conversation = open_conversation(territory, staff, consultation=consultation)
    with django_capture_on_commit_callbacks(execute=True):
        vote_in_camps(conversation, people(territory, 12))
    statement = Statement.objects.get(text="More doctors in the rural communes")
    divisive = Statement.objects.get(text="More buses after 19:00")
    client.force_login(staff)
    html = client.get(url("conversation-results", conversation)).content.decode()
    assert "Turn into a proposal" in html
    response = client.post(url("statement-proposal", conversation, divisive.pk))
    assert response.status_code == 302 and not Proposal.objects.exists()  # not a consensus
    response = client.post(url("statement-proposal", conversation, statement.pk))
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/proposals/{proposal.pk}/")
    assert (proposal.consultation, proposal.author, proposal.status, proposal.axis,
            proposal.from_statement) == (consultation, staff, "published", "well_being",
                                         statement)
    assert statement.text in proposal.body and "100% of the 12 participants" in proposal.body
    html = client.get(url("conversation-results", conversation)).content.decode()
    assert "See the proposal" in html
    response = client.post(url("statement-proposal", conversation, statement.pk), follow=True)
    assert Proposal.objects.count() == 1
    assert "already the proposal" in response.content.decode()
    consultation_page = client.get(reverse("agora:consultation-detail", args=[
        territory.slug, consultation.pk])).content.decode()
    assert conversation.title in consultation_page


def test_a_conversation_without_consultation_offers_no_proposal(client, territory, staff,
                                                               conversation):
    from territoria.opinion.services import statement_to_proposal

    client.force_login(staff)
    assert "Turn into a proposal" not in client.get(
        url("conversation-results", conversation)).content.decode()
    with pytest.raises(Exception, match="consultation"):
        statement_to_proposal(actor=staff, statement=conversation.statements.first())


def test_the_team_attaches_a_conversation_to_a_consultation_of_its_territory_only(
        client, territory, staff, conversation):
    from tests.factories import ConsultationFactory

    mine = ConsultationFactory(territory=territory)
    theirs = ConsultationFactory()
    client.force_login(staff)
    data = {"title": conversation.title, "participation": "logged_in",
            "moderation": "after", "consultation": theirs.pk}
    response = client.post(url("conversation-update", conversation), data)
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    conversation.refresh_from_db()
    assert conversation.consultation is None
    response = client.post(url("conversation-update", conversation),
                           {**data, "consultation": mine.pk})
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.consultation == mine
