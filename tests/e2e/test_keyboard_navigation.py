"""Keyboard only: the skip link comes first, and every link of the header is reachable with
Tab and shows where the focus is."""

import pytest
from playwright.sync_api import expect

from territoria.accounts.models import Role
from tests.e2e.people import give_authenticator_app, sign_in_directly
from tests.e2e.text import fr
from tests.factories import MembershipFactory, TerritoryFactory, UserFactory

# What the focused element looks like: it must match :focus-visible (the browser shows
# keyboard focus) and draw an outline that can be seen.
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.innerText || el.getAttribute("aria-label") || "").trim(),
    href: el.getAttribute("href"),
    id: el.id,
    inHeaderNav: !!el.closest("header nav"),
    focusVisible: el.matches(":focus-visible"),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    outlineColor: style.outlineColor,
    visible: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
             && box.left < innerWidth && box.top < innerHeight,
  };
}"""


def _header_nav_links(page) -> list[str]:
    return page.evaluate(
        "() => [...document.querySelectorAll('header nav a[href]')]"
        ".map((a) => a.getAttribute('href'))")


def _assert_focus_is_visible(focused: dict) -> None:
    assert focused["focusVisible"], f"{focused} does not match :focus-visible"
    assert focused["visible"], f"{focused} is focused but out of sight"
    assert focused["outlineStyle"] not in ("none", "hidden") and focused["outlineWidth"] >= 2, (
        f"{focused} has no visible focus indicator")


def test_tab_reaches_the_skip_link_first_and_it_moves_the_focus_to_the_content(page):
    territory = TerritoryFactory(name="Pays du Forez", slug="pays-du-forez")

    page.goto(territory.get_absolute_url())
    page.keyboard.press("Tab")
    focused = page.evaluate(_FOCUSED)
    assert focused["text"] == fr("Skip to content")
    _assert_focus_is_visible(focused)

    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    # The next Tab continues from the content, not from the top of the page.
    page.keyboard.press("Tab")
    assert not page.evaluate(_FOCUSED)["inHeaderNav"]


@pytest.mark.parametrize("who", ["visitor", "administrator"])
def test_every_header_link_is_reached_with_tab_and_shows_its_focus(page, live_server, who):
    territory = TerritoryFactory(name="Pays du Forez", slug="pays-du-forez")
    if who == "administrator":  # sees more links: Members, Settings, Change history
        user = UserFactory(email="maire@forez.example.fr")
        MembershipFactory(territory=territory, user=user, role=Role.ADMINISTRATOR)
        give_authenticator_app(user)  # or every page sends them to the two-factor set-up
        sign_in_directly(page, user, live_server.url)

    page.goto(territory.get_absolute_url())
    expected = _header_nav_links(page)
    assert territory.get_absolute_url() in expected  # the territory's navigation is there
    if who == "administrator":
        assert any(href.endswith("/members/") for href in expected)

    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None or focused["id"] == "main" or not page.evaluate(
                "() => !!document.activeElement.closest('header, .skip-link')"):
            break
        _assert_focus_is_visible(focused)
        if focused["inHeaderNav"] and focused["href"]:
            reached.append(focused["href"])
    assert reached == expected, "Tab does not reach every header link, in order"
