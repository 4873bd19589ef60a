from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from territoria.core.agenda import agenda_items
from territoria.projects import services_reporting as services
from territoria.projects.models import Framing, Report
from territoria.projects.selectors_reporting import portfolio_health
from tests.factories import MembershipFactory, ProjectFactory, TerritoryFactory, UserFactory

pytestmark = pytest.mark.django_db

FRAMING = {"context": "The station district lacks a meeting place.",
           "objectives": "Open a third place by 2028.", "budget_envelope": Decimal("250000"),
           "start_on": date(2027, 1, 1), "end_on": date(2028, 6, 30),
           "deliverables": "A renovated hall; a programme of activities."}


def test_a_signed_framing_never_changes_and_a_reframing_starts_a_new_version():
    project = ProjectFactory()
    draft = services.framing_save(actor=None, project=project, **FRAMING)
    services.framing_submit(actor=None, framing=draft)
    with pytest.raises(PermissionDenied):
        services.framing_save(actor=None, project=project, **FRAMING)
    services.framing_sign(actor=None, framing=draft, signatory_name="Marie Dupont",
                          signatory_quality="présidente du comité de pilotage",
                          signed_on=timezone.localdate())
    second = services.framing_save(actor=None, project=project,
                                   **{**FRAMING, "objectives": "Open it by 2029."})
    draft.refresh_from_db()
    assert (draft.version, draft.status, draft.objectives) == (1, "signed",
                                                               FRAMING["objectives"])
    assert (second.version, second.status) == (2, "draft")


def test_a_framing_that_ends_before_it_starts_or_a_future_sign_off_is_refused():
    project = ProjectFactory()
    with pytest.raises(ValidationError) as error:
        services.framing_save(actor=None, project=project,
                              **{**FRAMING, "end_on": date(2026, 1, 1)})
    assert "end_on" in error.value.message_dict and not Framing.objects.exists()
    framing = services.framing_save(actor=None, project=project, **FRAMING)
    services.framing_submit(actor=None, framing=framing)
    with pytest.raises(ValidationError):
        services.framing_sign(actor=None, framing=framing, signatory_name="M. D.",
                              signatory_quality="", signed_on=date.today() + timedelta(days=3))


def test_the_mission_letter_is_drawn_by_the_worker(client, task_worker):
    territory = TerritoryFactory()
    pmo = MembershipFactory(territory=territory, role="pmo").user
    project = ProjectFactory(territory=territory, title="Tiers-lieu de la gare")
    framing = services.framing_save(actor=pmo, project=project, **FRAMING)
    services.framing_submit(actor=pmo, framing=framing)
    client.force_login(pmo)
    response = client.post(f"/t/{territory.slug}/projects/{project.pk}/framing/", {
        "action": "sign", "sign-signatory_name": "Marie Dupont",
        "sign-signatory_quality": "présidente", "sign-signed_on": date.today().isoformat()})
    assert response.status_code == 302
    task_worker.run_until_idle()
    framing.refresh_from_db()
    assert framing.letter_job.status == "succeeded" and framing.letter
    pdf = client.get(f"/t/{territory.slug}/projects/{project.pk}/framing/{framing.pk}/letter.pdf")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    client.force_login(UserFactory())
    assert client.get(f"/t/{territory.slug}/projects/{project.pk}/framing/").status_code == 403


def test_the_letter_holds_the_framing_and_its_signatory():
    from territoria.core.pdf import render_document
    from territoria.projects.selectors_reporting import letter_context
    from tests.core.test_pdf import page_text

    project = ProjectFactory(title="Tiers-lieu de la gare")
    framing = services.framing_save(actor=None, project=project, **FRAMING)
    services.framing_submit(actor=None, framing=framing)
    services.framing_sign(actor=None, framing=framing, signatory_name="Marie Dupont",
                          signatory_quality="présidente", signed_on=timezone.localdate())
    framing.refresh_from_db()
    text = page_text(render_document("projects/framing/letter.html", letter_context(framing)))
    assert "Tiers-lieu de la gare" in text and "Marie Dupont" in text
    assert "Open a third place by 2028." in text and "Back to the framing" not in text


def campaign_for(territory, **fields):
    today = timezone.localdate()
    values = {"title": "Novembre 2026", "period_start": today - timedelta(days=30),
              "period_end": today, "due_on": today + timedelta(days=5)}
    values.update(fields)
    return services.campaign_open(actor=None, territory=territory, **values)


def test_a_campaign_concerns_running_projects_and_refuses_bad_dates():
    territory = TerritoryFactory()
    running = ProjectFactory(territory=territory, stage="running")
    ProjectFactory(territory=territory, stage="idea")
    campaign = campaign_for(territory)
    assert list(campaign.projects.all()) == [running]
    with pytest.raises(ValidationError) as error:
        campaign_for(territory, due_on=date(2000, 1, 1))
    assert "due_on" in error.value.message_dict


def test_reports_feed_the_health_the_agenda_and_missing_ones_are_flagged():
    territory = TerritoryFactory()
    late = ProjectFactory(territory=territory, stage="running", title="Cinema")
    silent = ProjectFactory(territory=territory, stage="running", title="Market hall")
    today = timezone.localdate()
    past = campaign_for(territory, title="Octobre", due_on=today - timedelta(days=1),
                        period_start=today - timedelta(days=60),
                        period_end=today - timedelta(days=30))
    services.report_submit(actor=None, campaign=past, project=late, status="late",
                           progress=30, needs_decision=True,
                           decision_needed="Extend the works by two months")
    health = portfolio_health(territory=territory, today=today)
    assert health[late.pk].status == "late" and health[late.pk].needs_decision
    assert health[silent.pk].missing and health[silent.pk].status is None
    titles = [item.title for item in agenda_items(territory, today=today)]
    assert any("Cinema" in title for title in titles)
    with pytest.raises(ValidationError):
        services.report_submit(actor=None, campaign=past, project=late, status="late",
                               progress=150)
    services.campaign_close(actor=None, campaign=past)
    with pytest.raises(PermissionDenied):
        services.report_submit(actor=None, campaign=past, project=late, status="on_track",
                               progress=40)
    assert Report.objects.get().progress == 30


def test_reminders_go_once_a_day_to_leads_who_have_not_reported():
    territory = TerritoryFactory()
    lead = MembershipFactory(territory=territory, role="project_lead").user
    ProjectFactory(territory=territory, stage="running", lead=lead)
    campaign_for(territory)
    assert services.report_reminders_send() == 1
    assert services.report_reminders_send() == 0


def test_only_the_lead_or_the_team_reports_and_the_page_is_public(client):
    territory = TerritoryFactory()
    lead = MembershipFactory(territory=territory, role="project_lead").user
    project = ProjectFactory(territory=territory, stage="running", lead=lead)
    campaign = campaign_for(territory)
    url = f"/t/{territory.slug}/reporting/{campaign.pk}/projects/{project.pk}/"
    client.force_login(MembershipFactory(territory=territory, role="resident").user)
    assert client.get(url).status_code == 403
    assert client.get(f"/t/{territory.slug}/reporting/").status_code == 403
    client.force_login(lead)
    response = client.post(url, {"status": "at_risk", "progress": "45",
                                 "highlights": "Permit granted", "issues": "Contractor late"})
    assert response.status_code == 302
    client.logout()
    page = client.get(f"/t/{territory.slug}/projects/{project.pk}/reports/").content.decode()
    assert "Permit granted" in page and "Contractor late" not in page
