import pytest

from territoria.projects.models import Project
from tests.factories import (
    ActorFactory,
    MembershipFactory,
    ProjectFactory,
    TerritoryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def logged(client, territory, role):
    user = MembershipFactory(territory=territory, role=role).user
    client.force_login(user)
    return user


@pytest.mark.parametrize(("role", "status"), [
    (None, 302), ("resident", 403), ("project_lead", 403), ("local_actor", 403),
    ("staff", 200), ("pmo", 200), ("elected", 200)])
def test_who_may_open_the_new_project_form(client, role, status):
    # (administrators must set up two-factor authentication first: see the rules matrix)
    territory = TerritoryFactory()
    if role:
        logged(client, territory, role)
    assert client.get(f"/t/{territory.slug}/projects/new/").status_code == status


def test_the_pmo_creates_a_project_through_the_form(client):
    territory = TerritoryFactory()
    logged(client, territory, "pmo")
    actor = ActorFactory(territory=territory, name="Les Bricoleurs")
    response = client.post(f"/t/{territory.slug}/projects/new/", {
        "title": "Repair café", "summary": "Fix bicycles together", "carrier": actor.pk})
    project = Project.objects.get(territory=territory)
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert project.carrier == actor


def test_another_territory_s_actor_in_the_form_is_an_error_of_that_field(client):
    territory = TerritoryFactory()
    logged(client, territory, "pmo")
    response = client.post(f"/t/{territory.slug}/projects/new/", {
        "title": "Repair café", "carrier": ActorFactory().pk})
    assert response.status_code == 200
    assert "carrier" in response.context["form"].errors
    assert not Project.objects.exists()


def test_the_list_is_public_filtered_and_exported(client):
    territory = TerritoryFactory()
    ProjectFactory(territory=territory, title="Repair café", stage="running")
    ProjectFactory(territory=territory, title="Bike lane", stage="idea")
    ProjectFactory(title="Elsewhere")
    page = client.get(f"/t/{territory.slug}/projects/?stage=running").content.decode()
    assert "Repair café" in page and "Bike lane" not in page and "Elsewhere" not in page
    csv = b"".join(client.get(
        f"/t/{territory.slug}/projects/projects.csv?stage=idea").streaming_content).decode()
    assert "Bike lane" in csv and "Repair café" not in csv


def test_an_unknown_filter_value_is_shown_as_an_error_and_ignored(client):
    territory = TerritoryFactory()
    ProjectFactory(territory=territory, title="Repair café")
    response = client.get(f"/t/{territory.slug}/projects/?carrier=999999")
    assert response.status_code == 200 and "carrier" in response.context["form"].errors
    assert "Repair café" in response.content.decode()


def test_a_lead_edits_their_project_but_not_another(client):
    territory = TerritoryFactory()
    lead = logged(client, territory, "project_lead")
    mine = ProjectFactory(territory=territory, lead=lead)
    theirs = ProjectFactory(territory=territory, lead=UserFactory())
    assert client.get(f"/t/{territory.slug}/projects/{mine.pk}/edit/").status_code == 200
    assert client.get(f"/t/{territory.slug}/projects/{theirs.pk}/edit/").status_code == 403


def test_a_stage_move_through_the_page_and_a_refused_one(client):
    project = ProjectFactory(stage="running")
    logged(client, project.territory, "pmo")
    url = f"/t/{project.territory.slug}/projects/{project.pk}/stage/"
    refused = client.post(url, {"to_stage": "abandoned", "reason": "Too expensive"})
    assert refused.status_code == 200 and "to_stage" in refused.context["form"].errors
    moved = client.post(url, {"to_stage": "closed", "reason": "Delivered"})
    assert moved.status_code == 302
    project.refresh_from_db()
    assert project.stage == "closed"
    assert "Delivered" in client.get(url).content.decode()


def test_a_visitor_sees_the_history_but_cannot_move(client):
    project = ProjectFactory(stage="running")
    url = f"/t/{project.territory.slug}/projects/{project.pk}/stage/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"to_stage": "closed", "reason": "x"}).status_code == 403


@pytest.mark.parametrize(("role", "steer", "manage_own", "manage_other"), [
    ("administrator", True, True, True), ("elected", True, True, True),
    ("staff", True, True, True), ("pmo", True, True, True),
    ("project_lead", False, True, False), ("local_actor", False, True, False),
    ("resident", False, True, False)])
def test_role_by_action_matrix(role, steer, manage_own, manage_other):
    territory = TerritoryFactory()
    user = MembershipFactory(territory=territory, role=role).user
    own = ProjectFactory(territory=territory, lead=user)
    other = ProjectFactory(territory=territory)
    assert user.has_perm("projects.steer", territory) is steer
    assert user.has_perm("projects.manage_project", own) is manage_own
    assert user.has_perm("projects.manage_project", other) is manage_other
    assert user.has_perm("projects.view_project", other)


def test_staff_turn_an_accepted_proposal_into_a_project_that_keeps_the_link(client):
    from tests.factories import ProposalFactory

    proposal = ProposalFactory(status="accepted", title="Un atelier vélo")
    territory = proposal.territory
    logged(client, territory, "staff")
    response = client.post(f"/t/{territory.slug}/projects/from-proposal/{proposal.pk}/")
    project = Project.objects.get(proposal=proposal)
    assert response["Location"].endswith(f"/projects/{project.pk}/edit/")
    from django.urls import reverse

    page = client.get(reverse("agora:proposal-detail", args=[territory.slug, proposal.pk]))
    assert "Carried by the project:" in page.content.decode()
    assert f"/projects/{project.pk}/" in page.content.decode()
    again = client.post(f"/t/{territory.slug}/projects/from-proposal/{proposal.pk}/")
    assert again.status_code == 302 and Project.objects.filter(proposal=proposal).count() == 1
    refused = ProposalFactory(consultation=proposal.consultation, status="published")
    client.post(f"/t/{territory.slug}/projects/from-proposal/{refused.pk}/")
    assert not Project.objects.filter(proposal=refused).exists()


def test_the_home_page_tells_where_the_projects_stand(client):
    project = ProjectFactory(stage="running")
    page = client.get(f"/t/{project.territory.slug}/").content.decode()
    assert "1 project running" in page or "1 projet en cours" in page
