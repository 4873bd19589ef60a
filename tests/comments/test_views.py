"""The comment pages: the thread on the item's page, posting with and without htmx,
errors that keep the text, edit, delete, history."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from territoria.comments.models import Comment
from tests.comments.conftest import comment
from tests.diagnostic.conftest import contribute
from tests.factories import MembershipFactory, TerritoryFactory

HOSTILE = '<script>alert("pwned")</script><img src=x onerror=alert(1)>'


def detail(item):
    return reverse("diagnostic:item-detail", args=[item.territory.slug, item.pk])


def create_url(item):
    return reverse("comments:comment-create",
                   args=[item.territory.slug, "diagnostic-item", item.pk])


def test_the_item_page_shows_the_thread_and_the_form(client, item, neighbour):
    comment(neighbour, item, "Le **car** passe trop tôt")
    client.force_login(neighbour)
    html = client.get(detail(item)).content.decode()
    assert "1 comment" in html and "Le <strong>car</strong> passe trop tôt" in html
    assert 'name="body"' in html and "Publish the comment" in html


def test_a_visitor_reads_the_comments_and_is_invited_to_log_in(client, item, neighbour):
    comment(neighbour, item, "Visible de tous")
    html = client.get(detail(item)).content.decode()
    assert "Visible de tous" in html and "Log in to comment" in html
    assert 'name="body"' not in html


def test_without_javascript_posting_redirects_to_the_comment(client, item, neighbour):
    client.force_login(neighbour)
    response = client.post(create_url(item), {"body": "Sans JavaScript"})
    created = Comment.objects.get(body="Sans JavaScript")
    assert response.status_code == 302 and response.url == f"{detail(item)}#comment-{created.pk}"


def test_with_htmx_posting_returns_the_thread_partial(client, item, neighbour):
    first = comment(neighbour, item, "Premier")
    client.force_login(neighbour)
    response = client.post(create_url(item), {"body": "Une réponse", "parent": first.pk},
                           headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "Your comment is published." in html
    assert "Une réponse" in html and "2 comments" in html
    assert Comment.objects.get(body="Une réponse").parent == first


@pytest.mark.parametrize("htmx", [False, True])
def test_an_error_shows_the_text_back(client, item, neighbour, htmx):
    client.force_login(neighbour)
    long_text = "Mon long texte. " * 400
    response = client.post(create_url(item), {"body": long_text},
                           headers={"HX-Request": "true"} if htmx else {})
    html = response.content.decode()
    assert response.status_code == 200
    assert "the limit is 5000" in html and "Mon long texte. Mon long texte." in html
    assert not Comment.objects.exists()


def test_a_reply_error_reopens_the_reply_form_with_its_text(client, item, neighbour):
    first = comment(neighbour, item, "Premier")
    client.force_login(neighbour)
    html = client.post(create_url(item), {"body": "  ", "parent": first.pk},
                       headers={"HX-Request": "true"}).content.decode()
    assert '<details class="comment-reply" open>' in html
    assert "Write your comment before sending it." in html


def test_a_reply_to_a_comment_of_another_territory_is_refused_without_revealing_it(
        client, item, neighbour):
    elsewhere = TerritoryFactory()
    foreign = comment(MembershipFactory(territory=elsewhere).user,
                      contribute(MembershipFactory(territory=elsewhere).user, elsewhere),
                      "Secret d'ailleurs")
    client.force_login(neighbour)
    html = client.post(create_url(item), {"body": "Ma réponse", "parent": foreign.pk}
                       ).content.decode()
    assert "You can only reply to a comment of this page." in html
    assert "Ma réponse" in html and "Secret d'ailleurs" not in html
    assert not Comment.objects.filter(body="Ma réponse").exists()


def test_a_blocked_person_sees_why_and_keeps_their_text(client, territory, item, neighbour,
                                                       staff):
    from territoria.moderation.services import user_block

    user_block(actor=staff, territory=territory, user=neighbour, reason="Propos injurieux")
    client.force_login(neighbour)
    assert "Propos injurieux" in client.get(detail(item)).content.decode()
    html = client.post(create_url(item), {"body": "Je reviens"}).content.decode()
    assert "You are blocked in this territory" in html and "Je reviens" in html


def test_hostile_html_is_shown_as_text(client, item, neighbour):
    comment(neighbour, item, HOSTILE)
    html = client.get(detail(item)).content.decode()
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in html or \
        "&lt;script&gt;alert(\"pwned\")&lt;/script&gt;" in html
    assert '<script>alert("pwned")' not in html and "<img src=x" not in html


def test_editing_shows_edited_and_the_history(client, item, neighbour):
    c = comment(neighbour, item, "Avant")
    client.force_login(neighbour)
    url = reverse("comments:comment-update", args=[item.territory.slug, c.pk])
    assert "Avant" in client.get(url).content.decode()
    response = client.post(url, {"body": "Après"})
    assert response.status_code == 302
    html = client.get(detail(item)).content.decode()
    history = reverse("comments:comment-history", args=[item.territory.slug, c.pk])
    assert "Après" in html and f'href="{history}"' in html and "edited" in html
    page = client.get(history).content.decode()
    assert page.index("Avant") < page.index("Après")


def test_editing_after_the_window_keeps_the_text_typed(client, item, neighbour):
    c = comment(neighbour, item, "Ancien")
    Comment.objects.filter(pk=c.pk).update(created_at=timezone.now() - timedelta(hours=1))
    client.force_login(neighbour)
    url = reverse("comments:comment-update", args=[item.territory.slug, c.pk])
    assert "that time is over" in client.get(url).content.decode()
    html = client.post(url, {"body": "Ma correction tardive"}).content.decode()
    assert "that time is over" in html and "Ma correction tardive" in html
    c.refresh_from_db()
    assert c.body == "Ancien"


def test_the_author_deletes_after_confirming(client, item, neighbour, resident):
    c = comment(neighbour, item, "À retirer")
    comment(resident, item, "Réponse", parent=c)
    client.force_login(neighbour)
    url = reverse("comments:comment-delete", args=[item.territory.slug, c.pk])
    assert "À retirer" in client.get(url).content.decode()
    client.post(url)
    html = client.get(detail(item)).content.decode()
    assert "À retirer" not in html and "Deleted by its author." in html and "Réponse" in html


def test_another_persons_comment_cannot_be_edited_or_deleted(client, item, neighbour,
                                                             resident):
    c = comment(neighbour, item)
    client.force_login(resident)
    for name in ("comments:comment-update", "comments:comment-delete"):
        url = reverse(name, args=[item.territory.slug, c.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"body": "x"}).status_code == 403


def test_the_thread_has_a_page_of_its_own(client, item, neighbour):
    comment(neighbour, item, "Sur sa page")
    url = reverse("comments:thread", args=[item.territory.slug, "diagnostic-item", item.pk])
    html = client.get(url).content.decode()
    assert "Sur sa page" in html and item.title in html


def test_an_unknown_kind_of_object_answers_404(client, item, neighbour):
    client.force_login(neighbour)
    url = reverse("comments:comment-create", args=[item.territory.slug, "nothing", item.pk])
    assert client.post(url, {"body": "x"}).status_code == 404


def test_the_thread_renders_in_a_number_of_queries_that_does_not_grow(rf, item, neighbour,
                                                                       resident):
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test.utils import CaptureQueriesContext

    from territoria.comments.templatetags.comments import thread_context

    request = rf.get("/")
    request.user = neighbour

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            render_to_string("comments/_thread.html", thread_context(request, item),
                             request=request)
        return len(captured)

    previous = comment(resident, item, "Premier")
    queries()  # content types and roles are cached after the first time
    few = queries()
    for n in range(12):
        previous = comment(resident if n % 2 else neighbour, item, f"Réponse {n}",
                           parent=previous if n % 3 else None)
    assert queries() == few


def test_a_long_thread_is_paged_by_top_level_comments_with_their_replies(
        client, item, neighbour, resident, settings):
    settings.COMMENTS_PER_PAGE = 2
    firsts = [comment(neighbour, item, f"Sujet {n}") for n in range(5)]
    reply = comment(resident, item, "Réponse au sujet 2", parent=firsts[2])
    html = client.get(detail(item)).content.decode()
    assert "6 comments" in html  # the whole thread's count, on every page
    assert "Sujet 0" in html and "Sujet 1" in html and "Sujet 2" not in html
    assert "Page 1 of 3" in html
    assert f'href="?comments=2#comments-diagnostic-item-{item.pk}"' in html
    second = client.get(detail(item) + "?comments=2").content.decode()
    assert "Sujet 2" in second and "Réponse au sujet 2" in second  # a reply stays with its topic
    assert "Sujet 1" not in second
    assert "Sujet 4" in client.get(detail(item) + "?comments=9").content.decode()  # clamped
    assert "Sujet 0" in client.get(detail(item) + "?comments=abc").content.decode()

    # A reply posted without JavaScript lands on the page that shows it.
    client.force_login(neighbour)
    response = client.post(create_url(item), {"body": "Encore", "parent": reply.pk})
    created = Comment.objects.get(body="Encore")
    assert response.url == f"{detail(item)}?comments=2#comment-{created.pk}"
    # With htmx, the thread comes back at the page of the new comment.
    html = client.post(create_url(item), {"body": "Tout à la fin"},
                       headers={"HX-Request": "true"}).content.decode()
    assert "Tout à la fin" in html and "Page 3 of 3" in html and "Sujet 0" not in html
