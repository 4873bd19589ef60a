"""The search index: one row per searchable object, kept up to date by the services that
write content (``index.index_update`` / ``index_remove``, on commit).

The engines' own structures are not Django fields: on PostgreSQL a ``tsvector`` column
with a GIN index, on SQLite an FTS5 table; each is created by a migration run only on its
database and kept in step with this table by database triggers (``migrations/0002``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from territoria.core.models import Territory


class SearchEntry(models.Model):
    """What the search finds of one object: its title and text, who may find it, and where
    it leads. ``territory`` is empty for national content (the indicator catalogue), which
    every territory's search finds."""

    class Audience(models.TextChoices):
        PUBLIC = "public", _("everyone who can see the territory")
        TEAM = "team", _("the territory's team")

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="+")
    kind = models.CharField(max_length=60)
    object_id = models.BigIntegerField()
    audience = models.CharField(max_length=10, choices=Audience.choices,
                                default=Audience.PUBLIC)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    # Shown beside the result, not searched: where the object sits (a statement's question).
    context = models.CharField(max_length=300, blank=True)
    url_name = models.CharField(max_length=100)
    url_kwargs = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"],
                                               name="one_search_entry_per_object")]
        indexes = [models.Index(fields=["territory", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"
