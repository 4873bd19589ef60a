"""Normalised place names for accent- and abbreviation-insensitive lookup.

"Saint-Étienne", "saint etienne", "St Etienne" and "ST-ÉTIENNE" all normalise to
"st etienne"; a query matches a name when each of its words starts a word of the name.
"""

import re
import unicodedata

_ABBREVIATIONS = {"saint": "st", "sainte": "ste", "saints": "sts", "saintes": "stes"}
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def strip_accents(text: str) -> str:
    # Ligatures have no decomposition: without this table "Œuilly" would lose its "Œ".
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise_name(text: str) -> str:
    words = _NON_ALNUM.sub(" ", strip_accents(text).lower()).split()
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


def query_words(query: str) -> list[str]:
    return normalise_name(query).split()
