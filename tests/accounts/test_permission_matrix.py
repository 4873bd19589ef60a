"""Who may do what in a territory: every role, plus anonymous visitors, platform operators
and members of another territory, against each action, on a public and a private territory.

Outcomes: OK (200), LOGIN (302 to the login page), DENIED (403), HIDDEN (404: a private
territory does not tell it exists), JOINED (302 back to the territory after joining).
"""

import pytest
from django.urls import reverse

from tests.accounts.conftest import give_totp
from tests.factories import MembershipFactory, TerritoryFactory, UserFactory
from territoria.accounts.models import Role

OK, LOGIN, DENIED, HIDDEN, JOINED = "200", "login", "403", "404", "joined"

ACTIONS = ["home", "members", "invite", "change_role", "settings", "history", "join"]

# fmt: off
PUBLIC = {
    #                       home  members invite  change_role settings history join
    "anonymous":           (OK,   LOGIN,  LOGIN,  LOGIN,      LOGIN,   LOGIN,  LOGIN),
    "administrator":       (OK,   OK,     OK,     OK,         OK,      OK,     JOINED),
    "elected":             (OK,   OK,     DENIED, DENIED,     DENIED,  DENIED, JOINED),
    "staff":               (OK,   OK,     DENIED, DENIED,     DENIED,  DENIED, JOINED),
    "pmo":                 (OK,   OK,     DENIED, DENIED,     DENIED,  DENIED, JOINED),
    "project_lead":        (OK,   DENIED, DENIED, DENIED,     DENIED,  DENIED, JOINED),
    "local_actor":         (OK,   DENIED, DENIED, DENIED,     DENIED,  DENIED, JOINED),
    "resident":            (OK,   DENIED, DENIED, DENIED,     DENIED,  DENIED, JOINED),
    "platform operator":   (OK,   OK,     OK,     OK,         OK,      OK,     JOINED),
    "member elsewhere":    (OK,   DENIED, DENIED, DENIED,     DENIED,  DENIED, JOINED),
}

PRIVATE = {
    #                       home    members invite  change_role settings history join
    "anonymous":           (HIDDEN, HIDDEN, HIDDEN, HIDDEN,     HIDDEN,  HIDDEN, LOGIN),
    "administrator":       (OK,     OK,     OK,     OK,         OK,      OK,     DENIED),
    "elected":             (OK,     OK,     DENIED, DENIED,     DENIED,  DENIED, DENIED),
    "staff":               (OK,     OK,     DENIED, DENIED,     DENIED,  DENIED, DENIED),
    "pmo":                 (OK,     OK,     DENIED, DENIED,     DENIED,  DENIED, DENIED),
    "project_lead":        (OK,     DENIED, DENIED, DENIED,     DENIED,  DENIED, DENIED),
    "local_actor":         (OK,     DENIED, DENIED, DENIED,     DENIED,  DENIED, DENIED),
    "resident":            (OK,     DENIED, DENIED, DENIED,     DENIED,  DENIED, DENIED),
    "platform operator":   (OK,     OK,     OK,     OK,         OK,      OK,     DENIED),
    "member elsewhere":    (HIDDEN, HIDDEN, HIDDEN, HIDDEN,     HIDDEN,  HIDDEN, HIDDEN),
}
# fmt: on

CASES = [
    pytest.param(visibility, who, action, expected, id=f"{visibility}-{who}-{action}")
    for visibility, table in (("public", PUBLIC), ("private", PRIVATE))
    for who, outcomes in table.items()
    for action, expected in zip(ACTIONS, outcomes, strict=True)
]


def test_every_role_is_in_the_matrix():
    for table in (PUBLIC, PRIVATE):
        assert set(Role.values) < set(table)


def person(who: str, territory):
    """The user playing ``who`` in ``territory`` (None for an anonymous visitor)."""
    if who == "anonymous":
        return None
    if who == "platform operator":
        user = UserFactory(is_superuser=True, is_staff=True)
    elif who == "member elsewhere":
        user = MembershipFactory(role=Role.ADMINISTRATOR).user
    else:
        user = MembershipFactory(territory=territory, role=who).user
    if who in ("administrator", "platform operator", "member elsewhere"):
        give_totp(user)  # administrators must have it (RequireMfaForAdministratorsMiddleware)
    return user


def request_action(client, action: str, territory, member):
    slug = territory.slug
    if action == "home":
        return client.get(reverse("core:territory-home", args=[slug]))
    if action == "members":
        return client.get(reverse("accounts:member-list", args=[slug]))
    if action == "invite":
        return client.get(reverse("accounts:invitation-create", args=[slug]))
    if action == "change_role":
        return client.get(reverse("accounts:member-update", args=[slug, member.pk]))
    if action == "settings":
        return client.get(reverse("core:territory-settings", args=[slug]))
    if action == "history":
        return client.get(reverse("core:territory-history", args=[slug]))
    if action == "join":
        return client.post(reverse("accounts:territory-join", args=[slug]))
    raise AssertionError(action)


def outcome(response, territory) -> str:
    if response.status_code == 302:
        if response.url.startswith(reverse("account_login")):
            return LOGIN
        if response.url == territory.get_absolute_url():
            return JOINED
        return f"302 to {response.url}"
    return str(response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize(("visibility", "who", "action", "expected"), CASES)
def test_role_action_matrix(client, visibility, who, action, expected):
    territory = TerritoryFactory(is_public=(visibility == "public"))
    member = MembershipFactory(territory=territory, role=Role.RESIDENT)
    user = person(who, territory)
    if user is not None:
        client.force_login(user)
    response = request_action(client, action, territory, member)
    assert outcome(response, territory) == expected
