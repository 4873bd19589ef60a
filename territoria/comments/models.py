"""Comments on any registered object of a territory, threaded, with their revisions."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from territoria.core.models import TerritoryScopedModel


class Comment(TerritoryScopedModel):
    """A comment on an object (``target``), or a reply to another comment on the same one.

    ``body`` is the text as typed (kept for editing and the history); ``body_html`` is what
    pages show: built by ``domain.text.to_html`` and cleaned by nh3 when written, never
    from anything else. A comment deleted by its author keeps its place in the thread
    (``deleted_at``) with an empty body, so that the replies keep their context.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="comments")
    # The author's role when writing, shown beside the comment ("a resident"), kept when
    # the account is deleted.
    author_role = models.CharField(_("author's role"), max_length=20, blank=True)
    body = models.TextField(_("comment"))
    body_html = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]

    def __str__(self) -> str:
        return self.body[:80]

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class CommentRevision(models.Model):
    """A former version of a comment, kept when its author edits it."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    body_html = models.TextField()
    # When this version was written (the comment's creation, or an earlier edit).
    written_at = models.DateTimeField()
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["written_at", "pk"]
        verbose_name = _("comment revision")
        verbose_name_plural = _("comment revisions")
