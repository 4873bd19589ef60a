"""Orientations, their versions and ambitions: the rules the services keep."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from territoria.diagnostic import services as diagnostic
from territoria.strategy import services
from territoria.strategy.models import Ambition, CrossEffect, OrientationVersion
from tests.factories import TerritoryFactory
from tests.strategy.conftest import adopt, draft, measurable, qualitative

pytestmark = pytest.mark.django_db
Status = OrientationVersion.Status


def test_a_draft_answers_items_of_the_board_and_names_principles_and_axes(territory, staff):
    item = diagnostic.item_contribute(author=staff, territory=territory, kind="weakness",
                                      axis="economy", title="No jobs", explanation="None.")
    version = draft(staff, territory, items=[item.pk], principles=["citizen", "responsible"],
                    axes=["economy", "mobility"])
    assert version.status == Status.DRAFT and version.number == 1
    assert list(version.diagnostic_items.all()) == [item]
    assert version.principles == ["responsible", "citizen"]  # in the principles' order
    assert version.axes == ["mobility", "economy"]
    assert version.orientation.number == 1
    assert draft(staff, territory).orientation.number == 2


def test_items_of_another_territory_or_unknown_choices_are_refused(territory, staff):
    other = TerritoryFactory()
    item = diagnostic.item_contribute(author=staff, territory=other, kind="weakness",
                                      axis="economy", title="Elsewhere", explanation="x")
    with pytest.raises(ValidationError) as error:
        draft(staff, territory, items=[item.pk])
    assert "diagnostic_items" in error.value.message_dict
    with pytest.raises(ValidationError):
        draft(staff, territory, principles=["greed"])
    with pytest.raises(ValidationError):
        draft(staff, territory, axes=["space"])
    with pytest.raises(ValidationError):
        draft(staff, territory, title="   ")


def test_adopting_without_ambitions_is_refused_and_nothing_changes(territory, staff, elected):
    version = draft(staff, territory)
    services.orientation_submit(actor=staff, version=version)
    with pytest.raises(ValidationError, match="add at least one ambition"):
        services.orientation_adopt(actor=elected, version=version, decision_date=date(2026, 1, 1),
                                   decision_body="Governance committee")
    version.refresh_from_db()
    assert version.status == Status.SUBMITTED


def test_adoption_records_the_decision(territory, staff, elected, catalogue):
    version = draft(staff, territory)
    measurable(staff, version, catalogue["unemployment_rate"])
    adopted = adopt(elected, version)
    assert adopted.status == Status.ADOPTED
    assert adopted.decision_date == date(2026, 3, 1)
    assert adopted.decision_reference == "Délibération 2026-14"
    assert adopted.adopted_by == elected


def test_a_decision_needs_a_date_in_the_past_and_a_body(territory, staff, elected, catalogue):
    version = draft(staff, territory)
    qualitative(staff, version)
    services.orientation_submit(actor=staff, version=version)
    with pytest.raises(ValidationError) as error:
        services.orientation_adopt(actor=elected, version=version, decision_date=date(2999, 1, 1),
                                   decision_body=" ")
    assert set(error.value.message_dict) == {"decision_date", "decision_body"}


def test_only_a_draft_is_edited_and_only_a_submitted_version_adopted(territory, staff, elected):
    version = draft(staff, territory)
    qualitative(staff, version)
    with pytest.raises(ValidationError):
        services.orientation_adopt(actor=elected, version=version, decision_date=date(2026, 1, 1),
                                   decision_body="Committee")
    services.orientation_submit(actor=staff, version=version)
    with pytest.raises(ValidationError):
        services.orientation_update(actor=staff, version=version, title="New",
                                    rationale="R")
    with pytest.raises(ValidationError):
        qualitative(staff, version, title="Another")
    services.orientation_withdraw(actor=staff, version=version)
    services.orientation_update(actor=staff, version=version, title="New", rationale="R")
    version.refresh_from_db()
    assert (version.status, version.title) == (Status.DRAFT, "New")


def test_a_revision_keeps_the_adopted_version_public_until_it_is_adopted(
        territory, staff, elected, catalogue):
    first = draft(staff, territory, title="Jobs")
    ambition = measurable(staff, first, catalogue["unemployment_rate"])
    CrossEffect.objects.create(territory=territory, ambition=ambition, axis="environment",
                               effect="negative", note="More commuting")
    adopt(elected, first)
    revision = services.orientation_revise(actor=staff, orientation=first.orientation)
    assert (revision.number, revision.status, revision.title) == (2, Status.DRAFT, "Jobs")
    copy = revision.ambitions.get()
    assert copy.copied_from == ambition and copy.lineage == ambition.pk
    assert copy.effects.get().note == "More commuting"
    first.refresh_from_db()
    assert first.status == Status.ADOPTED  # still the public one
    with pytest.raises(ValidationError, match="already in progress"):
        services.orientation_revise(actor=staff, orientation=first.orientation)

    services.orientation_update(actor=staff, version=revision, title="Jobs for all",
                                rationale="R", change_note="Broader")
    services.ambition_update(actor=staff, ambition=copy, title=copy.title,
                             indicator=copy.indicator, baseline_value=8.0,
                             baseline_date=date(2018, 1, 1), target_value=3.0,
                             deadline=date(2030, 12, 31))
    adopt(elected, revision)
    first.refresh_from_db()
    assert first.status == Status.SUPERSEDED
    # Every version is kept, with its own ambitions.
    assert first.ambitions.get().target_value == 4.0
    assert revision.ambitions.get().target_value == 3.0


def test_only_an_adopted_orientation_is_revised(territory, staff):
    version = draft(staff, territory)
    with pytest.raises(ValidationError):
        services.orientation_revise(actor=staff, orientation=version.orientation)


# -- ambitions: bad input ---------------------------------------------------------------------


def ambition_errors(staff, version, **kwargs) -> dict:
    arguments = {"title": "Halve unemployment", "indicator": None, "baseline_value": 8.0,
                 "baseline_date": date(2018, 1, 1), "target_value": 4.0,
                 "deadline": date(2030, 12, 31)}
    arguments.update(kwargs)
    with pytest.raises(ValidationError) as error:
        services.ambition_create(actor=staff, version=version, **arguments)
    assert not Ambition.objects.exists()
    return error.value.message_dict


def test_a_target_in_another_unit_is_refused(territory, staff, catalogue):
    version = draft(staff, territory)
    errors = ambition_errors(staff, version, indicator=catalogue["unemployment_rate"],
                             target_unit="€")
    assert errors["target_unit"] == [
        "“Unemployment rate” is measured in %: a target in € cannot be compared with it. "
        "Give the target in %."]


def test_a_target_in_the_indicators_unit_however_written_is_accepted(territory, staff,
                                                                      catalogue):
    version = draft(staff, territory)
    for n, unit in enumerate(["%", " % ", "per 1,000 inhabitants"]):
        indicator = catalogue["unemployment_rate"] if n < 2 else catalogue[
            "associations_per_1000"]
        ambition = services.ambition_create(
            actor=staff, version=version, title=f"A{n}", indicator=indicator,
            baseline_value=5, baseline_date=date(2018, 1, 1), target_value=4,
            target_unit=unit, deadline=date(2030, 1, 1))
        assert ambition.target_unit == indicator.unit


def test_missing_terms_are_all_named(territory, staff, catalogue):
    version = draft(staff, territory)
    errors = ambition_errors(staff, version, indicator=catalogue["unemployment_rate"],
                             baseline_value=None, target_value=None, deadline=None)
    assert set(errors) == {"baseline_value", "target_value", "deadline"}


def test_a_deadline_before_the_baseline_is_refused(territory, staff, catalogue):
    version = draft(staff, territory)
    errors = ambition_errors(staff, version, indicator=catalogue["unemployment_rate"],
                             deadline=date(2017, 1, 1))
    assert errors["deadline"] == ["The deadline must come after the baseline date (2018-01-01)."]


def test_milestones_out_of_order_are_refused(territory, staff, catalogue):
    version = draft(staff, territory)
    errors = ambition_errors(staff, version, indicator=catalogue["unemployment_rate"],
                             milestones=[(date(2026, 1, 1), 6.0), (date(2024, 1, 1), 7.0)])
    assert "date order" in errors["milestones"][0]
    errors = ambition_errors(staff, version, indicator=catalogue["unemployment_rate"],
                             milestones=[(date(2031, 1, 1), 6.0)])
    assert "milestones" in errors


def test_values_outside_the_indicators_range_are_refused(territory, staff, catalogue):
    version = draft(staff, territory)
    rate = catalogue["unemployment_rate"]
    if rate.maximum is None:
        pytest.skip("the catalogue gives this rate no maximum")
    errors = ambition_errors(staff, version, indicator=rate, target_value=rate.maximum + 1)
    assert "target_value" in errors


def test_values_without_an_indicator_are_refused_but_a_qualitative_ambition_is_allowed(
        territory, staff):
    version = draft(staff, territory)
    errors = ambition_errors(staff, version)
    assert "indicator" in errors
    ambition = qualitative(staff, version)
    assert not ambition.is_measurable


def test_milestones_are_kept_in_order(territory, staff, catalogue):
    version = draft(staff, territory)
    ambition = measurable(staff, version, catalogue["unemployment_rate"],
                          milestones=[(date(2024, 1, 1), 6.5), (date(2027, 1, 1), 5.0)])
    assert ambition.milestones == [{"date": "2024-01-01", "value": 6.5},
                                   {"date": "2027-01-01", "value": 5.0}]


# -- cross-effects ----------------------------------------------------------------------------


def test_effects_are_recorded_changed_and_cleared(territory, staff, catalogue):
    version = draft(staff, territory)
    a = qualitative(staff, version, title="Attract a large retailer")
    changed = services.effects_record(
        actor=staff, territory=territory, source="workshop", source_detail="Atelier du 12 mars",
        effects={(a.pk, "economy"): ("positive", "Jobs"), (a.pk, "culture"): ("", "")})
    assert changed == 1
    effect = CrossEffect.objects.get()
    assert (effect.effect, effect.note, effect.source_detail) == ("positive", "Jobs",
                                                                  "Atelier du 12 mars")
    assert services.effects_record(actor=staff, territory=territory, source="staff",
                                   effects={(a.pk, "economy"): ("positive", "Jobs")}) == 0
    assert CrossEffect.objects.get().source == "workshop"  # unchanged cells keep their source
    services.effects_record(actor=staff, territory=territory, source="staff",
                            effects={(a.pk, "economy"): ("", "")})
    assert not CrossEffect.objects.exists()


def test_effects_of_another_territorys_ambition_or_of_an_adopted_one_are_refused(
        territory, staff, elected):
    other = TerritoryFactory()
    theirs = qualitative(staff, draft(staff, other))
    with pytest.raises(ValidationError):
        services.effects_record(actor=staff, territory=territory, source="staff",
                                effects={(theirs.pk, "economy"): ("positive", "")})
    version = draft(staff, territory)
    ours = qualitative(staff, version)
    adopt(elected, version)
    with pytest.raises(ValidationError):
        services.effects_record(actor=staff, territory=territory, source="staff",
                                effects={(ours.pk, "economy"): ("positive", "")})
    with pytest.raises(ValidationError):
        services.effects_record(actor=staff, territory=territory, source="workshop",
                                effects={})
    assert not CrossEffect.objects.exists()


def test_the_territorys_audit_trail_shows_the_strategys_changes(territory, staff, elected):
    from territoria.core.history import territory_history

    version = draft(staff, territory, title="Jobs")
    a = qualitative(staff, version, title="Attract a large retailer")
    services.effects_record(actor=staff, territory=territory, source="staff",
                            effects={(a.pk, "economy"): ("positive", "")})
    adopt(elected, version)
    entries = territory_history(territory=territory)
    models = {entry.model for entry in entries}
    assert {"version of an orientation", "ambition", "cross-effect"} <= {str(m) for m in models}
