"""Reports, hiding at the threshold, the team's decisions, blocks and the log."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from territoria.diagnostic.models import DiagnosticItem
from territoria.moderation import selectors, services
from territoria.moderation.models import ModeratedContent, ModerationAction, Report
from territoria.moderation.permissions import is_blocked
from territoria.moderation.templatetags.moderation import notice_text
from tests.moderation.conftest import comment, report

Kind = ModerationAction.Kind


def test_content_is_hidden_pending_review_at_the_third_report(item, reporters):
    report(reporters[0], item)
    report(reporters[1], item, "offensive")
    item.refresh_from_db()
    state = selectors.state_for(item)
    assert state.status == ModeratedContent.Status.REPORTED
    assert item.status == DiagnosticItem.Status.PUBLISHED
    report(reporters[2], item, "off_topic", "Hors sujet")
    item.refresh_from_db()
    state.refresh_from_db()
    assert state.status == ModeratedContent.Status.PENDING
    assert item.status == DiagnosticItem.Status.HIDDEN  # off the board
    assert notice_text(state) == "Hidden pending review by the moderators."
    auto = ModerationAction.objects.get(kind=Kind.AUTO_HIDE)
    assert auto.actor is None and auto.reports == 3 and "Achetez" in auto.subject


def test_one_report_per_person(item, reporters):
    report(reporters[0], item)
    with pytest.raises(ValidationError, match="already reported"):
        report(reporters[0], item, "offensive")
    assert Report.objects.count() == 1


def test_nobody_reports_their_own_content(item, author):
    with pytest.raises(ValidationError, match="your own content"):
        report(author, item)


def test_a_blocked_person_cannot_report(territory, item, reporters, staff):
    services.user_block(actor=staff, territory=territory, user=reporters[0],
                        reason="Signalements abusifs")
    with pytest.raises(ValidationError, match="blocked in this territory.*abusifs"):
        report(reporters[0], item)
    assert not Report.objects.exists()


def test_an_unknown_reason_or_long_details_are_refused(item, reporters):
    with pytest.raises(ValidationError, match="Choose why"):
        report(reporters[0], item, "boring")
    with pytest.raises(ValidationError, match="At most 1000"):
        report(reporters[0], item, "spam", "x" * 1001)


def test_data_items_cannot_be_reported(territory, reporters):
    data_item = DiagnosticItem.objects.create(
        territory=territory, kind="strength", axis="economy", title="Emploi",
        explanation="", origin=DiagnosticItem.Origin.DATA,
        status=DiagnosticItem.Status.PUBLISHED)
    with pytest.raises(ValidationError, match="cannot be reported"):
        report(reporters[0], data_item)


def test_the_threshold_is_per_territory(territory, item, reporters, staff):
    services.threshold_set(actor=staff, territory=territory, threshold=1)
    report(reporters[0], item)
    assert selectors.state_for(item).status == ModeratedContent.Status.PENDING
    assert ModerationAction.objects.filter(kind=Kind.THRESHOLD, subject="3 → 1").exists()
    with pytest.raises(ValidationError, match="from 1 to 20"):
        services.threshold_set(actor=staff, territory=territory, threshold=0)


def test_restoring_shows_the_content_and_dismisses_the_reports(item, reporters, staff):
    for r in reporters[:3]:
        report(r, item)
    state = selectors.state_for(item)
    services.content_restore(actor=staff, state=state, note="Rien à redire")
    item.refresh_from_db()
    state.refresh_from_db()
    assert item.status == DiagnosticItem.Status.PUBLISHED
    assert state.status == ModeratedContent.Status.RESTORED and notice_text(state) == ""
    assert set(Report.objects.values_list("status", flat=True)) == {"dismissed"}
    act = ModerationAction.objects.get(kind=Kind.RESTORE)
    assert act.actor == staff and act.note == "Rien à redire"
    # A new report brings it back to the queue, not hidden.
    report(reporters[3], item)
    state.refresh_from_db()
    assert state.status == ModeratedContent.Status.REPORTED
    assert [e.state.pk for e in selectors.queue_list(territory=item.territory)] == [state.pk]


def test_hiding_for_good_gives_the_public_reason(item, reporters, staff):
    report(reporters[0], item)
    state = selectors.state_for(item)
    services.content_hide(actor=staff, state=state, reason="offensive", note="Insultes")
    item.refresh_from_db()
    state.refresh_from_db()
    assert item.status == DiagnosticItem.Status.HIDDEN
    assert notice_text(state) == "Hidden by the moderators: offensive."
    assert set(Report.objects.values_list("status", flat=True)) == {"upheld"}
    hide = ModerationAction.objects.get(kind=Kind.HIDE)
    assert (hide.reason_code, hide.note) == ("offensive", "Insultes")
    with pytest.raises(ValidationError, match="already hidden"):
        report(reporters[1], item)


def test_the_queue_lists_open_content_oldest_first_with_counts_by_reason(
        territory, author, reporters, staff, django_assert_num_queries):
    from tests.diagnostic.conftest import contribute

    first = contribute(author, territory, title="Premier")
    second = contribute(author, territory, title="Second")
    c = comment(reporters[3], first, "Un commentaire")
    report(reporters[0], first, "spam")
    report(reporters[1], first, "spam")
    report(reporters[2], first, "offensive", "Il insulte")
    report(reporters[0], c, "off_topic")
    report(reporters[0], second)
    services.content_hide(actor=staff, state=selectors.state_for(second), reason="spam")
    entries = selectors.queue_list(territory=territory)
    assert [e.label for e in entries] == ["Premier", "Comment on “Premier”"]
    assert entries[0].reason_counts == [("spam or advertising", 2), ("offensive", 1)]
    assert entries[1].text == "Un commentaire"


def test_a_hidden_comment_is_shown_to_the_team_only(client, territory, item, reporters, staff):
    from django.urls import reverse

    c = comment(reporters[3], item, "Propos douteux")
    for r in reporters[:3]:
        report(r, c, "offensive")
    url = reverse("comments:thread", args=[territory.slug, "diagnostic-item", item.pk])
    public = client.get(url).content.decode()
    assert "Propos douteux" not in public and "Hidden pending review" in public
    client.force_login(staff)
    assert "Propos douteux" in client.get(url).content.decode()


def test_blocking_and_lifting_are_logged_and_checked_by_the_predicate(territory, reporters,
                                                                      staff):
    person = reporters[0]
    block = services.user_block(actor=staff, territory=territory, user=person, reason="Spam",
                                ends_at=timezone.now() + timedelta(days=7))
    assert is_blocked(person, territory)
    with pytest.raises(ValidationError, match="already blocked"):
        services.user_block(actor=staff, territory=territory, user=person, reason="Encore")
    services.block_lift(actor=staff, block=block)
    assert not is_blocked(person, territory)
    assert list(ModerationAction.objects.values_list("kind", flat=True)) == [
        Kind.UNBLOCK, Kind.BLOCK]


def test_a_block_in_one_territory_does_not_reach_another(territory, reporters, staff):
    from tests.factories import TerritoryFactory

    services.user_block(actor=staff, territory=territory, user=reporters[0], reason="Spam")
    assert not is_blocked(reporters[0], TerritoryFactory())


@pytest.mark.parametrize(("who", "message"), [
    ("staff", "cannot block yourself"),
    ("team", "team cannot be blocked"),
])
def test_the_team_cannot_be_blocked(territory, staff, who, message):
    from territoria.accounts.models import Role
    from tests.factories import MembershipFactory

    target = staff if who == "staff" else MembershipFactory(territory=territory,
                                                            role=Role.ELECTED).user
    with pytest.raises(ValidationError, match=message):
        services.user_block(actor=staff, territory=territory, user=target, reason="x")


def test_a_block_ends_in_the_future_and_has_a_reason(territory, reporters, staff):
    with pytest.raises(ValidationError, match="in the future"):
        services.user_block(actor=staff, territory=territory, user=reporters[0], reason="x",
                            ends_at=timezone.now() - timedelta(days=1))
    with pytest.raises(ValidationError, match="Say why"):
        services.user_block(actor=staff, territory=territory, user=reporters[0], reason=" ")


def test_a_reported_statement_leaves_the_opinion_map_and_comes_back(territory, author,
                                                                    reporters, staff):
    from territoria.opinion.models import Statement
    from territoria.opinion.services import conversation_create, statement_submit

    conversation = conversation_create(actor=staff, territory=territory, title="Question ?",
                                       seed_statements=["Graine"])
    statement = statement_submit(conversation=conversation, text="Publicité pour mes montres",
                                 author=author, by_team=False)
    seed = Statement.objects.get(text="Graine")
    with pytest.raises(ValidationError, match="cannot be reported"):
        report(reporters[0], seed)
    for r in reporters[:3]:
        report(r, statement)
    statement.refresh_from_db()
    assert statement.status == Statement.Status.REJECTED
    services.content_restore(actor=staff, state=selectors.state_for(statement))
    statement.refresh_from_db()
    assert statement.status == Statement.Status.PUBLISHED


def test_other_apps_refuse_a_blocked_person_with_the_reason(territory, item, reporters,
                                                            staff):
    from territoria.diagnostic.services import item_support
    from territoria.opinion.services import conversation_create, statement_submit

    conversation = conversation_create(actor=staff, territory=territory, title="Question ?")
    services.user_block(actor=staff, territory=territory, user=reporters[0],
                        reason="Propos haineux")
    with pytest.raises(ValidationError, match="Propos haineux"):
        item_support(user=reporters[0], item=item)
    with pytest.raises(ValidationError, match="Propos haineux"):
        statement_submit(conversation=conversation, text="Mon avis", author=reporters[0])
    assert not item.supports.exists() and not conversation.statements.exists()
