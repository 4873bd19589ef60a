"""Loading a referential file into the database."""

import gzip
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from territoria.geo import services
from territoria.geo.models import Commune, Department, Epci, ReferentialVersion, Region
from territoria.geo.selectors import commune_search
from territoria.geo.services import ReferentialError, referential_load
from tests.factories import TerritoryFactory

from .conftest import database_state

pytestmark = pytest.mark.django_db

REPOSITORY = Path(__file__).resolve().parents[2]


def _commune(code, kind=Commune.Kind.CURRENT):
    return Commune.objects.get(insee_code=code, kind=kind)


def test_loading_into_an_empty_database_creates_every_record(small_document, write_file):
    path = write_file(small_document)

    report = referential_load(path=path)

    assert not report.skipped
    assert {table: c.created for table, c in report.changes.items()} == {
        "regions": 2, "departments": 3, "epcis": 2, "communes": 6}
    assert (Region.objects.count(), Department.objects.count(), Epci.objects.count(),
            Commune.objects.count()) == (2, 3, 2, 6)
    saint_etienne = _commune("42218")
    assert saint_etienne.name == "Saint-Étienne"
    assert saint_etienne.search_name == "st etienne"
    assert saint_etienne.siren == "214202186"
    assert saint_etienne.population == 173136
    assert saint_etienne.postal_codes == "42000,42100"
    assert saint_etienne.former_codes == "42190,42292"
    assert saint_etienne.department.code == "42"
    assert saint_etienne.region.code == "84"
    assert saint_etienne.epci.siren == "244200770"
    assert saint_etienne.epci.search_name == "st etienne metropole"
    assert _commune("75101", Commune.Kind.ARRONDISSEMENT).parent == _commune("75056")


def test_a_delegated_commune_with_its_chief_towns_code_is_a_distinct_record(
        small_document, write_file):
    referential_load(path=write_file(small_document))

    current = _commune("01015")
    delegated = _commune("01015", Commune.Kind.DELEGATED)
    assert current.pk != delegated.pk
    assert (current.name, delegated.name) == ("Arboys en Bugey", "Arbignieu")
    assert delegated.parent == current
    assert delegated.epci is None and current.epci.siren == "200040350"


def test_the_load_records_the_version_loaded(small_document, write_file):
    path = write_file(small_document)

    referential_load(path=path)

    version = ReferentialVersion.objects.get()
    assert version.checksum == hashlib.sha256(path.read_bytes()).hexdigest()
    assert version.source == "test 1"
    assert version.counts["communes_current"] == 4
    assert version.changes["communes"]["created"] == 6


def test_loading_the_same_file_again_is_skipped_and_changes_nothing(small_document, write_file):
    path = write_file(small_document)
    referential_load(path=path)
    before = database_state()

    report = referential_load(path=path)

    assert report.skipped
    assert not report.changed
    assert database_state() == before
    assert "is already loaded: nothing to do" in report.summary()


def test_a_forced_reload_of_the_same_file_finds_everything_unchanged(small_document, write_file):
    path = write_file(small_document)
    referential_load(path=path)
    before = database_state()

    report = referential_load(path=path, force=True)

    assert not report.changed
    assert {table: c.unchanged for table, c in report.changes.items()} == {
        "regions": 2, "departments": 3, "epcis": 2, "communes": 6}
    after = database_state()
    assert {k: v for k, v in after.items() if k != "ReferentialVersion"} == {
        k: v for k, v in before.items() if k != "ReferentialVersion"}


def test_a_changed_file_updates_only_what_changed(small_document, write_file):
    referential_load(path=write_file(small_document))
    saint_etienne_id = _commune("42218").pk
    small_document["communes"][0]["population"] = 174000
    small_document["communes"][1]["name"] = "Firminy-Vert"
    small_document["epcis"][1]["name"] = "CC Bugey Sud et Lacs"
    small_document["communes"].append({
        "code": "42279", "kind": "current", "name": "Unieux", "siren": "214202798",
        "department": "42", "region": "84", "epci": "244200770", "parent": None,
        "population": 8900, "postal_codes": ["42240"], "former_codes": []})

    report = referential_load(path=write_file(small_document))

    assert report.changes["communes"].as_dict() == {
        "created": 1, "updated": 2, "unchanged": 4, "deleted": 0, "kept": 0}
    assert report.changes["epcis"].updated == 1
    assert report.changes["regions"].unchanged == 2
    saint_etienne = _commune("42218")
    assert (saint_etienne.pk, saint_etienne.population) == (saint_etienne_id, 174000)
    assert _commune("42095").search_name == "firminy vert"
    assert Epci.objects.get(siren="200040350").search_name == "cc bugey sud et lacs"
    assert _commune("42279").epci.siren == "244200770"
    assert ReferentialVersion.objects.count() == 2


