"""Who may do what in moderation and comments, every role against every action, on a public
and a private territory (outcomes as in tests/accounts/test_permission_matrix.py)."""

import pytest
from django.urls import reverse

from territoria.accounts.models import Role
from territoria.moderation import services
from tests.accounts.test_permission_matrix import DENIED, HIDDEN, LOGIN, OK, person
from tests.comments.conftest import comment
from tests.diagnostic.conftest import contribute
from tests.factories import MembershipFactory, TerritoryFactory

DONE = "done"
ACTIONS = ["thread", "comment", "report", "queue", "hide", "block", "log", "settings"]

# fmt: off
PUBLIC = {
    #                     thread comment report queue   hide    block   log     settings
    "anonymous":         (OK,    LOGIN,  LOGIN, LOGIN,  LOGIN,  LOGIN,  LOGIN,  LOGIN),
    "administrator":     (OK,    DONE,   OK,    OK,     DONE,   OK,     OK,     OK),
    "elected":           (OK,    DONE,   OK,    OK,     DONE,   OK,     OK,     DENIED),
    "staff":             (OK,    DONE,   OK,    OK,     DONE,   OK,     OK,     DENIED),
    "pmo":               (OK,    DONE,   OK,    OK,     DONE,   OK,     OK,     DENIED),
    "project_lead":      (OK,    DONE,   OK,    DENIED, DENIED, DENIED, DENIED, DENIED),
    "local_actor":       (OK,    DONE,   OK,    DENIED, DENIED, DENIED, DENIED, DENIED),
    "resident":          (OK,    DONE,   OK,    DENIED, DENIED, DENIED, DENIED, DENIED),
    "platform operator": (OK,    DONE,   OK,    OK,     DONE,   OK,     OK,     OK),
    "member elsewhere":  (OK,    DONE,   OK,    DENIED, DENIED, DENIED, DENIED, DENIED),
}
PRIVATE = {
    "anonymous":         (HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN),
    "administrator":     (OK,     DONE,   OK,     OK,     DONE,   OK,     OK,     OK),
    "elected":           (OK,     DONE,   OK,     OK,     DONE,   OK,     OK,     DENIED),
    "staff":             (OK,     DONE,   OK,     OK,     DONE,   OK,     OK,     DENIED),
    "pmo":               (OK,     DONE,   OK,     OK,     DONE,   OK,     OK,     DENIED),
    "project_lead":      (OK,     DONE,   OK,     DENIED, DENIED, DENIED, DENIED, DENIED),
    "local_actor":       (OK,     DONE,   OK,     DENIED, DENIED, DENIED, DENIED, DENIED),
    "resident":          (OK,     DONE,   OK,     DENIED, DENIED, DENIED, DENIED, DENIED),
    "platform operator": (OK,     DENIED, OK,     OK,     DONE,   OK,     OK,     OK),
    "member elsewhere":  (HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN),
}
# fmt: on

CASES = [pytest.param(visibility, who, action, expected, id=f"{visibility}-{who}-{action}")
         for visibility, table in (("public", PUBLIC), ("private", PRIVATE))
         for who, outcomes in table.items()
         for action, expected in zip(ACTIONS, outcomes, strict=True)]


def test_every_role_is_in_the_matrix():
    assert set(Role.values) < set(PUBLIC) and set(Role.values) < set(PRIVATE)


@pytest.mark.django_db
@pytest.mark.parametrize(("visibility", "who", "action", "expected"), CASES)
def test_role_action_matrix(client, visibility, who, action, expected):
    territory = TerritoryFactory(is_public=(visibility == "public"))
    author = MembershipFactory(territory=territory, role=Role.RESIDENT).user
    item = contribute(author, territory)
    first = comment(author, item)
    reported = services.content_report(
        reporter=MembershipFactory(territory=territory, role=Role.RESIDENT).user, obj=first,
        reason="spam")
    user = person(who, territory)
    if user is not None:
        client.force_login(user)
    slug = territory.slug
    if action == "thread":
        response = client.get(reverse("comments:thread", args=[slug, "diagnostic-item",
                                                               item.pk]))
    elif action == "comment":
        response = client.post(reverse("comments:comment-create",
                                       args=[slug, "diagnostic-item", item.pk]),
                               {"body": "Bonjour"})
    elif action == "report":
        response = client.get(reverse("moderation:report-create",
                                      args=[slug, "diagnostic-item", item.pk]))
    elif action == "queue":
        response = client.get(reverse("moderation:queue", args=[slug]))
    elif action == "hide":
        response = client.post(reverse("moderation:content-hide",
                                       args=[slug, reported.content_id]), {"reason": "spam"})
    elif action == "block":
        response = client.get(reverse("moderation:block-create", args=[slug, author.pk]))
    elif action == "log":
        response = client.get(reverse("moderation:action-list", args=[slug]))
    else:
        response = client.get(reverse("moderation:settings-update", args=[slug]))
    if response.status_code == 302:
        got = LOGIN if response.url.startswith(reverse("account_login")) else DONE
    else:
        got = str(response.status_code)
    assert got == expected
