"""Who may do what on the diagnostic board, every role against every action, on a public
and a private territory (outcomes as in tests/accounts/test_permission_matrix.py)."""

import pytest
from django.urls import reverse

from territoria.accounts.models import Role
from tests.accounts.test_permission_matrix import DENIED, HIDDEN, LOGIN, OK, person
from tests.diagnostic.conftest import contribute
from tests.factories import MembershipFactory, TerritoryFactory

DONE = "done"
ACTIONS = ["board", "report", "contribute", "support", "proposals", "hide"]

# fmt: off
PUBLIC = {
    #                     board report contribute support proposals hide
    "anonymous":         (OK,   OK,    LOGIN,     LOGIN,  LOGIN,    LOGIN),
    "administrator":     (OK,   OK,    OK,        DONE,   OK,       DONE),
    "elected":           (OK,   OK,    OK,        DONE,   OK,       DONE),
    "staff":             (OK,   OK,    OK,        DONE,   OK,       DONE),
    "pmo":               (OK,   OK,    OK,        DONE,   OK,       DONE),
    "project_lead":      (OK,   OK,    OK,        DONE,   DENIED,   DENIED),
    "local_actor":       (OK,   OK,    OK,        DONE,   DENIED,   DENIED),
    "resident":          (OK,   OK,    OK,        DONE,   DENIED,   DENIED),
    "platform operator": (OK,   OK,    OK,        DONE,   OK,       DONE),
    "member elsewhere":  (OK,   OK,    OK,        DONE,   DENIED,   DENIED),
}
PRIVATE = {
    "anonymous":         (HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN),
    "administrator":     (OK,     OK,     OK,     DONE,   OK,     DONE),
    "elected":           (OK,     OK,     OK,     DONE,   OK,     DONE),
    "staff":             (OK,     OK,     OK,     DONE,   OK,     DONE),
    "pmo":               (OK,     OK,     OK,     DONE,   OK,     DONE),
    "project_lead":      (OK,     OK,     OK,     DONE,   DENIED, DENIED),
    "local_actor":       (OK,     OK,     OK,     DONE,   DENIED, DENIED),
    "resident":          (OK,     OK,     OK,     DONE,   DENIED, DENIED),
    "platform operator": (OK,     OK,     OK,     DENIED, OK,     DONE),
    "member elsewhere":  (HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN),
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
    user = person(who, territory)
    if user is not None:
        client.force_login(user)
    slug = territory.slug
    if action == "board":
        response = client.get(reverse("diagnostic:board", args=[slug]))
    elif action == "report":
        response = client.get(reverse("diagnostic:report", args=[slug]))
    elif action == "contribute":
        response = client.get(reverse("diagnostic:item-contribute", args=[slug]))
    elif action == "support":
        response = client.post(reverse("diagnostic:item-support", args=[slug, item.pk]))
    elif action == "proposals":
        response = client.get(reverse("diagnostic:proposal-list", args=[slug]))
    else:
        response = client.post(reverse("diagnostic:item-hide", args=[slug, item.pk]))
    if response.status_code == 302:
        login = response.url.startswith(reverse("account_login"))
        got = LOGIN if login else DONE
    else:
        got = str(response.status_code)
    assert got == expected
