"""The committed referential file, loaded whole (a few seconds, once for the module)."""

import hashlib

import pytest
from django.db import transaction
from django.db.models import F

from territoria.geo.domain.referential import decode_referential
from territoria.geo.models import Commune, Department, Epci, ReferentialVersion, Region
from territoria.geo.selectors import commune_search, epci_search
from territoria.geo.services import DEFAULT_REFERENTIAL_PATH, referential_load

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def full_referential(django_db_setup, django_db_blocker):
    """The whole referential, loaded once and committed; removed after the module."""
    with django_db_blocker.unblock():
        report = referential_load(path=DEFAULT_REFERENTIAL_PATH)
        yield report
        with transaction.atomic():
            for model in (ReferentialVersion, Commune, Epci, Department, Region):
                model.objects.all()._raw_delete(model.objects.db)


def test_the_committed_file_is_compact_and_names_its_source():
    raw = DEFAULT_REFERENTIAL_PATH.read_bytes()
    assert len(raw) < 2 * 1024 * 1024
    source = decode_referential(raw).source
    assert str(source) == "@etalab/decoupage-administratif 6.0.0"
    assert source.licence.startswith("Licence Ouverte 2.0")


def test_source_md_gives_the_committed_files_checksum():
    checksum = hashlib.sha256(DEFAULT_REFERENTIAL_PATH.read_bytes()).hexdigest()
    assert checksum in (DEFAULT_REFERENTIAL_PATH.parent / "SOURCE.md").read_text()


def test_the_whole_referential_is_loaded(full_referential):
    assert full_referential.counts == {
        "regions": 26, "departments": 109, "epcis": 1255, "communes_current": 34969,
        "communes_associated": 471, "communes_delegated": 2105, "communes_arrondissement": 45}
    assert Commune.objects.filter(kind=Commune.Kind.CURRENT).count() == 34969
    assert Commune.objects.count() == 37590
    assert Epci.objects.count() == 1255
    assert Department.objects.count() == 109
    assert Region.objects.count() == 26


def test_saint_etienne_has_its_population_and_its_metropole(full_referential):
    saint_etienne = Commune.objects.select_related("epci", "department", "region").get(
        insee_code="42218", kind=Commune.Kind.CURRENT)
    assert saint_etienne.name == "Saint-Étienne"
    assert saint_etienne.population == 173136
    assert saint_etienne.siren == "214202186"
    assert saint_etienne.postal_codes == "42000,42100,42230"
    assert saint_etienne.former_codes == "42190,42292,42309"
    assert (saint_etienne.department.name, saint_etienne.region.name) == (
        "Loire", "Auvergne-Rhône-Alpes")
    metropole = saint_etienne.epci
    assert (metropole.siren, metropole.name, metropole.kind) == (
        "244200770", "Saint-Étienne Métropole", Epci.Kind.METRO)
    assert metropole.population == 407700
    assert metropole.communes.count() == 53


def test_a_delegated_commune_with_its_chief_towns_code_is_kept_distinct(full_referential):
    current = Commune.objects.get(insee_code="01015", kind=Commune.Kind.CURRENT)
    delegated = Commune.objects.get(insee_code="01015", kind=Commune.Kind.DELEGATED)
    assert (current.name, delegated.name) == ("Arboys en Bugey", "Arbignieu")
    assert delegated.parent_id == current.pk
    assert Commune.objects.filter(kind=Commune.Kind.DELEGATED,
                                  parent__insee_code=F("insee_code")).count() == 584


def test_paris_lyon_and_marseille_have_their_arrondissements(full_referential):
    for code, count in (("75056", 20), ("69123", 9), ("13055", 16)):
        city = Commune.objects.get(insee_code=code, kind=Commune.Kind.CURRENT)
        assert city.children.filter(kind=Commune.Kind.ARRONDISSEMENT).count() == count


def test_every_current_commune_outside_a_few_islands_and_overseas_has_an_epci(full_referential):
    without = Commune.objects.filter(kind=Commune.Kind.CURRENT, epci__isnull=True)
    assert without.count() == 98
    assert not without.exclude(department__code__in=["22", "29", "85", "975", "977", "978",
                                                     "984", "986", "987", "988", "989"]).exists()


@pytest.mark.parametrize("query", ["st etienne", "saint etienne", "ST-ÉTIENNE", "Saint-Étienne",
                                   "saint-etienne", "42218", "214202186"])
def test_saint_etienne_comes_first_however_it_is_written(full_referential, query):
    assert commune_search(query=query)[0].insee_code == "42218"


def test_the_metropole_is_found_by_name_and_by_siren(full_referential):
    assert epci_search(query="st etienne metropole")[0].siren == "244200770"
    assert epci_search(query="244200770")[0].name == "Saint-Étienne Métropole"
    assert epci_search(query="st etienne")[0].siren == "244200770"


def test_reloading_the_committed_file_is_skipped(full_referential):
    report = referential_load(path=DEFAULT_REFERENTIAL_PATH)
    assert report.skipped


def test_a_forced_reload_of_the_committed_file_changes_nothing(full_referential):
    report = referential_load(path=DEFAULT_REFERENTIAL_PATH, force=True)
    assert not report.changed
    assert report.changes["communes"].unchanged == 37590
