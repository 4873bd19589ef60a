"""The moderation pages: reporting, the queue and its actions, blocks, the log, settings."""

from django.urls import reverse

from territoria.accounts.models import Role
from territoria.moderation import selectors, services
from territoria.moderation.models import Block, ModeratedContent, ModerationAction, Report
from tests.accounts.conftest import give_totp
from tests.factories import MembershipFactory
from tests.moderation.conftest import comment, report


def report_url(item):
    return reverse("moderation:report-create",
                   args=[item.territory.slug, "diagnostic-item", item.pk])


def test_reporting_sends_back_to_the_page(client, item, reporters):
    client.force_login(reporters[0])
    page = client.get(report_url(item)).content.decode()
    assert "Achetez mes montres" in page and "Send the report" in page
    response = client.post(report_url(item), {"reason": "spam", "details": "Pub"})
    assert response.status_code == 302
    assert response.url == reverse("diagnostic:item-detail", args=[item.territory.slug,
                                                                   item.pk])
    assert Report.objects.get().details == "Pub"


def test_a_report_without_reason_keeps_the_details_typed(client, item, reporters):
    client.force_login(reporters[0])
    html = client.post(report_url(item), {"details": "Mes explications"}).content.decode()
    assert "This field is required." in html and "Mes explications" in html
    assert not Report.objects.exists()


def test_a_second_report_is_answered_clearly(client, item, reporters):
    report(reporters[0], item)
    client.force_login(reporters[0])
    assert "You reported this content on" in client.get(report_url(item)).content.decode()
    html = client.post(report_url(item), {"reason": "offensive"}).content.decode()
    assert "You have already reported this content" in html
    assert Report.objects.count() == 1


def test_a_blocked_person_reads_why_they_cannot_report(client, territory, item, reporters,
                                                      staff):
    services.user_block(actor=staff, territory=territory, user=reporters[0],
                        reason="Signalements en masse")
    client.force_login(reporters[0])
    html = client.get(report_url(item)).content.decode()
    assert "You are blocked in this territory" in html and "Signalements en masse" in html
    html = client.post(report_url(item), {"reason": "spam", "details": "Encore"}
                       ).content.decode()
    assert "You are blocked" in html and "Encore" in html
    assert not Report.objects.exists()


def test_an_outside_next_address_is_not_followed(client, item, reporters):
    client.force_login(reporters[0])
    response = client.post(report_url(item), {"reason": "spam",
                                              "next": "https://evil.example/"})
    assert response.url.startswith("/t/")


def test_the_team_reviews_the_queue_and_hides_for_good(client, territory, item, reporters,
                                                       staff):
    for r, reason in zip(reporters[:3], ["spam", "spam", "offensive"], strict=True):
        report(r, item, reason, "Vend des montres" if reason == "offensive" else "")
    client.force_login(staff)
    queue = client.get(reverse("moderation:queue", args=[territory.slug])).content.decode()
    assert "Achetez mes montres" in queue and "hidden pending review" in queue
    assert "Spam or advertising: 2" in queue and "Vend des montres" in queue
    state = selectors.state_for(item)
    response = client.post(reverse("moderation:content-hide", args=[territory.slug, state.pk]),
                           {"reason": "spam", "note": "Publicité"})
    assert response.status_code == 302
    client.logout()
    page = client.get(reverse("diagnostic:item-detail", args=[territory.slug, item.pk]))
    html = page.content.decode()
    assert "Hidden by the moderators: spam or advertising." in html
    assert "Achetez mes montres" not in html
    client.force_login(staff)
    log = client.get(reverse("moderation:action-list", args=[territory.slug])).content.decode()
    assert "Hidden for good" in log and "Publicité" in log and staff.email in log


def test_restoring_from_the_queue(client, territory, item, reporters, staff):
    report(reporters[0], item)
    client.force_login(staff)
    state = selectors.state_for(item)
    client.post(reverse("moderation:content-restore", args=[territory.slug, state.pk]))
    state.refresh_from_db()
    assert state.status == ModeratedContent.Status.RESTORED
    queue = client.get(reverse("moderation:queue", args=[territory.slug])).content.decode()
    assert "Nothing awaits review" in queue


def test_hiding_without_a_reason_changes_nothing(client, territory, item, reporters, staff):
    report(reporters[0], item)
    client.force_login(staff)
    state = selectors.state_for(item)
    client.post(reverse("moderation:content-hide", args=[territory.slug, state.pk]),
                {"reason": "boring"})
    state.refresh_from_db()
    assert state.status == ModeratedContent.Status.REPORTED


def test_blocking_the_author_from_the_queue_and_lifting_it(client, territory, item, author,
                                                          reporters, staff):
    report(reporters[0], item)
    client.force_login(staff)
    url = reverse("moderation:block-create", args=[territory.slug, author.pk])
    assert author.email in client.get(url).content.decode()
    html = client.post(url, {"reason": "Spam", "ends_on": "2000-01-01"}).content.decode()
    assert "must be in the future" in html and "Spam" in html
    assert not Block.objects.exists()
    response = client.post(url, {"reason": "Spam répété"})
    assert response.status_code == 302
    block = Block.objects.get()
    blocks = client.get(reverse("moderation:block-list", args=[territory.slug])
                        ).content.decode()
    assert "Spam répété" in blocks and "in force" in blocks
    client.post(reverse("moderation:block-lift", args=[territory.slug, block.pk]))
    block.refresh_from_db()
    assert block.lifted_at is not None


