"""Services of the Agorapolis: proposals and their lifecycle, supports, answers, merging,
co-authors, attachments, debates, events."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from territoria.accounts.models import Role
from territoria.agora import selectors, services
from territoria.agora.models import Event, Phase, Proposal, Registration, Support
from tests.factories import (
    ConsultationFactory,
    MembershipFactory,
    ProposalFactory,
    UserFactory,
)


def png_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, "PNG")
    return buffer.getvalue()


PNG = png_bytes()


def count_of(proposal) -> int:
    return Proposal.objects.get(pk=proposal.pk).support_count


def test_a_resident_publishes_a_proposal(consultation, resident):
    proposal = services.proposal_create(actor=resident, consultation=consultation,
                                        title="  A  market   hall ", body="Covered.",
                                        axis="economy", publish=True)
    assert proposal.status == "published" and proposal.title == "A market hall"
    assert proposal.published_at is not None and proposal.territory == consultation.territory


def test_a_draft_is_kept_then_published(consultation, resident):
    proposal = services.proposal_create(actor=resident, consultation=consultation,
                                        title="Draft", body="Later.")
    assert proposal.status == "draft" and proposal.published_at is None
    services.proposal_publish(actor=resident, proposal=proposal)
    assert proposal.status == "published" and proposal.published_at is not None


def test_a_proposal_is_refused_outside_a_phase_that_opens_submissions(territory, resident):
    later = timezone.now() + timedelta(days=5)
    consultation = ConsultationFactory(territory=territory, phase={
        "starts_at": later, "ends_at": later + timedelta(days=5)})
    with pytest.raises(PermissionDenied, match="Proposals open on"):
        services.proposal_create(actor=resident, consultation=consultation, title="T",
                                 body="B", publish=True)
    assert not Proposal.objects.exists()


def test_a_commune_outside_the_territory_is_refused(consultation, resident):
    from tests.factories import CommuneFactory

    with pytest.raises(ValidationError) as error:
        services.proposal_create(actor=resident, consultation=consultation, title="T",
                                 body="B", commune=CommuneFactory())
    assert "commune" in error.value.message_dict


def test_a_support_is_counted_once_whatever_the_clicks(consultation, resident):
    proposal = ProposalFactory(consultation=consultation)
    assert services.proposal_support(user=resident, proposal=proposal) is True
    assert services.proposal_support(user=resident, proposal=proposal) is False
    assert count_of(proposal) == 1 == Support.objects.filter(proposal=proposal).count()
    assert services.proposal_unsupport(user=resident, proposal=proposal) is True
    assert services.proposal_unsupport(user=resident, proposal=proposal) is False
    assert count_of(proposal) == 0 == Support.objects.count()


def test_the_database_refuses_a_second_support_row(consultation, resident):
    proposal = ProposalFactory(consultation=consultation)
    Support.objects.create(proposal=proposal, user=resident, consultation=consultation)
    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(proposal=proposal, user=resident, consultation=consultation)


def test_supports_are_refused_outside_their_phase_with_the_date_they_open(territory,
                                                                         resident):
    now = timezone.now()
    consultation = ConsultationFactory(territory=territory, phase={"allows_support": False})
    Phase.objects.create(consultation=consultation, kind="deliberation", allows_support=True,
                         starts_at=now + timedelta(days=20), ends_at=now + timedelta(days=30))
    proposal = ProposalFactory(consultation=consultation)
    with pytest.raises(ValidationError, match="Supports open on"):
        services.proposal_support(user=resident, proposal=proposal)
    assert count_of(proposal) == 0


def test_a_withdrawn_proposal_takes_no_support(consultation, resident):
    proposal = ProposalFactory(consultation=consultation)
    services.proposal_withdraw(actor=proposal.author, proposal=proposal)
    with pytest.raises(ValidationError, match="withdrawn"):
        services.proposal_support(user=resident, proposal=proposal)


def test_the_limit_per_person_is_kept_with_a_clear_message(territory, resident):
    consultation = ConsultationFactory(territory=territory, support_limit=2)
    a, b, c = (ProposalFactory(consultation=consultation) for _ in range(3))
    services.proposal_support(user=resident, proposal=a)
    services.proposal_support(user=resident, proposal=b)
    assert services.proposal_support(user=resident, proposal=a) is False  # idempotent
    with pytest.raises(ValidationError, match="used your 2 supports"):
        services.proposal_support(user=resident, proposal=c)
    services.proposal_unsupport(user=resident, proposal=a)
    assert services.proposal_support(user=resident, proposal=c) is True


def test_verification_required_refuses_until_residents_can_be_verified(territory, resident):
    consultation = ConsultationFactory(territory=territory, requires_verification=True)
    proposal = ProposalFactory(consultation=consultation)
    with pytest.raises(ValidationError, match="verified"):
        services.proposal_support(user=resident, proposal=proposal)


@pytest.mark.django_db(transaction=True)
def test_racing_supports_of_one_person_add_one_support(territory):
    """Eight threads support the same proposal for the same person at once."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race is PostgreSQL's")
    consultation = ConsultationFactory(territory=territory)
    resident = MembershipFactory(territory=territory).user
    proposal = ProposalFactory(consultation=consultation)
    barrier, errors = threading.Barrier(8), []

    def click():
        try:
            barrier.wait()
            fresh = selectors.proposal_for_support(territory=territory, proposal_id=proposal.pk)
            services.proposal_support(user=resident, proposal=fresh)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert count_of(proposal) == 1 == Support.objects.filter(proposal=proposal).count()


