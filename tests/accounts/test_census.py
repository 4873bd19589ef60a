"""Verified residents: by hand, by the census (as Decidim's csv_census), and on joining."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import MembershipFactory, TerritoryFactory, UserFactory
from territoria.accounts import services
from territoria.accounts.census import read_census
from territoria.accounts.models import CensusEntry, ResidentVerification, Role
from territoria.accounts.permissions import is_verified_resident


def test_the_census_reader_tolerates_bom_semicolons_case_and_other_columns():
    content = "\ufeffNom;EMAIL;Commune\nDupont;Anne@Example.org ;Crest\n\nMartin;bob@example.org;Die\n"
    parsed = read_census(content.encode("utf-8"))
    assert parsed.is_valid and parsed.emails == ["anne@example.org", "bob@example.org"]
    windows = "email\r\nzoé@exemple.fr\r\nanne@example.org\r\nanne@example.org\r\n".encode("cp1252")
    parsed = read_census(windows)
    assert parsed.emails == ["zoé@exemple.fr", "anne@example.org"] and parsed.duplicates == 1


def test_the_census_reader_reports_each_bad_line_by_number():
    parsed = read_census(b"email\nanne@example.org\nnot an address\n\nbob@\n")
    assert parsed.errors == [(3, "invalid_email"), (5, "invalid_email")]
    assert not parsed.is_valid
    assert read_census(b"name\nAnne\n").errors == [(1, "no_email_column")]
    assert read_census(b"").errors == [(0, "empty")]
    assert read_census(b"email\n").errors == [(0, "empty")]


@pytest.mark.django_db
def test_uploading_a_census_verifies_members_on_it_and_later_joiners():
    territory = TerritoryFactory()
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    on_it = MembershipFactory(territory=territory, role=Role.RESIDENT,
                              user=UserFactory(email="anne@example.org")).user
    off_it = MembershipFactory(territory=territory, role=Role.RESIDENT).user
    outcome = services.census_upload(actor=staff, territory=territory,
                                     content=b"Email,name\nANNE@example.org,Anne\nzoe@example.org,Zoe\n")
    assert (outcome.entries, outcome.verified) == (2, 1)
    assert is_verified_resident(on_it, territory)
    assert not is_verified_resident(off_it, territory)
    zoe = UserFactory(email="zoe@example.org")
    services.membership_join(user=zoe, territory=territory)
    assert ResidentVerification.objects.get(user=zoe).method == "census"


@pytest.mark.django_db
def test_a_census_with_a_bad_line_changes_nothing():
    territory = TerritoryFactory()
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    services.census_upload(actor=staff, territory=territory, content=b"email\na@example.org\n")
    with pytest.raises(ValidationError) as error:
        services.census_upload(actor=staff, territory=territory,
                               content=b"email\nb@example.org\n<script>\n")
    assert error.value.messages == ["Line 3: this is not an e-mail address"]
    assert list(CensusEntry.objects.values_list("email", flat=True)) == ["a@example.org"]


@pytest.mark.django_db
def test_a_new_census_withdraws_census_verifications_but_not_manual_ones():
    territory = TerritoryFactory()
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    anne = MembershipFactory(territory=territory, role=Role.RESIDENT,
                             user=UserFactory(email="anne@example.org"))
    bob = MembershipFactory(territory=territory, role=Role.RESIDENT,
                            user=UserFactory(email="bob@example.org"))
    services.census_upload(actor=staff, territory=territory,
                           content=b"email\nanne@example.org\nbob@example.org\n")
    ResidentVerification.objects.filter(user=bob.user).delete()
    services.resident_verify(actor=staff, membership=bob)
    outcome = services.census_upload(actor=staff, territory=territory, content=b"email\nz@example.org\n")
    assert outcome.withdrawn == 1
    assert list(ResidentVerification.objects.values_list("user_id", "method")) == [
        (bob.user_id, "manual")]
    assert not is_verified_resident(anne.user, territory)


@pytest.mark.django_db
def test_a_verification_is_for_one_territory_and_goes_with_the_membership():
    territory, other = TerritoryFactory(), TerritoryFactory()
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    membership = MembershipFactory(territory=territory, role=Role.RESIDENT)
    MembershipFactory(territory=other, role=Role.RESIDENT, user=membership.user)
    services.resident_verify(actor=staff, membership=membership)
    assert is_verified_resident(membership.user, territory)
    assert not is_verified_resident(membership.user, other)
    services.membership_remove(membership=membership)
    assert not ResidentVerification.objects.exists()


@pytest.mark.django_db
def test_the_census_page_reports_bad_lines_and_keeps_the_census(client):
    territory = TerritoryFactory()
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    client.force_login(staff)
    url = reverse("accounts:census-upload", args=[territory.slug])
    response = client.post(url, {"file": SimpleUploadedFile(
        "census.csv", b"email\nok@example.org\nnope\n", content_type="text/csv")})
    assert response.status_code == 400
    assert "Line 3: this is not an e-mail address" in response.content.decode()
    assert not CensusEntry.objects.exists()
    response = client.post(url, {"file": SimpleUploadedFile(
        "census.csv", b"email\nok@example.org\n", content_type="text/csv")}, follow=True)
    assert "The census holds 1 address." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "allowed"), [
    (Role.ADMINISTRATOR, True), (Role.STAFF, True), (Role.ELECTED, False), (Role.PMO, False),
    (Role.PROJECT_LEAD, False), (Role.LOCAL_ACTOR, False), (Role.RESIDENT, False)])
def test_who_may_verify_residents(role, allowed):
    territory = TerritoryFactory()
    user = MembershipFactory(territory=territory, role=role).user
    assert user.has_perm("accounts.verify_residents", territory) is allowed