def test_the_blocked_contributor_cannot_add_to_the_diagnostic(client, territory, author,
                                                             staff):
    services.user_block(actor=staff, territory=territory, user=author, reason="Spam")
    client.force_login(author)
    html = client.post(reverse("diagnostic:item-contribute", args=[territory.slug]), {
        "kind": "weakness", "axis": "mobility", "title": "Mon titre",
        "explanation": "Mon texte"}).content.decode()
    assert "You are blocked in this territory" in html and "Mon texte" in html
    from territoria.diagnostic.models import DiagnosticItem

    assert not DiagnosticItem.objects.filter(title="Mon titre").exists()


def test_someone_unknown_to_the_territory_cannot_be_targeted(client, territory, staff):
    stranger = MembershipFactory(role=Role.RESIDENT).user  # a member elsewhere only
    client.force_login(staff)
    assert client.get(reverse("moderation:block-create", args=[territory.slug, stranger.pk])
                      ).status_code == 404


def test_the_log_filters_by_action_and_by_person(client, territory, item, reporters, staff):
    other = MembershipFactory(territory=territory, role=Role.PMO).user
    services.user_block(actor=staff, territory=territory, user=reporters[0], reason="Un")
    services.user_block(actor=other, territory=territory, user=reporters[1], reason="Deux")
    report(reporters[2], item)
    services.content_hide(actor=other, state=selectors.state_for(item), reason="offensive")
    client.force_login(staff)
    url = reverse("moderation:action-list", args=[territory.slug])
    html = client.get(url, {"kind": "block", "actor": other.pk}).content.decode()
    assert "Deux" in html and ">Un<" not in html and "Offensive" not in html
    html = client.get(url, {"kind": "hide"}).content.decode()
    assert "Offensive" in html and "Deux" not in html


def test_administrators_change_the_threshold(client, territory, item, reporters):
    admin = MembershipFactory(territory=territory, role=Role.ADMINISTRATOR).user
    give_totp(admin)
    client.force_login(admin)
    url = reverse("moderation:settings-update", args=[territory.slug])
    html = client.post(url, {"report_threshold": "0"}).content.decode()
    assert "greater than or equal to 1" in html
    client.post(url, {"report_threshold": "2"})
    assert selectors.report_threshold(territory=territory) == 2
    report(reporters[0], item)
    report(reporters[1], item)
    assert selectors.state_for(item).is_hidden
    assert ModerationAction.objects.filter(kind="threshold").exists()


def test_a_hidden_comment_shows_its_reason_and_the_team_sees_its_text(
        client, territory, item, reporters, staff):
    c = comment(reporters[3], item, "Texte grossier")
    report(reporters[0], c, "offensive")
    services.content_hide(actor=staff, state=selectors.state_for(c), reason="offensive")
    page = reverse("diagnostic:item-detail", args=[territory.slug, item.pk])
    html = client.get(page).content.decode()
    assert "Hidden by the moderators: offensive." in html and "Texte grossier" not in html
    client.force_login(staff)
    assert "Texte grossier" in client.get(page).content.decode()


def test_the_team_sees_the_moderation_link_and_residents_do_not(client, territory, staff,
                                                               author):
    home = reverse("core:territory-home", args=[territory.slug])
    queue = reverse("moderation:queue", args=[territory.slug])
    client.force_login(staff)
    assert f'href="{queue}"' in client.get(home).content.decode()
    client.force_login(author)
    assert f'href="{queue}"' not in client.get(home).content.decode()


def test_after_reporting_a_comment_the_reader_is_back_at_the_comment(client, item, reporters):
    c = comment(reporters[3], item, "Bof")
    client.force_login(reporters[0])
    url = reverse("moderation:report-create", args=[item.territory.slug, "comment", c.pk])
    response = client.post(url, {"reason": "off_topic"})
    assert response.url == reverse("diagnostic:item-detail", args=[
        item.territory.slug, item.pk]) + f"#comment-{c.pk}"


def test_a_comment_of_another_territory_cannot_be_reported_here(client, territory, reporters):
    from tests.diagnostic.conftest import contribute
    from tests.factories import TerritoryFactory

    elsewhere = TerritoryFactory()
    foreign = comment(MembershipFactory(territory=elsewhere).user,
                      contribute(MembershipFactory(territory=elsewhere).user, elsewhere))
    client.force_login(reporters[0])
    url = reverse("moderation:report-create", args=[territory.slug, "comment", foreign.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_a_participants_statement_can_be_reported_but_not_a_seed(rf, territory, author,
                                                                 reporters, staff):
    from django.template import Context, Template

    from territoria.opinion.models import Statement
    from territoria.opinion.services import conversation_create, statement_submit

    conversation = conversation_create(actor=staff, territory=territory, title="Question ?",
                                       seed_statements=["Une graine"])
    statement = statement_submit(conversation=conversation, text="Un avis d'habitant",
                                 author=author)
    seed = Statement.objects.get(is_seed=True)

    def link(user, obj) -> str:
        request = rf.get("/")
        request.user = user
        return Template("{% load moderation %}{% report_link obj %}").render(
            Context({"request": request, "obj": obj}))

    url = reverse("moderation:report-create",
                  args=[territory.slug, "opinion-statement", statement.pk])
    assert f'href="{url}"' in link(reporters[0], statement)
    assert "href" not in link(reporters[0], seed)
    assert "href" not in link(author, statement)  # one's own
