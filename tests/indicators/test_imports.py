"""Imports of the INSEE comparateur file and of the long format: check, apply, undo."""

import pytest

from territoria.indicators import services
from territoria.indicators.recompute import values_recompute
from territoria.indicators.models import (
    DataImport,
    Indicator,
    IndicatorValue,
    Level,
    MissingReason,
    Origin,
    Status,
    ValueChange,
)

from .conftest import applied, checked

pytestmark = pytest.mark.django_db


def value(code, area, period="2018", level=Level.COMMUNE):
    return IndicatorValue.objects.get(indicator__code=code, level=level, area_code=area,
                                      period=period)


def snapshot():
    return sorted(IndicatorValue.objects.values_list(
        "indicator__code", "level", "area_code", "period", "value", "missing", "status",
        "origin", "data_import_id"))


@pytest.mark.parametrize("name", ["insee_small.zip", "insee_small.csv"])
def test_the_insee_file_is_checked_without_writing_anything(territory, catalogue, name):
    data_import = checked(territory, name)
    report = data_import.report
    assert data_import.status == DataImport.State.PREVIEWED
    assert report["format"]["encoding"] in ("utf-8", "windows-1252")
    assert report["counts"]["rows"] == 5
    assert report["problems"]["unknown_area"]["examples"][0]["text"] == "99999"
    assert report["problems"]["unmapped_column"]["examples"][0]["column"] == "XYZ18"
    merged = report["problems"]["merged_commune"]["examples"][0]
    assert (merged["text"], merged["detail"]) == ("42190", "42218 Saint-Étienne")
    assert report["periods"] == ["2013", "2018", "2019"]
    assert report["counts"]["create"] == report["counts"]["records"] > 0
    assert not IndicatorValue.objects.exists()


def test_applying_stores_values_missing_cells_as_missing_and_merged_communes_summed(
        territory, catalogue):
    data_import = applied(territory, "insee_small.zip")
    assert data_import.status == DataImport.State.APPLIED
    assert value("population", "42095").value == 16800
    assert value("area", "42095").value == 10.5  # a comma decimal
    assert value("population", "42095", "2013").value == 17200
    # 42190 merged into Saint-Étienne: counts add up, a median cannot be combined.
    assert value("population", "42218").value == 171924 + 1000
    assert value("median_income", "42218", "2019").missing == MissingReason.NOT_AGGREGABLE
    assert not IndicatorValue.objects.filter(area_code="42190").exists()
    # An empty cell is not published by INSEE: missing, never zero.
    secret = value("median_income", "01015", "2019")
    assert (secret.value, secret.missing) == (None, MissingReason.NOT_AVAILABLE)
    assert value("median_income", "42095", "2019").value == 18500
    assert value("population", "42095").data_import == data_import


def test_aggregates_and_derived_values_are_computed_at_every_level(territory, catalogue):
    applied(territory, "insee_small.zip")
    epci = value("unemployment_rate", "244200770", level=Level.EPCI)
    assert epci.origin == Origin.DERIVED
    assert epci.value == pytest.approx((14000 + 60 + 1500) / (80000 + 500 + 7500) * 100)
    population = value("population", "244200770", level=Level.EPCI)
    assert (population.value, population.origin) == (171924 + 1000 + 16800, Origin.AGGREGATED)
    assert value("population", "FR", level=Level.COUNTRY).value == 171924 + 1000 + 16800 + 710
    assert value("population", "84", level=Level.REGION).coverage == 1.0
    density = value("density", "42", level=Level.DEPARTMENT)
    assert density.value == pytest.approx((171924 + 1000 + 16800) / (79.97 + 10.03 + 10.5))
    assert value("density", "42095").value == pytest.approx(16800 / 10.5)
    change = value("population_change", "42095")
    assert change.value == pytest.approx((16800 - 17200) / 17200 * 100)
    # A median is not aggregable: the EPCI's is missing and says why.
    median = value("median_income", "244200770", "2019", level=Level.EPCI)
    assert (median.value, median.missing) == (None, MissingReason.NOT_AGGREGABLE)
    # A share is weighted by tax households, for the merged commune as for the groups.
    assert value("taxed_households_share", "42218", "2019").value == pytest.approx(
        (48 * 80000 + 50 * 400) / 80400)
    share = value("taxed_households_share", "42", "2019", level=Level.DEPARTMENT)
    assert share.value == pytest.approx((48 * 80000 + 50 * 400 + 45 * 7000) / 87400)
    # Arboys en Bugey's is secret: Ain, its only commune, has no value.
    ain = value("taxed_households_share", "01", "2019", level=Level.DEPARTMENT)
    assert (ain.value, ain.missing, ain.coverage) == (None, MissingReason.NO_DATA, 0)


