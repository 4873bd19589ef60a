from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tests.factories import MembershipFactory, TerritoryFactory, UserFactory
from tests.voting.conftest import OPTIONS, grades_for, open_vote
from territoria.accounts import services as account_services
from territoria.accounts.models import Membership, Role
from territoria.voting import selectors, services
from territoria.voting.models import Ballot, BallotGrade, Participation, Vote
from territoria.voting.services import IncompleteBallot, OptionSpec

pytestmark = pytest.mark.django_db


def test_a_vote_is_created_with_its_options_in_order_and_their_subject_keys(vote):
    options = list(vote.options.all())
    assert [o.title for o in options] == OPTIONS
    assert [o.position for o in options] == [1, 2, 3, 4]
    assert options[0].subject_key == "test.option:0"
    assert vote.status == Vote.Status.OPEN


def test_a_vote_needs_two_options_and_to_close_after_it_opens(territory, staff):
    with pytest.raises(ValidationError) as error:
        open_vote(territory, staff, options=["Only one", "  "])
    assert "at least 2 options" in str(error.value)
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        open_vote(territory, staff, opens_at=now, closes_at=now - timedelta(hours=1))
    assert "close after it opens" in str(error.value)
    with pytest.raises(ValidationError, match="same title"):
        open_vote(territory, staff, options=["Bikes", "bikes"])
    assert not Vote.objects.exists()


def test_a_resident_casts_a_ballot_once(vote, resident):
    participation = services.ballot_cast(user=resident, vote=vote,
                                         grades=grades_for(vote, 5, 3, 2, 0))
    assert participation.voted_at is not None
    assert Ballot.objects.filter(vote=vote).count() == 1
    assert sorted(BallotGrade.objects.values_list("grade", flat=True)) == [0, 2, 3, 5]
    with pytest.raises(ValidationError, match="already voted"):
        services.ballot_cast(user=resident, vote=vote, grades=grades_for(vote, 1, 1, 1, 1))
    assert Ballot.objects.count() == 1 and BallotGrade.objects.count() == 4


def test_the_database_forbids_a_second_participation(vote, resident):
    services.ballot_cast(user=resident, vote=vote, grades=grades_for(vote, 5, 3, 2, 0))
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(vote=vote, user=resident, voted_at=timezone.now())


def test_an_incomplete_ballot_names_the_ungraded_options_and_records_nothing(vote, resident):
    options = list(vote.options.all())
    with pytest.raises(IncompleteBallot) as error:
        services.ballot_cast(user=resident, vote=vote, grades={options[0].pk: 4})
    assert error.value.missing == options[1:]
    assert "Safe bike lanes to the schools" in error.value.messages[0]
    assert not Participation.objects.exists() and not Ballot.objects.exists()


@pytest.mark.parametrize("bad", [6, -1, "excellent", "3; DROP TABLE", 2.5, "²", True])
def test_a_tampered_grade_is_refused(vote, resident, bad):
    grades = grades_for(vote, 5, 3, 2, 0)
    grades[vote.options.first().pk] = bad
    with pytest.raises(ValidationError, match="not one of the grades offered"):
        services.ballot_cast(user=resident, vote=vote, grades=grades)
    assert not Participation.objects.exists()


def test_a_grade_for_another_vote_s_option_is_refused(territory, staff, vote, resident):
    other = open_vote(territory, staff)
    grades = grades_for(vote, 5, 3, 2, 0)
    grades[other.options.first().pk] = 3
    with pytest.raises(ValidationError, match="not in this vote"):
        services.ballot_cast(user=resident, vote=vote, grades=grades)


def test_ballots_are_refused_outside_the_dates(territory, staff, resident):
    now = timezone.now()
    upcoming = open_vote(territory, staff, opens_at=now + timedelta(days=1),
                         closes_at=now + timedelta(days=3))
    with pytest.raises(ValidationError, match="not open yet"):
        services.ballot_cast(user=resident, vote=upcoming, grades=grades_for(upcoming, 1, 1, 1, 1))
    ended = open_vote(territory, staff, opens_at=now - timedelta(days=3),
                      closes_at=now - timedelta(days=1))
    with pytest.raises(ValidationError, match="no longer accepted"):
        services.ballot_cast(user=resident, vote=ended, grades=grades_for(ended, 1, 1, 1, 1))
    draft = open_vote(territory, staff, draft=True)
    with pytest.raises(ValidationError, match="not open"):
        services.ballot_cast(user=resident, vote=draft, grades=grades_for(draft, 1, 1, 1, 1))
    assert not Ballot.objects.exists()


