from django.urls import path

from territoria.moderation import views

app_name = "moderation"
prefix = "t/<slug:territory_slug>/moderation/"
urlpatterns = [
    path(prefix, views.queue, name="queue"),
    path(prefix + "report/<slug:key>/<int:object_id>/", views.report_create,
         name="report-create"),
    path(prefix + "content/<int:content_id>/restore/", views.content_restore,
         name="content-restore"),
    path(prefix + "content/<int:content_id>/hide/", views.content_hide, name="content-hide"),
    path(prefix + "blocks/", views.block_list, name="block-list"),
    path(prefix + "blocks/new/<int:user_id>/", views.block_create, name="block-create"),
    path(prefix + "blocks/<int:block_id>/lift/", views.block_lift, name="block-lift"),
    path(prefix + "log/", views.action_list, name="action-list"),
    path(prefix + "settings/", views.settings_update, name="settings-update"),
]
