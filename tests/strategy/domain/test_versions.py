from territoria.strategy.domain.versions import (
    AmbitionSnapshot,
    ChangeKind,
    VersionSnapshot,
    version_changes,
)


def test_nothing_changed():
    v = VersionSnapshot("T", "R", frozenset({"citizen"}))
    assert version_changes(v, v) == []


def test_every_kind_of_change_is_told():
    before = VersionSnapshot(
        "Old", "R", frozenset({"citizen"}), frozenset({"mobility"}), {1: "No bus"},
        (AmbitionSnapshot(10, "Buses", (1, 2.0)), AmbitionSnapshot(11, "Trains")))
    after = VersionSnapshot(
        "New", "R2", frozenset({"responsible"}), frozenset({"mobility", "health"}),
        {2: "No doctor"},
        (AmbitionSnapshot(10, "Buses", (1, 3.0)), AmbitionSnapshot(12, "Bikes")))
    kinds = [(c.kind, c.subject) for c in version_changes(before, after)]
    assert kinds == [
        (ChangeKind.TITLE, ""), (ChangeKind.RATIONALE, ""),
        (ChangeKind.PRINCIPLE_ADDED, "responsible"), (ChangeKind.PRINCIPLE_REMOVED, "citizen"),
        (ChangeKind.AXIS_ADDED, "health"),
        (ChangeKind.ITEM_ADDED, "No doctor"), (ChangeKind.ITEM_REMOVED, "No bus"),
        (ChangeKind.AMBITION_CHANGED, "Buses"), (ChangeKind.AMBITION_ADDED, "Bikes"),
        (ChangeKind.AMBITION_REMOVED, "Trains")]


def test_a_renamed_ambition_is_changed_not_replaced():
    before = VersionSnapshot("T", "R", ambitions=(AmbitionSnapshot(10, "Buses"),))
    after = VersionSnapshot("T", "R", ambitions=(AmbitionSnapshot(10, "More buses"),))
    [change] = version_changes(before, after)
    assert (change.kind, change.before, change.after) == (ChangeKind.AMBITION_CHANGED, "Buses",
                                                          "More buses")
