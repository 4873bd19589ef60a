from django.urls import path

from territoria.agora import views

app_name = "agora"
p = "t/<slug:territory_slug>/agora/"
c = p + "consultations/<int:consultation_id>/"
pr = p + "proposals/<int:proposal_id>/"
urlpatterns = [
    path(p, views.agora_home, name="consultation-list"),
    path(p + "consultations/new/", views.consultation_create, name="consultation-create"),
    path(p + "consultations.<str:fmt>", views.consultation_export, name="consultation-export"),
    path(c, views.consultation_detail, name="consultation-detail"),
    path(c + "edit/", views.consultation_update, name="consultation-update"),
    path(c + "phases/", views.consultation_phases, name="consultation-phases"),
    path(c + "phases/<int:phase_id>/", views.phase_update, name="phase-update"),
    path(c + "calendar.ics", views.consultation_ical, name="consultation-ical"),
    path(c + "proposals/new/", views.proposal_create, name="proposal-create"),
    path(c + "proposals.<str:fmt>", views.proposal_export, name="proposal-export"),
    path(c + "debates/new/", views.debate_create, name="debate-create"),
    path(pr, views.proposal_detail, name="proposal-detail"),
    path(pr + "edit/", views.proposal_update, name="proposal-update"),
    path(pr + "publish/", views.proposal_publish, name="proposal-publish"),
    path(pr + "withdraw/", views.proposal_withdraw, name="proposal-withdraw"),
    path(pr + "support/", views.proposal_support, name="proposal-support"),
    path(pr + "status/", views.proposal_status, name="proposal-status"),
    path(pr + "answer/", views.proposal_answer, name="proposal-answer"),
    path(pr + "merge/", views.proposal_merge, name="proposal-merge"),
    path(pr + "coauthors/", views.coauthor_invite, name="coauthor-invite"),
    path(pr + "coauthors/accept/", views.coauthor_accept, name="coauthor-accept"),
    path(pr + "files/", views.attachment_add, name="attachment-add"),
    path(pr + "files/<int:attachment_id>/", views.attachment_download,
         name="attachment-download"),
    path(pr + "files/<int:attachment_id>/remove/", views.attachment_delete,
         name="attachment-delete"),
    path(p + "debates.<str:fmt>", views.debate_export, name="debate-export"),
    path(p + "debates/<int:debate_id>/", views.debate_detail, name="debate-detail"),
    path(p + "debates/<int:debate_id>/arguments/", views.argument_add, name="argument-add"),
    path(p + "debates/<int:debate_id>/close/", views.debate_close, name="debate-close"),
    path(p + "understand/", views.page_list, name="page-list"),
    path(p + "understand/new/", views.page_edit, name="page-create"),
    path(p + "understand/<slug:slug>/", views.page_detail, name="page-detail"),
    path(p + "understand/<slug:slug>/edit/", views.page_edit, name="page-update"),
    path(p + "events/", views.event_list, name="event-list"),
    path(p + "events/new/", views.event_edit, name="event-create"),
    path(p + "events.<str:fmt>", views.event_export, name="event-export"),
    path(p + "events/<int:event_id>/", views.event_detail, name="event-detail"),
    path(p + "events/<int:event_id>/edit/", views.event_edit, name="event-update"),
    path(p + "events/<int:event_id>/register/", views.event_register, name="event-register"),
    path(p + "events/<int:event_id>/minutes/", views.event_minutes, name="event-minutes"),
    path(p + "events/<int:event_id>/calendar.ics", views.event_ical, name="event-ical"),
]