def test_a_commune_gone_from_the_file_is_deleted(small_document, write_file):
    referential_load(path=write_file(small_document))
    small_document["communes"] = [c for c in small_document["communes"] if c["code"] != "42095"]

    report = referential_load(path=write_file(small_document))

    assert report.changes["communes"].deleted == 1
    assert not Commune.objects.filter(insee_code="42095").exists()


def test_a_commune_gone_from_the_file_is_kept_while_a_territory_refers_to_it(
        small_document, write_file):
    referential_load(path=write_file(small_document))
    territory = TerritoryFactory(communes=[_commune("42095"), _commune("42218")])
    small_document["communes"] = [c for c in small_document["communes"] if c["code"] != "42095"]

    report = referential_load(path=write_file(small_document))

    assert report.changes["communes"].as_dict()["kept"] == 1
    firminy = _commune("42095")
    assert firminy.withdrawn
    assert set(territory.communes.values_list("insee_code", flat=True)) == {"42095", "42218"}
    assert list(commune_search(query="Firminy")) == []


def test_a_commune_gone_from_the_file_is_kept_while_a_territory_is_anchored_on_it(
        small_document, write_file):
    referential_load(path=write_file(small_document))
    TerritoryFactory(kind="commune", commune=_commune("42095"), communes=[_commune("42218")])
    small_document["communes"] = [c for c in small_document["communes"] if c["code"] != "42095"]

    report = referential_load(path=write_file(small_document))

    assert report.changes["communes"].kept == 1
    assert _commune("42095").withdrawn


def test_a_withdrawn_commune_that_comes_back_is_current_again(small_document, write_file):
    referential_load(path=write_file(small_document))
    TerritoryFactory(communes=[_commune("42095")])
    full = json.loads(json.dumps(small_document))
    small_document["communes"] = [c for c in small_document["communes"] if c["code"] != "42095"]
    referential_load(path=write_file(small_document))

    report = referential_load(path=write_file(full))

    assert report.changes["communes"].updated == 1
    assert not _commune("42095").withdrawn


def test_a_kept_delegated_commune_keeps_its_chief_town(small_document, write_file):
    referential_load(path=write_file(small_document))
    TerritoryFactory(communes=[_commune("01015", Commune.Kind.DELEGATED)])
    small_document["communes"] = [c for c in small_document["communes"] if c["code"] != "01015"]

    report = referential_load(path=write_file(small_document))

    # Deleting the chief town would have cascaded to the delegated commune.
    assert report.changes["communes"].kept == 2
    assert _commune("01015", Commune.Kind.DELEGATED).parent == _commune("01015")


def test_an_epci_gone_from_the_file_is_kept_while_a_territory_is_anchored_on_it(
        small_document, write_file):
    referential_load(path=write_file(small_document))
    bugey = Epci.objects.get(siren="200040350")
    TerritoryFactory(kind="epci", epci=bugey, communes=[_commune("01015")])
    small_document["epcis"] = [e for e in small_document["epcis"] if e["siren"] != "200040350"]
    small_document["communes"][2]["epci"] = None

    report = referential_load(path=write_file(small_document))

    assert report.changes["epcis"].kept == 1
    bugey.refresh_from_db()
    assert bugey.withdrawn
    assert _commune("01015").epci is None


def test_an_epci_gone_from_the_file_is_deleted_when_nothing_refers_to_it(
        small_document, write_file):
    referential_load(path=write_file(small_document))
    small_document["epcis"] = [e for e in small_document["epcis"] if e["siren"] != "200040350"]
    small_document["communes"][2]["epci"] = None

    report = referential_load(path=write_file(small_document))

    assert report.changes["epcis"].deleted == 1
    assert not Epci.objects.filter(siren="200040350").exists()


def _truncated(path: Path) -> Path:
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) * 2 // 3])
    return path


