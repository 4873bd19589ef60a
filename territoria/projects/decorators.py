"""One way into every page about a project: the territory and the project are resolved, the
project must belong to the territory (another territory's project answers 404), and the
permission is checked on the project."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from territoria.core.selectors import territory_get
from territoria.projects.selectors import project_get


def project_view(permission: str = "projects.view_project"):
    """Call ``view(request, territory, project, ...)`` for the URL's ``territory_slug`` and
    ``pk``; 404 for an unknown or invisible project, 403 (or the login page) without the
    permission."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, territory_slug, pk, *args, **kwargs):
            territory = territory_get(user=request.user, slug=territory_slug)
            request.territory = territory
            project = project_get(territory=territory, pk=pk)
            if not request.user.has_perm(permission, project):
                if not request.user.is_authenticated:
                    from django.contrib.auth.views import redirect_to_login

                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, territory, project, *args, **kwargs)

        return wrapper

    return decorator
