"""The national indicator catalogue: its file, its rules and the command that loads it."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from territoria.indicators.catalogue import (
    CATALOGUE_PATH,
    MESSAGES_PATH,
    AXES,
    CatalogueError,
    catalogue_messages_source,
    read_catalogue,
)
from territoria.indicators.models import Indicator, IndicatorValue, Level
from territoria.indicators.services import catalogue_load


def _write(tmp_path, indicators):
    document = json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))
    document["indicators"] = indicators
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _indicator(code, **fields):
    return {"code": code, "name": code.title(), "axis": "economy", **fields}


def test_the_catalogue_covers_every_axis_of_life_and_every_insee_variable():
    entries = read_catalogue()
    assert {entry.axis for entry in entries} == set(AXES)
    templates = [entry.insee_variable for entry in entries if entry.insee_variable]
    assert len(templates) == 30  # 32 INSEE variables, two of them also for 2013
    for entry in entries:
        assert entry.name and entry.description and entry.source and entry.licence
        assert entry.methodology, entry.code


def test_the_unemployment_rate_is_a_ratio_of_sums_and_density_a_formula():
    entries = {entry.code: entry for entry in read_catalogue()}
    rate = entries["unemployment_rate"]
    assert (rate.aggregation, rate.numerator, rate.denominator, rate.scale) == (
        "ratio_of_sums", "unemployed_15_64", "active_15_64", 100)
    assert entries["density"].formula == "population / area"
    assert entries["median_income"].aggregation == "not_aggregable"


def test_the_messages_module_holds_every_text_of_the_catalogue():
    assert MESSAGES_PATH.read_text(encoding="utf-8") == catalogue_messages_source(
        read_catalogue()), "run catalogue_messages_source again (see catalogue.py)"


@pytest.mark.django_db
def test_loading_creates_the_catalogue_then_changes_nothing():
    first = catalogue_load()
    assert len(first.created) == len(read_catalogue())
    second = catalogue_load()
    assert (second.created, second.updated) == ([], [])
    rate = Indicator.objects.get(code="unemployment_rate")
    assert (rate.numerator.code, rate.denominator.code) == ("unemployed_15_64", "active_15_64")
    assert rate.is_derived and not Indicator.objects.get(code="population").is_derived


@pytest.mark.django_db
def test_loading_updates_texts_and_never_deletes_values(tmp_path):
    catalogue_load()
    population = Indicator.objects.get(code="population")
    IndicatorValue.objects.create(indicator=population, level=Level.COMMUNE,
                                  area_code="42218", period="2018", value=171924)
    path = _write(tmp_path, [_indicator("population", name="Inhabitants", axis="profile")])
    report = catalogue_load(path=path)
    population.refresh_from_db()
    assert report.updated == ["population"]
    assert population.name == "Inhabitants"
    assert "unemployment_rate" in report.not_in_file
    assert IndicatorValue.objects.get(indicator=population).value == 171924
    assert Indicator.objects.filter(code="unemployment_rate").exists()


@pytest.mark.parametrize("indicators, message", [
    ([_indicator("a", formula="a * 2")], "a: the formula refers to the indicator itself"),
    ([_indicator("a", formula="b / 2"), _indicator("b", formula="a + 1")],
     "circular definition: a → b → a"),
    ([_indicator("a", formula="nope / 2")], "a: the formula reads unknown indicators: nope"),
    ([_indicator("a", formula="2 * (")], "a: unexpected end of formula at column 6"),
    ([_indicator("a", aggregation="ratio_of_sums", numerator="a")],
     "a: the numerator cannot be the indicator itself"),
    ([_indicator("a", aggregation="ratio_of_sums", numerator="x", denominator="y")],
     "a: the numerator 'x' is not in the catalogue"),
    ([_indicator("a", aggregation="weighted_mean")], "a: weighted_mean aggregation needs"),
    ([_indicator("a"), _indicator("a")], "a: the code is used twice"),
    ([_indicator("a", axis="astrology")], "a: unknown axis 'astrology'"),
])
def test_a_broken_catalogue_is_refused_with_a_clear_message(tmp_path, indicators, message):
    with pytest.raises(CatalogueError) as error:
        read_catalogue(_write(tmp_path, indicators))
    assert message in str(error.value)


@pytest.mark.django_db
def test_the_command_loads_the_catalogue_and_refuses_a_broken_file(tmp_path):
    call_command("load_indicator_catalogue", stdout=(out := __import__("io").StringIO()))
    assert f"{len(read_catalogue())} created" in out.getvalue()
    path = _write(tmp_path, [_indicator("a", formula="a")])
    with pytest.raises(CommandError, match="refers to the indicator itself"):
        call_command("load_indicator_catalogue", file=str(path))
    assert Indicator.objects.count() == len(read_catalogue())