def _corrupt(path: Path) -> Path:
    raw = bytearray(path.read_bytes())
    for i in range(len(raw) // 2, len(raw) // 2 + 4):
        raw[i] ^= 0xFF
    path.write_bytes(bytes(raw))
    return path


def _unknown_department(document):
    document["communes"][0]["department"] = "99"


def _duplicate_commune(document):
    document["communes"].append(dict(document["communes"][1], name="Firminy bis"))


def _unknown_epci(document):
    document["communes"][1]["epci"] = "200000000"


def _future_version(document):
    document["version"] = 7


def _missing_key(document):
    del document["epcis"][0]["kind"]


@pytest.mark.parametrize(("spoil_document", "spoil_file", "message"), [
    (None, _truncated, "The file is truncated: its compressed data stops before the end."),
    (None, _corrupt, "The file is corrupt ("),
    (_unknown_department, None, "commune 42218: unknown département 99."),
    (_duplicate_commune, None, "Duplicate commune 42095."),
    (_unknown_epci, None, "commune 42095: unknown EPCI 200000000."),
    (_future_version, None, "Unknown referential format version 7"),
    (_missing_key, None, "EPCI 244200770: missing field “kind”."),
], ids=["truncated", "corrupt", "unknown-department", "duplicate-code", "unknown-epci",
        "unknown-version", "missing-key"])
def test_a_bad_file_is_refused_with_a_clear_message_and_the_database_is_left_as_it_was(
        small_document, write_file, spoil_document, spoil_file, message):
    referential_load(path=write_file(small_document))
    before = database_state()
    bad = json.loads(json.dumps(small_document))
    bad["communes"][0]["population"] = 1  # would be an update, were the file accepted
    if spoil_document:
        spoil_document(bad)
    path = write_file(bad)
    if spoil_file:
        spoil_file(path)

    with pytest.raises(ReferentialError) as caught:
        referential_load(path=path)

    assert str(caught.value).startswith(message)
    assert database_state() == before


def test_a_failure_while_writing_rolls_everything_back(small_document, write_file, monkeypatch):
    referential_load(path=write_file(small_document))
    before = database_state()
    small_document["communes"][0]["population"] = 1
    small_document["communes"] = [c for c in small_document["communes"] if c["code"] != "42095"]

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services._Writer, "_retire", fail)
    with pytest.raises(RuntimeError):
        referential_load(path=write_file(small_document))

    assert database_state() == before


def test_a_missing_file_is_named():
    with pytest.raises(ReferentialError, match="There is no file at /nowhere/ref.json.gz"):
        referential_load(path="/nowhere/ref.json.gz")


def test_progress_is_reported_up_to_the_total(small_document, write_file):
    calls = []

    referential_load(path=write_file(small_document),
                     progress=lambda done, total, message: calls.append((done, total)))

    assert calls[-1] == (26, 26)  # 13 records, each checked then written
    dones = [done for done, _total in calls]
    assert dones == sorted(dones)


def test_an_open_file_can_be_loaded(small_document, write_file):
    with open(write_file(small_document), "rb") as stream:
        referential_load(path=stream)
    assert Commune.objects.count() == 6


def test_the_command_loads_a_file_and_says_what_changed(small_document, write_file, capsys):
    path = write_file(small_document)

    call_command("load_referential", str(path))
    call_command("load_referential", str(path))

    out = capsys.readouterr().out
    assert "Communes: 6 created, 0 updated, 0 unchanged, 0 deleted" in out
    assert "is already loaded: nothing to do" in out


def test_the_command_refuses_a_bad_file_with_the_clear_message(small_document, write_file):
    _unknown_department(small_document)

    with pytest.raises(CommandError, match="commune 42218: unknown département 99."):
        call_command("load_referential", str(write_file(small_document)))

    assert Commune.objects.count() == 0


def test_the_command_exits_non_zero_without_a_traceback(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}", "LANGUAGE": "en"}
    result = subprocess.run(
        [sys.executable, "manage.py", "load_referential", str(tmp_path / "missing.json.gz")],
        cwd=REPOSITORY, env=env, capture_output=True, text=True, timeout=60)

    assert result.returncode == 1
    assert "missing.json.gz" in result.stderr  # the message names the file, in any language
    assert "Traceback" not in result.stderr


def test_a_file_with_unrelated_gzip_headers_but_the_same_content_loads_as_unchanged(
        small_document, write_file, tmp_path):
    referential_load(path=write_file(small_document))
    other = tmp_path / "recompressed.json.gz"
    other.write_bytes(gzip.compress(json.dumps(small_document).encode(), mtime=123456))

    report = referential_load(path=other)

    assert not report.skipped and not report.changed
