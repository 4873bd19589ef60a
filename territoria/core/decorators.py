from functools import wraps

from django.core.exceptions import PermissionDenied

from territoria.core.selectors import territory_get


def territory_view(permission: str | None = None):
    """Resolve ``territory_slug`` into ``request.territory``, then check ``permission``.

    Unknown or invisible territories answer 404; a visible territory where the user lacks
    the permission answers 403 (or the login page for anonymous users).
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, territory_slug, *args, **kwargs):
            territory = territory_get(user=request.user, slug=territory_slug)
            request.territory = territory
            if permission and not request.user.has_perm(permission, territory):
                if not request.user.is_authenticated:
                    from django.contrib.auth.views import redirect_to_login

                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, territory, *args, **kwargs)

        return wrapper

    return decorator
