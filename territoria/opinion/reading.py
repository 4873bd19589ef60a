"""Reading a stored opinion map for a page: the map's drawing and the divisive statements.

Pure Python (no Django), like ``domain/``; kept beside it because ``domain/`` is the math
module's and these only read its stored output.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

GROUP_LETTERS = "ABCDEFGHIJ"
WIDTH, HEIGHT, PADDING = 640, 400, 36
MAX_DOTS = 3000


def group_label(group_id: int) -> str:
    """Groups are named A, B, C… after their number (stable across recomputations)."""
    return GROUP_LETTERS[group_id] if 0 <= group_id < len(GROUP_LETTERS) else str(group_id + 1)


@dataclass(frozen=True, slots=True)
class Dot:
    x: float
    y: float
    group: int | None
    you: bool = False


@dataclass(frozen=True, slots=True)
class GroupShape:
    id: int
    label: str
    size: int
    points: str
    """SVG ``points`` of the group's convex hull (empty when it has fewer than 3 places)."""
    cx: float
    cy: float
    radius: float


@dataclass(frozen=True, slots=True)
class MapDrawing:
    width: int
    height: int
    dots: tuple[Dot, ...]
    groups: tuple[GroupShape, ...]
    you: Dot | None


def convex_hull(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Andrew's monotone chain: the hull's corners, counter-clockwise."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o, a, b) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple[float, float]] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def map_drawing(projections: Mapping[str, Sequence[float]], group_of: Mapping[str, int],
                *, you: str | None = None) -> MapDrawing:
    """Place participants (dots) and groups (hulls with their letter) in a 640 × 400 box.

    Both axes share one scale so that distances read true; y grows upwards as on a chart.
    Beyond ``MAX_DOTS`` participants, every n-th is drawn (the groups still cover all).
    """
    items = sorted(projections.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 0)
    if not items:
        return MapDrawing(WIDTH, HEIGHT, (), (), None)
    xs = [float(p[0]) for _, p in items]
    ys = [float(p[1]) for _, p in items]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    scale = min((WIDTH - 2 * PADDING) / span, (HEIGHT - 2 * PADDING) / span)
    mx, my = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2

    def place(x: float, y: float) -> tuple[float, float]:
        return (round(WIDTH / 2 + (x - mx) * scale, 1), round(HEIGHT / 2 - (y - my) * scale, 1))

    placed = {pid: place(float(p[0]), float(p[1])) for pid, p in items}
    step = max(1, len(items) // MAX_DOTS)
    dots = tuple(Dot(*placed[pid], group=group_of.get(pid), you=pid == you)
                 for pid, _ in items[::step] if pid != you)
    by_group: dict[int, list[tuple[float, float]]] = {}
    for pid, g in group_of.items():
        if pid in placed:
            by_group.setdefault(g, []).append(placed[pid])
    shapes = []
    for g in sorted(by_group):
        pts = by_group[g]
        hull = convex_hull(pts)
        cx = round(sum(p[0] for p in pts) / len(pts), 1)
        cy = round(sum(p[1] for p in pts) / len(pts), 1)
        radius = max((abs(p[0] - cx) + abs(p[1] - cy) for p in pts), default=0) + 12
        shapes.append(GroupShape(
            id=g, label=group_label(g), size=len(pts),
            points=" ".join(f"{x},{y}" for x, y in hull) if len(hull) >= 3 else "",
            cx=cx, cy=cy, radius=round(radius, 1)))
    you_dot = Dot(*placed[you], group=group_of.get(you), you=True) if you in placed else None
    return MapDrawing(WIDTH, HEIGHT, dots, tuple(shapes), you_dot)


@dataclass(frozen=True, slots=True)
class Divisive:
    statement: str
    spread: float
    agree_by_group: tuple[tuple[int, float | None], ...]


def divisive_statements(group_votes: Sequence[Mapping[str, Sequence[int]]], *,
                        min_votes: int = 3, min_spread: float = 0.3,
                        pick: int = 5) -> list[Divisive]:
    """Where the groups differ most: the statements whose share of agreement varies most
    between groups (largest minus smallest share, among groups with at least ``min_votes``
    votes on it), at least ``min_spread`` apart, the widest first."""
    statements = {sid for votes in group_votes for sid in votes}
    found = []
    for sid in statements:
        shares: list[tuple[int, float | None]] = []
        for g, votes in enumerate(group_votes):
            agree, _disagree, _passed = votes.get(sid, (0, 0, 0))
            seen = sum(votes.get(sid, (0, 0, 0)))
            shares.append((g, agree / seen if seen >= min_votes else None))
        known = [s for _, s in shares if s is not None]
        if len(known) < 2:
            continue
        spread = max(known) - min(known)
        if spread >= min_spread:
            found.append(Divisive(sid, spread, tuple(shares)))
    found.sort(key=lambda d: (-d.spread, int(d.statement) if d.statement.isdigit() else 0))
    return found[:pick]
