import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from territoria.accounts.models import Membership, Role
from territoria.diagnostic import services
from territoria.diagnostic.models import DiagnosticItem, Evidence, Support
from tests.diagnostic.conftest import contribute
from tests.factories import MembershipFactory, TerritoryFactory, UserFactory

Status = DiagnosticItem.Status


def test_a_contribution_is_published_with_the_authors_role(territory, resident):
    item = contribute(resident, territory)
    assert item.status == Status.PUBLISHED
    assert item.origin == DiagnosticItem.Origin.CONTRIBUTION
    assert item.author_role == Role.RESIDENT


def test_a_local_actor_speaks_for_their_organisation(territory):
    actor = MembershipFactory(territory=territory, role=Role.LOCAL_ACTOR,
                              organisation="Coopérative des Monts").user
    assert contribute(actor, territory).organisation == "Coopérative des Monts"


def test_someone_without_a_role_joins_a_public_territory_as_a_resident(territory):
    newcomer = UserFactory()
    contribute(newcomer, territory)
    assert Membership.objects.get(user=newcomer, territory=territory).role == Role.RESIDENT


def test_nobody_joins_a_private_territory_by_contributing(db):
    private = TerritoryFactory(is_public=False)
    with pytest.raises(PermissionDenied):
        contribute(UserFactory(), private)
    assert not DiagnosticItem.objects.exists()


@pytest.mark.parametrize(("field", "values"), [
    ("kind", {"kind": "rumour"}), ("axis", {"axis": "astrology"}),
    ("title", {"title": "   "}), ("explanation", {"explanation": ""}),
    ("title", {"title": "x" * 201}),
])
def test_a_bad_contribution_is_refused_and_nothing_is_written(territory, resident, field,
                                                               values):
    with pytest.raises(ValidationError) as error:
        contribute(resident, territory, **values)
    assert field in error.value.message_dict
    assert not DiagnosticItem.objects.exists()


def test_hostile_html_is_kept_as_plain_text(territory, resident):
    item = contribute(resident, territory, title="<script>alert(1)</script>",
                      explanation="<img src=x onerror=alert(1)>")
    assert item.title == "<script>alert(1)</script>"  # escaped when shown, never run


def test_one_support_per_person_and_it_can_be_withdrawn(territory, resident):
    item = contribute(resident, territory)
    neighbour = MembershipFactory(territory=territory, role=Role.RESIDENT).user
    assert services.item_support(user=neighbour, item=item) is True
    assert services.item_support(user=neighbour, item=item) is True
    assert Support.objects.filter(item=item).count() == 1
    assert services.item_support(user=neighbour, item=item, support=False) is False
    assert not Support.objects.filter(item=item).exists()


def test_a_hidden_item_cannot_be_supported(territory, resident, staff):
    item = contribute(resident, territory)
    services.item_hide(actor=staff, item=item)
    with pytest.raises(ValidationError):
        services.item_support(user=staff, item=item)


def test_merging_moves_supporters_and_evidence_without_counting_anyone_twice(
        territory, resident, staff):
    first = contribute(resident, territory, title="Buses are rare")
    author2 = MembershipFactory(territory=territory, role=Role.RESIDENT).user
    duplicate = contribute(author2, territory, title="Not enough buses")
    both = MembershipFactory(territory=territory, role=Role.RESIDENT).user
    services.item_support(user=both, item=first)
    services.item_support(user=both, item=duplicate)
    services.item_support(user=resident, item=duplicate)  # the first item's own author
    services.evidence_add(actor=staff, item=duplicate, title="Bus timetable",
                          url="https://example.org/timetable.pdf")
    services.items_merge(actor=staff, duplicate=duplicate, into=first)
    duplicate.refresh_from_db()
    assert duplicate.status == Status.MERGED and duplicate.merged_into == first
    supporters = set(Support.objects.filter(item=first).values_list("user_id", flat=True))
    assert supporters == {both.pk, author2.pk}
    assert Evidence.objects.get().item == first


def test_an_item_cannot_be_merged_into_itself_or_across_territories(territory, resident, staff):
    item = contribute(resident, territory)
    with pytest.raises(ValidationError):
        services.items_merge(actor=staff, duplicate=item, into=item)
    elsewhere = TerritoryFactory()
    other = contribute(MembershipFactory(territory=elsewhere).user, elsewhere)
    with pytest.raises(ValidationError):
        services.items_merge(actor=staff, duplicate=item, into=other)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "not a url"])
def test_a_document_needs_a_web_address(territory, resident, staff, url):
    item = contribute(resident, territory)
    with pytest.raises(ValidationError):
        services.evidence_add(actor=staff, item=item, title="Doc", url=url)
    assert not Evidence.objects.exists()


def test_moderation_hides_then_shows_a_contribution(territory, resident, staff):
    item = contribute(resident, territory)
    services.item_hide(actor=staff, item=item)
    assert item.status == Status.HIDDEN and item.decided_by == staff
    services.item_hide(actor=staff, item=item, hidden=False)
    assert item.status == Status.PUBLISHED


def test_a_persons_contributions_and_supports_are_in_their_data_export(client, territory,
                                                                       resident, staff):
    item = contribute(resident, territory, title="Too few buses")
    services.item_support(user=staff, item=item)
    client.force_login(resident)
    exported = client.get("/me/export/").json()["diagnostic"]
    assert [c["title"] for c in exported["contributions"]] == ["Too few buses"]
    client.force_login(staff)
    assert client.get("/me/export/").json()["diagnostic"]["supports"][0]["item"] == \
        "Too few buses"
