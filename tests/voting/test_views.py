import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, TerritoryFactory, UserFactory
from tests.voting.conftest import OPTIONS, grades_for, open_vote
from territoria.accounts.models import Membership, ResidentVerification, Role
from territoria.voting import services
from territoria.voting.models import Ballot, Participation, Vote

pytestmark = pytest.mark.django_db


def detail(vote):
    return reverse("voting:vote-detail", args=[vote.territory.slug, vote.pk])


def ballot_url(vote):
    return reverse("voting:ballot-cast", args=[vote.territory.slug, vote.pk])


def post_data(vote, *grades):
    return {f"option-{option_id}": str(grade)
            for option_id, grade in grades_for(vote, *grades).items()}


def test_the_ballot_has_a_fieldset_per_option_and_a_radio_per_grade(client, vote, resident):
    client.force_login(resident)
    html = client.get(detail(vote)).content.decode()
    assert html.count("<fieldset") == len(OPTIONS)
    assert html.count('type="radio"') == len(OPTIONS) * 6
    assert "<legend>" in html and "Excellent" in html and "To reject" in html
    assert "nobody — not even you — can see it again or change it" in html


def test_a_resident_votes_and_sees_the_confirmation_never_the_ballot(client, vote, resident):
    client.force_login(resident)
    response = client.post(ballot_url(vote), post_data(vote, 5, 4, 3, 0), follow=True)
    html = response.content.decode()
    assert "Your ballot has been recorded on" in html
    assert 'type="radio"' not in html
    assert Participation.objects.filter(vote=vote, user=resident).exists()
    again = client.post(ballot_url(vote), post_data(vote, 0, 0, 0, 0), follow=True)
    assert "Your ballot has been recorded on" in again.content.decode()
    assert Ballot.objects.count() == 1


