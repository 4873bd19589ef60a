from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from territoria.projects import services_funding, services_planning, services_reporting
from territoria.projects.models import PortfolioReport
from tests.factories import (
    ActorFactory,
    MembershipFactory,
    ProjectFactory,
    TerritoryFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio():
    territory = TerritoryFactory()
    carrier = ActorFactory(territory=territory, name="Les Bricoleurs")
    today = timezone.localdate()
    cafe = ProjectFactory(territory=territory, title="Repair café", stage="running",
                          carrier=carrier)
    hall = ProjectFactory(territory=territory, title="=HYPERLINK(\"x\")", stage="planned")
    ProjectFactory(territory=territory, title="Idea only", stage="idea")
    services_funding.budget_line_save(actor=None, project=cafe, nature="investment",
                                      label="Tools", year=today.year, planned=Decimal("10000"),
                                      actual=Decimal("2500"))
    services_funding.financing_share_add(actor=None, project=cafe, funder_kind="region",
                                         amount=Decimal("6000"))
    services_funding.risk_save(actor=None, project=cafe, title="Volunteers leave",
                               probability=4, impact=4)
    services_planning.plan_update(actor=None, project=hall, start=today - timedelta(days=10))
    services_planning.task_create(actor=None, project=hall, title="Survey", duration=3)
    services_planning.task_create(actor=None, project=hall, title="Opening", kind="milestone",
                                  not_before=today + timedelta(days=20))
    campaign = services_reporting.campaign_open(
        actor=None, territory=territory, title="Octobre", period_start=today - timedelta(30),
        period_end=today - timedelta(days=2), due_on=today - timedelta(days=1))
    services_reporting.report_submit(actor=None, campaign=campaign, project=cafe,
                                     status="at_risk", progress=40)
    return territory


def test_the_dashboard_shows_the_portfolio_at_a_glance(client, portfolio):
    response = client.get(f"/t/{portfolio.slug}/projects/dashboard/")
    assert response.status_code == 200
    dashboard = response.context["dashboard"]
    summary = dashboard.summary
    assert summary.count == 3 and dict(summary.by_stage)["running"] == 1
    assert summary.planned == Decimal("10000") and summary.consumed == Decimal("0.25")
    assert summary.unbalanced == 1 and summary.late_tasks == 1
    assert summary.reports_missing == 1  # the planned hall did not report
    assert summary.critical_risks == 0  # risks are the team's
    assert [m[2] for m in dashboard.milestones] == ["Opening"]
    page = response.content.decode()
    assert "<svg" in page and "Volunteers leave" not in page


def test_filters_narrow_it_and_a_foreign_value_is_an_error(client, portfolio):
    from territoria.actors.models import Actor

    carrier = Actor.objects.get(territory=portfolio)
    response = client.get(f"/t/{portfolio.slug}/projects/dashboard/?carrier={carrier.pk}")
    assert [line.title for line in response.context["dashboard"].lines] == ["Repair café"]
    foreign = ActorFactory()
    response = client.get(f"/t/{portfolio.slug}/projects/dashboard/?carrier={foreign.pk}")
    assert "carrier" in response.context["form"].errors
    assert response.context["dashboard"].summary.count == 3


def test_the_team_sees_the_risks(client, portfolio):
    client.force_login(MembershipFactory(territory=portfolio, role="pmo").user)
    response = client.get(f"/t/{portfolio.slug}/projects/dashboard/")
    assert response.context["dashboard"].summary.critical_risks == 1


def test_exports_in_csv_json_and_xlsx_neutralise_formulas(client, portfolio):
    base = f"/t/{portfolio.slug}/projects/dashboard/portfolio."
    csv = b"".join(client.get(base + "csv").streaming_content).decode()
    assert "Repair café" in csv and "'=HYPERLINK" in csv
    assert "Repair café" in b"".join(client.get(base + "json").streaming_content).decode()
    book = load_workbook(BytesIO(client.get(base + "xlsx").content))
    cells = [c.value for row in book.active.iter_rows() for c in row]
    assert "Repair café" in cells and "'=HYPERLINK(\"x\")" in cells
    assert client.get(base + "exe").status_code == 404


def test_the_pdf_report_is_drawn_by_the_worker_for_the_team(client, portfolio, task_worker):
    client.force_login(MembershipFactory(territory=portfolio, role="elected").user)
    response = client.post(f"/t/{portfolio.slug}/projects/dashboard/pdf/", {"stage": "running"})
    assert response.status_code == 302
    task_worker.run_until_idle()
    report = PortfolioReport.objects.get()
    assert report.filters == {"stage": "running"} and report.pdf
    pdf = client.get(f"/t/{portfolio.slug}/projects/dashboard/pdf/{report.pk}/")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    client.logout()
    assert client.post(f"/t/{portfolio.slug}/projects/dashboard/pdf/").status_code == 302
    other = TerritoryFactory()
    client.force_login(MembershipFactory(territory=other, role="elected").user)
    assert client.get(f"/t/{other.slug}/projects/dashboard/pdf/{report.pk}/").status_code == 404
