from datetime import date

import pytest

from territoria.accounts.models import Role
from territoria.strategy import services
from tests.factories import MembershipFactory, TerritoryFactory
from tests.indicators.conftest import catalogue, epcis  # noqa: F401  (fixtures)


@pytest.fixture
def territory(db):
    return TerritoryFactory(name="Val de Test", slug="val-de-test")


@pytest.fixture
def staff(territory):
    return MembershipFactory(territory=territory, role=Role.STAFF).user


@pytest.fixture
def elected(territory):
    return MembershipFactory(territory=territory, role=Role.ELECTED).user


def draft(actor, territory, *, title="Keep young people on the territory",
          rationale="Young people leave for want of jobs.", principles=("endogenous",),
          axes=("economy",), items=()):
    return services.orientation_create(actor=actor, territory=territory, title=title,
                                       rationale=rationale, principles=principles, axes=axes,
                                       diagnostic_items=items)


def measurable(actor, version, indicator, *, title="Halve unemployment", baseline=8.0,
               target=4.0, baseline_date=date(2018, 1, 1), deadline=date(2030, 12, 31),
               milestones=()):
    return services.ambition_create(actor=actor, version=version, title=title,
                                    indicator=indicator, baseline_value=baseline,
                                    baseline_date=baseline_date, target_value=target,
                                    deadline=deadline, milestones=milestones)


def qualitative(actor, version, *, title="A welcoming territory"):
    return services.ambition_create(actor=actor, version=version, title=title)


def adopt(actor, version, *, when=date(2026, 3, 1)):
    services.orientation_submit(actor=actor, version=version)
    return services.orientation_adopt(actor=actor, version=version, decision_date=when,
                                      decision_body="Governance committee",
                                      decision_reference="Délibération 2026-14")
