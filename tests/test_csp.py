"""Every page is served with a Content Security Policy and carries no inline code without
the request's nonce (inline scripts, inline styles, event-handler or style attributes)."""

import re

import pytest

from tests.factories import MembershipFactory, TerritoryFactory

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>", re.I)
INLINE_STYLE = re.compile(r"<style([^>]*)>", re.I)
HANDLER_ATTR = re.compile(r"<[^>]+\s(on[a-z]+|style)\s*=", re.I)


def assert_no_unsafe_inline(html: str, nonce: str) -> None:
    for match in [*INLINE_SCRIPT.finditer(html), *INLINE_STYLE.finditer(html)]:
        assert f'nonce="{nonce}"' in match.group(1), f"inline code without nonce: {match.group(0)}"
    bad = HANDLER_ATTR.search(html)
    assert bad is None, f"inline attribute blocked by the CSP: {bad.group(0)[:120]}"


@pytest.mark.django_db
@pytest.mark.parametrize("as_admin", [False, True])
def test_pages_send_a_csp_and_no_unnonced_inline_code(client, as_admin):
    territory = TerritoryFactory(slug="pays-test")
    urls = ["/", "/geo/search/?q=commune", "/accessibility/", "/accounts/login/",
            "/accounts/signup/", "/t/pays-test/", "/t/pays-test/perimeter/"]
    if as_admin:
        membership = MembershipFactory(territory=territory, role="administrator")
        from allauth.mfa.models import Authenticator

        Authenticator.objects.create(user=membership.user, type=Authenticator.Type.TOTP,
                                     data={"secret": "JBSWY3DPEHPK3PXP"})
        client.force_login(membership.user)
        urls = ["/t/pays-test/", "/t/pays-test/settings/", "/t/pays-test/history/",
                "/t/pays-test/members/", "/me/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        # Django adds the nonce to the header only when the page used it.
        found = re.search(r"'nonce-([^']+)'", policy)
        nonce = found.group(1) if found else "(no nonce on this page)"
        assert_no_unsafe_inline(response.content.decode(), nonce)
