"""Votes, statements and moderation: the rules of a conversation."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.opinion.conftest import SEEDS, open_conversation
from territoria.opinion import services
from territoria.opinion.models import Conversation, Participant, Statement, Vote


def test_seed_statements_are_published_at_once(conversation):
    assert list(conversation.statements.values_list("text", flat=True)) == SEEDS
    assert set(conversation.statements.values_list("status", flat=True)) == {"published"}


def test_one_vote_per_participant_and_statement_the_last_counts(conversation, resident):
    statement = conversation.statements.first()
    for value in (1, -1, 0, -1):
        services.vote_cast(conversation=conversation, statement=statement, value=value,
                           user=resident)
    assert list(Vote.objects.filter(statement=statement).values_list("value", flat=True)) == [-1]
    assert Participant.objects.filter(conversation=conversation).count() == 1


def test_an_anonymous_visitor_votes_by_session_where_allowed(territory, staff):
    conversation = open_conversation(territory, staff,
                                     participation=Conversation.Participation.ANONYMOUS)
    statement = conversation.statements.first()
    services.vote_cast(conversation=conversation, statement=statement, value=1,
                       session_key="abc")
    services.vote_cast(conversation=conversation, statement=statement, value=0,
                       session_key="abc")
    services.vote_cast(conversation=conversation, statement=statement, value=-1,
                       session_key="def")
    assert sorted(Vote.objects.values_list("value", flat=True)) == [-1, 0]


def test_an_anonymous_vote_is_refused_where_an_account_is_needed(conversation):
    with pytest.raises(PermissionDenied):
        services.vote_cast(conversation=conversation, statement=conversation.statements.first(),
                           value=1, session_key="abc")
    assert not Vote.objects.exists()


def test_a_vote_on_a_closed_conversation_is_refused_with_a_clear_message(
        conversation, staff, resident):
    services.conversation_close(actor=staff, conversation=conversation)
    with pytest.raises(ValidationError, match="closed"):
        services.vote_cast(conversation=conversation, statement=conversation.statements.first(),
                           value=1, user=resident)
    assert not Vote.objects.exists()


def test_a_vote_on_a_moderated_out_statement_is_refused(conversation, staff, resident):
    statement = conversation.statements.first()
    services.statement_moderate(actor=staff, statement=statement, publish=False)
    with pytest.raises(ValidationError, match="moderation"):
        services.vote_cast(conversation=conversation, statement=statement, value=1,
                           user=resident)
    assert not Vote.objects.exists()


def test_a_duplicate_statement_is_refused(conversation, resident):
    with pytest.raises(ValidationError, match="already"):
        services.statement_submit(conversation=conversation, author=resident,
                                  text="  more BUSES after 19:00 ! ")
    assert conversation.statements.count() == len(SEEDS)


def test_hostile_html_is_kept_as_plain_text(client, conversation, resident):
    statement = services.statement_submit(conversation=conversation, author=resident,
                                          text="<script>alert('x')</script> Trains!")
    assert statement.text == "<script>alert('x')</script> Trains!"
    Statement.objects.exclude(pk=statement.pk).update(status="rejected")
    client.force_login(resident)
    html = client.get(f"/t/{conversation.territory.slug}/opinion/{conversation.pk}/").content
    assert b"&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Trains!" in html
    assert b"<script>alert(" not in html


def test_moderation_before_publication_holds_new_statements(territory, staff, resident):
    conversation = open_conversation(territory, staff,
                                     moderation=Conversation.Moderation.BEFORE)
    statement = services.statement_submit(conversation=conversation, author=resident,
                                          text="A youth club")
    assert statement.status == Statement.Status.PENDING
    services.statement_moderate(actor=staff, statement=statement, publish=True)
    statement.refresh_from_db()
    assert statement.status == Statement.Status.PUBLISHED


def test_a_closed_conversation_takes_no_statement(conversation, staff, resident):
    services.conversation_close(actor=staff, conversation=conversation)
    with pytest.raises(ValidationError, match="closed"):
        services.statement_submit(conversation=conversation, author=resident, text="New")


def test_one_bad_seed_refuses_the_whole_creation(territory, staff):
    with pytest.raises(ValidationError) as error:
        open_conversation(territory, staff, seeds=["Trains", "trains."])
    assert "seed_statements" in error.value.message_dict
    assert not Conversation.objects.exists()


def test_a_deleted_account_leaves_its_votes_anonymised_and_exports_them_before(
        conversation, resident):
    from territoria.accounts.selectors import account_export

    statement = conversation.statements.first()
    services.vote_cast(conversation=conversation, statement=statement, value=1, user=resident)
    exported = account_export(user=resident)["opinion"]
    assert exported["votes"][0]["statement"] == statement.text
    resident.delete()
    vote = Vote.objects.get()
    assert vote.value == 1 and vote.participant.user is None


def test_an_anonymous_participant_s_session_key_is_not_stored(territory, staff):
    conversation = open_conversation(territory, staff,
                                     participation=Conversation.Participation.ANONYMOUS)
    services.vote_cast(conversation=conversation, statement=conversation.statements.first(),
                       value=1, session_key="secret-session-key")
    stored = Participant.objects.get().session_key
    assert stored and "secret-session-key" not in stored
