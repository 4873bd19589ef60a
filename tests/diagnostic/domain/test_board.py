from hypothesis import given
from hypothesis import strategies as st

from territoria.diagnostic.domain.board import (
    Agreement,
    ItemKind,
    Leaning,
    WeighedItem,
    read_axis,
    reading_order,
)

S, W, O, T = ItemKind.STRENGTH, ItemKind.WEAKNESS, ItemKind.OPPORTUNITY, ItemKind.THREAT


def data(kind):
    return WeighedItem(kind, from_data=True)


def said(kind, supports=0):
    return WeighedItem(kind, from_data=False, supports=supports)


def test_an_axis_is_contested_when_data_says_strength_and_residents_say_weakness():
    reading = read_axis([data(S), said(W)])
    assert reading.data.leaning is Leaning.POSITIVE
    assert reading.perceptions.leaning is Leaning.NEGATIVE
    assert reading.agreement is Agreement.CONTESTED


def test_supports_weigh_a_contribution():
    # one unsupported strength against a weakness supported by two people
    reading = read_axis([said(S), said(W, supports=2)])
    assert (reading.perceptions.strengths, reading.perceptions.weaknesses) == (1, 3)
    assert reading.perceptions.leaning is Leaning.NEGATIVE


def test_data_items_weigh_one_each_whatever_their_supports():
    reading = read_axis([WeighedItem(S, from_data=True, supports=40), data(W), data(W)])
    assert reading.data.leaning is Leaning.NEGATIVE


def test_opportunities_and_threats_do_not_make_an_axis_lean():
    reading = read_axis([said(O, supports=9), said(T), data(O)])
    assert reading.agreement is Agreement.UNDECIDED
    assert reading.perceptions.leaning is Leaning.SILENT


def test_one_sided_and_balanced_axes():
    assert read_axis([data(W)]).agreement is Agreement.DATA_ONLY
    assert read_axis([said(S)]).agreement is Agreement.PERCEPTIONS_ONLY
    assert read_axis([data(S), data(W), said(S)]).agreement is Agreement.PERCEPTIONS_ONLY
    assert read_axis([]).agreement is Agreement.UNDECIDED
    assert read_axis([data(W), said(W, supports=3)]).agreement is Agreement.AGREED


def test_contested_axes_come_first():
    assert min(Agreement, key=reading_order) is Agreement.CONTESTED


items = st.lists(st.builds(WeighedItem, st.sampled_from(list(ItemKind)), st.booleans(),
                           st.integers(min_value=0, max_value=50)), max_size=30)


@given(items)
def test_the_order_of_items_does_not_matter(listed):
    assert read_axis(listed) == read_axis(reversed(listed))


@given(items)
def test_swapping_strengths_and_weaknesses_swaps_the_leaning_and_keeps_the_agreement(listed):
    swap = {S: W, W: S, O: O, T: T}
    mirrored = [WeighedItem(swap[i.kind], i.from_data, i.supports) for i in listed]
    before, after = read_axis(listed), read_axis(mirrored)
    assert before.agreement is after.agreement
    flip = {Leaning.POSITIVE: Leaning.NEGATIVE, Leaning.NEGATIVE: Leaning.POSITIVE}
    assert flip.get(before.data.leaning, before.data.leaning) is after.data.leaning
