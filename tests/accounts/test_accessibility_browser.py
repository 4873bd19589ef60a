"""Accessibility of the account pages in a real browser: axe-core finds no WCAG 2.1 A/AA
violation on any page of the login, two-factor, personal data and invitation journeys."""

import os
import shutil
from pathlib import Path

import pytest

from tests.accounts.conftest import PASSWORD, give_totp, totp_code
from tests.factories import MembershipFactory, TerritoryFactory, UserFactory
from territoria.accounts import services
from territoria.accounts.models import Role

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium")

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM or not AXE.exists(),
                       reason="needs Debian's chromium and axe-core (make install-test)"),
]


@pytest.fixture
def page(live_server, settings):
    """A browser page on the live server.

    Request it after the fixtures that write the test data: once Playwright runs, the test
    itself must not touch the database (a connection opened from inside Playwright's sync
    API would outlive the test and keep the test database busy).
    """
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        context = browser.new_context(locale="en-GB")
        page = context.new_page()
        page.set_default_timeout(10_000)
        # The pages run under our Content Security Policy: any refused image, script or
        # style is reported on the console and fails the test.
        page.csp_violations = []
        page.on("console", lambda message: "Content Security Policy" in message.text
                and page.csp_violations.append(message.text))
        yield page
        assert page.csp_violations == []
        browser.close()


def assert_accessible(page, url: str | None = None) -> None:
    if url is not None:
        page.goto(url)
    # Evaluated through the DevTools protocol, which the page's CSP does not govern.
    page.evaluate(AXE.read_text())
    result = page.evaluate("""async () => await axe.run(document, {runOnly: {type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})""")
    violations = [(v["id"], v["help"], [n["html"] for n in v["nodes"]][:3])
                  for v in result["violations"]]
    assert violations == [], f"{page.url}: {violations}"
    assert page.locator("h1").count() == 1, page.url


def log_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=False).first.fill(PASSWORD)
    page.locator("main button[type=submit]").first.click()


@pytest.mark.django_db(transaction=True)
def test_entrance_pages_are_accessible(page, live_server):
    base = live_server.url
    for path in ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/",
                 "/accounts/password/reset/done/", "/accounts/confirm-email/",
                 "/accounts/confirm-email/not-a-key/"]:
        assert_accessible(page, base + path)
    # A form with errors.
    page.goto(base + "/accounts/signup/")
    page.locator("main button[type=submit]").first.click()
    assert_accessible(page)


@pytest.fixture
def someone(transactional_db):
    return UserFactory(email="me@example.org")


@pytest.fixture
def someone_with_totp(someone):
    return give_totp(someone)


@pytest.mark.django_db(transaction=True)
def test_account_and_two_factor_pages_are_accessible(someone, page, live_server):
    base = live_server.url
    log_in(page, base, "me@example.org")
    for path in ["/me/", "/me/delete/", "/accounts/email/", "/accounts/password/change/",
                 "/accounts/logout/", "/accounts/2fa/", "/accounts/reauthenticate/"]:
        assert_accessible(page, base + path)
    page.goto(base + "/accounts/2fa/totp/activate/")  # asks for the password first
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main button[type=submit]").first.click()
    page.wait_for_url("**/2fa/totp/activate/")
    assert page.locator("main img[src^='data:image/svg+xml']").is_visible()
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").inner_text()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.locator("main button[type=submit]").first.click()
    page.wait_for_url("**/2fa/recovery-codes/")
    assert_accessible(page)
    for path in ["/accounts/2fa/", "/accounts/2fa/recovery-codes/generate/",
                 "/accounts/2fa/totp/deactivate/"]:
        assert_accessible(page, base + path)
    page.goto(base + "/accounts/2fa/")
    assert page.get_by_text("Authentication using an authenticator app is active.").is_visible()


@pytest.mark.django_db(transaction=True)
def test_the_two_factor_login_step_is_accessible(someone_with_totp, page, live_server):
    log_in(page, live_server.url, "me@example.org")
    page.wait_for_url("**/2fa/authenticate/")
    assert_accessible(page)


@pytest.fixture
def forez(transactional_db):
    territory = TerritoryFactory(slug="forez", name="Pays de Forez")
    admin = UserFactory(email="admin@example.org")
    MembershipFactory(territory=territory, user=admin, role=Role.ADMINISTRATOR)
    secret = give_totp(admin)
    member = MembershipFactory(territory=territory, role=Role.LOCAL_ACTOR, organisation="Coop")
    invitation = services.invitation_create(territory=territory, invited_by=admin,
                                            email="guest@example.org", role=Role.STAFF)
    return secret, member, invitation


@pytest.mark.django_db(transaction=True)
def test_member_and_invitation_pages_are_accessible(forez, page, live_server):
    base = live_server.url
    secret, member, invitation = forez

    assert_accessible(page, f"{base}/invitations/{invitation.token}/")  # anonymous

    log_in(page, base, "admin@example.org")
    page.wait_for_url("**/2fa/authenticate/")
    page.get_by_label("Code").fill(totp_code(secret))
    page.locator("main button[type=submit]").first.click()
    for path in ["/t/forez/members/", "/t/forez/members/invite/",
                 f"/t/forez/members/{member.pk}/", f"/t/forez/members/{member.pk}/remove/",
                 f"/invitations/{invitation.token}/"]:
        assert_accessible(page, base + path)
    # The invitation form, with the organisation shown for a local actor.
    page.goto(base + "/t/forez/members/invite/")
    assert not page.get_by_label("Organisation").is_visible()
    page.get_by_label("Role").select_option("local_actor")
    assert page.get_by_label("Organisation").is_visible()
    page.get_by_label("E-mail address").fill("actor@example.org")
    page.get_by_label("Organisation").fill("Coop du Forez")
    page.get_by_role("button", name="Send the invitation").click()
    page.wait_for_url("**/t/forez/members/")
    assert page.get_by_role("rowheader", name="actor@example.org").is_visible()
    assert_accessible(page)
