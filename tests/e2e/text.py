"""What a page says, in the language the page is shown in.

The journeys read pages the way a user does, by their visible text. Visitors' browsers ask
for French, so ``fr("Log out")`` is the text a French visitor sees: the message from the
catalogs the site itself uses (ours, Django's, allauth's), so that a journey does not
depend on the words translators chose. Where a journey must prove that a page *is* in
French, it asserts French text from Django's or allauth's own catalogs, or ``lang``.
"""

import re

from django.utils import translation


def in_language(language: str, message) -> str:
    """``message`` (a msgid, or a lazy string such as a model choice) in ``language``."""
    with translation.override(language):
        return str(translation.gettext(message) if isinstance(message, str) else message)


def fr(message) -> str:
    return in_language("fr", message)


def en(message) -> str:
    return in_language("en", message)


def label(message, language: str = "fr") -> re.Pattern:
    """A field's label, whether or not the form marks it as required.

    Exact otherwise, so that "Password" does not also find "Password (again)"; the case of
    the first letter does not matter (forms capitalise a model field's name).
    """
    text = in_language(language, message)
    text = f"[{re.escape(text[0].lower())}{re.escape(text[0].upper())}]{re.escape(text[1:])}"
    required = re.escape(in_language(language, "required"))
    return re.compile(rf"^\s*{text}\s*(\*|\({required}\))?\s*$")