def test_recomputing_from_the_database_finds_what_the_apply_stored(territory, catalogue):
    # Applying recomputes from the file's values in memory; a recomputation that reads
    # everything back must find nothing to change.
    applied(territory, "insee_small.zip")
    applied(territory, "long.csv", DataImport.Kind.LONG)
    report = values_recompute()
    assert (report.created, report.updated, report.deleted) == (0, 0, 0)
    assert report.unchanged > 0


def test_reimporting_the_same_file_changes_nothing_and_says_so(territory, catalogue):
    first = applied(territory, "insee_small.zip")
    before = snapshot()
    again = checked(territory, "insee_small.zip")
    assert again.report["counts"]["create"] == again.report["counts"]["update"] == 0
    assert again.report["counts"]["unchanged"] == first.values_created
    again = services.data_import_apply(data_import=again)
    assert (again.values_created, again.values_updated) == (0, 0)
    assert snapshot() == before


def test_a_new_value_is_recorded_and_undo_restores_it_then_the_aggregates(territory, catalogue):
    first = applied(territory, "insee_small.zip")
    before = snapshot()
    content = (territory and __import__("pathlib").Path(__file__).parent / "fixtures" /
               "insee_small.csv").read_bytes().replace(b"42095;16800", b"42095;17000")
    second = applied(territory, "changed.csv", content=content)
    assert second.values_updated == 1
    assert value("population", "42095").value == 17000
    assert value("population", "244200770", level=Level.EPCI).value == 171924 + 1000 + 17000
    change = ValueChange.objects.get(data_import=second)
    assert (change.previous_value, change.previous_import) == (16800, first)
    # The first import cannot be undone before the later one that changed its values.
    with pytest.raises(services.ImportRefused, match="changed.csv"):
        services.data_import_undo(data_import=first)
    services.data_import_undo(data_import=second)
    assert snapshot() == before
    services.data_import_undo(data_import=first)
    assert not IndicatorValue.objects.exists()


def test_undo_waits_for_a_later_import_of_the_same_values_even_unchanged(territory, catalogue):
    first = applied(territory, "insee_small.zip")
    again = applied(territory, "insee_small.zip")
    assert (again.values_created, again.values_updated) == (0, 0)
    with pytest.raises(services.ImportRefused, match="insee_small.zip"):
        services.data_import_undo(data_import=first)
    first.refresh_from_db()
    assert first.status == DataImport.State.APPLIED
    services.data_import_undo(data_import=again)
    assert value("population", "42095").value == 16800  # undoing it changed nothing
    services.data_import_undo(data_import=first)
    assert not IndicatorValue.objects.exists()


