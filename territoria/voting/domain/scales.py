"""Grade scales of majority judgment: the words a voter chooses from, best first.

A scale is a parameter of the tally: Balinski & Laraki's experiments used six grades
(Orsay, 2007: Très bien, Bien, Assez bien, Passable, Insuffisant, À rejeter), MieuxVoter's
ballots use up to seven. In a tally a grade is an integer ``0 … size-1`` where 0 is the
*worst* grade, so that "higher grade" and "larger number" agree; ``labels`` list them from
the best to the worst, as a ballot shows them.

Labels are English source strings marked for translation with a local ``gettext_noop``
(this package imports no Django); the app translates them when it renders.
"""

from __future__ import annotations

from dataclasses import dataclass


def gettext_noop(message: str) -> str:
    """Mark ``message`` for the translation catalogue (``makemessages`` knows this name)."""
    return message


@dataclass(frozen=True, slots=True)
class GradeScale:
    """A named scale of grades, ``labels`` from the best to the worst."""

    key: str
    labels: tuple[str, ...]

    def __post_init__(self) -> None:
        if len(self.labels) < 2:
            raise ValueError("A grade scale needs at least two grades.")
        if len(set(self.labels)) != len(self.labels):
            raise ValueError("The grades of a scale must differ.")

    @property
    def size(self) -> int:
        return len(self.labels)

    def label(self, grade: int) -> str:
        """The label of ``grade`` (0 is the worst)."""
        if not 0 <= grade < self.size:
            raise ValueError(f"Grade {grade} is not on the scale {self.key!r}.")
        return self.labels[self.size - 1 - grade]

    @property
    def grades_best_first(self) -> tuple[int, ...]:
        return tuple(range(self.size - 1, -1, -1))


#: The platform's default scale: six grades, from "Excellent" to "To reject".
PLATFORM = GradeScale("platform", (
    gettext_noop("Excellent"), gettext_noop("Very good"), gettext_noop("Good"),
    gettext_noop("Fair"), gettext_noop("Poor"), gettext_noop("To reject"),
))

#: The scale of the 2007 Orsay experiment (Balinski & Laraki 2011, ch. 15): Très bien, Bien,
#: Assez bien, Passable, Insuffisant, À rejeter.
ORSAY_2007 = GradeScale("orsay_2007", (
    gettext_noop("Very good"), gettext_noop("Good"), gettext_noop("Fair"),
    gettext_noop("Passable"), gettext_noop("Poor"), gettext_noop("To reject"),
))

SCALES: dict[str, GradeScale] = {scale.key: scale for scale in (PLATFORM, ORSAY_2007)}
