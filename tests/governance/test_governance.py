from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from territoria.governance import services
from territoria.governance.models import Body, Decision
from territoria.projects.models import StageMove
from tests.factories import MembershipFactory, ProjectFactory, TerritoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def member(territory, role):
    return MembershipFactory(territory=territory, role=role).user


@pytest.fixture
def committee():
    territory = TerritoryFactory()
    mayor = member(territory, "elected")
    body = services.body_create(actor=mayor, territory=territory, kind="governance",
                                name="Comité de gouvernance", chair=mayor)
    return body


def draft(body, **fields):
    values = {"kind": "other", "title": "Budget 2027", "text": "Adopted.",
              "decided_on": date(2026, 11, 2)}
    values.update(fields)
    return services.decision_create(actor=body.chair, body=body, **values)


def test_a_published_decision_never_changes(committee):
    decision = draft(committee)
    services.decision_publish(actor=committee.chair, decision=decision)
    with pytest.raises(PermissionDenied, match="amends"):
        services.decision_update(actor=committee.chair, decision=decision, kind="other",
                                 title="Changed", text="Changed", decided_on=date(2026, 11, 2))
    decision.refresh_from_db()
    assert decision.title == "Budget 2027"
    amendment = draft(committee, title="Budget 2027, corrected", amends=decision)
    assert list(decision.amended_by.all()) == [amendment]


def test_confidential_without_a_reason_is_refused(committee):
    with pytest.raises(ValidationError) as error:
        draft(committee, confidential=True)
    assert "confidential_reason" in error.value.message_dict
    assert not Decision.objects.exists()


def test_an_arbitration_moves_its_project_when_published(committee):
    project = ProjectFactory(territory=committee.territory, stage="running")
    decision = draft(committee, kind="arbitration", projects=[project], stage_to="abandoned",
                     title="Abandon the cinema")
    project.refresh_from_db()
    assert project.stage == "running"  # a draft moves nothing
    services.decision_publish(actor=committee.chair, decision=decision)
    project.refresh_from_db()
    move = StageMove.objects.get(project=project)
    assert project.stage == "abandoned" and move.kind == "arbitration"
    assert "Abandon the cinema" in move.reason


def test_a_project_team_may_not_arbitrate_and_nothing_is_published():
    territory = TerritoryFactory()
    pmo = member(territory, "pmo")
    project = ProjectFactory(territory=territory, stage="running")
    team = services.body_create(actor=pmo, territory=territory, kind="project_team",
                                name="Équipe cinéma", project=project)
    decision = services.decision_create(actor=pmo, body=team, kind="arbitration",
                                        title="Abandon", text="Stop.",
                                        decided_on=date(2026, 11, 2), projects=[project],
                                        stage_to="abandoned")
    with pytest.raises(PermissionDenied):
        services.decision_publish(actor=pmo, decision=decision)
    decision.refresh_from_db()
    assert decision.status == "draft"


def test_attendance_is_for_the_body_s_members_and_minutes_after_the_meeting(committee):
    meeting = services.meeting_create(actor=committee.chair, body=committee,
                                      starts_at=timezone.now() + timedelta(days=3))
    with pytest.raises(ValidationError):
        services.attendance_record(actor=committee.chair, meeting=meeting,
                                   statuses={UserFactory().pk: "present"})
    with pytest.raises(ValidationError):
        services.minutes_save(actor=committee.chair, meeting=meeting, minutes="x",
                              publish=True)


def test_the_agenda_proposes_what_needs_a_decision_once(committee):
    from territoria.core.agenda import agenda_items

    ProjectFactory(territory=committee.territory, stage="framing", title="Tiers-lieu")
    meeting = services.meeting_create(actor=committee.chair, body=committee,
                                      starts_at=timezone.now())
    items = agenda_items(committee.territory, today=timezone.localdate())
    assert [item.source for item in items] == ["projects.waiting"]
    assert services.agenda_add_proposed(actor=None, meeting=meeting, items=items) == 1
    assert services.agenda_add_proposed(actor=None, meeting=meeting, items=items) == 0


