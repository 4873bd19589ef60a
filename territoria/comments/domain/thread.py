"""How a thread of comments is laid out: nested to a depth, then flat with "in reply to".

Deep nesting makes narrow columns that no one can read (and screen readers announce every
level), so replies nest down to ``max_depth`` levels; a reply to a comment at the deepest
level is shown beside it, at the same level, marked as a reply to the comment it answers
(as Discourse and Decidim do beyond their depth).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Node:
    id: int
    parent_id: int | None


@dataclass
class Branch:
    id: int
    depth: int  # 1 for a comment on the page itself
    in_reply_to: int | None = None  # set when shown flat, away from the comment it answers
    children: list["Branch"] = field(default_factory=list)


def build_thread(nodes: Sequence[Node], *, max_depth: int = 3) -> list[Branch]:
    """The thread's top-level branches, each with its displayed replies.

    ``nodes`` come in the order they are shown (chronological); siblings keep that order.
    A node whose parent is missing from ``nodes`` is shown at the top level, marked as a
    reply to that parent.
    """
    if max_depth < 1:
        raise ValueError("max_depth is at least 1")
    placed: dict[int, Branch] = {}
    # Where a node's own replies go: itself, or (at the deepest level) its display list.
    shelf: dict[int, list[Branch]] = {}
    roots: list[Branch] = []
    for node in nodes:
        parent = placed.get(node.parent_id) if node.parent_id is not None else None
        if parent is None:
            branch = Branch(node.id, 1, in_reply_to=node.parent_id)
            roots.append(branch)
            target_list = roots
        elif parent.depth < max_depth:
            branch = Branch(node.id, parent.depth + 1)
            parent.children.append(branch)
            target_list = parent.children
        else:
            branch = Branch(node.id, parent.depth, in_reply_to=node.parent_id)
            target_list = shelf[node.parent_id]
            target_list.append(branch)
        placed[node.id] = branch
        shelf[node.id] = branch.children if branch.depth < max_depth else target_list
    return roots


def walk(branches: Sequence[Branch]):
    """Every branch, depth first, in display order."""
    for branch in branches:
        yield branch
        yield from walk(branch.children)


def root_index(branches: Sequence[Branch], comment_id: int) -> int | None:
    """The position of the top-level branch that shows ``comment_id`` (a thread is paged by
    its top-level branches, each with all its replies), or ``None`` if no branch shows it."""
    for index, branch in enumerate(branches):
        if any(shown.id == comment_id for shown in walk([branch])):
            return index
    return None