def test_closing_early_stops_ballots_and_shows_results(vote, staff, resident):
    services.ballot_cast(user=resident, vote=vote, grades=grades_for(vote, 5, 3, 2, 0))
    assert not selectors.results_are_visible(vote=vote)
    services.vote_close(actor=staff, vote=vote)
    vote.refresh_from_db()
    assert vote.status == Vote.Status.CLOSED
    assert selectors.results_are_visible(vote=vote)
    late = MembershipFactory(territory=vote.territory, role=Role.RESIDENT).user
    with pytest.raises(ValidationError, match="no longer accepted"):
        services.ballot_cast(user=late, vote=vote, grades=grades_for(vote, 1, 1, 1, 1))
    with pytest.raises(ValidationError, match="already closed"):
        services.vote_close(actor=staff, vote=vote)


def test_a_draft_is_opened_by_the_team(territory, staff):
    draft = open_vote(territory, staff, draft=True)
    assert draft.status == Vote.Status.DRAFT
    services.vote_open(actor=staff, vote=draft)
    draft.refresh_from_db()
    assert draft.status == Vote.Status.OPEN
    with pytest.raises(ValidationError, match="already published"):
        services.vote_open(actor=staff, vote=draft)


def test_a_vote_cannot_change_once_someone_voted(vote, staff, resident):
    kwargs = dict(title="New title", method=vote.method, opens_at=vote.opens_at,
                  closes_at=vote.closes_at, options=[OptionSpec("A"), OptionSpec("B")])
    services.vote_update(actor=staff, vote=vote, **kwargs)
    assert [o.title for o in vote.options.all()] == ["A", "B"]
    services.ballot_cast(user=resident, vote=vote, grades=grades_for(vote, 2, 3))
    with pytest.raises(ValidationError, match="already voted"):
        services.vote_update(actor=staff, vote=vote, **kwargs)


def test_updating_keeps_the_ids_of_options_in_place(vote, staff):
    before = list(vote.options.values_list("pk", flat=True))
    services.vote_update(actor=staff, vote=vote, title=vote.title, method=vote.method,
                         opens_at=vote.opens_at, closes_at=vote.closes_at,
                         options=[OptionSpec("Renamed"), OptionSpec(OPTIONS[1]),
                                  OptionSpec(OPTIONS[2])])
    assert list(vote.options.values_list("pk", flat=True)) == before[:3]


def test_a_non_member_of_a_private_territory_cannot_vote(staff):
    private = TerritoryFactory(is_public=False)
    admin = MembershipFactory(territory=private, role=Role.ADMINISTRATOR).user
    vote = open_vote(private, admin)
    with pytest.raises(PermissionDenied):
        services.ballot_cast(user=UserFactory(), vote=vote, grades=grades_for(vote, 1, 1, 1, 1))


def test_anyone_signed_in_votes_on_a_public_territory(vote):
    services.ballot_cast(user=UserFactory(), vote=vote, grades=grades_for(vote, 1, 1, 1, 1))
    assert selectors.voter_count(vote=vote) == 1


def test_a_vote_for_verified_residents_refuses_others_and_says_how_to_be_verified(
        territory, staff, resident):
    vote = open_vote(territory, staff, requires_verification=True)
    with pytest.raises(ValidationError, match="ask the territory's team"):
        services.ballot_cast(user=resident, vote=vote, grades=grades_for(vote, 1, 1, 1, 1))
    membership = Membership.objects.get(user=resident, territory=territory)
    account_services.resident_verify(actor=staff, membership=membership)
    resident.__dict__.pop("_territoria_verified", None)
    services.ballot_cast(user=resident, vote=vote, grades=grades_for(vote, 1, 1, 1, 1))
    assert selectors.voter_count(vote=vote) == 1


def test_results_rank_options_by_majority_judgment_with_explanations(territory, staff, vote):
    # 5 voters; option 0 gets Excellent/Very good mostly, option 3 To reject.
    ballots = [(5, 3, 2, 0), (4, 3, 2, 0), (5, 2, 3, 1), (3, 3, 2, 0), (4, 2, 2, 0)]
    for grades in ballots:
        voter = MembershipFactory(territory=territory, role=Role.RESIDENT).user
        services.ballot_cast(user=voter, vote=vote, grades=grades_for(vote, *grades))
    services.vote_close(actor=staff, vote=vote)
    results = selectors.vote_results(vote=vote)
    assert results.voters == 5
    assert [o.title for o in results.options] == OPTIONS
    first = results.options[0]
    assert (first.rank, first.majority_grade, first.subject_key) == (1, "Very good", "test.option:0")
    assert first.explanation.startswith("ranks 1st: majority grade Very good")
    assert "40 % of voters graded it higher, 20 % lower" in first.explanation
    assert [g.count for g in first.grades] == [2, 2, 1, 0, 0, 0]
    assert results.by_subject()["test.option:3"].majority_grade == "To reject"
    assert results.grade_labels[0] == "Excellent"


