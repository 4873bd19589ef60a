"""Registration to an event with a capacity and a waiting list (pure).

People are confirmed in the order they registered while seats remain; the others wait in
that order. A cancellation frees a seat for the first person waiting.
"""

from collections.abc import Sequence


def confirmed_and_waiting(registrations: Sequence, capacity: int | None
                          ) -> tuple[list, list]:
    """Split registrations (in the order they were made) into confirmed and waiting."""
    if capacity is None:
        return list(registrations), []
    return list(registrations[:capacity]), list(registrations[capacity:])


def seats_to_fill(*, capacity: int | None, confirmed: int, waiting: int) -> int:
    """How many waiting people to promote now."""
    if capacity is None:
        return waiting
    return max(0, min(waiting, capacity - confirmed))
