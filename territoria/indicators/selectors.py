"""Reads on indicators: the national catalogue, values of areas, a territory's imports."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from territoria.core.models import Territory
from territoria.indicators.models import Axis, DataImport, Indicator, IndicatorValue, Level


def indicator_list() -> list[Indicator]:
    """The national catalogue, in catalogue order (it is shared by every territory)."""
    return list(Indicator.objects.all())


def indicator_list_by_axis() -> list[tuple[str, str, list[Indicator]]]:
    """(axis value, axis label, its indicators) for each axis that has indicators."""
    by_axis: dict[str, list[Indicator]] = {}
    for indicator in indicator_list():
        by_axis.setdefault(indicator.axis, []).append(indicator)
    return [(axis.value, axis.label, by_axis[axis.value]) for axis in Axis
            if axis.value in by_axis]


def indicator_get(*, code: str) -> Indicator:
    try:
        return Indicator.objects.select_related("numerator", "denominator", "weight").get(
            code=code)
    except Indicator.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class Area:
    level: str
    code: str
    name: str


def territory_areas(*, territory: Territory) -> list[Area]:
    """The territory's own area when it is one of the referential (a commune or an EPCI),
    then its département, its région and France: the areas whose stored values describe it.
    A custom perimeter has no stored value of its own."""
    areas: list[Area] = []
    commune = territory.commune
    if territory.kind == Territory.Kind.COMMUNE and commune is not None:
        areas.append(Area(Level.COMMUNE, commune.insee_code, commune.name))
    elif territory.kind == Territory.Kind.EPCI and territory.epci is not None:
        areas.append(Area(Level.EPCI, territory.epci.siren, territory.epci.name))
    first = territory.communes.select_related("department", "region").order_by(
        "-population").first()
    if first is not None and first.department is not None:
        areas.append(Area(Level.DEPARTMENT, first.department.code, first.department.name))
    if first is not None and first.region is not None:
        areas.append(Area(Level.REGION, first.region.code, first.region.name))
    areas.append(Area(Level.COUNTRY, "FR", str(Level.COUNTRY.label)))
    return areas


def indicator_values_for_territory(*, territory: Territory, indicator: Indicator
                                   ) -> tuple[list[Area], list[str], dict]:
    """The stored values of ``indicator`` for the territory's areas: (areas, periods
    newest first, {(level, code, period): IndicatorValue})."""
    areas = territory_areas(territory=territory)
    values = {}
    for area in areas:
        for value in IndicatorValue.objects.filter(indicator=indicator, level=area.level,
                                                   area_code=area.code):
            values[(area.level, area.code, value.period)] = value
    periods = sorted({key[2] for key in values}, reverse=True)
    return areas, periods, values


def data_import_list(*, territory: Territory, limit: int = 100) -> list[DataImport]:
    return list(DataImport.objects.filter(territory=territory)
                .select_related("created_by", "job")[:limit])


def data_import_get(*, territory: Territory, import_id: int) -> DataImport:
    """An import of ``territory``; another territory's import answers 404."""
    try:
        return DataImport.objects.select_related("territory", "created_by", "job").get(
            territory=territory, pk=import_id)
    except DataImport.DoesNotExist:
        raise Http404 from None
