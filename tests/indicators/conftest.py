"""Helpers for the indicator tests: a small referential, the catalogue, imports run in place."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import CommuneFactory, DepartmentFactory, EpciFactory, RegionFactory
from tests.factories import TerritoryFactory
from territoria.core.models import Territory
from territoria.geo.models import Commune
from territoria.indicators import services
from territoria.indicators.models import DataImport, Indicator, IndicatorValue, Level

FIXTURES = Path(__file__).parent / "fixtures"
# The real data beside the project, when it is there (see ../shared/data/README.md).
SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
INSEE_ARCHIVE = SHARED_DATA / "insee" / "base_cc_comparateur_csv.zip"


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    storages = {**settings.STORAGES}
    storages["private"] = {"BACKEND": "django.core.files.storage.FileSystemStorage",
                           "OPTIONS": {"location": tmp_path / "private"}}
    settings.STORAGES = storages


@pytest.fixture
def referential(db):
    return make_referential()


def make_referential() -> dict[str, Commune]:
    """A région, two départements, two EPCI and three current communes (and a delegated one).

    42190 merged into Saint-Étienne (42218): it is among its former codes.
    """
    aura = RegionFactory(code="84", name="Auvergne-Rhône-Alpes")
    loire = DepartmentFactory(code="42", name="Loire", region=aura)
    ain = DepartmentFactory(code="01", name="Ain", region=aura)
    metropole = EpciFactory(siren="244200770", name="Saint-Étienne Métropole")
    bugey = EpciFactory(siren="200040350", name="CC Bugey Sud")
    communes = {
        "42218": CommuneFactory(insee_code="42218", name="Saint-Étienne", department=loire,
                                epci=metropole, population=171924, former_codes="42190"),
        "42095": CommuneFactory(insee_code="42095", name="Firminy", department=loire,
                                epci=metropole, population=16800),
        "01015": CommuneFactory(insee_code="01015", name="Arboys en Bugey", department=ain,
                                epci=bugey, population=710),
    }
    CommuneFactory(insee_code="01015", name="Arbignieu", kind=Commune.Kind.DELEGATED,
                   department=ain, parent=communes["01015"], population=None)
    return communes


@pytest.fixture
def catalogue(db):
    """The catalogue loaded; its indicators by code."""
    services.catalogue_load()
    return {i.code: i for i in Indicator.objects.all()}


def put(indicator, level, code, value, period="2018"):
    IndicatorValue.objects.create(indicator=indicator, level=level, area_code=code,
                                  period=period, value=value)


@pytest.fixture
def epcis(catalogue):
    """An EPCI of 15,000 inhabitants and 12 others of 10,000 to 21,000, in one département,
    with unemployment rates stored at every level (as an applied import leaves them)."""
    department = DepartmentFactory(code="26", name="Drôme")
    own = EpciFactory(siren="242600252", name="Val de Test", population=15_000)
    commune = CommuneFactory(insee_code="26001", department=department, epci=own,
                             population=15_000)
    peers = [EpciFactory(siren=f"2426000{n:02d}", population=10_000 + 1000 * n)
             for n in range(12)]
    territory = TerritoryFactory(kind=Territory.Kind.EPCI, epci=own, communes=[commune])
    rate = catalogue["unemployment_rate"]
    put(rate, Level.EPCI, own.siren, 5.0)
    put(rate, Level.EPCI, own.siren, 6.0, period="2013")
    for n, peer in enumerate(peers):
        put(rate, Level.EPCI, peer.siren, 8.0 + n)
    put(rate, Level.DEPARTMENT, "26", 9.0)
    put(rate, Level.REGION, department.region.code, 8.5)
    put(rate, Level.COUNTRY, "FR", 8.0)
    return territory, own, peers


@pytest.fixture
def territory(referential):
    return TerritoryFactory(kind=Territory.Kind.EPCI, slug="metropole",
                            epci=referential["42218"].epci,
                            communes=[referential["42218"], referential["42095"]])


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    if content is None:
        content = (FIXTURES / name).read_bytes()
    return SimpleUploadedFile(name, content)


def new_import(territory, name: str, kind: str = DataImport.Kind.INSEE,
               content: bytes | None = None) -> DataImport:
    """An uploaded import, not yet checked (no task run)."""
    data_import = DataImport(territory=territory, kind=kind, original_name=name)
    data_import.file.save(name, upload(name, content), save=False)
    data_import.save()
    return data_import


def checked(territory, name: str, kind: str = DataImport.Kind.INSEE,
            content: bytes | None = None) -> DataImport:
    return services.data_import_validate(data_import=new_import(territory, name, kind, content))


def applied(territory, name: str, kind: str = DataImport.Kind.INSEE,
            content: bytes | None = None) -> DataImport:
    return services.data_import_apply(data_import=checked(territory, name, kind, content))
