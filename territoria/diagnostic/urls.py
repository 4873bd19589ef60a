from django.urls import path

from territoria.diagnostic import views

app_name = "diagnostic"
prefix = "t/<slug:territory_slug>/diagnostic/"
urlpatterns = [
    path(prefix, views.board, name="board"),
    path(prefix + "contribute/", views.item_contribute, name="item-contribute"),
    path(prefix + "items/<int:item_id>/", views.item_detail, name="item-detail"),
    path(prefix + "items/<int:item_id>/support/", views.item_support, name="item-support"),
    path(prefix + "items/<int:item_id>/accept/", views.proposal_accept, name="proposal-accept"),
    path(prefix + "items/<int:item_id>/dismiss/", views.proposal_dismiss,
         name="proposal-dismiss"),
    path(prefix + "items/<int:item_id>/hide/", views.item_hide, name="item-hide"),
    path(prefix + "items/<int:item_id>/merge/", views.item_merge, name="item-merge"),
    path(prefix + "items/<int:item_id>/evidence/", views.evidence_add, name="evidence-add"),
    path(prefix + "evidence/<int:evidence_id>/remove/", views.evidence_remove,
         name="evidence-remove"),
    path(prefix + "proposals/", views.proposal_list, name="proposal-list"),
    path(prefix + "proposals/refresh/", views.proposal_refresh, name="proposal-refresh"),
    path(prefix + "peers/", views.peers, name="peers"),
    path(prefix + "report/", views.report, name="report"),
    path(prefix + "report/pdf/", views.report_generate, name="report-generate"),
    path(prefix + "report/pdf/<int:report_id>/", views.report_pdf, name="report-pdf"),
]
