from territoria.core.domain.colour import palette_for


def territory(request):
    """The current territory (set by ``territory_view``) and the theme derived from it."""
    current = getattr(request, "territory", None)
    if current is None:
        return {}
    return {
        "territory": current,
        "theme": palette_for(current.main_colour),
        "can_manage_territory": request.user.has_perm("core.change_territory", current),
    }
