"""The national INSEE "Comparateur de territoires" file imported whole, against its own cells.

Reads ../shared/data/insee (INSEE, Licence Ouverte 2.0) when it is there; skipped, saying so,
otherwise. The referential and the file are loaded once for the module (about a minute) and
removed afterwards.
"""

import csv
import io
import zipfile

import pytest
from django.db import transaction

from territoria.core.models import Territory
from territoria.geo.models import Commune, Department, Epci, ReferentialVersion, Region
from territoria.geo.services import DEFAULT_REFERENTIAL_PATH, referential_load
from territoria.indicators import services
from territoria.indicators.catalogue import read_catalogue
from territoria.indicators.domain.periods import match_columns
from territoria.indicators.models import (
    DataImport,
    Indicator,
    IndicatorValue,
    Level,
    Origin,
    ValueChange,
)

from .conftest import INSEE_ARCHIVE

pytestmark = pytest.mark.django_db

if not INSEE_ARCHIVE.exists():
    pytest.skip(f"INSEE comparateur file not found at {INSEE_ARCHIVE} (../shared/data is "
                "not beside the project): the real-data tests are skipped",
                allow_module_level=True)


def _rows() -> tuple[list[str], list[list[str]]]:
    with zipfile.ZipFile(INSEE_ARCHIVE) as archive:
        raw = archive.read("base_cc_comparateur.CSV")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    header, *rows = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    return header, rows


@pytest.fixture(scope="module")
def national(django_db_setup, django_db_blocker):
    """The referential, the catalogue and the national file applied, committed."""
    from django.core.files.base import ContentFile

    with django_db_blocker.unblock():
        referential_load(path=DEFAULT_REFERENTIAL_PATH)
        services.catalogue_load()
        territory = Territory.objects.create(slug="real-insee", name="Real", kind="custom")
        data_import = DataImport(territory=territory, kind=DataImport.Kind.INSEE,
                                 original_name=INSEE_ARCHIVE.name)
        data_import.file.save("national.zip", ContentFile(INSEE_ARCHIVE.read_bytes()),
                              save=False)
        data_import.save()
        services.data_import_validate(data_import=data_import)
        services.data_import_apply(data_import=data_import)
        yield data_import
        data_import.file.delete(save=False)
        with transaction.atomic():
            from territoria.search.models import SearchEntry  # the catalogue is indexed

            for model in (SearchEntry, ValueChange, IndicatorValue, DataImport, Territory,
                          Territory.history.model, Indicator, ReferentialVersion, Commune,
                          Epci, Department, Region):
                model.objects.all()._raw_delete(model.objects.db)


def test_the_national_file_imports_without_loss(national):
    header, rows = _rows()
    report = national.report["counts"]
    assert national.report["problems"].keys() <= {"merged_commune", "unmapped_column"}
    assert report["rows"] == len(rows) == 35010
    assert report["values"] + report["empty"] == report["cells"]
    templates = {entry.code: entry.insee_variable for entry in read_catalogue()}
    mapped = [index for index, name in enumerate(header)
              if name in match_columns(header, templates)]
    assert len(mapped) == 32
    # Communes a former commune merged into hold the combination of several rows; every
    # other row's cells are stored as they are.
    current = set(Commune.objects.filter(kind__in=[
        Commune.Kind.CURRENT, Commune.Kind.ARRONDISSEMENT]).values_list("insee_code", flat=True))
    former = {code: target for target, codes in Commune.objects.filter(
        kind=Commune.Kind.CURRENT).exclude(former_codes="").values_list(
        "insee_code", "former_codes") for code in codes.split(",") if code not in current}
    targets = {former[row[0]] for row in rows if row[0] in former}
    direct = [row for row in rows if row[0] in current and row[0] not in targets]
    assert len(direct) + sum(row[0] in targets for row in rows) + report["merged_rows"] \
        == len(rows)
    non_empty = sum(1 for row in direct for index in mapped if row[index] != "")
    stored = IndicatorValue.objects.filter(
        origin=Origin.IMPORTED, level=Level.COMMUNE, value__isnull=False,
        area_code__in=[row[0] for row in direct]).count()
    assert stored == non_empty
    assert report["merged_rows"] == national.report["problems"]["merged_commune"]["count"]


def test_the_unemployment_rate_of_an_epci_is_the_ratio_of_the_sums_of_its_communes(national):
    header, rows = _rows()
    column = {name: index for index, name in enumerate(header)}
    members = set(Commune.objects.filter(epci__siren="244200770", kind=Commune.Kind.CURRENT)
                  .values_list("insee_code", flat=True))
    assert len(members) == 53
    former = {code: target for target, codes in Commune.objects.filter(
        insee_code__in=members).values_list("insee_code", "former_codes")
        for code in codes.split(",") if code}
    inside = [row for row in rows if row[0] in members or row[0] in former]
    unemployed = sum(float(row[column["P18_CHOM1564"]]) for row in inside)
    active = sum(float(row[column["P18_ACT1564"]]) for row in inside)
    stored = IndicatorValue.objects.get(indicator__code="unemployment_rate", level=Level.EPCI,
                                        area_code="244200770", period="2018")
    assert stored.value == pytest.approx(unemployed / active * 100, rel=1e-12)
    assert stored.origin == Origin.DERIVED


def test_the_median_income_of_a_commune_is_the_files_med19(national):
    header, rows = _rows()
    med = header.index("MED19")
    by_code = {row[0]: row[med] for row in rows}
    for code in ("42218", "01004", "75056", "13055"):
        stored = IndicatorValue.objects.get(indicator__code="median_income",
                                            level=Level.COMMUNE, area_code=code, period="2019")
        assert stored.value == float(by_code[code])


def test_france_and_the_departements_have_values(national):
    france = IndicatorValue.objects.get(indicator__code="population", level=Level.COUNTRY,
                                        area_code="FR", period="2018")
    assert 66_000_000 < france.value < 68_000_000
    assert france.coverage > 0.99
    assert IndicatorValue.objects.filter(indicator__code="density",
                                         level=Level.DEPARTMENT, period="2018",
                                         value__isnull=False).count() >= 100
