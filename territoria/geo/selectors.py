"""Reads of the administrative referential (shared by every territory)."""

import re

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from territoria.geo.domain.names import normalise_name, query_words
from territoria.geo.models import Commune, Epci, ReferentialVersion

_COMMUNE_CODE = re.compile(r"^(?:[0-9]{5}|2[AB][0-9]{3})$")
_SIREN = re.compile(r"^[0-9]{9}$")


def _name_filter(words: list[str]) -> Q:
    # A word matches at the start of the name or at the start of any later word.
    condition = Q()
    for word in words:
        condition &= Q(search_name__startswith=word) | Q(search_name__contains=f" {word}")
    return condition


def _name_rank(query: str) -> Case:
    # The name itself first, then names that start with the query, then the rest.
    exact = normalise_name(query)
    return Case(When(search_name=exact, then=Value(0)),
                When(search_name__startswith=f"{exact} ", then=Value(1)),
                default=Value(2), output_field=IntegerField())


_BY_SIZE = (F("population").desc(nulls_last=True), "name")


def commune_search(*, query: str, kinds: tuple[str, ...] = (Commune.Kind.CURRENT,),
                   limit: int = 20) -> QuerySet[Commune]:
    """Communes matching the query, the most likely first.

    - Five characters like an INSEE code (``42218``, ``2A004``): the commune with that
      code, then the commune that absorbed a former commune of that code, then the
      communes with that postal code.
    - Nine digits: the commune with that SIREN.
    - Otherwise a name: every word of the query starts a word of the name, accents, case,
      punctuation and "Saint"/"St" aside (``geo.domain.names``); the exact name first,
      then names starting with the query, then by population.

    Communes withdrawn from the referential are not offered.
    """
    compact = "".join(query.split()).upper()
    communes = Commune.objects.filter(kind__in=kinds, withdrawn=False).select_related(
        "department", "epci")
    if _COMMUNE_CODE.match(compact):
        rank = Case(When(insee_code=compact, then=Value(0)),
                    When(former_codes__contains=compact, then=Value(1)),
                    default=Value(2), output_field=IntegerField())
        return (communes.filter(Q(insee_code=compact) | Q(former_codes__contains=compact)
                                | Q(postal_codes__contains=compact))
                .annotate(rank=rank).order_by("rank", *_BY_SIZE)[:limit])
    if _SIREN.match(compact):
        return communes.filter(siren=compact)[:limit]
    words = query_words(query)
    if not words:
        return Commune.objects.none()
    return (communes.filter(_name_filter(words)).annotate(rank=_name_rank(query))
            .order_by("rank", *_BY_SIZE)[:limit])


def epci_search(*, query: str, limit: int = 20) -> QuerySet[Epci]:
    """EPCI matching the query: nine digits are a SIREN; otherwise a name, as for communes."""
    compact = "".join(query.split())
    epcis = Epci.objects.filter(withdrawn=False)
    if _SIREN.match(compact):
        return epcis.filter(siren=compact)[:limit]
    words = query_words(query)
    if not words:
        return Epci.objects.none()
    return (epcis.filter(_name_filter(words)).annotate(rank=_name_rank(query))
            .order_by("rank", *_BY_SIZE)[:limit])


def referential_version_current() -> ReferentialVersion | None:
    """The referential now in the database: the latest load."""
    return ReferentialVersion.objects.order_by("-loaded_at", "-id").first()


def referential_version_list(*, limit: int = 10) -> QuerySet[ReferentialVersion]:
    return ReferentialVersion.objects.order_by("-loaded_at", "-id")[:limit]
