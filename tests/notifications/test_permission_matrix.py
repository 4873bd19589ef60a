"""Who may follow and search what, every role against every action, on a public and a
private territory (outcomes as in tests/accounts/test_permission_matrix.py)."""

import pytest
from django.urls import reverse

from territoria.accounts.models import Role
from tests.accounts.test_permission_matrix import DENIED, HIDDEN, LOGIN, OK, person
from tests.factories import MembershipFactory

DONE, FOUND, NOT_FOUND = "done", "found", "not found"
ACTIONS = ["search", "find_hidden", "follow", "follow_hidden"]

# fmt: off
PUBLIC = {
    #                     search find_hidden follow follow_hidden
    "anonymous":         (OK,    NOT_FOUND,  LOGIN, LOGIN),
    "administrator":     (OK,    FOUND,      DONE,  DONE),
    "elected":           (OK,    FOUND,      DONE,  DONE),
    "staff":             (OK,    FOUND,      DONE,  DONE),
    "pmo":               (OK,    FOUND,      DONE,  DONE),
    "project_lead":      (OK,    NOT_FOUND,  DONE,  DENIED),
    "local_actor":       (OK,    NOT_FOUND,  DONE,  DENIED),
    "resident":          (OK,    NOT_FOUND,  DONE,  DENIED),
    "platform operator": (OK,    FOUND,      DONE,  DONE),
    "member elsewhere":  (OK,    NOT_FOUND,  DONE,  DENIED),
}
PRIVATE = {
    "anonymous":         (HIDDEN, HIDDEN,    HIDDEN, HIDDEN),
    "administrator":     (OK,     FOUND,     DONE,   DONE),
    "elected":           (OK,     FOUND,     DONE,   DONE),
    "staff":             (OK,     FOUND,     DONE,   DONE),
    "pmo":               (OK,     FOUND,     DONE,   DONE),
    "project_lead":      (OK,     NOT_FOUND, DONE,   DENIED),
    "local_actor":       (OK,     NOT_FOUND, DONE,   DENIED),
    "resident":          (OK,     NOT_FOUND, DONE,   DENIED),
    "platform operator": (OK,     FOUND,     DONE,   DONE),
    "member elsewhere":  (HIDDEN, HIDDEN,    HIDDEN, HIDDEN),
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
def test_role_action_matrix(client, visibility, who, action, expected,
                            django_capture_on_commit_callbacks):
    from territoria.diagnostic.services import item_contribute, item_hide
    from territoria.opinion.services import conversation_create
    from tests.factories import TerritoryFactory

    territory = TerritoryFactory(is_public=(visibility == "public"))
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    author = MembershipFactory(territory=territory, role=Role.RESIDENT).user
    with django_capture_on_commit_callbacks(execute=True):
        conversation = conversation_create(actor=staff, territory=territory, title="Question")
        hidden = item_contribute(author=author, territory=territory, kind="threat",
                                 axis="health", title="Zorglub", explanation="Caché.")
        item_hide(actor=staff, item=hidden)
    user = person(who, territory)
    if user is not None:
        client.force_login(user)
    search = reverse("search:search", args=[territory.slug])
    if action == "search":
        response = client.get(search, {"q": "question"})
    elif action == "find_hidden":
        response = client.get(search, {"q": "zorglub"})
        if response.status_code == 200:
            assert response.content.decode().count("Zorglub") in (0, 1)
            got = FOUND if "Zorglub</mark>" in response.content.decode() else NOT_FOUND
            assert got == expected
            return
    else:
        kind, target = (("opinion.conversation", conversation) if action == "follow"
                        else ("diagnostic.item", hidden))
        response = client.post(reverse("notifications:follow-toggle",
                                       args=[territory.slug, kind, target.pk]))
    if response.status_code == 302:
        got = LOGIN if response.url.startswith(reverse("account_login")) else DONE
    else:
        got = str(response.status_code)
    assert got == expected
