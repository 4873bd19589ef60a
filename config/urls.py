from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

handler403 = "territoria.core.views.permission_denied"
handler404 = "territoria.core.views.not_found"

urlpatterns = [
    path("", include("territoria.core.urls")),
    path("geo/", include("territoria.geo.urls")),
    path("", include("territoria.diagnostic.urls")),
    path("", include("territoria.opinion.urls")),
    path("", include("territoria.comments.urls")),
    path("", include("territoria.moderation.urls")),
    path("", include("territoria.strategy.urls")),
    path("", include("territoria.agora.urls")),
    path("", include("territoria.projects.urls")),
    path("", include("territoria.governance.urls")),
    path("", include("territoria.actors.urls")),
    path("", include("territoria.voting.urls")),
    path("", include("territoria.accounts.urls")),
    path("", include("territoria.notifications.urls")),
    path("", include("territoria.search.urls")),
    path("", include("territoria.indicators.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("operator/", admin.site.urls),
    # Uploaded media (logos). Behind a real deployment the reverse proxy serves /media/.
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve,
         {"document_root": settings.MEDIA_ROOT}),
]