def test_an_incomplete_ballot_lists_the_missing_options_and_keeps_the_grades(
        client, vote, resident):
    client.force_login(resident)
    first, second, *_rest = vote.options.all()
    response = client.post(ballot_url(vote), {f"option-{first.pk}": "4",
                                              f"option-{second.pk}": "2"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Not graded yet: “Car-sharing platform”, “Widen the road to Crest”." in html
    assert f'value="4" id="option-{first.pk}-4" checked' in html
    assert f'value="2" id="option-{second.pk}-2" checked' in html
    assert html.count("Not graded yet.") == 2
    assert not Participation.objects.exists()


def test_a_tampered_grade_is_refused_with_a_message(client, vote, resident):
    client.force_login(resident)
    data = post_data(vote, 5, 4, 3, 0)
    data[next(iter(data))] = "99"
    html = client.post(ballot_url(vote), data).content.decode()
    assert "is not one of the grades offered" in html
    assert not Participation.objects.exists()


def test_an_unverified_resident_is_told_how_to_get_verified(client, territory, staff, resident):
    vote = open_vote(territory, staff, requires_verification=True)
    client.force_login(resident)
    html = client.get(detail(vote)).content.decode()
    assert "reserved to verified residents" in html and 'type="radio"' not in html
    html = client.post(ballot_url(vote), post_data(vote, 1, 1, 1, 1)).content.decode()
    assert "reserved to verified residents" in html
    assert not Participation.objects.exists()


def test_the_team_prepares_opens_and_closes_a_vote(client, territory, staff):
    client.force_login(staff)
    url = reverse("voting:vote-create", args=[territory.slug])
    data = {"title": "Priorities", "description": "", "method": "majority_judgment",
            "options": "Buses | every hour\nBikes\n\n", "opens_at": "2026-01-01T08:00",
            "closes_at": "2036-01-01T08:00", "results_visible": "after_close"}
    response = client.post(url, data)
    vote = Vote.objects.get()
    assert response.status_code == 302 and vote.status == Vote.Status.DRAFT
    assert [(o.title, o.description) for o in vote.options.all()] == [("Buses", "every hour"),
                                                                       ("Bikes", "")]
    client.post(reverse("voting:vote-open", args=[territory.slug, vote.pk]))
    vote.refresh_from_db()
    assert vote.status == Vote.Status.OPEN
    client.post(reverse("voting:vote-close", args=[territory.slug, vote.pk]))
    vote.refresh_from_db()
    assert vote.status == Vote.Status.CLOSED


def test_a_bad_vote_form_is_shown_again_with_what_was_typed(client, territory, staff):
    client.force_login(staff)
    url = reverse("voting:vote-create", args=[territory.slug])
    response = client.post(url, {
        "title": "<script>alert(1)</script>", "method": "majority_judgment",
        "options": "Only one", "opens_at": "2026-02-01T08:00", "closes_at": "2026-01-01T08:00",
        "results_visible": "after_close"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "at least 2 options" in html or "close after it opens" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "Only one" in html
    assert not Vote.objects.exists()


def test_drafts_are_hidden_from_residents(client, territory, staff, resident):
    draft = open_vote(territory, staff, draft=True)
    client.force_login(resident)
    assert client.get(detail(draft)).status_code == 404
    assert draft.title not in client.get(reverse("voting:vote-list", args=[territory.slug])).content.decode()


def test_results_are_hidden_until_the_vote_closes_then_show_the_ranking(
        client, territory, staff, vote):
    for grades in [(5, 3, 2, 0), (4, 3, 2, 0), (5, 2, 3, 1)]:
        voter = MembershipFactory(territory=territory, role=Role.RESIDENT).user
        services.ballot_cast(user=voter, vote=vote, grades=grades_for(vote, *grades))
    url = reverse("voting:vote-results", args=[territory.slug, vote.pk])
    html = client.get(url).content.decode()
    assert "will be published when the vote closes" in html and "Merit profiles" not in html
    services.vote_close(actor=staff, vote=vote)
    html = client.get(url).content.decode()
    assert "ranks 1st: majority grade Excellent" in html
    assert "Merit profiles" in html and "<svg" in html and 'class="chart-half"' in html
    assert "<caption>Values of the chart “Merit profiles” (%)</caption>" in html


def test_live_results_show_while_the_vote_is_open(client, territory, staff):
    vote = open_vote(territory, staff, results_visible="live", method="approval",
                     options=["A", "B"])
    services.ballot_cast(user=UserFactory(), vote=vote, grades={vote.options.first().pk: 1})
    html = client.get(reverse("voting:vote-results", args=[territory.slug, vote.pk])).content.decode()
    assert "Results so far" in html and "approved by 1 of 1 voters (100 %)" in html


def test_approval_ballot_is_a_list_of_checkboxes(client, territory, staff, resident):
    vote = open_vote(territory, staff, method="approval", options=["A", "B", "C"])
    client.force_login(resident)
    html = client.get(detail(vote)).content.decode()
    assert html.count('type="checkbox"') == 3
    first = vote.options.first()
    client.post(ballot_url(vote), {"approve": [str(first.pk)]})
    assert Participation.objects.filter(user=resident).exists()


def test_votes_of_another_territory_answer_404(client, vote, resident):
    other = TerritoryFactory()
    admin = MembershipFactory(territory=other, role=Role.STAFF).user
    client.force_login(admin)
    for name in ("vote-detail", "vote-results", "vote-update"):
        assert client.get(reverse(f"voting:{name}", args=[other.slug, vote.pk])).status_code == 404
    for name in ("vote-open", "vote-close", "ballot-cast"):
        assert client.post(reverse(f"voting:{name}", args=[other.slug, vote.pk])).status_code == 404
    vote.refresh_from_db()
    assert vote.status == Vote.Status.OPEN


def test_members_page_verifies_by_hand(client, territory, resident):
    admin = MembershipFactory(territory=territory, role=Role.STAFF).user
    client.force_login(admin)
    membership = Membership.objects.get(user=resident)
    url = reverse("accounts:member-verify", args=[territory.slug, membership.pk])
    client.post(url, {"action": "verify"})
    verification = ResidentVerification.objects.get(user=resident)
    assert verification.method == "manual" and verification.verified_by == admin
    html = client.get(reverse("accounts:member-list", args=[territory.slug])).content.decode()
    assert "Withdraw the verification" in html
    client.post(url, {"action": "unverify"})
    assert not ResidentVerification.objects.exists()
