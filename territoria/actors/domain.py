"""Checks on an actor's identifiers, without the database."""


def siren_is_valid(siren: str) -> bool:
    """A SIREN number: nine digits whose Luhn checksum is right (INSEE's rule; La Poste's
    356000000 is the documented exception)."""
    if len(siren) != 9 or not siren.isdigit():
        return False
    if siren == "356000000":
        return True
    total = 0
    for index, digit in enumerate(int(c) for c in siren):
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0
