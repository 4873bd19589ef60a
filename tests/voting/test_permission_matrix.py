"""Who may do what with votes, every role against every action, on a public and a private
territory (outcomes as in tests/accounts/test_permission_matrix.py)."""

import pytest
from django.urls import reverse

from tests.accounts.test_permission_matrix import DENIED, HIDDEN, LOGIN, OK, person
from tests.factories import MembershipFactory, TerritoryFactory
from tests.voting.conftest import open_vote
from territoria.accounts.models import Role
from territoria.voting import services
from territoria.voting.models import Participation, Vote

DONE = "done"
ACTIONS = ["list", "detail", "results", "ballot", "create", "edit", "open", "close"]

# fmt: off
PUBLIC = {
    #                     list detail results ballot create  edit    open    close
    "anonymous":         (OK,  OK,    OK,     LOGIN, LOGIN,  LOGIN,  LOGIN,  LOGIN),
    "administrator":     (OK,  OK,    OK,     DONE,  OK,     OK,     DONE,   DONE),
    "elected":           (OK,  OK,    OK,     DONE,  OK,     OK,     DONE,   DONE),
    "staff":             (OK,  OK,    OK,     DONE,  OK,     OK,     DONE,   DONE),
    "pmo":               (OK,  OK,    OK,     DONE,  OK,     OK,     DONE,   DONE),
    "project_lead":      (OK,  OK,    OK,     DONE,  DENIED, DENIED, DENIED, DENIED),
    "local_actor":       (OK,  OK,    OK,     DONE,  DENIED, DENIED, DENIED, DENIED),
    "resident":          (OK,  OK,    OK,     DONE,  DENIED, DENIED, DENIED, DENIED),
    "platform operator": (OK,  OK,    OK,     DONE,  OK,     OK,     DONE,   DONE),
    "member elsewhere":  (OK,  OK,    OK,     DONE,  DENIED, DENIED, DENIED, DENIED),
}
PRIVATE = {
    "anonymous":         (HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN),
    "administrator":     (OK,     OK,     OK,     DONE,   OK,     OK,     DONE,   DONE),
    "elected":           (OK,     OK,     OK,     DONE,   OK,     OK,     DONE,   DONE),
    "staff":             (OK,     OK,     OK,     DONE,   OK,     OK,     DONE,   DONE),
    "pmo":               (OK,     OK,     OK,     DONE,   OK,     OK,     DONE,   DONE),
    "project_lead":      (OK,     OK,     OK,     DONE,   DENIED, DENIED, DENIED, DENIED),
    "local_actor":       (OK,     OK,     OK,     DONE,   DENIED, DENIED, DENIED, DENIED),
    "resident":          (OK,     OK,     OK,     DONE,   DENIED, DENIED, DENIED, DENIED),
    "platform operator": (OK,     OK,     OK,     DENIED, OK,     OK,     DONE,   DONE),
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
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    vote = open_vote(territory, staff, draft=(action == "open"))
    if action == "results":
        services.vote_close(actor=staff, vote=vote)
    user = person(who, territory)
    if user is not None:
        client.force_login(user)
    args = [territory.slug, vote.pk]
    if action == "list":
        response = client.get(reverse("voting:vote-list", args=args[:1]))
    elif action == "detail":
        response = client.get(reverse("voting:vote-detail", args=args))
    elif action == "results":
        response = client.get(reverse("voting:vote-results", args=args))
    elif action == "ballot":
        response = client.post(reverse("voting:ballot-cast", args=args), {
            f"option-{option.pk}": "3" for option in vote.options.all()})
    elif action == "create":
        response = client.get(reverse("voting:vote-create", args=args[:1]))
    elif action == "edit":
        response = client.get(reverse("voting:vote-update", args=args))
    elif action == "open":
        response = client.post(reverse("voting:vote-open", args=args))
    else:
        response = client.post(reverse("voting:vote-close", args=args))
    if response.status_code == 302:
        got = LOGIN if response.url.startswith(reverse("account_login")) else DONE
    else:
        got = str(response.status_code)
    assert got == expected
    vote.refresh_from_db()
    if action == "ballot":
        assert Participation.objects.filter(vote=vote).exists() == (expected == DONE)
    if action == "open":
        assert (vote.status == Vote.Status.OPEN) == (expected == DONE)
    if action == "close":
        assert (vote.status == Vote.Status.CLOSED) == (expected == DONE)
