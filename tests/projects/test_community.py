import pytest
from django.core.exceptions import ValidationError

from territoria.accounts.models import Membership
from territoria.notifications.models import Notification
from territoria.projects import services_community as services
from territoria.projects.models import ProjectMember
from tests.factories import MembershipFactory, ProjectFactory, TerritoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_resident_asks_to_join_and_the_lead_accepts(client, django_capture_on_commit_callbacks):
    territory = TerritoryFactory()
    lead = MembershipFactory(territory=territory, role="project_lead").user
    project = ProjectFactory(territory=territory, lead=lead, stage="running")
    asker = UserFactory()  # no role in the territory yet (a public one)
    url = f"/t/{territory.slug}/projects/{project.pk}/community/"
    client.force_login(asker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "join", "message": "Je sais souder."})
    member = ProjectMember.objects.get(user=asker)
    assert member.status == "requested"
    assert Notification.objects.filter(recipient=lead, verb="projects.join_requested").exists()
    client.post(url, {"action": "accept", "member": member.pk})  # not theirs to accept
    member.refresh_from_db()
    assert member.status == "requested"
    client.force_login(lead)
    page = client.get(url).content.decode()
    assert "Je sais souder." in page
    client.post(url, {"action": "accept", "member": member.pk})
    member.refresh_from_db()
    assert member.status == "active"
    assert Membership.objects.filter(user=asker, territory=territory, role="resident").exists()


def test_asking_twice_or_joining_a_closed_project_is_refused():
    project = ProjectFactory(stage="running")
    user = UserFactory()
    services.project_join_request(actor=user, project=project)
    with pytest.raises(ValidationError):
        services.project_join_request(actor=user, project=project)
    with pytest.raises(ValidationError):
        services.project_join_request(actor=UserFactory(), project=ProjectFactory(stage="closed"))


def test_a_visitor_is_sent_to_log_in(client):
    project = ProjectFactory(stage="running")
    url = f"/t/{project.territory.slug}/projects/{project.pk}/community/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "join"}).status_code == 302
    assert not ProjectMember.objects.exists()
