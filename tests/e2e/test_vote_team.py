"""The team: verifies residents through the census and by hand, prepares a vote reserved to
verified residents, corrects a mistake in the form, opens it; an unverified resident is told
how to be verified. axe-core checks every page visited."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.people import sign_in_directly
from tests.e2e.text import fr, label
from tests.factories import MembershipFactory, TerritoryFactory, UserFactory
from territoria.accounts.models import ResidentVerification, Role
from territoria.voting.models import Vote


def test_staff_verify_residents_and_prepare_a_vote(new_page, live_server, tmp_path):
    territory = TerritoryFactory(name="Val de Test", slug="val-de-test")
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    on_census = MembershipFactory(territory=territory, role=Role.RESIDENT,
                                  user=UserFactory(email="anne@example.org")).user
    unverified = MembershipFactory(territory=territory, role=Role.RESIDENT,
                                   user=UserFactory(email="bob@example.org")).user

    page = new_page()
    sign_in_directly(page, staff, live_server.url)
    page.goto(f"{live_server.url}/t/{territory.slug}/members/")
    page.get_by_role("link", name=fr("Upload the census")).click()
    bad = tmp_path / "bad.csv"
    bad.write_text("Nom;Email\nAnne;anne@example.org\nBob;pas une adresse\n", encoding="utf-8")
    page.get_by_label(label("Census file (CSV)")).set_input_files(str(bad))
    page.get_by_role("button", name=fr("Upload")).click()
    expect(page.get_by_role("alert")).to_contain_text(
        fr("Line %(line)s: %(error)s") % {"line": 3,
                                          "error": fr("this is not an e-mail address")})
    good = tmp_path / "census.csv"
    good.write_bytes("\ufeffNom;EMAIL\nAnne;Anne@Example.org\n".encode())
    page.get_by_label(label("Census file (CSV)")).set_input_files(str(good))
    page.get_by_role("button", name=fr("Upload")).click()
    expect(page.get_by_role("status")).to_contain_text(fr("The census holds %(count)s address.")
                                                       .split("%(count)s")[0].strip())
    assert ResidentVerification.objects.filter(user=on_census, method="census").exists()
    members = page.get_by_role("table", name=fr("Members of the territory and their roles"))
    expect(members.get_by_role("row", name=str(on_census))).to_contain_text(fr("on the census"))
    expect(members.get_by_role("button", name=f"{fr('Verify as a resident')} — {unverified}")
           ).to_be_visible()

    page.goto(f"{live_server.url}/t/{territory.slug}/votes/")
    page.get_by_role("link", name=fr("Prepare a vote")).click()
    page.get_by_label(label("Title")).fill("Mobilités : quelles priorités ?")
    page.get_by_label(label("Options")).fill("Un car toutes les heures | vers la gare")
    page.get_by_label(label("Verified residents only")).check()
    page.get_by_role("button", name=fr("Save the draft")).click()
    expect(page.get_by_role("main")).to_contain_text(
        fr("A vote needs at least %(count)s options.") % {"count": 2})
    expect(page.get_by_label(label("Title"))).to_have_value("Mobilités : quelles priorités ?")
    page.get_by_label(label("Options")).fill(
        "Un car toutes les heures | vers la gare\nDes pistes cyclables\nDu covoiturage")
    page.get_by_role("button", name=fr("Save the draft")).click()
    expect(page.get_by_role("status")).to_contain_text(
        fr("The vote is saved as a draft. Check it, then open it."))
    page.get_by_role("button", name=fr("Open the vote")).click()
    expect(page.get_by_role("status")).to_contain_text(fr("The vote is open."))
    vote = Vote.objects.get()
    assert vote.requires_verification and vote.status == Vote.Status.OPEN
    assert vote.closes_at - timezone.now() > timedelta(days=13)

    resident_page = new_page()
    sign_in_directly(resident_page, unverified, live_server.url)
    resident_page.goto(f"{live_server.url}/t/{territory.slug}/votes/{vote.pk}/")
    expect(resident_page.get_by_role("main")).to_contain_text(
        fr("This vote is reserved to verified residents. To be verified, ask the territory's "
           "team (town hall or intercommunality services) to check that you live here, or "
           "make sure your account uses the e-mail address the town hall has for you on its "
           "census."))
    expect(resident_page.get_by_role("radio")).to_have_count(0)