def test_approval_results_count_approvals(territory, staff):
    vote = open_vote(territory, staff, method=Vote.Method.APPROVAL, options=["A", "B", "C"])
    for approved in ((1, 1, 0), (1, 0, 0), (0, 0, 0)):
        voter = MembershipFactory(territory=territory, role=Role.RESIDENT).user
        services.ballot_cast(user=voter, vote=vote, grades={
            option.pk: value for option, value in zip(vote.options.all(), approved, strict=True)
            if value})
    results = selectors.vote_results(vote=vote)
    assert [(o.title, o.approvals, o.rank) for o in results.options] == [
        ("A", 2, 1), ("B", 1, 2), ("C", 0, 3)]
    assert results.options[0].share == pytest.approx(2 / 3)


def test_an_approval_ballot_refuses_a_value_other_than_approve(territory, staff, resident):
    vote = open_vote(territory, staff, method=Vote.Method.APPROVAL, options=["A", "B"])
    with pytest.raises(ValidationError):
        services.ballot_cast(user=resident, vote=vote, grades={vote.options.first().pk: 2})


def test_the_tally_reads_the_counts_in_one_query(territory, staff, vote, resident,
                                                 django_assert_num_queries):
    services.ballot_cast(user=resident, vote=vote, grades=grades_for(vote, 5, 3, 2, 0))
    options = list(vote.options.all())
    with django_assert_num_queries(1):
        counts = selectors.grade_counts(vote=vote, options=options)
    assert counts.sum() == 4 and counts[0, 5] == 1


def test_vote_list_filters_by_subject_prefix(territory, staff, vote):
    other = services.vote_create(
        actor=staff, territory=territory, title="Strategy", opens_at=vote.opens_at,
        closes_at=vote.closes_at, options=[OptionSpec("O1", subject_key="strategy.orientation:1"),
                                           OptionSpec("O2", subject_key="strategy.orientation:2")])
    assert list(selectors.vote_list(territory=territory, subject_prefix="strategy.")) == [other]
    assert set(selectors.vote_list(territory=territory)) == {vote, other}
    assert list(selectors.vote_list(territory=TerritoryFactory())) == []


def test_no_column_links_a_ballot_to_a_voter(vote, resident):
    """Secrecy by construction: ballots and their grades hold no user, no time, and no
    sequential key that would follow the order of the participations."""
    tables = {Ballot._meta.db_table, BallotGrade._meta.db_table}
    with connection.cursor() as cursor:
        for table in tables:
            columns = {c.name for c in connection.introspection.get_table_description(cursor, table)}
            assert not {c for c in columns if "user" in c or c.endswith("_at") or "date" in c
                        or "time" in c}, (table, columns)
            assert "id" not in columns or table == Ballot._meta.db_table
    assert Ballot._meta.pk.get_internal_type() == "UUIDField"
    assert BallotGrade._meta.pk.__class__.__name__ == "CompositePrimaryKey"
    services.ballot_cast(user=resident, vote=vote, grades=grades_for(vote, 5, 3, 2, 0))
    ballot = Ballot.objects.get()
    assert {f.name for f in Ballot._meta.concrete_fields} == {"id", "vote"}
    assert str(ballot.pk).count("-") == 4  # a random UUID, not a counter


def test_deleting_an_account_keeps_its_ballot_in_the_count(vote, resident):
    services.ballot_cast(user=resident, vote=vote, grades=grades_for(vote, 5, 3, 2, 0))
    account_services.account_delete(user=resident)
    assert selectors.voter_count(vote=vote) == 1


def test_the_account_export_lists_the_votes_taken_part_in_never_the_ballots(vote, staff, resident):
    from territoria.accounts.selectors import account_export

    services.ballot_cast(user=resident, vote=vote, grades=grades_for(vote, 5, 3, 2, 0))
    account_services.resident_verify(actor=staff, membership=Membership.objects.get(user=resident))
    data = account_export(user=resident)
    assert data["votes"] == [{"territory": "Val de Test", "vote": vote.title,
                              "voted_at": data["votes"][0]["voted_at"]}]
    assert data["resident_verifications"][0]["method"] == "manual"
    assert "grade" not in str(data["votes"])
