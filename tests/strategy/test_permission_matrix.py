"""Who may do what with the strategy, every role against every action, on a public and a
private territory (outcomes as in tests/accounts/test_permission_matrix.py; DONE is a
redirect after the action)."""

import pytest
from django.urls import reverse

from territoria.accounts.models import Role
from territoria.strategy import services
from territoria.strategy.models import OrientationVersion
from tests.accounts.test_permission_matrix import DENIED, HIDDEN, LOGIN, OK, person
from tests.factories import MembershipFactory, TerritoryFactory
from tests.strategy.conftest import adopt, draft, qualitative

DONE = "done"
ACTIONS = ["strategy", "orientation", "versions", "balance", "effects", "create", "submit",
           "adopt", "revise"]

# fmt: off
PUBLIC = {
    #                     strategy orient. versions balance effects create submit adopt   revise
    "anonymous":         (OK,      OK,     OK,      LOGIN,  LOGIN,  LOGIN, LOGIN, LOGIN,  LOGIN),
    "administrator":     (OK,      OK,     OK,      OK,     OK,     OK,    DONE,  OK,     DONE),
    "elected":           (OK,      OK,     OK,      OK,     OK,     OK,    DONE,  OK,     DONE),
    "staff":             (OK,      OK,     OK,      OK,     OK,     OK,    DONE,  DENIED, DONE),
    "pmo":               (OK,      OK,     OK,      OK,     OK,     OK,    DONE,  DENIED, DONE),
    "project_lead":      (OK,      OK,     OK,      DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    "local_actor":       (OK,      OK,     OK,      DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    "resident":          (OK,      OK,     OK,      DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    "platform operator": (OK,      OK,     OK,      OK,     OK,     OK,    DONE,  DENIED, DONE),
    "member elsewhere":  (OK,      OK,     OK,      DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
}
PRIVATE = {
    **{who: outcomes for who, outcomes in PUBLIC.items()
       if who not in ("anonymous", "member elsewhere")},
    "anonymous":         (HIDDEN,) * len(ACTIONS),
    "member elsewhere":  (HIDDEN,) * len(ACTIONS),
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
    team = MembershipFactory(territory=territory, role=Role.ELECTED).user
    adopted = draft(team, territory, title="Adopted")
    qualitative(team, adopted)
    adopt(team, adopted)
    drafted = draft(team, territory, title="Drafted")
    submitted = draft(team, territory, title="Submitted")
    qualitative(team, submitted)
    services.orientation_submit(actor=team, version=submitted)
    user = person(who, territory)
    if user is not None:
        client.force_login(user)

    def at(name, version=None):
        kwargs = {"territory_slug": territory.slug}
        if version is not None:
            kwargs["orientation_id"] = version.orientation_id
        return reverse(f"strategy:{name}", kwargs=kwargs)

    requests = {
        "strategy": lambda: client.get(at("strategy")),
        "orientation": lambda: client.get(at("orientation-detail", adopted)),
        "versions": lambda: client.get(at("orientation-versions", adopted)),
        "balance": lambda: client.get(at("balance")),
        "effects": lambda: client.get(at("effects")),
        "create": lambda: client.get(at("orientation-create")),
        "submit": lambda: client.post(at("orientation-submit", drafted)),
        "adopt": lambda: client.get(at("orientation-adopt", submitted)),
        "revise": lambda: client.post(at("orientation-revise", adopted)),
    }
    response = requests[action]()
    if response.status_code == 302:
        got = LOGIN if response.url.startswith(reverse("account_login")) else DONE
    else:
        got = str(response.status_code)
    assert got == expected
    statuses = {v.title: v.status for v in OrientationVersion.objects.filter(
        territory=territory, number=1)}
    if action == "submit":
        assert (statuses["Drafted"] == "submitted") == (expected == DONE)
    if action == "revise":
        assert OrientationVersion.objects.filter(territory=territory, number=2).exists() == (
            expected == DONE)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.ELECTED, Role.STAFF, Role.PMO,
                                  Role.RESIDENT])
def test_only_administrators_and_elected_officials_record_an_adoption(client, role):
    territory = TerritoryFactory()
    team = MembershipFactory(territory=territory, role=Role.STAFF).user
    version = draft(team, territory)
    qualitative(team, version)
    services.orientation_submit(actor=team, version=version)
    user = person(role, territory)
    client.force_login(user)
    response = client.post(reverse("strategy:orientation-adopt", kwargs={
        "territory_slug": territory.slug, "orientation_id": version.orientation_id}),
        {"decision_date": "2026-01-15", "decision_body": "Governance committee"})
    version.refresh_from_db()
    allowed = role in (Role.ADMINISTRATOR, Role.ELECTED)
    assert response.status_code == (302 if allowed else 403)
    assert version.status == ("adopted" if allowed else "submitted")
