"""Template tags to show moderation where content is displayed.

    {% load moderation %}
    {% moderation_state object as state %}
    {% if state.is_hidden and not can_moderate %}{% moderation_notice state %}{% else %}…{% endif %}
    {% report_link object %}
"""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from territoria.moderation import registry, selectors
from territoria.moderation.models import ModeratedContent, Reason

register = template.Library()


@register.simple_tag
def moderation_state(obj):
    return selectors.state_for(obj)


@register.simple_tag
def can_moderate(user, territory) -> bool:
    return bool(territory and user.has_perm("moderation.moderate", territory))


@register.simple_tag
def can_change_moderation_settings(user, territory) -> bool:
    return bool(territory and user.has_perm("moderation.change_settings", territory))


def notice_text(state: ModeratedContent | None) -> str:
    """What readers see in place of hidden content."""
    if state is None or not state.is_hidden:
        return ""
    if state.status == ModeratedContent.Status.PENDING:
        return _("Hidden pending review by the moderators.")
    if state.hidden_reason:
        return _("Hidden by the moderators: %(reason)s.") % {
            "reason": Reason(state.hidden_reason).label}
    return _("Hidden by the moderators.")


@register.simple_tag
def moderation_notice(state) -> str:
    return notice_text(state)


@register.inclusion_tag("moderation/_report_link.html", takes_context=True)
def report_link(context, obj, label: str = ""):
    """A "Report" link for a signed-in reader who did not write ``obj``."""
    request = context.get("request")
    user = getattr(request, "user", None)
    entry = registry.for_model(obj)
    show = bool(user and user.is_authenticated and entry.author_id_of(obj) != user.pk
                and entry.can_report(obj))
    territory = entry.territory_of(obj)
    url = ""
    if show:
        # No "next": after the report, the reader goes back to the object's own page
        # (``entry.url``), also when this link was drawn in an htmx partial.
        url = reverse("moderation:report-create", kwargs={
            "territory_slug": territory.slug, "key": entry.key, "object_id": obj.pk})
    return {"show": show, "url": url, "label": label or entry.label(obj)}
