"""Candidate priorities put to a vote of residents and actors, and the latest finished
vote's ranking beside the strategy (the votes themselves are the voting app's)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from territoria.accounts.models import Role
from territoria.strategy import prioritisation, services
from territoria.voting import services as voting
from territoria.voting.models import Vote
from tests.factories import MembershipFactory, TerritoryFactory
from tests.strategy.conftest import adopt, draft, qualitative

pytestmark = pytest.mark.django_db


def put_to_vote(staff, territory, versions=(), ambitions=(), **kwargs):
    now = timezone.now()
    arguments = {"title": "Which priorities first?", "method": Vote.Method.MAJORITY_JUDGMENT,
                 "opens_at": now - timedelta(days=1), "closes_at": now + timedelta(days=7)}
    arguments.update(kwargs)
    return prioritisation.priorities_put_to_vote(actor=staff, territory=territory,
                                                 versions=versions, ambitions=ambitions,
                                                 **arguments)


def test_candidates_become_options_keyed_to_what_they_stand_for(territory, staff):
    jobs = draft(staff, territory, title="Jobs")
    health = draft(staff, territory, title="Health")
    ambition = qualitative(staff, health, title="A dentist in every bourg")
    vote = put_to_vote(staff, territory, versions=[jobs, health], ambitions=[ambition])
    options = [(o.title, o.subject_key) for o in vote.options.order_by("position")]
    assert options == [
        ("Orientation 1: Jobs", f"strategy.orientation:{jobs.orientation_id}"),
        ("Orientation 2: Health", f"strategy.orientation:{health.orientation_id}"),
        ("A dentist in every bourg", f"strategy.ambition:{ambition.pk}")]


def test_fewer_than_two_candidates_or_another_territorys_are_refused(territory, staff):
    jobs = draft(staff, territory, title="Jobs")
    with pytest.raises(ValidationError, match="at least two"):
        put_to_vote(staff, territory, versions=[jobs])
    other = TerritoryFactory()
    theirs = draft(staff, other, title="Theirs")
    with pytest.raises(ValidationError, match="of this territory"):
        put_to_vote(staff, territory, versions=[jobs, theirs])
    assert not Vote.objects.exists()


def test_the_ambitions_key_is_kept_across_revisions(territory, staff, elected):
    version = draft(staff, territory)
    ambition = qualitative(staff, version)
    adopt(elected, version)
    revision = services.orientation_revise(actor=staff, orientation=version.orientation)
    copy = revision.ambitions.get()
    assert prioritisation.ambition_key(copy) == prioritisation.ambition_key(ambition)


def vote_and_close(territory, staff, versions, grades_by_voter):
    vote = put_to_vote(staff, territory, versions=versions)
    options = list(vote.options.order_by("position"))
    for grades in grades_by_voter:
        voter = MembershipFactory(territory=territory, role=Role.RESIDENT).user
        voting.ballot_cast(user=voter, vote=vote, grades={
            option.pk: grade for option, grade in zip(options, grades, strict=True)})
    voting.vote_close(actor=staff, vote=vote)
    return vote


def test_the_public_strategy_shows_the_latest_finished_votes_ranking(client, territory,
                                                                     staff, elected):
    jobs = draft(staff, territory, title="Jobs")
    qualitative(staff, jobs)
    adopt(elected, jobs)
    health = draft(staff, territory, title="Health")
    qualitative(staff, health)
    adopt(elected, health)
    page = reverse("strategy:strategy", args=[territory.slug])
    # An open vote shows nothing yet.
    open_vote = put_to_vote(staff, territory, versions=[jobs, health])
    assert "What residents and actors put first" not in client.get(page).content.decode()
    voting.vote_close(actor=staff, vote=open_vote)  # closed without ballots
    vote = vote_and_close(territory, staff, [jobs, health], [(1, 5), (2, 4), (0, 5)])
    ranking = prioritisation.latest_ranking(territory=territory)
    assert ranking.vote == vote
    assert ranking.of_orientation(health.orientation_id).rank == 1
    assert ranking.of_orientation(jobs.orientation_id).rank == 2
    html = client.get(page).content.decode()
    assert "What residents and actors put first" in html and "3 voters" in html
    assert html.index("Orientation 2: Health</strong>") < html.index(
        "Orientation 1: Jobs</strong>")
    assert "Vote: rank 1" in html and "Vote: rank 2" in html


def test_the_team_puts_candidates_to_the_vote_from_a_form(client, territory, staff):
    jobs = draft(staff, territory, title="Jobs")
    health = draft(staff, territory, title="Health")
    ambition = qualitative(staff, health, title="A dentist in every bourg")
    client.force_login(staff)
    page = reverse("strategy:priorities-vote", args=[territory.slug])
    html = client.get(page).content.decode()
    assert "Orientation 1: Jobs" in html and "A dentist in every bourg" in html
    data = {"title": "Which first?", "method": "majority_judgment",
            "opens_at": "2026-12-01T09:00", "closes_at": "2026-12-20T18:00",
            "orientations": [jobs.orientation_id]}
    response = client.post(page, data)
    assert "Choose at least two candidate priorities." in response.content.decode()
    assert not Vote.objects.exists()
    response = client.post(page, {**data, "closes_at": "2026-11-01T09:00",
                                  "ambitions": [ambition.pk]})
    assert "The vote must close after it opens." in response.content.decode()
    assert not Vote.objects.exists()
    response = client.post(page, {**data, "ambitions": [ambition.pk],
                                  "orientations": [jobs.orientation_id,
                                                   health.orientation_id]})
    vote = Vote.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("voting:vote-detail", args=[territory.slug, vote.pk])
    assert vote.options.count() == 3


@pytest.mark.parametrize(("role", "expected"), [
    (Role.ADMINISTRATOR, 200), (Role.ELECTED, 200), (Role.STAFF, 200), (Role.PMO, 200),
    (Role.PROJECT_LEAD, 403), (Role.LOCAL_ACTOR, 403), (Role.RESIDENT, 403)])
def test_only_the_team_puts_priorities_to_a_vote(client, territory, role, expected):
    from tests.accounts.test_permission_matrix import person

    client.force_login(person(role, territory))
    assert client.get(reverse("strategy:priorities-vote", args=[territory.slug])
                      ).status_code == expected
