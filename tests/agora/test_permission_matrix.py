"""Role × action × phase: who may do what in a consultation, and when."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from territoria.accounts.models import Role
from tests.factories import ConsultationFactory, MembershipFactory, ProposalFactory, UserFactory

PARTICIPANTS = ["resident", "local_actor", "project_lead", "outsider"]
TEAM = ["administrator", "elected", "staff", "pmo"]
EVERYONE = ["anonymous", *PARTICIPANTS, *TEAM]

PHASES = {
    "none": None,
    "information": {},
    "contributions": {"allows_submit": True, "allows_support": True, "allows_comment": True},
    "vote": {"allows_vote": True},
}
ACTION_PHASE = {"submit_proposal": "contributions", "support_proposal": "contributions",
                "comment": "contributions", "vote": "vote"}


def person(kind, territory):
    if kind == "anonymous":
        return AnonymousUser()
    if kind == "outsider":  # an account with no role here (a public territory)
        return UserFactory()
    return MembershipFactory(territory=territory, role=Role(kind)).user


def consultation_in(territory, phase: str):
    flags = PHASES[phase]
    if flags is None:
        return ConsultationFactory(territory=territory, phase=False)
    now = timezone.now()
    return ConsultationFactory(territory=territory, phase={
        "allows_submit": False, "allows_support": False, "allows_comment": False,
        "allows_vote": False, "starts_at": now - timedelta(hours=1),
        "ends_at": now + timedelta(days=1), **flags})


@pytest.mark.django_db
@pytest.mark.parametrize("phase", list(PHASES))
@pytest.mark.parametrize("action", list(ACTION_PHASE))
@pytest.mark.parametrize("kind", EVERYONE)
def test_taking_part_needs_an_account_and_the_phase_that_opens_the_action(
        territory, kind, action, phase):
    consultation = consultation_in(territory, phase)
    user = person(kind, territory)
    target = (ProposalFactory(consultation=consultation) if action == "support_proposal"
              else consultation)
    expected = kind != "anonymous" and ACTION_PHASE[action] == phase
    assert user.has_perm(f"agora.{action}", target) is expected


@pytest.mark.django_db
@pytest.mark.parametrize("kind", EVERYONE)
def test_only_the_team_answers_and_manages(territory, kind):
    proposal = ProposalFactory(consultation=ConsultationFactory(territory=territory))
    user = person(kind, territory)
    assert user.has_perm("agora.answer_proposal", proposal) is (kind in TEAM)
    assert user.has_perm("agora.manage", territory) is (kind in TEAM)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", EVERYONE)
def test_everyone_reads_a_published_consultation_the_team_one_in_preparation(territory,
                                                                              kind):
    user = person(kind, territory)
    published = ConsultationFactory(territory=territory)
    preparing = ConsultationFactory(territory=territory, is_published=False)
    assert user.has_perm("agora.view_consultation", published)
    assert user.has_perm("agora.view_consultation", preparing) is (kind in TEAM)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["anonymous", "outsider"])
def test_a_private_territory_is_closed_to_people_outside_it(kind):
    from tests.factories import TerritoryFactory

    private = TerritoryFactory(is_public=False)
    consultation = ConsultationFactory(territory=private)
    user = person(kind, private)
    assert not user.has_perm("agora.view_consultation", consultation)
    assert not user.has_perm("agora.submit_proposal", consultation)


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["draft", "published", "evaluating", "accepted",
                                    "rejected", "withdrawn", "implemented"])
def test_only_published_and_evaluated_proposals_take_supports(territory, status):
    proposal = ProposalFactory(consultation=ConsultationFactory(territory=territory),
                               status=status)
    resident = person("resident", territory)
    assert resident.has_perm("agora.support_proposal", proposal) is (
        status in {"published", "evaluating"})


@pytest.mark.django_db
def test_the_authors_edit_a_draft_and_withdraw_a_published_proposal(territory):
    author = person("resident", territory)
    other = person("resident", territory)
    staff = person("staff", territory)
    draft = ProposalFactory(consultation=ConsultationFactory(territory=territory),
                            author=author, status="draft")
    assert author.has_perm("agora.change_proposal", draft)
    assert not other.has_perm("agora.change_proposal", draft)
    assert not staff.has_perm("agora.change_proposal", draft)
    assert not author.has_perm("agora.withdraw_proposal", draft)
    draft.status = "published"
    assert author.has_perm("agora.withdraw_proposal", draft)
    assert not author.has_perm("agora.change_proposal", draft)
    assert not other.has_perm("agora.withdraw_proposal", draft)
