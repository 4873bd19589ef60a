"""The Agorapolis pages: what a visitor, a resident and the team see and do."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from territoria.agora import services
from territoria.agora.models import Proposal, Support
from tests.factories import ConsultationFactory, MembershipFactory, ProposalFactory


def url(name, territory, *args):
    return reverse(f"agora:{name}", args=[territory.slug, *args])


def test_a_visitor_reads_a_consultation_and_its_proposals(client, consultation):
    ProposalFactory(consultation=consultation, title="Covered market", support_count=4)
    ProposalFactory(consultation=consultation, title="Hidden draft", status="draft")
    page = client.get(url("consultation-detail", consultation.territory, consultation.pk))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Covered market" in html and "Hidden draft" not in html
    assert "Supports open until" in html and "4 supports" in html
    assert "Log in to support" in html


def test_a_consultation_in_preparation_is_the_teams_only(client, territory, staff):
    consultation = ConsultationFactory(territory=territory, is_published=False)
    assert client.get(url("consultation-detail", territory, consultation.pk)).status_code == 404
    client.force_login(staff)
    assert client.get(url("consultation-detail", territory, consultation.pk)).status_code == 200


def test_proposals_are_sorted_by_supports_and_filtered_by_axis(client, consultation):
    ProposalFactory(consultation=consultation, title="Few", support_count=1, axis="economy")
    ProposalFactory(consultation=consultation, title="Many", support_count=9, axis="economy")
    ProposalFactory(consultation=consultation, title="Bus", support_count=5, axis="mobility")
    html = client.get(url("consultation-detail", consultation.territory, consultation.pk),
                      {"axis": "economy"}).content.decode()
    assert html.index("Many") < html.index("Few") and "Bus" not in html


def test_the_list_costs_the_same_queries_whatever_its_size(client, consultation, resident):
    client.force_login(resident)
    target = url("consultation-detail", consultation.territory, consultation.pk)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(target).status_code == 200
        return len(captured)

    ProposalFactory.create_batch(3, consultation=consultation)
    small = queries()
    ProposalFactory.create_batch(40, consultation=consultation, axis="health")
    assert queries() == small


def test_a_resident_submits_a_proposal_and_gets_it_back_on_error(client, consultation,
                                                                  resident):
    client.force_login(resident)
    target = url("proposal-create", consultation.territory, consultation.pk)
    page = client.post(target, {"title": "<script>alert(1)</script>", "body": "",
                                "publish": "1"})
    html = page.content.decode()
    assert page.status_code == 200 and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not Proposal.objects.exists()
    page = client.post(target, {"title": "<img src=x onerror=alert(1)>", "body": "Shade.",
                                "publish": "1"})
    proposal = Proposal.objects.get()
    assert page.status_code == 302 and proposal.status == "published"
    html = client.get(url("proposal-detail", consultation.territory, proposal.pk)
                      ).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_support_answers_a_fragment_to_htmx_and_is_idempotent(client, consultation,
                                                             resident):
    proposal = ProposalFactory(consultation=consultation)
    client.force_login(resident)
    target = url("proposal-support", consultation.territory, proposal.pk)
    for _ in range(2):  # a double click
        page = client.post(target, HTTP_HX_REQUEST="true")
        assert page.status_code == 200
    html = page.content.decode()
    assert "1 support" in html and "Withdraw my support" in html
    assert Support.objects.count() == 1 and Proposal.objects.get().support_count == 1


def test_a_support_outside_its_phase_gets_a_message_and_changes_nothing(client, territory,
                                                                         resident):
    consultation = ConsultationFactory(territory=territory, phase={"allows_support": False})
    proposal = ProposalFactory(consultation=consultation)
    client.force_login(resident)
    page = client.post(url("proposal-support", territory, proposal.pk), follow=True)
    assert "Supports are closed in this consultation." in page.content.decode()
    assert Support.objects.count() == 0


def test_an_anonymous_support_goes_to_the_login(client, consultation):
    proposal = ProposalFactory(consultation=consultation)
    page = client.post(url("proposal-support", consultation.territory, proposal.pk))
    assert page.status_code == 302 and "login" in page["Location"]
    assert Support.objects.count() == 0


def test_the_team_answers_and_a_resident_reads_the_answer(client, consultation, staff):
    proposal = ProposalFactory(consultation=consultation)
    client.force_login(staff)
    page = client.post(url("proposal-answer", consultation.territory, proposal.pk),
                       {"text": "Accepted for 2027.", "estimated_cost": "15000"})
    assert page.status_code == 302
    client.logout()
    html = client.get(url("proposal-detail", consultation.territory, proposal.pk)
                      ).content.decode()
    assert "Accepted for 2027." in html and "Estimated cost: 15,000 €" in html


def test_a_draft_is_read_by_its_author_only(client, consultation, resident, other_resident):
    proposal = ProposalFactory(consultation=consultation, status="draft", author=resident)
    target = url("proposal-detail", consultation.territory, proposal.pk)
    assert client.get(target).status_code == 404
    client.force_login(other_resident)
    assert client.get(target).status_code == 404
    client.force_login(resident)
    assert client.get(target).status_code == 200


def test_an_attachment_is_served_to_readers_of_the_proposal_only(client, consultation):
    from django.core.files.uploadedfile import SimpleUploadedFile

    proposal = ProposalFactory(consultation=consultation, status="draft")
    attachment = services.attachment_add(actor=proposal.author, proposal=proposal,
                                         upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n"))
    target = url("attachment-download", consultation.territory, proposal.pk, attachment.pk)
    assert client.get(target).status_code == 404
    client.force_login(proposal.author)
    page = client.get(target)
    assert page.status_code == 200 and page["Content-Type"] == "application/pdf"
    assert b"".join(page.streaming_content) == b"%PDF-1.4\n"


def test_an_executable_named_pdf_is_refused_with_a_message(client, consultation):
    from django.core.files.uploadedfile import SimpleUploadedFile

    proposal = ProposalFactory(consultation=consultation)
    client.force_login(proposal.author)
    page = client.post(url("attachment-add", consultation.territory, proposal.pk),
                       {"file": SimpleUploadedFile("notice.pdf", b"MZ\x90\x00" * 20)},
                       follow=True)
    assert "not an image or a PDF" in page.content.decode()
    assert not proposal.attachments.exists()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_proposals_are_exported_streamed_without_unpublished_answers(client, consultation,
                                                                      staff, fmt):
    public = ProposalFactory(consultation=consultation, title="=HYPERLINK(\"x\")")
    ProposalFactory(consultation=consultation, status="draft", title="Draft")
    services.answer_save(actor=staff, proposal=public, text="Secret until Monday",
                         estimated_cost=None, publish_at=timezone.now() + timedelta(days=3))
    page = client.get(url("proposal-export", consultation.territory, consultation.pk, fmt))
    assert page.streaming
    body = b"".join(page.streaming_content).decode()
    assert "Draft" not in body and "Secret until Monday" not in body
    if fmt == "json":
        rows = json.loads(body)
        assert rows[0]["title"] == "=HYPERLINK(\"x\")" and rows[0]["answer"] is None
    else:
        rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
        assert rows[0][:2] == ["id", "title"] and rows[1][1] == "'=HYPERLINK(\"x\")"


@pytest.mark.parametrize("name", ["consultation-export", "debate-export", "event-export"])
def test_every_public_list_is_exported(client, consultation, name):
    for fmt in ("csv", "json"):
        page = client.get(url(name, consultation.territory, fmt))
        assert page.status_code == 200 and page.streaming
    assert client.get(url(name, consultation.territory, "xml")).status_code == 404


def test_a_visitor_downloads_an_events_icalendar(client, territory, staff):
    now = timezone.now()
    event = services.event_save(actor=staff, territory=territory, title="Atelier; vélo",
                                starts_at=now + timedelta(days=2),
                                ends_at=now + timedelta(days=2, hours=2), place="Crest")
    page = client.get(url("event-ical", territory, event.pk))
    text = page.content.decode()
    assert page["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Atelier\\; vélo" in text and text.count("BEGIN:VEVENT") == 1
    consultation_cal = client.get(url("consultation-ical", territory,
                                      ConsultationFactory(territory=territory).pk))
    assert consultation_cal.content.decode().count("BEGIN:VEVENT") == 1  # its one phase


def test_a_resident_registers_and_joins_the_waiting_list_when_full(client, territory,
                                                                    staff, resident):
    now = timezone.now()
    event = services.event_save(actor=staff, territory=territory, title="Workshop",
                                starts_at=now + timedelta(days=2), capacity=1,
                                ends_at=now + timedelta(days=2, hours=2), place="Crest")
    services.registration_create(user=staff, event=event)
    client.force_login(resident)
    page = client.post(url("event-register", territory, event.pk), follow=True)
    assert "waiting list" in page.content.decode()
    assert "position 1" in page.content.decode()


def test_an_understand_page_shows_its_text_safely(client, territory, staff):
    services.page_save(actor=staff, territory=territory, title="Where the money goes",
                       slug="money", body="**Spending** <script>alert(1)</script>",
                       is_published=True)
    html = client.get(url("page-detail", territory, "money")).content.decode()
    assert "<strong>Spending</strong>" in html and "<script>alert(1)" not in html


def test_a_debate_takes_an_argument_from_a_resident(client, consultation, staff, resident):
    debate = services.debate_create(actor=staff, consultation=consultation,
                                    question="A car-free centre?")
    client.force_login(resident)
    page = client.post(url("argument-add", consultation.territory, debate.pk),
                       {"side": "against", "text": "Deliveries."}, follow=True)
    assert "Deliveries." in page.content.decode()


def test_the_team_sets_phases_and_sees_overlaps_refused(client, consultation, staff):
    client.force_login(staff)
    now = timezone.localtime()
    page = client.post(url("consultation-phases", consultation.territory, consultation.pk), {
        "kind": "vote", "starts_at": now.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (now + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
        "allows_vote": "on"})
    assert page.status_code == 200 and "overlaps another phase" in page.content.decode()
    assert consultation.phases.count() == 1


def test_the_team_creates_a_consultation_with_the_usual_phases(client, territory, staff):
    client.force_login(staff)
    page = client.post(url("consultation-create", territory), {
        "title": "Town centre", "support_limit": "3", "answer_threshold": "10",
        "is_published": "on", "standard_phases_from": "2026-03-01T09:00"})
    assert page.status_code == 302
    from territoria.agora.models import Consultation

    consultation = Consultation.objects.get(title="Town centre")
    assert [p.kind for p in consultation.phases.all()] == [
        "information", "contributions", "deliberation", "vote", "feedback"]


def test_a_resident_cannot_reach_the_team_pages(client, consultation, resident):
    client.force_login(resident)
    for name in ("consultation-create",):
        assert client.get(url(name, consultation.territory)).status_code == 403
    assert client.get(url("consultation-phases", consultation.territory, consultation.pk)
                      ).status_code == 403


def test_a_member_of_another_territory_cannot_support_in_a_private_one(client, territory):
    from tests.factories import TerritoryFactory

    private = TerritoryFactory(is_public=False)
    proposal = ProposalFactory(consultation=ConsultationFactory(territory=private))
    outsider = MembershipFactory(territory=territory).user
    client.force_login(outsider)
    assert client.post(url("proposal-support", private, proposal.pk)).status_code == 404
    assert Support.objects.count() == 0


def test_an_understand_page_embeds_the_territorys_live_chart(client, territory, staff):
    from territoria.indicators.models import Indicator, IndicatorValue, Level
    from territoria.indicators.services import catalogue_load

    catalogue_load()
    commune = territory.communes.get()
    IndicatorValue.objects.create(indicator=Indicator.objects.get(code="population"),
                                  level=Level.COMMUNE, area_code=commune.insee_code,
                                  period="2021", value=1234)
    services.page_save(actor=staff, territory=territory, title="Who lives here", slug="",
                       body="Before.\n[[chart:population]]\nAfter.", is_published=True)
    html = client.get(url("page-detail", territory, "who-lives-here")).content.decode()
    figure = html[html.index("<figure"):html.index("</figure>")]
    assert "1,234" in figure and "<table" in figure and 'role="img"' in figure
    assert html.index("Before.") < html.index("<figure") < html.index("After.")


def test_only_the_authors_or_the_team_remove_a_file(client, consultation, other_resident):
    from django.core.files.uploadedfile import SimpleUploadedFile

    proposal = ProposalFactory(consultation=consultation)
    attachment = services.attachment_add(actor=proposal.author, proposal=proposal,
                                         upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n"))
    target = url("attachment-delete", consultation.territory, proposal.pk, attachment.pk)
    client.force_login(other_resident)
    client.post(target)
    assert proposal.attachments.count() == 1
    client.force_login(proposal.author)
    page = client.post(target, follow=True)
    assert "The file is removed." in page.content.decode()
    assert not proposal.attachments.exists()
