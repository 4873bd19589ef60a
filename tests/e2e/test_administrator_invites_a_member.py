"""An administrator invites someone with a role; the person accepts and gets that role.

Written against the contract of the member and invitation pages of ``territoria.accounts``:
the "Members" page (``accounts:member-list``, a "Members" link in the territory's
navigation), the invitation form (``accounts:invitation-create``: "E-mail address", "Role",
button "Send the invitation"), the e-mail with a link to ``/invitations/<token>/``, and that
page's "Accept the invitation" button. The link to the form is named "Invite someone"
(the contract first said "Invite a member").
"""

import re

from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from territoria.accounts.models import Membership, Role
from tests.e2e.people import give_authenticator_app, log_in
from tests.e2e.text import fr, label
from tests.factories import MembershipFactory, TerritoryFactory, UserFactory

INVITEE = "lea.roux@example.fr"


def test_an_administrator_invites_a_project_lead_who_accepts_and_gets_the_role(new_page):
    territory = TerritoryFactory(name="Pays du Forez", slug="pays-du-forez")
    administrator = UserFactory(email="maire@forez.example.fr")
    MembershipFactory(territory=territory, user=administrator, role=Role.ADMINISTRATOR)
    secret = give_authenticator_app(administrator)  # administrators must have two factors
    UserFactory(email=INVITEE)  # Léa already has an account (as a resident elsewhere)
    project_lead = fr(Role.PROJECT_LEAD.label)

    # The administrator logs in with their password, then their authenticator app's code.
    admin = new_page()
    admin.goto(territory.get_absolute_url())
    admin.get_by_role("navigation", name=fr("Account")).get_by_role(
        "link", name=fr("Log in")).click()
    log_in(admin, administrator.email, authenticator_secret=secret)

    admin.goto(territory.get_absolute_url())
    admin.get_by_role("navigation", name=fr("Territory")).get_by_role(
        "link", name=fr("Members")).click()
    expect(admin.get_by_role("heading", level=1)).to_have_text(fr("Members"))
    admin.get_by_role("main").get_by_role("link", name=fr("Invite someone")).click()
    expect(admin).to_have_url(re.compile(re.escape(
        reverse("accounts:invitation-create", args=[territory.slug])) + "$"))

    admin.get_by_label(label("E-mail address")).fill(INVITEE)
    admin.get_by_label(label("Role")).select_option(label=project_lead)
    admin.get_by_role("button", name=fr("Send the invitation")).click()

    expect(admin).to_have_url(re.compile(re.escape(
        reverse("accounts:member-list", args=[territory.slug])) + "$"))
    pending = admin.get_by_role("table", name=fr("Invitations sent and not accepted yet"))
    expect(pending.get_by_role("row").filter(has_text=INVITEE)).to_contain_text(project_lead)

    assert [message.to for message in mail.outbox] == [[INVITEE]]
    link = re.search(r"https?://\S+/invitations/[^\s/]+/", mail.outbox[0].body)
    assert link, mail.outbox[0].body

    # Léa, in her own browser, follows the link, logs in and accepts.
    lea = new_page()
    lea.goto(link.group(0))
    expect(lea.get_by_role("heading", level=1)).to_contain_text("Pays du Forez")
    expect(lea.get_by_role("heading", level=1)).to_contain_text(project_lead)
    lea.get_by_role("main").get_by_role("link", name=fr("Log in")).click()
    log_in(lea, INVITEE)
    expect(lea).to_have_url(link.group(0))  # back to the invitation
    lea.get_by_role("button", name=fr("Accept the invitation")).click()
    expect(lea.get_by_role("status")).to_contain_text(
        fr("Welcome: you now take part in %(territory)s as %(role)s.")
        % {"territory": "Pays du Forez", "role": project_lead})
    assert Membership.objects.get(user__email=INVITEE, territory=territory).role == (
        Role.PROJECT_LEAD)

    # The administrator sees Léa among the members, as project lead, and no longer pending.
    admin.get_by_role("navigation", name=fr("Territory")).get_by_role(
        "link", name=fr("Members")).click()
    members = admin.get_by_role("table", name=fr("Members of the territory and their roles"))
    lea_row = members.get_by_role("row").filter(
        has=admin.get_by_role("rowheader", name=INVITEE))
    expect(lea_row).to_have_count(1)
    expect(lea_row.get_by_role("cell").first).to_have_text(project_lead)
    expect(admin.get_by_role("table", name=fr("Invitations sent and not accepted yet"))
           ).to_have_count(0)
