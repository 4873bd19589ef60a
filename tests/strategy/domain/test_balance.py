from territoria.strategy.domain.balance import (
    AmbitionFacts,
    Effect,
    Reason,
    WeaknessFacts,
    balance_check,
)
from territoria.strategy.domain.effects import conflicts

PRINCIPLES = ["responsible", "endogenous", "well_being", "citizen"]
AXES = ["mobility", "economy", "environment", "culture"]


def ambition(key, **kwargs):
    return AmbitionFacts(key=key, title=f"A{key}", orientation=kwargs.pop("orientation", 1),
                         **kwargs)


def test_an_ambition_serves_its_orientations_principles_and_axes_and_its_indicators_axis():
    a = ambition(1, principles=frozenset({"responsible"}), orientation_axes=frozenset({"mobility"}),
                 indicator_axis="economy", effects={"culture": Effect.POSITIVE})
    report = balance_check([a], principles=PRINCIPLES, axes=AXES)
    row = report.rows[0]
    assert row.principles == (True, False, False, False)
    assert [cell.reasons for cell in row.axes] == [
        (Reason.ORIENTATION,), (Reason.INDICATOR,), (), (Reason.EFFECT,)]
    assert report.unserved_principles == ("endogenous", "well_being", "citizen")
    assert report.unserved_axes == ("environment",)


def test_a_negative_effect_does_not_serve_the_axis():
    a = ambition(1, effects={"environment": Effect.NEGATIVE, "mobility": Effect.NEUTRAL})
    report = balance_check([a], principles=PRINCIPLES, axes=AXES)
    assert "environment" in report.unserved_axes and "mobility" in report.unserved_axes
    assert report.rows[0].axes[2].harmed


def test_unanswered_weaknesses_and_unmeasurable_ambitions_and_empty_orientations_are_flagged():
    weaknesses = [WeaknessFacts(10, "No bus", "mobility"), WeaknessFacts(11, "No jobs", "economy")]
    a = ambition(1, measurable=False)
    report = balance_check([a], principles=PRINCIPLES, axes=AXES, weaknesses=weaknesses,
                           answered={10}, orientations=[1, 2])
    assert [w.key for w in report.unanswered_weaknesses] == [11]
    assert report.not_measurable == (a,)
    assert report.empty_orientations == (2,)
    assert not report.is_balanced


def test_a_strategy_that_covers_everything_is_balanced():
    a = ambition(1, principles=frozenset(PRINCIPLES), orientation_axes=frozenset(AXES))
    report = balance_check([a], principles=PRINCIPLES, axes=AXES,
                           weaknesses=[WeaknessFacts(10, "No bus", "mobility")], answered={10},
                           orientations=[1])
    assert report.is_balanced
    assert report.principle_counts == (1, 1, 1, 1)


def test_nothing_at_all_flags_every_principle_and_axis():
    report = balance_check([], principles=PRINCIPLES, axes=AXES)
    assert report.unserved_principles == tuple(PRINCIPLES)
    assert report.unserved_axes == tuple(AXES)


def test_an_ambition_with_gains_and_losses_is_a_trade_off_in_the_axes_order():
    retailer = ambition(1, effects={"environment": Effect.NEGATIVE, "economy": Effect.POSITIVE,
                                    "culture": Effect.NEGATIVE})
    found = conflicts([retailer], axes=AXES)
    assert len(found.trade_offs) == 1
    assert found.trade_offs[0].gains == ("economy",)
    assert found.trade_offs[0].losses == ("environment", "culture")


def test_harming_what_another_ambition_serves_is_a_clash():
    retailer = ambition(1, effects={"economy": Effect.NEGATIVE})
    shops = ambition(2, orientation=2, orientation_axes=frozenset({"economy"}))
    other = ambition(3, orientation=3, orientation_axes=frozenset({"culture"}))
    market = ambition(4, orientation=3, effects={"economy": Effect.POSITIVE})
    found = conflicts([retailer, shops, other, market], axes=AXES)
    assert [(c.harming.key, c.axis, [b.key for b in c.served_by]) for c in found.clashes] == [
        (1, "economy", [2, 4])]
    assert found.involving({3}).clashes == ()
    assert found.involving({2}).clashes == found.clashes


def test_no_effects_no_conflicts():
    assert not conflicts([ambition(1), ambition(2)], axes=AXES)


# -- laws -------------------------------------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

effects = st.dictionaries(st.sampled_from(AXES), st.sampled_from(list(Effect)), max_size=4)


@st.composite
def ambitions(draw, key):
    return AmbitionFacts(
        key=key, title=f"A{key}", orientation=draw(st.integers(1, 3)),
        principles=frozenset(draw(st.sets(st.sampled_from(PRINCIPLES)))),
        orientation_axes=frozenset(draw(st.sets(st.sampled_from(AXES), max_size=2))),
        indicator_axis=draw(st.none() | st.sampled_from(AXES)),
        measurable=draw(st.booleans()), effects=draw(effects))


strategies_ = st.integers(0, 5).flatmap(
    lambda n: st.tuples(*[ambitions(k) for k in range(n)]) if n else st.just(()))


@given(strategies_)
def test_an_axis_or_a_principle_is_flagged_exactly_when_no_ambition_serves_it(found):
    report = balance_check(list(found), principles=PRINCIPLES, axes=AXES)
    for axis in AXES:
        assert (axis in report.unserved_axes) == (not any(a.serves_axis(axis) for a in found))
    for principle in PRINCIPLES:
        assert (principle in report.unserved_principles) == (
            not any(principle in a.principles for a in found))
    assert [a.key for a in report.not_measurable] == [a.key for a in found if not a.measurable]


@given(strategies_, ambitions(99))
def test_adding_an_ambition_never_adds_an_unserved_axis_or_principle(found, extra):
    before = balance_check(list(found), principles=PRINCIPLES, axes=AXES)
    after = balance_check([*found, extra], principles=PRINCIPLES, axes=AXES)
    assert set(after.unserved_axes) <= set(before.unserved_axes)
    assert set(after.unserved_principles) <= set(before.unserved_principles)


@given(strategies_)
def test_every_trade_off_has_gains_and_losses_and_every_clash_a_served_axis(found):
    result = conflicts(list(found), axes=AXES)
    for t in result.trade_offs:
        assert t.gains and t.losses
        assert all(t.ambition.effects[x] == Effect.POSITIVE for x in t.gains)
    for c in result.clashes:
        assert c.harming.effects[c.axis] == Effect.NEGATIVE
        assert all(b.serves_axis(c.axis) and b.key != c.harming.key for b in c.served_by)
