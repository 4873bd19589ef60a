from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from territoria.notifications.models import Notification
from territoria.projects import services_funding as services
from territoria.projects.domain.finance import Share, financing_check, own_share_too_low
from territoria.projects.domain.risks import level, matrix
from territoria.projects.models import FinancingShare, FundingAlert
from territoria.projects.selectors_funding import funding_pipeline, portfolio_finance_summary
from tests.factories import (
    ActorFactory,
    MembershipFactory,
    ProjectFactory,
    ProjectMemberFactory,
    TerritoryFactory,
    UserFactory,
)

D = Decimal


@given(st.lists(st.tuples(st.sampled_from(["state", "region", "own", "private"]),
                          st.integers(1, 10**6), st.booleans()), max_size=20))
def test_the_financing_plan_s_parts_add_up_to_its_total(shares):
    check = financing_check(D(10**6), [Share(k, D(a), s) for k, a, s in shares],
                            public_kinds=("state", "region"))
    assert sum(amount for _, amount in check.by_kind) == check.financed
    assert check.gap + check.financed - check.excess == check.budget
    assert check.secured <= check.financed


def test_a_local_authority_finances_at_least_a_fifth_of_its_project():
    check = financing_check(D(100_000), [Share("state", D(85_000), True),
                                         Share("own", D(15_000), True)],
                            public_kinds=("state",))
    assert own_share_too_low(check, own_kinds=("own",))
    assert check.balanced and check.coverage == 1


def test_risk_levels_and_matrix():
    assert [level(1, 3), level(2, 2), level(3, 3), level(4, 3)] == [
        "low", "medium", "high", "critical"]
    grid = matrix([(4, 4), (4, 4), (1, 1)])
    assert grid[0][0] == 4 and grid[0][1][3] == (4, 2, "critical")
    with pytest.raises(ValueError):
        level(5, 1)


@pytest.mark.django_db
def test_a_financing_plan_over_the_budget_is_refused_and_nothing_is_written():
    project = ProjectFactory()
    services.budget_line_save(actor=None, project=project, nature="investment",
                              label="Works", year=2027, planned=D("100000"))
    services.financing_share_add(actor=None, project=project, funder_kind="region",
                                 amount=D("80000"))
    with pytest.raises(ValidationError) as error:
        services.financing_share_add(actor=None, project=project, funder_kind="state",
                                     amount=D("30000"))
    assert "110" in error.value.message_dict["amount"][0]
    assert FinancingShare.objects.count() == 1
    summary = portfolio_finance_summary(territory=project.territory)[project.pk]
    assert summary.coverage == D("0.8") and not summary.balanced


@pytest.mark.django_db
def test_bad_amounts_and_statuses_are_refused():
    project = ProjectFactory()
    with pytest.raises(ValidationError):
        services.budget_line_save(actor=None, project=project, nature="investment",
                                  label="Works", year=2027, planned=D("-5"))
    with pytest.raises(ValidationError) as error:
        services.application_save(actor=None, project=project, funder="Région",
                                  programme="Pacte", deadline=timezone.localdate(),
                                  requested=D("1000"), granted=D("2000"), status="granted")
    assert "granted" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.application_save(actor=None, project=project, funder="Région",
                                  programme="Pacte", requested=D("1000"),
                                  deadline=timezone.localdate() - timedelta(days=1))
    assert "deadline" in error.value.message_dict


@pytest.mark.django_db
def test_alerts_go_once_per_threshold_to_the_lead_and_the_pmo(settings):
    settings.FUNDING_ALERT_DAYS = (30, 7)
    territory = TerritoryFactory()
    lead = MembershipFactory(territory=territory, role="project_lead").user
    pmo = MembershipFactory(territory=territory, role="pmo").user
    project = ProjectFactory(territory=territory, lead=lead)
    today = timezone.localdate()
    services.application_save(actor=None, project=project, funder="État",
                              programme="DETR 2027", requested=D("50000"),
                              deadline=today + timedelta(days=20))
    assert services.funding_alerts_send(today=today) == 1
    assert services.funding_alerts_send(today=today) == 0
    assert services.funding_alerts_send(today=today + timedelta(days=14)) == 1  # 6 days left
    assert FundingAlert.objects.count() == 2
    assert set(Notification.objects.values_list("recipient_id", flat=True)) == {lead.pk, pmo.pk}
    call_command("send_funding_alerts", stdout=open("/dev/null", "w"))


@pytest.mark.django_db
def test_the_pipeline_and_the_agenda_see_due_applications():
    from territoria.core.agenda import agenda_items

    project = ProjectFactory(stage="running")
    today = timezone.localdate()
    services.application_save(actor=None, project=project, funder="Europe", programme="LEADER",
                              requested=D("20000"), deadline=today + timedelta(days=10))
    assert funding_pipeline(territory=project.territory) == {"draft": (1, D("20000"), D("0"))}
    sources = [item.source for item in agenda_items(project.territory, today=today)]
    assert "projects.funding" in sources


@pytest.mark.django_db
def test_the_budget_is_public_the_risks_are_not(client):
    project = ProjectFactory(carrier=None)
    services.budget_line_save(actor=None, project=project, nature="operating",
                              label="Animation", year=2027, planned=D("12000"))
    services.risk_save(actor=None, project=project, title="M. Martin leaves", probability=2,
                       impact=3)
    base = f"/t/{project.territory.slug}/projects/{project.pk}/"
    assert "Animation" in client.get(base + "budget/").content.decode()
    assert client.get(base + "risks/").status_code == 302  # to the login page
    client.force_login(UserFactory())
    assert client.get(base + "risks/").status_code == 403
    contributor = ProjectMemberFactory(project=project).user
    client.force_login(contributor)
    assert "M. Martin leaves" in client.get(base + "risks/").content.decode()
    assert client.post(base + "risks/", {"risk-title": "x"}).status_code == 403


@pytest.mark.django_db
def test_the_lead_adds_lines_and_an_excess_share_is_shown_in_the_form(client):
    territory = TerritoryFactory()
    lead = MembershipFactory(territory=territory, role="project_lead").user
    project = ProjectFactory(territory=territory, lead=lead,
                             carrier=ActorFactory(territory=territory))
    client.force_login(lead)
    base = f"/t/{territory.slug}/projects/{project.pk}/budget/"
    client.post(base + "line/new/", {"line-nature": "investment", "line-label": "Works",
                                     "line-year": "2027", "line-planned": "1000",
                                     "line-actual": "0"})
    response = client.post(base + "share/new/", {"share-funder_kind": "state",
                                                 "share-amount": "1500",
                                                 "share-status": "expected"})
    assert response.status_code == 200
    assert "amount" in response.context["forms"]["share"].errors
    other = TerritoryFactory()
    assert client.get(f"/t/{other.slug}/projects/{project.pk}/budget/").status_code == 404