def test_the_team_moves_a_proposal_through_its_lifecycle(consultation, staff):
    proposal = ProposalFactory(consultation=consultation)
    for status in ("evaluating", "accepted", "implemented"):
        services.proposal_set_status(actor=staff, proposal=proposal, status=status)
    assert proposal.status == "implemented"
    with pytest.raises(ValidationError, match="cannot become"):
        services.proposal_set_status(actor=staff, proposal=proposal, status="draft")


def test_a_resident_cannot_accept_a_proposal(consultation, resident):
    proposal = ProposalFactory(consultation=consultation)
    with pytest.raises(PermissionDenied):
        services.proposal_set_status(actor=resident, proposal=proposal, status="accepted")


def test_an_answer_scheduled_later_is_hidden_until_then(consultation, staff, resident):
    proposal = ProposalFactory(consultation=consultation)
    services.answer_save(actor=staff, proposal=proposal, text="We will study it.",
                         estimated_cost=Decimal(12000),
                         publish_at=timezone.now() + timedelta(days=2))
    assert selectors.answer_visible(proposal=proposal, user=resident) is None
    assert selectors.answer_visible(proposal=proposal, user=staff).text == "We will study it."
    services.answer_save(actor=staff, proposal=proposal, text="Accepted.", estimated_cost=None)
    assert selectors.answer_visible(proposal=proposal, user=resident).text == "Accepted."


def test_proposals_over_the_threshold_without_an_answer_are_listed(territory, staff):
    consultation = ConsultationFactory(territory=territory, answer_threshold=2)
    popular = ProposalFactory(consultation=consultation, support_count=3)
    answered = ProposalFactory(consultation=consultation, support_count=5)
    ProposalFactory(consultation=consultation, support_count=1)
    services.answer_save(actor=staff, proposal=answered, text="Done.", estimated_cost=None)
    assert list(selectors.proposals_awaiting_answer(consultation=consultation)) == [popular]


def test_merging_moves_supports_without_doubles(consultation, staff):
    kept, duplicate = (ProposalFactory(consultation=consultation) for _ in range(2))
    both, only_dup, only_kept = (MembershipFactory(territory=consultation.territory).user
                                 for _ in range(3))
    for user, proposal in ((both, kept), (both, duplicate), (only_dup, duplicate),
                           (only_kept, kept)):
        services.proposal_support(user=user, proposal=proposal)
    services.proposals_merge(actor=staff, kept=kept, duplicate=duplicate)
    assert count_of(kept) == 3 == Support.objects.filter(proposal=kept).count()
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept and duplicate.support_count == 0
    assert not Support.objects.filter(proposal=duplicate).exists()
    with pytest.raises(ValidationError, match="merged"):
        services.proposal_support(user=only_dup, proposal=duplicate)


def test_proposals_of_two_consultations_are_not_merged(territory, staff):
    a = ProposalFactory(consultation=ConsultationFactory(territory=territory))
    b = ProposalFactory(consultation=ConsultationFactory(territory=territory))
    with pytest.raises(ValidationError, match="same consultation"):
        services.proposals_merge(actor=staff, kept=a, duplicate=b)


def test_a_coauthor_is_invited_and_accepts(consultation, resident, other_resident):
    proposal = services.proposal_create(actor=resident, consultation=consultation,
                                        title="Together", body="Yes.")
    services.coauthor_invite(actor=resident, proposal=proposal, email=other_resident.email)
    assert not other_resident.has_perm("agora.change_proposal", proposal)
    services.coauthor_accept(user=other_resident, proposal=proposal)
    assert other_resident.has_perm("agora.change_proposal", proposal)
    with pytest.raises(ValidationError, match="Nobody"):
        services.coauthor_invite(actor=resident, proposal=proposal, email="x@example.org")


def test_an_image_and_a_pdf_are_accepted(consultation):
    proposal = ProposalFactory(consultation=consultation)
    image = services.attachment_add(actor=proposal.author, proposal=proposal,
                                    upload=SimpleUploadedFile("plan.PNG", PNG))
    pdf = services.attachment_add(actor=proposal.author, proposal=proposal,
                                  upload=SimpleUploadedFile("note", b"%PDF-1.4\n%%EOF\n"))
    assert (image.content_type, image.name) == ("image/png", "plan.png")
    assert (pdf.content_type, pdf.name) == ("application/pdf", "note.pdf")
    assert image.file.storage.exists(image.file.name)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("report.pdf", b"MZ\x90\x00" + b"\x00" * 100, "not an image or a PDF"),
    ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "damaged"),
    ("empty.pdf", b"", "empty"),
])
def test_a_file_that_is_not_what_it_claims_is_refused(consultation, name, content, message):
    proposal = ProposalFactory(consultation=consultation)
    with pytest.raises(ValidationError, match=message):
        services.attachment_add(actor=proposal.author, proposal=proposal,
                                upload=SimpleUploadedFile(name, content))
    assert not proposal.attachments.exists()


