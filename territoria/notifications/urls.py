from django.urls import path

from territoria.notifications import views

app_name = "notifications"
urlpatterns = [
    path("me/notifications/", views.notification_list, name="notification-list"),
    path("me/notifications/read/", views.notifications_read_all, name="notification-read-all"),
    path("me/notifications/<int:notification_id>/", views.notification_open,
         name="notification-open"),
    path("me/notifications/<int:notification_id>/read/", views.notification_read,
         name="notification-read"),
    path("me/notifications/settings/", views.preferences, name="preferences"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("t/<slug:territory_slug>/follow/<str:target_kind>/<int:target_id>/",
         views.follow_toggle, name="follow-toggle"),
]