def test_a_failure_while_applying_leaves_the_values_as_they_were(territory, catalogue,
                                                                 monkeypatch):
    applied(territory, "insee_small.zip")
    before = snapshot()
    content = (__import__("pathlib").Path(__file__).parent / "fixtures" /
               "insee_small.csv").read_bytes().replace(b"42095;16800", b"42095;17000")
    data_import = checked(territory, "changed.csv", content=content)

    def broken(**kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(services, "values_recompute", broken)
    with pytest.raises(RuntimeError):
        services.data_import_apply(data_import=data_import)
    assert snapshot() == before
    data_import.refresh_from_db()
    assert data_import.status == DataImport.State.PREVIEWED
    assert not ValueChange.objects.exists()


def test_the_long_format_reports_each_problem_and_imports_the_rest(territory, catalogue):
    data_import = checked(territory, "long.csv", DataImport.Kind.LONG)
    problems = data_import.report["problems"]
    assert {category: entry["count"] for category, entry in problems.items()} == {
        "derived_indicator": 1, "unknown_indicator": 1, "bad_period": 1, "out_of_range": 1,
        "not_a_number": 1, "unknown_area": 1, "bad_status": 1, "duplicate": 1,
        "merged_commune": 1}
    assert problems["not_a_number"]["examples"][0] == {
        "line": 15, "column": "value", "text": "<script>alert(1)</script>", "detail": ""}
    services.data_import_apply(data_import=data_import)
    assert value("registered_voters", "42218", "2020").value == 110000 + 800
    assert value("voters", "42095", "2020").status == Status.ESTIMATED
    assert value("voters", "01015", "2020").missing == MissingReason.SECRET
    assert value("satisfaction", "244200770", "2024", Level.EPCI).value == 7.2
    turnout = value("municipal_turnout", "244200770", "2020", Level.EPCI)
    assert turnout.value == pytest.approx((39000 + 400 + 5500.5) / (110000 + 800 + 11000) * 100)
    # Both values of a duplicated key are left out: which one is right cannot be known.
    assert not IndicatorValue.objects.filter(indicator__code="associations",
                                             area_code="01015").exists()


def test_the_long_format_reads_an_excel_workbook_the_same_way(territory, catalogue):
    from_csv = checked(territory, "long.csv", DataImport.Kind.LONG).report
    from_xlsx = checked(territory, "long.xlsx", DataImport.Kind.LONG).report
    assert from_xlsx["format"]["format"] == "xlsx"
    assert from_xlsx["counts"] == from_csv["counts"]
    assert from_xlsx["problems"].keys() == from_csv["problems"].keys()


@pytest.mark.parametrize("name, content, kind, message", [
    ("image.csv", None, "insee", "This file is a PNG image, not a data table."),
    ("truncated.zip", None, "insee", "The zip archive is damaged or incomplete"),
    ("empty.csv", b"", "insee", "The file is empty."),
    ("blank.csv", b"\r\n  \r\n", "long", "The file is empty."),
    ("long.xlsx", None, "insee", "This file is an Excel workbook."),
    ("wrong_separator.csv", None, "insee", "cannot be split into columns"),
    ("long.csv", None, "insee", "The file has no CODGEO column"),
    ("insee_small.csv", None, "long", "The first line must name the columns"),
    ("huge.csv", b"CODGEO;P18_POP\n42218;" + b"9" * 200_000 + b"\n", "insee",
     "Line 2 is 200006 characters long"),
    ("binary.csv", b"CODGEO;P18_POP\n\x00\x01\x02\x00", "insee", "This is not a text file"),
    ("nothing.csv", b"CODGEO;FOO18\n42218;1\n", "insee", "No column of the file is a variable"),
])
def test_a_file_that_cannot_be_read_is_refused_with_a_clear_message(
        territory, catalogue, name, content, kind, message):
    data_import = checked(territory, name, kind, content)
    assert data_import.status == DataImport.State.FAILED
    assert message in data_import.report["error"]
    with pytest.raises(services.ImportRefused):
        services.data_import_apply_start(data_import=data_import, user=None, language="en")
    assert not IndicatorValue.objects.exists()


def test_a_utf16_file_is_read(territory, catalogue):
    data_import = checked(territory, "utf16.csv")
    assert data_import.report["format"]["encoding"] == "utf-16"
    assert data_import.report["counts"]["rows"] == 5


def test_the_catalogue_load_keeps_the_values(territory, catalogue):
    applied(territory, "insee_small.zip")
    count = IndicatorValue.objects.count()
    services.catalogue_load()
    assert IndicatorValue.objects.count() == count
    assert Indicator.objects.get(code="population").values.exists()


def test_the_bulk_writes_keep_every_text_and_number_exactly(catalogue):
    from territoria.indicators import bulk

    indicator = Indicator.objects.get(code="population")
    odd = ['a"b', "c\\d", "{x,y}", "NULL", "é ü"]
    numbers = [0.1 + 0.2, 1e-05, -3.0, 171924.0, None]
    bulk.insert([(indicator.pk, Level.COMMUNE, area, "2018", number, "" if number is not None
                  else MissingReason.SECRET, Status.OBSERVED, Origin.IMPORTED, 0.5, None)
                 for area, number in zip(odd, numbers, strict=True)])
    stored = dict(IndicatorValue.objects.values_list("area_code", "value"))
    assert stored == dict(zip(odd, numbers, strict=True))
    pks = list(IndicatorValue.objects.order_by("area_code").values_list("pk", flat=True))
    bulk.update([(pk, 2.5, "", Status.ESTIMATED, Origin.IMPORTED, None, None) for pk in pks])
    assert set(IndicatorValue.objects.values_list("value", "status", "coverage")) == {
        (2.5, Status.ESTIMATED, None)}
