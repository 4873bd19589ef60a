"""What a page says, in the language the page is shown in.

The journeys read pages the way a user does, by their visible text. Visitors' browsers ask
for French, so ``fr("Log out")`` is the text a French visitor sees: the message from the
catalogs the site itself uses (ours, Django's, allauth's), so a journey does not depend on
the wording translators chose.
"""

from django.utils import translation


def fr(message: str) -> str:
    with translation.override("fr"):
        return str(translation.gettext(message))


def fr_label(lazy_label) -> str:
    """A lazy label (a model choice, a field name) as a French visitor sees it."""
    with translation.override("fr"):
        return str(lazy_label)
