import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from territoria.projects import services
from territoria.projects.models import ProjectMember, StageMove
from tests.factories import (
    ActorFactory,
    CommuneFactory,
    MembershipFactory,
    ProjectFactory,
    TerritoryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def member(territory, role):
    return MembershipFactory(territory=territory, role=role).user


def test_a_project_is_created_at_the_idea_stage_with_its_lead_in_its_community():
    territory = TerritoryFactory()
    pmo, lead = member(territory, "pmo"), member(territory, "project_lead")
    carrier = ActorFactory(territory=territory)
    project = services.project_create(actor=pmo, territory=territory, title=" Repair café ",
                                      carrier=carrier, lead=lead,
                                      communes=list(territory.communes.all()))
    assert project.title == "Repair café" and project.stage == "idea"
    assert project.members.get(user=lead).role == ProjectMember.Role.LEAD


def test_another_territory_s_actor_commune_or_member_is_refused_and_nothing_is_written():
    territory, other = TerritoryFactory(), TerritoryFactory()
    pmo = member(territory, "pmo")
    with pytest.raises(ValidationError) as error:
        services.project_create(actor=pmo, territory=territory, title="Repair café",
                                carrier=ActorFactory(territory=other), lead=UserFactory(),
                                communes=[CommuneFactory()])
    assert set(error.value.error_dict) == {"carrier", "lead", "communes"}
    assert not territory.project_set.exists() if hasattr(territory, "project_set") else True


def test_a_stage_move_is_logged_with_its_kind_reason_and_author():
    project = ProjectFactory(stage="planned")
    pmo = member(project.territory, "pmo")
    move = services.project_stage_move(actor=pmo, project=project, to_stage="running",
                                       reason="Funding secured")
    project.refresh_from_db()
    assert project.stage == "running" and project.stage_changed_at == move.moved_at
    assert (move.from_stage, move.to_stage, move.kind, move.moved_by) == (
        "planned", "running", "advance", pmo)


def test_the_pmo_may_not_abandon_a_project_and_the_stage_does_not_change():
    project = ProjectFactory(stage="running")
    pmo = member(project.territory, "pmo")
    with pytest.raises(PermissionDenied, match="governance committee"):
        services.project_stage_move(actor=pmo, project=project, to_stage="abandoned",
                                    reason="Too expensive")
    project.refresh_from_db()
    assert project.stage == "running" and not StageMove.objects.exists()


def test_an_elected_official_arbitrates_and_a_move_without_reason_is_refused():
    project = ProjectFactory(stage="running")
    elected = member(project.territory, "elected")
    with pytest.raises(ValidationError):
        services.project_stage_move(actor=elected, project=project, to_stage="abandoned",
                                    reason="  ")
    move = services.project_stage_move(actor=elected, project=project, to_stage="abandoned",
                                       reason="The site is no longer available")
    assert move.kind == "arbitration"


def test_the_lead_submits_the_framing_but_does_not_start_the_work():
    territory = TerritoryFactory()
    lead = member(territory, "project_lead")
    project = ProjectFactory(territory=territory, stage="framing", lead=lead)
    services.project_stage_move(actor=lead, project=project, to_stage="planned",
                                reason="Framing ready")
    with pytest.raises(PermissionDenied):
        services.project_stage_move(actor=lead, project=project, to_stage="running",
                                    reason="Let us go")