def test_a_file_too_large_is_refused(consultation, settings):
    settings.AGORA_ATTACHMENT_MAX_BYTES = 1024 * 1024
    proposal = ProposalFactory(consultation=consultation)
    with pytest.raises(ValidationError, match="too large"):
        services.attachment_add(actor=proposal.author, proposal=proposal,
                                upload=SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 2**20))


def test_overlapping_phases_are_refused(consultation, staff):
    now = timezone.now()
    with pytest.raises(ValidationError, match="overlaps"):
        services.phase_save(actor=staff, consultation=consultation, kind="vote",
                            starts_at=now, ends_at=now + timedelta(days=3))


def test_a_debate_takes_arguments_until_closed(consultation, staff, resident):
    debate = services.debate_create(actor=staff, consultation=consultation,
                                    question="A car-free centre?")
    services.argument_add(actor=resident, debate=debate, side="for", text="Quieter.")
    services.debate_close(actor=staff, debate=debate, conclusion="A trial in June.")
    with pytest.raises(ValidationError, match="closed"):
        services.argument_add(actor=resident, debate=debate, side="against", text="Shops.")
    assert debate.arguments.count() == 1


def event_for(territory, staff, **kwargs):
    now = timezone.now()
    fields = {"title": "Workshop", "starts_at": now + timedelta(days=3),
              "ends_at": now + timedelta(days=3, hours=2), "place": "Town hall"}
    fields.update(kwargs)
    return services.event_save(actor=staff, territory=territory, **fields)


def test_a_cancellation_promotes_the_first_person_waiting(territory, staff):
    event = event_for(territory, staff, capacity=2)
    people = [MembershipFactory(territory=territory).user for _ in range(4)]
    statuses = [services.registration_create(user=p, event=event).status for p in people]
    assert statuses == ["confirmed", "confirmed", "waiting", "waiting"]
    services.registration_cancel(user=people[0], event=event)
    status = dict(Registration.objects.values_list("user_id", "status"))
    assert status == {people[1].pk: "confirmed", people[2].pk: "confirmed",
                      people[3].pk: "waiting"}
    assert services.registration_create(user=people[1], event=event).status == "confirmed"


def test_a_larger_capacity_lets_people_in_from_the_waiting_list(territory, staff):
    event = event_for(territory, staff, capacity=1)
    a, b = (MembershipFactory(territory=territory).user for _ in range(2))
    services.registration_create(user=a, event=event)
    services.registration_create(user=b, event=event)
    event_for(territory, staff, event=event, capacity=2)
    assert set(Registration.objects.values_list("status", flat=True)) == {"confirmed"}


def test_an_event_online_needs_its_address_and_one_in_person_its_place(territory, staff):
    with pytest.raises(ValidationError) as error:
        event_for(territory, staff, format=Event.Format.ONLINE, place="")
    assert "online_url" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        event_for(territory, staff, place="")
    assert "place" in error.value.message_dict


def test_a_past_event_takes_no_registration(territory, staff, resident):
    now = timezone.now()
    event = event_for(territory, staff, starts_at=now - timedelta(days=2),
                      ends_at=now - timedelta(days=1))
    with pytest.raises(ValidationError, match="over"):
        services.registration_create(user=resident, event=event)


def test_a_page_refuses_an_unknown_indicator(territory, staff):
    with pytest.raises(ValidationError, match="Unknown indicator: nope"):
        services.page_save(actor=staff, territory=territory, title="Budget", slug="",
                           body="Text\n[[chart:nope]]")


def test_a_user_outside_the_territory_is_not_a_coauthor(consultation, resident):
    outsider = UserFactory()
    proposal = services.proposal_create(actor=resident, consultation=consultation,
                                        title="T", body="B")
    with pytest.raises(ValidationError):
        services.coauthor_invite(actor=resident, proposal=proposal, email=outsider.email)
    assert Role.RESIDENT  # the invitation goes to members of the territory only


def test_a_persons_contributions_are_in_their_data_export(consultation, resident):
    from territoria.accounts.selectors import account_export

    proposal = services.proposal_create(actor=resident, consultation=consultation,
                                        title="Mine", body="Text.", publish=True)
    services.proposal_support(user=resident, proposal=proposal)
    exported = account_export(user=resident)["agora"]
    assert exported["proposals"][0]["title"] == "Mine"
    assert exported["supports"] == [{"proposal": "Mine",
                                     "created_at": exported["supports"][0]["created_at"]}]
