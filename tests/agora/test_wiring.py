"""The Agorapolis in the generic apps: comments, moderation, search and notifications."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import ConsultationFactory, MembershipFactory, ProposalFactory
from territoria.accounts.models import Role
from territoria.agora import services
from territoria.agora.models import Argument, Debate, Event, OfficialAnswer, Proposal
from territoria.comments import registry as comments
from territoria.comments.models import Comment
from territoria.comments.services import comment_create
from territoria.moderation.services import content_hide, content_restore, user_block
from territoria.notifications.models import Follow, Notification
from territoria.notifications.services import follow
from territoria.search.models import SearchEntry
from territoria.search.selectors import search


def _comment_url(key, obj):
    return reverse("comments:comment-create", args=[obj.territory.slug, key, obj.pk])


def _notified(user, verb):
    return Notification.objects.filter(recipient=user, verb=verb)


# Comments ----------------------------------------------------------------------------------

def test_a_resident_comments_a_proposal_while_the_phase_opens_comments(
        client, consultation, resident, other_resident):
    proposal = ProposalFactory(consultation=consultation, author=other_resident)
    client.force_login(resident)
    page = client.get(reverse("agora:proposal-detail", args=[proposal.territory.slug,
                                                              proposal.pk]))
    assert 'name="body"' in page.content.decode()
    response = client.post(_comment_url("agora-proposal", proposal), {"body": "Oui, vite !"})
    assert response.status_code == 302
    assert Comment.objects.get().body == "Oui, vite !"


def test_comments_close_with_the_phase_and_say_when_they_open(consultation, resident):
    phase = consultation.phases.get()
    phase.allows_comment = False
    phase.save()
    consultation.forget_phases()
    proposal = ProposalFactory(consultation=consultation)
    entry = comments.for_model(Proposal)
    assert not entry.can_comment(resident, proposal)
    assert "closed" in entry.closed_message(proposal)
    with pytest.raises(ValidationError):
        comment_create(author=resident, target=proposal, body="Too late")


def test_drafts_and_hidden_proposals_take_no_comment(consultation, resident):
    entry = comments.for_model(Proposal)
    draft = ProposalFactory(consultation=consultation, status="draft", published_at=None)
    hidden = ProposalFactory(consultation=consultation, is_hidden=True)
    assert not entry.can_comment(resident, draft)
    assert not entry.can_comment(resident, hidden)
    assert "draft" in entry.closed_message(draft)


def test_a_closed_debate_takes_no_comment(consultation, staff, resident):
    debate = services.debate_create(actor=staff, consultation=consultation, question="Cars?")
    entry = comments.for_model(Debate)
    assert entry.can_comment(resident, debate)
    services.debate_close(actor=staff, debate=debate, conclusion="Fewer cars.")
    assert not entry.can_comment(resident, debate)


def _event(territory, staff, *, ends_in, consultation=None):
    now = timezone.now()
    return services.event_save(actor=staff, territory=territory, title="Workshop",
                               starts_at=now + ends_in - timedelta(hours=2),
                               ends_at=now + ends_in, place="Town hall",
                               consultation=consultation)


def test_an_event_without_consultation_takes_comments_until_30_days_after(
        territory, staff, resident, client):
    entry = comments.for_model(Event)
    recent = _event(territory, staff, ends_in=-timedelta(days=29))
    old = _event(territory, staff, ends_in=-timedelta(days=31))
    assert entry.can_comment(resident, recent)
    assert not entry.can_comment(resident, old)
    assert "30 days" in entry.closed_message(old)
    client.force_login(resident)
    page = client.get(reverse("agora:event-detail", args=[territory.slug, old.pk]))
    assert "Comments closed 30 days after the event." in page.content.decode()


def test_an_event_of_a_consultation_follows_its_phase(territory, staff, resident):
    closed = ConsultationFactory(territory=territory, phase={"allows_comment": False})
    event = _event(territory, staff, ends_in=timedelta(days=3), consultation=closed)
    assert not comments.for_model(Event).can_comment(resident, event)


def test_the_proposal_list_shows_comment_counts_without_a_query_per_row(
        client, consultation, resident):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    proposals = [ProposalFactory(consultation=consultation) for _ in range(5)]
    for proposal in proposals[:2]:
        comment_create(author=resident, target=proposal, body="Bien")
    comment_create(author=resident, target=proposals[0], body="Encore")
    url = reverse("agora:consultation-detail", args=[consultation.territory.slug,
                                                     consultation.pk])
    client.get(url)  # caches filled once per process (site, referential)
    with CaptureQueriesContext(connection) as few:
        html = client.get(url).content.decode()
    assert "2 comments" in html and "1 comment" in html and "0 comments" in html
    ProposalFactory.create_batch(10, consultation=consultation)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


# Moderation --------------------------------------------------------------------------------

def test_moderation_hides_a_proposal_from_lists_exports_and_search(
        client, consultation, staff, resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = services.proposal_create(actor=resident, consultation=consultation,
                                            title="Un marché bio", body="Le samedi",
                                            publish=True)
    assert SearchEntry.objects.filter(kind="agora.proposal", object_id=proposal.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        state = content_hide(actor=staff, obj=proposal, reason="spam")
    proposal.refresh_from_db()
    assert proposal.is_hidden
    assert not SearchEntry.objects.filter(kind="agora.proposal", object_id=proposal.pk).exists()
    slug = consultation.territory.slug
    listing = client.get(reverse("agora:consultation-detail", args=[slug, consultation.pk]))
    assert "Un marché bio" not in listing.content.decode()
    export = client.get(reverse("agora:proposal-export", args=[slug, consultation.pk, "csv"]))
    assert "Un marché bio" not in b"".join(export.streaming_content).decode()
    assert client.get(reverse("agora:proposal-detail", args=[slug, proposal.pk])
                      ).status_code == 404
    client.force_login(resident)  # its author still reads it, marked
    page = client.get(reverse("agora:proposal-detail", args=[slug, proposal.pk]))
    assert "hidden by moderation" in page.content.decode()
    with pytest.raises(ValidationError, match="hidden by moderation"):
        services.proposal_support(user=staff, proposal=proposal)
    with django_capture_on_commit_callbacks(execute=True):
        content_restore(actor=staff, state=state)
    proposal.refresh_from_db()
    assert not proposal.is_hidden
    assert SearchEntry.objects.filter(kind="agora.proposal", object_id=proposal.pk).exists()


def test_a_hidden_argument_shows_as_hidden_to_readers(client, consultation, staff, resident,
                                                      other_resident):
    debate = services.debate_create(actor=staff, consultation=consultation, question="Cars?")
    argument = services.argument_add(actor=resident, debate=debate, side="for",
                                     text="Insultes et publicité")
    url = reverse("agora:debate-detail", args=[consultation.territory.slug, debate.pk])
    client.force_login(other_resident)
    assert "Report" in client.get(url).content.decode()
    content_hide(actor=staff, obj=argument, reason="offensive")
    argument.refresh_from_db()
    assert argument.is_hidden
    html = client.get(url).content.decode()
    assert "Insultes et publicité" not in html
    assert "Hidden pending review by the moderators." in html


def test_the_proposal_page_has_a_report_link_for_others(client, consultation, resident):
    proposal = ProposalFactory(consultation=consultation)
    client.force_login(resident)
    html = client.get(reverse("agora:proposal-detail", args=[proposal.territory.slug,
                                                              proposal.pk])).content.decode()
    assert reverse("moderation:report-create", args=[proposal.territory.slug,
                                                     "agora-proposal", proposal.pk]) in html


def test_blocked_people_are_refused_everywhere_in_the_agora(territory, consultation, staff,
                                                            resident, other_resident):
    proposal = ProposalFactory(consultation=consultation, author=resident)
    debate = services.debate_create(actor=staff, consultation=consultation, question="Cars?")
    event = _event(territory, staff, ends_in=timedelta(days=3))
    user_block(actor=staff, territory=territory, user=resident, reason="Insults")
    attempts = [
        lambda: services.proposal_create(actor=resident, consultation=consultation,
                                         title="T", body="B"),
        lambda: services.proposal_support(user=resident, proposal=ProposalFactory(
            consultation=consultation)),
        lambda: services.argument_add(actor=resident, debate=debate, side="for", text="x"),
        lambda: services.registration_create(user=resident, event=event),
        lambda: services.coauthor_invite(actor=resident, proposal=proposal,
                                         email=other_resident.email),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as error:
            attempt()
        assert "Insults" in " ".join(error.value.messages)


# Search ------------------------------------------------------------------------------------

def test_the_agora_is_searchable_and_drafts_are_not(
        territory, consultation, staff, resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_create(actor=resident, consultation=consultation,
                                 title="Piste cyclable vers la gare", body="Sécurisée",
                                 publish=True)
        services.proposal_create(actor=resident, consultation=consultation,
                                 title="Piste brouillon", body="Pas encore")
        services.debate_create(actor=staff, consultation=consultation,
                               question="Faut-il une piste cyclable ?")
        services.page_save(actor=staff, territory=territory, title="Comprendre les pistes",
                           slug="pistes", body="Les pistes cyclables.", is_published=True)
        _event(territory, staff, ends_in=timedelta(days=3))
        services.consultation_update(
            actor=staff, consultation=consultation, title="Mobilités et pistes",
            description="", support_limit=0, answer_threshold=0,
            requires_verification=False, is_published=True)
    results = search(territory=territory, query="piste", user=resident)
    kinds = {hit.kind for hit in results.hits}
    assert {"agora.consultation", "agora.proposal", "agora.debate", "agora.page"} <= kinds
    titles = " ".join(str(hit.title) for hit in results.hits)
    assert "brouillon" not in titles
    with django_capture_on_commit_callbacks(execute=True):
        services.consultation_update(
            actor=staff, consultation=consultation, title="Mobilités et pistes",
            description="", support_limit=0, answer_threshold=0,
            requires_verification=False, is_published=False)
    assert not SearchEntry.objects.filter(kind__in=["agora.consultation", "agora.proposal",
                                                    "agora.debate"]).exists()


def test_a_merged_duplicate_leaves_the_search(consultation, staff,
                                              django_capture_on_commit_callbacks):
    kept, duplicate = ProposalFactory.create_batch(2, consultation=consultation)
    with django_capture_on_commit_callbacks(execute=True):
        services.proposals_merge(actor=staff, kept=kept, duplicate=duplicate)
    assert not SearchEntry.objects.filter(kind="agora.proposal",
                                          object_id=duplicate.pk).exists()


# Notifications -----------------------------------------------------------------------------

def test_authors_follow_their_proposal_and_hear_of_its_status(
        consultation, staff, resident, other_resident, django_capture_on_commit_callbacks):
    proposal = services.proposal_create(actor=resident, consultation=consultation,
                                        title="Un marché", body="Le samedi", publish=True)
    assert Follow.objects.filter(user=resident, target_kind="agora.proposal").exists()
    follow(user=other_resident, target=proposal)
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_set_status(actor=staff, proposal=proposal, status="evaluating")
        services.proposal_set_status(actor=staff, proposal=proposal, status="accepted")
    for person in (resident, other_resident):
        notification = _notified(person, "agora.proposal_status").get()
        assert notification.count == 2  # coalesced: one line for two changes
    assert not _notified(staff, "agora.proposal_status").exists()


def test_co_authors_hear_of_the_status_too(consultation, staff, resident, other_resident,
                                           django_capture_on_commit_callbacks):
    proposal = ProposalFactory(consultation=consultation, author=resident)
    services.coauthor_invite(actor=resident, proposal=proposal, email=other_resident.email)
    services.coauthor_accept(user=other_resident, proposal=proposal)
    Follow.objects.filter(user=other_resident).delete()  # told as a co-author all the same
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_set_status(actor=staff, proposal=proposal, status="evaluating")
    assert _notified(other_resident, "agora.proposal_status").exists()


def test_followers_of_a_consultation_hear_of_new_proposals(
        consultation, resident, other_resident, django_capture_on_commit_callbacks):
    follow(user=other_resident, target=consultation)
    with django_capture_on_commit_callbacks(execute=True):
        draft = services.proposal_create(actor=resident, consultation=consultation,
                                         title="Brouillon", body="…")
    assert not _notified(other_resident, "agora.proposal_added").exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_publish(actor=resident, proposal=draft)
        services.proposal_create(actor=resident, consultation=consultation, title="Deux",
                                 body="…", publish=True)
    assert _notified(other_resident, "agora.proposal_added").get().count == 2


def test_an_answer_published_now_is_told_at_once(consultation, staff, resident,
                                                 django_capture_on_commit_callbacks):
    proposal = services.proposal_create(actor=resident, consultation=consultation,
                                        title="Un marché", body="Le samedi", publish=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_save(actor=staff, proposal=proposal, text="Oui", estimated_cost=None)
    assert _notified(resident, "agora.proposal_answered").exists()
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):  # an edit tells nobody again
        services.answer_save(actor=staff, proposal=proposal, text="Oui, en mai",
                             estimated_cost=None)
    assert not Notification.objects.exists()


@pytest.fixture
def deferring_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend",
                                  "QUEUES": ["default"]}}
    from django.tasks import default_task_backend

    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def test_an_answer_scheduled_later_is_told_when_it_becomes_public(
        consultation, staff, resident, deferring_tasks, django_capture_on_commit_callbacks):
    from territoria.agora.tasks import announce_answer

    proposal = services.proposal_create(actor=resident, consultation=consultation,
                                        title="Un marché", body="Le samedi", publish=True)
    later = timezone.now() + timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.answer_save(actor=staff, proposal=proposal, text="Oui",
                                      estimated_cost=None, publish_at=later)
    assert not _notified(resident, "agora.proposal_answered").exists()
    [queued] = deferring_tasks.results
    assert queued.task.name == announce_answer.name and queued.task.run_after == later
    # Too early (a worker that runs it before its time changes nothing):
    assert not announce_answer.call(**queued.kwargs)["told"]
    OfficialAnswer.objects.filter(pk=answer.pk).update(publish_at=timezone.now()
                                                       - timedelta(seconds=1))
    # Re-dated since it was queued: the task of the new time tells, not this one.
    assert not announce_answer.call(**queued.kwargs)["told"]
    OfficialAnswer.objects.filter(pk=answer.pk).update(publish_at=later)
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=later + timedelta(minutes=1)):
        assert announce_answer.call(**queued.kwargs)["told"]
    assert _notified(resident, "agora.proposal_answered").exists()


def test_the_person_promoted_from_the_waiting_list_is_told(
        territory, staff, resident, other_resident, django_capture_on_commit_callbacks):
    event = _event(territory, staff, ends_in=timedelta(days=3))
    event.capacity = 1
    event.save()
    services.registration_create(user=resident, event=event)
    waiting = services.registration_create(user=other_resident, event=event)
    assert waiting.status == "waiting"
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(user=resident, event=event)
    assert _notified(other_resident, "agora.registration_confirmed").exists()
    assert not _notified(resident, "agora.registration_confirmed").exists()


def test_a_closed_debate_is_told_to_those_who_argued_and_the_followers(
        consultation, staff, resident, other_resident, django_capture_on_commit_callbacks):
    debate = services.debate_create(actor=staff, consultation=consultation, question="Cars?")
    services.argument_add(actor=resident, debate=debate, side="for", text="Oui")
    follow(user=other_resident, target=consultation)
    with django_capture_on_commit_callbacks(execute=True):
        services.debate_close(actor=staff, debate=debate, conclusion="Fewer cars.")
        services.debate_close(actor=staff, debate=debate, conclusion="Fewer cars, really.")
    assert _notified(resident, "agora.debate_closed").get().count == 1
    assert _notified(other_resident, "agora.debate_closed").exists()


def test_blocked_people_hear_nothing(consultation, staff, resident, other_resident,
                                     django_capture_on_commit_callbacks):
    proposal = services.proposal_create(actor=resident, consultation=consultation,
                                        title="Un marché", body="Le samedi", publish=True)
    user_block(actor=staff, territory=consultation.territory, user=resident, reason="Spam")
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_set_status(actor=staff, proposal=proposal, status="evaluating")
    assert not _notified(resident, "agora.proposal_status").exists()


def test_follow_buttons_on_consultations_proposals_debates_and_events(
        client, consultation, staff, resident):
    proposal = ProposalFactory(consultation=consultation)
    debate = services.debate_create(actor=staff, consultation=consultation, question="Cars?")
    event = _event(consultation.territory, staff, ends_in=timedelta(days=3))
    client.force_login(resident)
    slug = consultation.territory.slug
    for url in (reverse("agora:consultation-detail", args=[slug, consultation.pk]),
                reverse("agora:proposal-detail", args=[slug, proposal.pk]),
                reverse("agora:debate-detail", args=[slug, debate.pk]),
                reverse("agora:event-detail", args=[slug, event.pk])):
        assert "Follow" in client.get(url).content.decode()
    response = client.post(reverse("notifications:follow-toggle",
                                   args=[slug, "agora.debate", debate.pk]),
                           {"next": reverse("agora:debate-detail", args=[slug, debate.pk])})
    assert response.status_code == 302
    assert Follow.objects.filter(user=resident, target_kind="agora.debate",
                                 target_id=debate.pk).exists()


def test_followers_of_a_debate_hear_of_new_arguments_and_arguers_follow_it(
        consultation, staff, resident, other_resident, django_capture_on_commit_callbacks):
    debate = services.debate_create(actor=staff, consultation=consultation, question="Cars?")
    follow(user=other_resident, target=debate)
    with django_capture_on_commit_callbacks(execute=True):
        services.argument_add(actor=resident, debate=debate, side="for", text="Oui")
        services.argument_add(actor=staff, debate=debate, side="against", text="Non")
    told = _notified(other_resident, "agora.argument_added").get()
    assert told.count == 2  # coalesced: one notification counts both arguments
    assert not _notified(staff, "agora.argument_added").exists()  # not told of their own
    assert Follow.objects.filter(user=resident, target_kind="agora.debate",
                                 target_id=debate.pk).exists()
    assert _notified(resident, "agora.argument_added").get().count == 1  # the staff's one


def test_published_minutes_are_told_to_registered_people_and_followers_once(
        territory, staff, resident, other_resident, django_capture_on_commit_callbacks):
    event = _event(territory, staff, ends_in=timedelta(days=3))
    services.registration_create(user=resident, event=event)
    follow(user=other_resident, target=event)
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_publish(actor=staff, event=event, minutes="We met.")
        services.minutes_publish(actor=staff, event=event, minutes="We met, corrected.")
    assert _notified(resident, "agora.minutes_published").get().count == 1
    assert _notified(other_resident, "agora.minutes_published").get().count == 1
    assert not _notified(staff, "agora.minutes_published").exists()


def test_hidden_arguments_are_not_counted_in_the_debate_list(consultation, staff, resident):
    from territoria.agora.selectors import debate_list

    debate = services.debate_create(actor=staff, consultation=consultation, question="Cars?")
    services.argument_add(actor=resident, debate=debate, side="for", text="Oui")
    spam = services.argument_add(actor=resident, debate=debate, side="for", text="Spam")
    services.argument_add(actor=staff, debate=debate, side="against", text="Non")
    content_hide(actor=staff, obj=spam, reason="spam")
    listed = debate_list(consultation=consultation).get()
    assert (listed.for_count, listed.against_count) == (1, 1)


def test_a_member_of_another_territory_cannot_comment_here(consultation):
    from tests.factories import TerritoryFactory

    elsewhere = MembershipFactory(territory=TerritoryFactory(is_public=False),
                                  role=Role.RESIDENT).user
    consultation.territory.is_public = False
    consultation.territory.save()
    proposal = ProposalFactory(consultation=consultation)
    assert not comments.for_model(Proposal).can_comment(elsewhere, proposal)
    assert Argument.objects.count() == 0
