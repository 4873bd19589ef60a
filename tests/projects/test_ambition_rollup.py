"""Projects roll up to the strategy: each ambition lists the projects that serve it, with
their stage and last reported progress, and the dashboard filters by orientation."""

import pytest
from django.utils import timezone

from territoria.projects import services_reporting
from tests.factories import MembershipFactory, ProjectFactory, TerritoryFactory
from tests.strategy.conftest import adopt, draft, qualitative

pytestmark = pytest.mark.django_db


def test_the_strategy_page_lists_each_ambition_s_projects_with_their_progress(client):
    territory = TerritoryFactory()
    elected = MembershipFactory(territory=territory, role="elected").user
    version = draft(elected, territory)
    ambition = qualitative(elected, version, title="Des commerces dans les bourgs")
    adopt(elected, version)
    hall = ProjectFactory(territory=territory, title="Halle de producteurs", stage="running")
    hall.ambitions.set([ambition])
    ProjectFactory(territory=territory, title="Unrelated", stage="running")
    today = timezone.localdate()
    campaign = services_reporting.campaign_open(
        actor=None, territory=territory, title="Octobre", period_start=today,
        period_end=today, due_on=today)
    services_reporting.report_submit(actor=None, campaign=campaign, project=hall,
                                     status="on_track", progress=60)
    page = client.get(f"/t/{territory.slug}/strategy/").content.decode()
    assert "Halle de producteurs" in page and "60 %" in page and "Unrelated" not in page
    assert "1 project serves it; 1 reported: 60 % done on average." in page
    dashboard = client.get(f"/t/{territory.slug}/projects/dashboard/"
                           f"?orientation={version.orientation_id}")
    assert [line.title for line in dashboard.context["dashboard"].lines] == [
        "Halle de producteurs"]
