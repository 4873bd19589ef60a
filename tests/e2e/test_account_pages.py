"""Every page of the account, two-factor, personal-data and member-management journeys, in
a real browser: the watch (axe-core, console, CSP) checks each one as it is visited."""

import pytest
from playwright.sync_api import expect

from tests.e2e.people import PASSWORD, current_code, give_authenticator_app, log_in, sign_in_directly
from tests.e2e.text import fr, label
from tests.factories import MembershipFactory, TerritoryFactory, UserFactory
from territoria.accounts import services
from territoria.accounts.models import Role


def visit(page, url: str) -> None:
    page.goto(url)
    expect(page.locator("h1")).to_have_count(1)


def test_entrance_pages_pass_the_checks(page, live_server):
    for path in ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/",
                 "/accounts/password/reset/done/", "/accounts/confirm-email/",
                 "/accounts/confirm-email/not-a-key/"]:
        visit(page, live_server.url + path)
    # A form sent empty shows its errors.
    page.goto(live_server.url + "/accounts/signup/")
    page.locator("main button[type=submit]").first.click()
    expect(page.locator(".field-error").first).to_be_visible()


def test_account_and_two_factor_pages_pass_the_checks(page, live_server):
    user = UserFactory(email="me@example.org")
    base = live_server.url
    page.goto(base + "/accounts/login/")
    log_in(page, user.email)
    for path in ["/me/", "/me/delete/", "/accounts/email/", "/accounts/password/change/",
                 "/accounts/logout/", "/accounts/2fa/", "/accounts/reauthenticate/"]:
        visit(page, base + path)
    page.goto(base + "/accounts/2fa/totp/activate/")  # allauth asks for the password first
    page.get_by_label(label("Password")).fill(PASSWORD)
    page.locator("main button[type=submit]").first.click()
    page.wait_for_url("**/2fa/totp/activate/")
    expect(page.locator("main img[src^='data:image/svg+xml']")).to_be_visible()
    secret = page.locator("#authenticator_secret").inner_text()
    page.get_by_label(label("Authenticator code")).fill(current_code(secret))
    page.locator("main button[type=submit]").first.click()
    page.wait_for_url("**/2fa/recovery-codes/")
    for path in ["/accounts/2fa/", "/accounts/2fa/recovery-codes/generate/",
                 "/accounts/2fa/totp/deactivate/"]:
        visit(page, base + path)


def test_the_two_factor_login_step_passes_the_checks(page, live_server):
    user = UserFactory(email="me@example.org")
    give_authenticator_app(user)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label(label("E-mail address")).fill(user.email)
    page.get_by_label(label("Password")).fill(PASSWORD)
    page.get_by_label(label("Password")).press("Enter")
    page.wait_for_url("**/2fa/authenticate/")
    expect(page.get_by_label(label("Code"))).to_be_visible()


def test_member_and_invitation_pages_pass_the_checks(page, new_page, live_server):
    territory = TerritoryFactory(slug="forez", name="Pays de Forez")
    admin = UserFactory(email="admin@example.org")
    MembershipFactory(territory=territory, user=admin, role=Role.ADMINISTRATOR)
    give_authenticator_app(admin)
    member = MembershipFactory(territory=territory, role=Role.LOCAL_ACTOR, organisation="Coop")
    invitation = services.invitation_create(territory=territory, invited_by=admin,
                                            email="guest@example.org", role=Role.STAFF)
    base = live_server.url

    visit(new_page(), f"{base}/invitations/{invitation.token}/")  # as a visitor

    sign_in_directly(page, admin, base)
    for path in ["/t/forez/members/", "/t/forez/members/invite/",
                 f"/t/forez/members/{member.pk}/", f"/t/forez/members/{member.pk}/remove/",
                 f"/invitations/{invitation.token}/"]:
        visit(page, base + path)
    # The organisation field appears for a local actor only (a script shows it).
    page.goto(base + "/t/forez/members/invite/")
    expect(page.get_by_label(label("Organisation"))).to_be_hidden()
    page.get_by_label(label("Role")).select_option("local_actor")
    expect(page.get_by_label(label("Organisation"))).to_be_visible()
    page.get_by_label(label("E-mail address")).fill("actor@example.org")
    page.get_by_label(label("Organisation")).fill("Coop du Forez")
    page.get_by_role("button", name=fr("Send the invitation")).click()
    page.wait_for_url("**/t/forez/members/")
    expect(page.get_by_role("rowheader", name="actor@example.org")).to_be_visible()
