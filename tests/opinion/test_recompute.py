"""The map is recomputed in the background after votes, debounced, and a failure shows."""

import time
from unittest import mock

import pytest
from django.urls import reverse

from tests.opinion.conftest import SEEDS, open_conversation, people, vote_in_camps
from territoria.opinion import services
from territoria.opinion.models import Conversation, OpinionResult


def test_votes_queue_one_recomputation_until_it_runs(conversation, resident,
                                                     django_capture_on_commit_callbacks):
    statements = list(conversation.statements.all())
    with mock.patch("territoria.opinion.tasks.recompute_map") as task:
        task.get_backend.return_value.supports_defer = False  # as the immediate backend
        with django_capture_on_commit_callbacks(execute=True):
            for statement in statements[:3]:
                services.vote_cast(conversation=conversation, statement=statement, value=1,
                                   user=resident)
        assert task.enqueue.call_count == 1
        services.map_compute(conversation_id=conversation.pk)  # the task runs: flag cleared
        with django_capture_on_commit_callbacks(execute=True):
            services.vote_cast(conversation=conversation, statement=statements[3], value=1,
                               user=resident)
        assert task.enqueue.call_count == 2


def test_a_vote_computes_the_map_through_the_task(territory, staff,
                                                  django_capture_on_commit_callbacks):
    conversation = open_conversation(territory, staff)
    with django_capture_on_commit_callbacks(execute=True):
        vote_in_camps(conversation, people(territory, 12))
    result = OpinionResult.objects.get(conversation=conversation)
    assert result.status == OpinionResult.Status.OK
    assert len(result.data["groups"]) == 2
    assert result.data["counts"]["participants"] == 12
    assert result.computed_at is not None and result.state["in_analysis"]
    conversation.refresh_from_db()
    assert not conversation.recompute_queued


def test_too_few_votes_are_said_with_the_raw_counts(client, conversation, resident,
                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.vote_cast(conversation=conversation,
                           statement=conversation.statements.first(), value=1, user=resident)
    assert OpinionResult.objects.get(conversation=conversation).status == "too_few"
    page = client.get(reverse("opinion:conversation-results",
                              args=[conversation.territory.slug, conversation.pk]))
    html = page.content.decode()
    assert "Not enough votes to form groups yet." in html
    assert "Raw counts" in html and "<dd>1</dd>" in html


def test_a_failed_computation_is_shown_to_staff_and_retried(
        client, territory, staff, conversation, resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        vote_in_camps(conversation, people(territory, 12))
    good = OpinionResult.objects.get(conversation=conversation).data
    with mock.patch("territoria.opinion.domain.pipeline.compute",
                    side_effect=RuntimeError("matrix exploded")):
        with django_capture_on_commit_callbacks(execute=True):
            services.vote_cast(conversation=conversation,
                               statement=conversation.statements.first(), value=0,
                               user=resident)
    result = OpinionResult.objects.get(conversation=conversation)
    assert result.status == "failed" and "matrix exploded" in result.error
    assert result.data == good  # the last good map stays
    url = reverse("opinion:conversation-results", args=[territory.slug, conversation.pk])
    client.force_login(resident)
    assert "matrix exploded" not in client.get(url).content.decode()
    client.force_login(staff)
    html = client.get(url).content.decode()
    assert "The last computation of the map failed" in html and "matrix exploded" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("opinion:result-recompute",
                                       args=[territory.slug, conversation.pk]))
    assert response.status_code == 302
    assert OpinionResult.objects.get(conversation=conversation).status == "ok"


def test_a_lost_queued_recomputation_is_queued_again(conversation, resident,
                                                     django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    Conversation.objects.filter(pk=conversation.pk).update(
        recompute_queued=True, recompute_requested_at=timezone.now() - timedelta(hours=1))
    with mock.patch("territoria.opinion.tasks.recompute_map") as task:
        task.get_backend.return_value.supports_defer = False  # as the immediate backend
        with django_capture_on_commit_callbacks(execute=True):
            services.vote_cast(conversation=conversation,
                               statement=conversation.statements.first(), value=1,
                               user=resident)
    assert task.enqueue.call_count == 1


def test_the_groups_keep_their_letters_across_recomputations(
        territory, staff, django_capture_on_commit_callbacks):
    conversation = open_conversation(territory, staff)
    users = people(territory, 12)
    with django_capture_on_commit_callbacks(execute=True):
        vote_in_camps(conversation, users)
    first = OpinionResult.objects.get(conversation=conversation).data["group_of"]
    with django_capture_on_commit_callbacks(execute=True):
        vote_in_camps(conversation, people(territory, 2))
    second = OpinionResult.objects.get(conversation=conversation).data["group_of"]
    assert all(second[pid] == group for pid, group in first.items())


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_computes_the_map(task_worker, territory, staff):
    conversation = open_conversation(territory, staff)
    vote_in_camps(conversation, people(territory, 10))
    conversation.refresh_from_db()
    assert conversation.recompute_queued
    deadline = time.time() + 60  # the task is deferred by RECOMPUTE_DELAY
    while not OpinionResult.objects.filter(conversation=conversation).exists() \
            and time.time() < deadline:
        task_worker.run_until_idle()
    result = OpinionResult.objects.get(conversation=conversation)
    assert result.status == "ok" and len(result.data["groups"]) == 2
    assert len(SEEDS) == result.data["counts"]["statements"]


def test_a_deferring_backend_runs_the_recomputation_seconds_later(
        conversation, resident, django_capture_on_commit_callbacks):
    with mock.patch("territoria.opinion.tasks.recompute_map") as task:
        task.get_backend.return_value.supports_defer = True
        with django_capture_on_commit_callbacks(execute=True):
            services.vote_cast(conversation=conversation,
                               statement=conversation.statements.first(), value=1,
                               user=resident)
    run_after = task.using.call_args.kwargs["run_after"]
    conversation.refresh_from_db()
    assert run_after == conversation.recompute_requested_at + services.RECOMPUTE_DELAY
    assert task.using.return_value.enqueue.call_count == 1
