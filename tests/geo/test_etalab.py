"""From Etalab's npm package to Territoria's referential (no database)."""

import io
import json
import shutil
import tarfile

import pytest

from territoria.geo.domain.etalab import read_etalab_package, referential_from_etalab
from territoria.geo.domain.referential import (
    ReferentialError,
    decode_referential,
    encode_referential,
)

from .conftest import ETALAB_FIXTURE


@pytest.fixture
def referential():
    return referential_from_etalab(read_etalab_package(ETALAB_FIXTURE))


def _commune(referential, code, kind="current"):
    return next(c for c in referential.communes if c.code == code and c.kind == kind)


def test_the_source_names_the_package_and_its_version(referential):
    assert str(referential.source) == "@etalab/decoupage-administratif 6.0.0-fixture"


def test_etalab_types_become_commune_kinds(referential):
    kinds = {(c.code, c.kind) for c in referential.communes}
    assert kinds == {
        ("01015", "current"), ("01015", "delegated"), ("01340", "delegated"),
        ("01120", "associated"), ("01262", "current"), ("42095", "current"),
        ("42218", "current"), ("75056", "current"), ("75101", "arrondissement"),
        ("75102", "arrondissement"),
    }


def test_a_current_commune_keeps_its_siren_population_postal_and_former_codes(referential):
    saint_etienne = _commune(referential, "42218")
    assert saint_etienne.name == "Saint-Étienne"
    assert saint_etienne.siren == "214202186"
    assert saint_etienne.population == 173136
    assert saint_etienne.postal_codes == ("42000", "42100", "42230")
    assert saint_etienne.former_codes == ("42190", "42292", "42309")
    assert (saint_etienne.department, saint_etienne.region) == ("42", "84")


def test_a_commune_gets_its_epci_from_the_epci_members(referential):
    assert _commune(referential, "42218").epci == "244200770"
    assert _commune(referential, "42095").epci == "244200770"
    assert _commune(referential, "01015").epci == "200040350"


def test_delegated_and_associated_communes_point_to_their_chief_town(referential):
    delegated = _commune(referential, "01015", "delegated")
    assert (delegated.name, delegated.parent, delegated.epci) == ("Arbignieu", "01015", None)
    assert _commune(referential, "01120", "associated").parent == "01262"


def test_an_arrondissement_points_to_its_commune_and_keeps_its_population(referential):
    first = _commune(referential, "75101", "arrondissement")
    assert first.parent == "75056"
    assert first.population is not None and first.postal_codes == ("75001",)


def test_an_epci_keeps_its_kind_financing_and_municipal_population(referential):
    metropole = next(e for e in referential.epcis if e.siren == "244200770")
    assert (metropole.name, metropole.kind, metropole.financing, metropole.population) == (
        "Saint-Étienne Métropole", "METRO", "FPU", 407700)


def test_the_built_file_reads_back_as_the_same_referential(referential):
    decoded = decode_referential(encode_referential(referential))
    assert set(decoded.communes) == set(referential.communes)
    assert set(decoded.epcis) == set(referential.epcis)
    assert decoded.source == referential.source


def test_building_twice_gives_the_same_bytes(referential):
    again = referential_from_etalab(read_etalab_package(ETALAB_FIXTURE))
    assert encode_referential(again) == encode_referential(referential)


def test_the_package_is_read_the_same_from_its_tgz(tmp_path, referential):
    archive = tmp_path / "etalab-decoupage-administratif-6.0.0-fixture.tgz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(ETALAB_FIXTURE, arcname="package")
    assert referential_from_etalab(read_etalab_package(archive)) == referential


def test_a_directory_holding_the_extracted_package_is_read_too(tmp_path, referential):
    shutil.copytree(ETALAB_FIXTURE, tmp_path / "package")
    assert referential_from_etalab(read_etalab_package(tmp_path)) == referential


def _copy_fixture(tmp_path):
    target = tmp_path / "package"
    shutil.copytree(ETALAB_FIXTURE, target)
    return target


def _edit(path, change):
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False))


def test_a_commune_in_two_epci_is_refused(tmp_path):
    package = _copy_fixture(tmp_path)
    _edit(package / "data" / "epci.json",
          lambda epcis: epcis[0]["membres"].append({"code": "42218"}))
    with pytest.raises(ReferentialError, match="Commune 42218 is a member of two EPCI"):
        referential_from_etalab(read_etalab_package(package))


def test_an_epci_member_that_is_not_a_current_commune_is_refused(tmp_path):
    package = _copy_fixture(tmp_path)
    _edit(package / "data" / "epci.json",
          lambda epcis: epcis[0]["membres"].append({"code": "99999"}))
    with pytest.raises(ReferentialError, match="member 99999 is not a current commune"):
        referential_from_etalab(read_etalab_package(package))


def test_an_unknown_etalab_type_is_refused(tmp_path):
    package = _copy_fixture(tmp_path)
    _edit(package / "data" / "communes.json",
          lambda communes: communes[0].update(type="commune-fantome"))
    with pytest.raises(ReferentialError, match="unknown type “commune-fantome”"):
        referential_from_etalab(read_etalab_package(package))


def test_another_package_is_refused(tmp_path):
    package = _copy_fixture(tmp_path)
    _edit(package / "package.json", lambda manifest: manifest.update(name="left-pad"))
    with pytest.raises(ReferentialError, match="not the @etalab/decoupage-administratif"):
        read_etalab_package(package)


def test_a_package_without_its_data_is_refused(tmp_path):
    package = _copy_fixture(tmp_path)
    (package / "data" / "epci.json").unlink()
    with pytest.raises(ReferentialError, match="The package has no data/epci.json"):
        read_etalab_package(package)


def test_a_file_that_is_not_an_archive_is_refused(tmp_path):
    bogus = tmp_path / "bogus.tgz"
    bogus.write_bytes(b"not a tar file at all")
    with pytest.raises(ReferentialError, match="is not an npm package archive"):
        read_etalab_package(bogus)


def test_a_commune_missing_a_field_in_the_package_is_named(tmp_path):
    package = _copy_fixture(tmp_path)
    _edit(package / "data" / "communes.json", lambda communes: communes[2].pop("departement"))
    with pytest.raises(ReferentialError,
                       match=r"communes.json, record 2: missing “departement”"):
        referential_from_etalab(read_etalab_package(package))


def test_reading_a_tgz_never_extracts_to_disk(tmp_path, monkeypatch):
    # The archive is read member by member in memory: a hostile path cannot escape.
    archive = tmp_path / "package.tgz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(ETALAB_FIXTURE, arcname="package")
        evil = tarfile.TarInfo("../../evil.txt")
        payload = b"x"
        evil.size = len(payload)
        tar.addfile(evil, io.BytesIO(payload))
    monkeypatch.chdir(tmp_path)
    read_etalab_package(archive)
    assert not (tmp_path.parent.parent / "evil.txt").exists()
