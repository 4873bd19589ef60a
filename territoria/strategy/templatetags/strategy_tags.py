from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``mapping[key]``, or None: a dict looked up by a variable key in a template."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def orientation_place(ranking, orientation_id):
    """The place the latest prioritisation vote gave an orientation (an OptionResult)."""
    return ranking.of_orientation(orientation_id) if ranking else None


@register.filter
def ambition_place(ranking, ambition):
    return ranking.of_ambition(ambition) if ranking else None


@register.inclusion_tag("strategy/_answers.html", takes_context=True)
def strategy_answers(context, item):
    """The adopted orientations that answer a diagnostic item, for the item's page; the team
    also gets the link to draft one from it (the chain diagnostic → strategy)."""
    from territoria.strategy.models import OrientationVersion

    request = context.get("request")
    territory = item.territory
    can_draft = bool(request and request.user.has_perm("strategy.draft", territory))
    versions = (OrientationVersion.objects
                .filter(territory=territory, diagnostic_items=item,
                        status=OrientationVersion.Status.ADOPTED)
                .select_related("orientation").order_by("orientation__number"))
    return {"item": item, "territory": territory, "versions": list(versions),
            "can_draft": can_draft and item.status == "published"}
