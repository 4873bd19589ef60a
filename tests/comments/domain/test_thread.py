"""The layout of a thread: nested to a depth, then flat with "in reply to"."""

from hypothesis import given
from hypothesis import strategies as st

from territoria.comments.domain.thread import Node, build_thread, walk


def shape(branches):
    return [(b.id, b.depth, b.in_reply_to, shape(b.children)) for b in branches]


def test_replies_nest_under_what_they_answer():
    nodes = [Node(1, None), Node(2, 1), Node(3, None), Node(4, 2)]
    assert shape(build_thread(nodes, max_depth=3)) == [
        (1, 1, None, [(2, 2, None, [(4, 3, None, [])])]),
        (3, 1, None, []),
    ]


def test_beyond_the_depth_replies_sit_beside_their_parent_marked_as_replies():
    # 1 ← 2 ← 3 ← 4, and 5 answers 1: with two levels, 3 and 4 sit beside 2.
    nodes = [Node(1, None), Node(2, 1), Node(3, 2), Node(5, 1), Node(4, 3)]
    assert shape(build_thread(nodes, max_depth=2)) == [
        (1, 1, None, [(2, 2, None, []), (3, 2, 2, []), (5, 2, None, []), (4, 2, 3, [])]),
    ]


def test_a_reply_whose_parent_is_missing_starts_a_branch_marked_as_a_reply():
    assert shape(build_thread([Node(7, 3)], max_depth=3)) == [(7, 1, 3, [])]


@st.composite
def forests(draw):
    size = draw(st.integers(0, 40))
    nodes = []
    for i in range(1, size + 1):
        parent = draw(st.one_of(st.none(), st.integers(1, i - 1))) if i > 1 else None
        nodes.append(Node(i, parent))
    return nodes


@given(forests(), st.integers(1, 5))
def test_every_comment_is_shown_once_within_the_depth(nodes, max_depth):
    shown = list(walk(build_thread(nodes, max_depth=max_depth)))
    assert sorted(b.id for b in shown) == [n.id for n in nodes]
    assert all(1 <= b.depth <= max_depth for b in shown)


@given(forests(), st.integers(1, 5))
def test_a_comment_is_marked_as_a_reply_exactly_when_it_is_not_under_its_parent(nodes,
                                                                               max_depth):
    parents = {n.id: n.parent_id for n in nodes}

    def check(branches, above):
        for b in branches:
            if b.in_reply_to is None:
                assert parents[b.id] == above
            else:
                assert parents[b.id] == b.in_reply_to and b.in_reply_to != above
            check(b.children, b.id)

    check(build_thread(nodes, max_depth=max_depth), None)


@given(forests(), st.integers(1, 5))
def test_a_reply_comes_after_what_it_answers(nodes, max_depth):
    order = [b.id for b in walk(build_thread(nodes, max_depth=max_depth))]
    position = {i: k for k, i in enumerate(order)}
    for n in nodes:
        if n.parent_id is not None:
            assert position[n.parent_id] < position[n.id]


def test_root_index_finds_the_top_level_branch_that_shows_a_reply():
    from territoria.comments.domain.thread import root_index

    nodes = [Node(1, None), Node(2, None), Node(3, 2), Node(4, 3), Node(5, 4), Node(6, 5)]
    branches = build_thread(nodes, max_depth=2)
    assert [root_index(branches, n) for n in (1, 2, 3, 4, 5, 6)] == [0, 1, 1, 1, 1, 1]
    assert root_index(branches, 99) is None
