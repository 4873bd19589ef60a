"""Reads of the administrative referential (shared by every territory)."""

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from territoria.geo.domain.names import normalise_name, query_words
from territoria.geo.models import Commune, Epci, ReferentialVersion


def _name_filter(words: list[str]) -> Q:
    # A word matches at the start of the name or at the start of any later word.
    condition = Q()
    for word in words:
        condition &= Q(search_name__startswith=word) | Q(search_name__contains=f" {word}")
    return condition


def commune_search(*, query: str, kinds: tuple[str, ...] = (Commune.Kind.CURRENT,),
                   limit: int = 20) -> QuerySet[Commune]:
    """Communes whose name matches every word of the query, exact names first.

    A query of five digits is taken as an INSEE code.
    """
    query = query.strip()
    is_code = len(query) == 5 and (
        query.isdigit() or (query[:2].upper() in {"2A", "2B"} and query[2:].isdigit()))
    if is_code:
        return Commune.objects.filter(insee_code=query.upper(), kind__in=kinds).select_related(
            "department", "epci")[:limit]
    words = query_words(query)
    if not words:
        return Commune.objects.none()
    exact = normalise_name(query)
    return (
        Commune.objects.filter(_name_filter(words), kind__in=kinds)
        .select_related("department", "epci")
        .annotate(rank=Case(When(search_name=exact, then=Value(0)), default=Value(1),
                            output_field=IntegerField()))
        .order_by("rank", "-population", "name")[:limit]
    )


def epci_search(*, query: str, limit: int = 20) -> QuerySet[Epci]:
    query = query.strip()
    if query.isdigit() and len(query) == 9:
        return Epci.objects.filter(siren=query)[:limit]
    words = query_words(query)
    if not words:
        return Epci.objects.none()
    return Epci.objects.filter(_name_filter(words)).order_by("-population", "name")[:limit]


def referential_version_current() -> ReferentialVersion | None:
    """The referential now in the database: the latest load."""
    return ReferentialVersion.objects.order_by("-loaded_at", "-id").first()


def referential_version_list(*, limit: int = 10) -> QuerySet[ReferentialVersion]:
    return ReferentialVersion.objects.order_by("-loaded_at", "-id")[:limit]
