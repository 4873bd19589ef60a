"""``build_referential``: from the Etalab package to the committed referential file."""

import tarfile

import pytest
from django.core.management import CommandError, call_command

from territoria.geo.domain.referential import decode_referential
from territoria.geo.models import Commune
from territoria.geo.services import referential_load

from .conftest import ETALAB_FIXTURE


@pytest.fixture
def package_tgz(tmp_path):
    archive = tmp_path / "etalab-decoupage-administratif-6.0.0-fixture.tgz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(ETALAB_FIXTURE, arcname="package")
    return archive


def test_the_command_writes_a_referential_file_from_the_package_tgz(package_tgz, tmp_path,
                                                                      capsys):
    output = tmp_path / "out" / "referential.json.gz"

    call_command("build_referential", str(package_tgz), output=str(output))

    referential = decode_referential(output.read_bytes())
    assert str(referential.source) == "@etalab/decoupage-administratif 6.0.0-fixture"
    assert len(referential.communes) == 10
    assert "Wrote" in capsys.readouterr().out


def test_rebuilding_from_the_same_package_leaves_the_file_alone(package_tgz, tmp_path, capsys):
    output = tmp_path / "referential.json.gz"
    call_command("build_referential", str(package_tgz), output=str(output))
    first = output.stat().st_mtime_ns

    call_command("build_referential", str(ETALAB_FIXTURE), output=str(output))

    assert output.stat().st_mtime_ns == first
    assert "already up to date" in capsys.readouterr().out


def test_a_bad_package_is_refused_and_no_file_is_written(tmp_path):
    output = tmp_path / "referential.json.gz"
    bogus = tmp_path / "bogus.tgz"
    bogus.write_bytes(b"not an archive")

    with pytest.raises(CommandError, match="is not an npm package archive"):
        call_command("build_referential", str(bogus), output=str(output))

    assert not output.exists()


@pytest.mark.django_db
def test_the_built_file_loads(package_tgz, tmp_path):
    output = tmp_path / "referential.json.gz"
    call_command("build_referential", str(package_tgz), output=str(output))

    referential_load(path=output)

    assert Commune.objects.filter(kind=Commune.Kind.ARRONDISSEMENT).count() == 2
    assert Commune.objects.get(insee_code="01120").parent.name == "Montluel"