@pytest.mark.parametrize(("role", "governance", "steering"), [
    ("administrator", True, True), ("elected", True, True), ("staff", False, True),
    ("pmo", False, True), ("project_lead", False, False), ("resident", False, False)])
def test_who_manages_which_body(role, governance, steering):
    territory = TerritoryFactory()
    user = member(territory, role)
    assert user.has_perm("governance.manage_body",
                         Body(territory=territory, kind="governance")) is governance
    assert user.has_perm("governance.manage_body",
                         Body(territory=territory, kind="steering")) is steering


def test_the_public_reads_the_log_but_not_a_confidential_text_nor_a_draft(client, committee):
    public = draft(committee, title="Open the market hall")
    secret = draft(committee, title="Buy the Martin plot", text="For 120,000 euros.",
                   confidential=True, confidential_reason="Negotiation under way")
    hidden = draft(committee, title="Still a draft")
    for decision in (public, secret):
        services.decision_publish(actor=committee.chair, decision=decision)
    slug = committee.territory.slug
    log = client.get(f"/t/{slug}/governance/decisions/").content.decode()
    assert "Open the market hall" in log and "Negotiation under way" in log
    assert "Buy the Martin plot" not in log and "Still a draft" not in log
    page = client.get(f"/t/{slug}/governance/decisions/{secret.pk}/").content.decode()
    assert "120,000" not in page and "Negotiation under way" in page
    assert client.get(f"/t/{slug}/governance/decisions/{hidden.pk}/").status_code == 404
    csv = b"".join(client.get(f"/t/{slug}/governance/decisions/?format=csv")
                   .streaming_content).decode()
    assert "Open the market hall" in csv and "120,000" not in csv
    other = TerritoryFactory()
    assert client.get(f"/t/{other.slug}/governance/decisions/{public.pk}/").status_code == 404


def test_editing_a_published_decision_through_the_page_is_refused(client, committee):
    decision = draft(committee)
    services.decision_publish(actor=committee.chair, decision=decision)
    client.force_login(committee.chair)
    url = f"/t/{committee.territory.slug}/governance/decisions/{decision.pk}/edit/"
    response = client.post(url, {"kind": "other", "title": "New", "text": "New",
                                 "decided_on": "2026-11-02"})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.title == "Budget 2027"


def test_the_project_page_lists_its_decisions(client, committee):
    project = ProjectFactory(territory=committee.territory)
    decision = draft(committee, title="Go for the works", kind="go_no_go", projects=[project])
    services.decision_publish(actor=committee.chair, decision=decision)
    page = client.get(f"/t/{project.territory.slug}/projects/{project.pk}/decisions/")
    assert "Go for the works" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_published_decisions_are_searched_but_not_confidential_ones_nor_drafts():
    from django.contrib.auth.models import AnonymousUser

    from territoria.search.selectors import search

    territory = TerritoryFactory()
    mayor = member(territory, "elected")
    body = services.body_create(actor=mayor, territory=territory, kind="governance",
                                name="Comité", chair=mayor)
    public = draft(body, title="Halle couverte retenue", text="La halle sera couverte.")
    secret = draft(body, title="Halle achat terrain", text="Offre pour la halle.",
                   confidential=True, confidential_reason="Négociation")
    draft(body, title="Halle brouillon", text="halle")
    for decision in (public, secret):
        services.decision_publish(actor=mayor, decision=decision)
    hits = [hit for hit in search(territory=territory, query="halle",
                                  user=AnonymousUser()).hits
            if hit.kind == "governance.decision"]
    assert len(hits) == 1 and "couverte" in hits[0].title


def test_the_meetings_calendar_is_public(client, committee):
    services.meeting_create(actor=committee.chair, body=committee,
                            starts_at=timezone.now() + timedelta(days=3), place="Mairie")
    response = client.get(f"/t/{committee.territory.slug}/governance/meetings.ics")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in text and "Comité de gouvernance" in text and "Mairie" in text
