"""Creating and updating territories."""

import pytest
from django.core.exceptions import ValidationError

from territoria.core.models import Territory
from territoria.core.services import territory_create, territory_update
from territoria.geo.models import Commune
from tests.core.conftest import png_bytes, upload
from tests.factories import CommuneFactory, EpciFactory

pytestmark = pytest.mark.django_db


def test_a_territory_anchored_to_a_commune_covers_that_commune():
    commune = CommuneFactory(name="Crest")
    territory = territory_create(name="Ville de Crest", kind=Territory.Kind.COMMUNE,
                                 commune=commune)
    assert territory.slug == "ville-de-crest"
    assert territory.commune == commune
    assert list(territory.communes.all()) == [commune]


def test_the_perimeter_of_an_epci_is_its_current_member_communes():
    epci = EpciFactory()
    members = [CommuneFactory(epci=epci), CommuneFactory(epci=epci)]
    CommuneFactory(epci=epci, kind=Commune.Kind.DELEGATED)  # part of a member already
    CommuneFactory()  # a commune of another EPCI
    territory = territory_create(name="Val de Test", kind=Territory.Kind.EPCI, epci=epci)
    assert territory.epci == epci
    assert set(territory.communes.all()) == set(members)


def test_a_custom_perimeter_covers_the_communes_listed():
    communes = [CommuneFactory(), CommuneFactory(), CommuneFactory()]
    territory = territory_create(name="Pays du Test", kind=Territory.Kind.CUSTOM,
                                 communes=communes + communes[:1])
    assert territory.commune is None and territory.epci is None
    assert set(territory.communes.all()) == set(communes)


def test_a_taken_slug_is_refused_with_a_clear_message_and_nothing_is_written():
    territory_create(name="Pays de Test", kind=Territory.Kind.COMMUNE, commune=CommuneFactory())
    with pytest.raises(ValidationError) as error:
        territory_create(name="Pays de test", kind=Territory.Kind.CUSTOM,
                         communes=[CommuneFactory()])
    assert error.value.code == "slug_taken"
    assert error.value.messages == [
        "The address “pays-de-test” is already taken by another territory."]
    assert Territory.objects.count() == 1
    assert Territory.history.count() == 1


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"kind": Territory.Kind.COMMUNE}, "commune_required"),
    ({"kind": Territory.Kind.EPCI}, "epci_required"),
    ({"kind": Territory.Kind.CUSTOM, "communes": []}, "communes_required"),
    ({"kind": "region"}, "kind"),
])
def test_a_territory_without_its_anchor_is_refused(kwargs, code):
    with pytest.raises(ValidationError) as error:
        territory_create(name="Sans ancrage", **kwargs)
    assert error.value.code == code
    assert not Territory.objects.exists()


def test_an_epci_without_members_is_refused():
    with pytest.raises(ValidationError) as error:
        territory_create(name="Vide", kind=Territory.Kind.EPCI, epci=EpciFactory())
    assert error.value.code == "epci_empty"


def test_a_delegated_commune_cannot_be_part_of_a_perimeter():
    delegated = CommuneFactory(kind=Commune.Kind.DELEGATED)
    with pytest.raises(ValidationError):
        territory_create(name="Déléguée", kind=Territory.Kind.COMMUNE, commune=delegated)
    with pytest.raises(ValidationError) as error:
        territory_create(name="Déléguée", kind=Territory.Kind.CUSTOM,
                         communes=[CommuneFactory(), delegated])
    assert error.value.code == "communes_not_current"
    assert not Territory.objects.exists()


def test_an_invalid_colour_is_refused_and_nothing_is_written():
    with pytest.raises(ValidationError) as error:
        territory_create(name="Bleu", kind=Territory.Kind.COMMUNE, commune=CommuneFactory(),
                         main_colour="blue")
    assert "main_colour" in error.value.message_dict
    assert not Territory.objects.exists()


def test_a_name_without_letters_gives_no_address():
    with pytest.raises(ValidationError) as error:
        territory_create(name="« — »", kind=Territory.Kind.COMMUNE, commune=CommuneFactory())
    assert error.value.code == "slug_required"


def test_update_changes_the_presentation_but_not_the_address(territory):
    with pytest.raises(ValueError):
        territory_update(territory=territory, slug="elsewhere")
    territory_update(territory=territory, name="Nouveau nom", main_colour="#aa0000")
    territory.refresh_from_db()
    assert (territory.name, territory.slug, territory.main_colour) == (
        "Nouveau nom", "pays-de-test", "#aa0000")


def test_update_refuses_a_logo_that_is_not_an_image_whoever_calls_it(territory):
    with pytest.raises(ValidationError):
        territory_update(territory=territory, logo=upload(b"%PDF-1.4 not an image"))
    territory.refresh_from_db()
    assert not territory.logo


def test_a_logo_can_be_set_then_cleared(territory):
    territory_update(territory=territory, logo=upload(png_bytes()))
    territory.refresh_from_db()
    assert territory.logo.name.startswith("logos/")
    territory_update(territory=territory, logo=False)
    territory.refresh_from_db()
    assert territory.logo.name == ""
