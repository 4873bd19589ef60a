"""Helpers for the referential tests: small referential files written by the test itself."""

import copy
import gzip
import json
from pathlib import Path

import pytest
from django.utils import translation

from territoria.geo.models import Commune, Department, Epci, ReferentialVersion, Region

FIXTURES = Path(__file__).parent / "fixtures"
ETALAB_FIXTURE = FIXTURES / "etalab-package"


def _commune(code, name, kind="current", *, siren=None, department="42", region="84",
             epci=None, parent=None, population=None, postal_codes=(), former_codes=()):
    return {"code": code, "kind": kind, "name": name, "siren": siren, "department": department,
            "region": region, "epci": epci, "parent": parent, "population": population,
            "postal_codes": list(postal_codes), "former_codes": list(former_codes)}


_SMALL = {
    "format": "territoria.geo.referential",
    "version": 1,
    "source": {"name": "test", "version": "1"},
    "regions": [
        {"code": "84", "name": "Auvergne-Rhône-Alpes", "chief_town": "69123", "zone": "metro"},
        {"code": "11", "name": "Île-de-France", "chief_town": "75056", "zone": "metro"},
    ],
    "departments": [
        {"code": "42", "name": "Loire", "region": "84", "chief_town": "42218", "zone": "metro"},
        {"code": "01", "name": "Ain", "region": "84", "chief_town": "01053", "zone": "metro"},
        {"code": "75", "name": "Paris", "region": "11", "chief_town": "75056", "zone": "metro"},
    ],
    "epcis": [
        {"siren": "244200770", "name": "Saint-Étienne Métropole", "kind": "METRO",
         "financing": "FPU", "population": 407700},
        {"siren": "200040350", "name": "CC Bugey Sud", "kind": "CC", "financing": "FPU",
         "population": 34000},
    ],
    "communes": [
        _commune("42218", "Saint-Étienne", siren="214202186", epci="244200770",
                 population=173136, postal_codes=["42000", "42100"],
                 former_codes=["42190", "42292"]),
        _commune("42095", "Firminy", siren="214200958", epci="244200770", population=16800,
                 postal_codes=["42700"]),
        _commune("01015", "Arboys en Bugey", siren="200053668", department="01",
                 epci="200040350", population=710, postal_codes=["01300"]),
        _commune("01015", "Arbignieu", "delegated", department="01", parent="01015"),
        _commune("75056", "Paris", siren="217500016", department="75", region="11",
                 population=2113705, postal_codes=["75001"]),
        _commune("75101", "Paris 1er Arrondissement", "arrondissement", department="75",
                 region="11", parent="75056", population=15917, postal_codes=["75001"]),
    ],
}


@pytest.fixture
def small_document():
    """A valid referential document (a dict), for a test to change before writing it."""
    return copy.deepcopy(_SMALL)


def write_referential(path: Path, document) -> Path:
    path.write_bytes(gzip.compress(json.dumps(document, ensure_ascii=False).encode(), mtime=0))
    return path


@pytest.fixture
def write_file(tmp_path):
    """Write a document as a referential file; return its path."""
    counter = iter(range(1000))

    def write(document) -> Path:
        return write_referential(tmp_path / f"referential-{next(counter)}.json.gz", document)

    return write


def database_state() -> dict:
    """Every row of the referential tables, to compare before and after."""
    return {
        model.__name__: sorted(map(repr, model.objects.values_list()))
        for model in (Region, Department, Epci, Commune, ReferentialVersion)
    }


@pytest.fixture(autouse=True)
def _english():
    # Messages are asserted in English, whatever catalogue the French locale holds.
    with translation.override("en"):
        yield
