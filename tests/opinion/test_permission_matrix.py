"""Who may do what with opinion maps, every role against every action, on a public and a
private territory (outcomes as in tests/accounts/test_permission_matrix.py)."""

import pytest
from django.urls import reverse

from tests.accounts.test_permission_matrix import DENIED, HIDDEN, LOGIN, OK, person
from tests.opinion.conftest import open_conversation
from tests.factories import MembershipFactory
from territoria.accounts.models import Role

DONE = "done"
ACTIONS = ["list", "vote_page", "results", "export", "vote", "create", "moderate", "close"]

# fmt: off
PUBLIC = {
    #                     list vote_page results export vote   create  moderate close
    "anonymous":         (OK,  OK,       OK,     OK,    LOGIN, LOGIN,  LOGIN,   LOGIN),
    "administrator":     (OK,  OK,       OK,     OK,    DONE,  OK,     OK,      DONE),
    "elected":           (OK,  OK,       OK,     OK,    DONE,  OK,     OK,      DONE),
    "staff":             (OK,  OK,       OK,     OK,    DONE,  OK,     OK,      DONE),
    "pmo":               (OK,  OK,       OK,     OK,    DONE,  OK,     OK,      DONE),
    "project_lead":      (OK,  OK,       OK,     OK,    DONE,  DENIED, DENIED,  DENIED),
    "local_actor":       (OK,  OK,       OK,     OK,    DONE,  DENIED, DENIED,  DENIED),
    "resident":          (OK,  OK,       OK,     OK,    DONE,  DENIED, DENIED,  DENIED),
    "platform operator": (OK,  OK,       OK,     OK,    DONE,  OK,     OK,      DONE),
    "member elsewhere":  (OK,  OK,       OK,     OK,    DONE,  DENIED, DENIED,  DENIED),
}
PRIVATE = {
    "anonymous":         (HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN),
    "administrator":     (OK,     OK,     OK,     OK,     DONE,   OK,     OK,     DONE),
    "elected":           (OK,     OK,     OK,     OK,     DONE,   OK,     OK,     DONE),
    "staff":             (OK,     OK,     OK,     OK,     DONE,   OK,     OK,     DONE),
    "pmo":               (OK,     OK,     OK,     OK,     DONE,   OK,     OK,     DONE),
    "project_lead":      (OK,     OK,     OK,     OK,     DONE,   DENIED, DENIED, DENIED),
    "local_actor":       (OK,     OK,     OK,     OK,     DONE,   DENIED, DENIED, DENIED),
    "resident":          (OK,     OK,     OK,     OK,     DONE,   DENIED, DENIED, DENIED),
    "platform operator": (OK,     OK,     OK,     OK,     DENIED, OK,     OK,     DONE),
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
    from tests.factories import TerritoryFactory

    territory = TerritoryFactory(is_public=(visibility == "public"))
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    conversation = open_conversation(territory, staff)
    user = person(who, territory)
    if user is not None:
        client.force_login(user)
    args = [territory.slug, conversation.pk]
    if action == "list":
        response = client.get(reverse("opinion:conversation-list", args=args[:1]))
    elif action == "vote_page":
        response = client.get(reverse("opinion:conversation-detail", args=args))
    elif action == "results":
        response = client.get(reverse("opinion:conversation-results", args=args))
    elif action == "export":
        response = client.get(reverse("opinion:conversation-export", args=args))
    elif action == "vote":
        response = client.post(reverse("opinion:vote-cast", args=args), {
            "statement": conversation.statements.first().pk, "vote": "agree"})
    elif action == "create":
        response = client.get(reverse("opinion:conversation-create", args=args[:1]))
    elif action == "moderate":
        response = client.get(reverse("opinion:statement-list", args=args))
    else:
        response = client.post(reverse("opinion:conversation-close", args=args))
    if response.status_code == 302:
        got = LOGIN if response.url.startswith(reverse("account_login")) else DONE
    else:
        got = str(response.status_code)
    assert got == expected
