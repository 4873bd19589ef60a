from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from territoria.core import exports
from territoria.core.agenda import agenda_items
from territoria.core.decorators import territory_view
from territoria.governance import selectors, services
from territoria.governance.forms import (
    AgendaItemForm,
    AttendanceForm,
    BodyForm,
    DecisionForm,
    MeetingForm,
    MemberForm,
    MinutesForm,
)
from territoria.governance.models import Body, Decision
from territoria.projects.decorators import project_view
from territoria.projects.views import _put_errors, project_context


@territory_view("governance.view")
@require_safe
def home(request, territory):
    decisions = selectors.decision_log(territory=territory)[:10]
    return render(request, "governance/home.html", {
        "bodies": selectors.body_list(territory=territory),
        "meetings": selectors.meetings_upcoming(territory=territory),
        "decisions": decisions,
        "drafts": selectors.decision_drafts(user=request.user, territory=territory),
        "can_create": request.user.has_perm("governance.create_body", territory)})


def _creatable_kinds(user, territory) -> list[str]:
    """The kinds of body ``user`` may set up (the governance committee: elected officials
    and administrators)."""
    return [kind for kind in Body.Kind.values
            if user.has_perm("governance.manage_body", Body(territory=territory, kind=kind))]


@territory_view("governance.create_body")
def body_create(request, territory):
    form = BodyForm(request.POST or None, territory=territory,
                    kinds=_creatable_kinds(request.user, territory))
    if request.method == "POST" and form.is_valid():
        try:
            body = services.body_create(actor=request.user, territory=territory,
                                        **form.cleaned_data)
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _("The body is set up. Add its members."))
            return redirect("governance:body-detail", territory.slug, body.pk)
    return render(request, "governance/body_form.html", {"form": form})


@territory_view("governance.view")
def body_detail(request, territory, body_id):
    body = selectors.body_get(territory=territory, pk=body_id)
    can_manage = request.user.has_perm("governance.manage_body", body)
    member_form = MemberForm(territory=territory, prefix="member")
    meeting_form = MeetingForm(prefix="meeting")
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "member":
            member_form = MemberForm(request.POST, territory=territory, prefix="member")
            if member_form.is_valid():
                try:
                    services.body_member_add(actor=request.user, body=body,
                                             **member_form.cleaned_data)
                except ValidationError as error:
                    _put_errors(member_form, error)
                else:
                    messages.success(request, _("The member is added."))
                    return redirect(request.path)
        elif action == "remove":
            member = body.members.filter(user_id=request.POST.get("user", "")
                                         if request.POST.get("user", "").isdigit() else None
                                         ).select_related("user").first()
            if member is not None:
                services.body_member_remove(actor=request.user, body=body, user=member.user)
            messages.success(request, _("The member is removed."))
            return redirect(request.path)
        elif action == "meeting":
            meeting_form = MeetingForm(request.POST, prefix="meeting")
            if meeting_form.is_valid():
                meeting = services.meeting_create(actor=request.user, body=body,
                                                  **meeting_form.cleaned_data)
                messages.success(request, _("The meeting is planned: prepare its agenda."))
                return redirect("governance:meeting-detail", territory.slug, meeting.pk)
    return render(request, "governance/body_detail.html", {
        "body": body, "members": body.members.select_related("user"),
        "meetings": body.meetings.order_by("-starts_at")[:20], "can_manage": can_manage,
        "member_form": member_form, "meeting_form": meeting_form})


def _proposed(territory, meeting):
    """The items the platform proposes for the agenda, minus those already on it."""
    present = set(meeting.agenda.values_list("source", "title"))
    return [item for item in agenda_items(territory, today=timezone.localdate())
            if (item.source, item.title[:300]) not in present]


@territory_view("governance.view")
def meeting_detail(request, territory, meeting_id):
    meeting = selectors.meeting_get(territory=territory, pk=meeting_id)
    can_manage = request.user.has_perm("governance.manage_meeting", meeting)
    members = list(meeting.body.members.select_related("user"))
    current = dict(meeting.attendance.values_list("user_id", "status"))
    item_form = AgendaItemForm(prefix="item")
    minutes_form = MinutesForm(prefix="minutes", initial={"minutes": meeting.minutes})
    attendance_form = AttendanceForm(prefix="att", members=members, current=current)
    proposed = _proposed(territory, meeting) if can_manage else []
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "proposed":
            chosen = {int(i) for i in request.POST.getlist("proposed") if i.isdigit()}
            added = services.agenda_add_proposed(
                actor=request.user, meeting=meeting,
                items=[item for index, item in enumerate(proposed) if index in chosen])
            messages.success(request, _("%(n)s item(s) added to the agenda.") % {"n": added})
            return redirect(request.path)
        if action == "item":
            item_form = AgendaItemForm(request.POST, prefix="item")
            if item_form.is_valid():
                services.agenda_add(actor=request.user, meeting=meeting,
                                    **item_form.cleaned_data)
                messages.success(request, _("The item is on the agenda."))
                return redirect(request.path)
        elif action == "attendance":
            attendance_form = AttendanceForm(request.POST, prefix="att", members=members,
                                             current=current)
            if attendance_form.is_valid():
                try:
                    services.attendance_record(actor=request.user, meeting=meeting,
                                               statuses=attendance_form.statuses())
                except ValidationError as error:
                    _put_errors(attendance_form, error)
                else:
                    messages.success(request, _("The attendance is recorded."))
                    return redirect(request.path)
        elif action in ("minutes", "publish"):
            minutes_form = MinutesForm(request.POST, prefix="minutes")
            if minutes_form.is_valid():
                try:
                    services.minutes_save(actor=request.user, meeting=meeting,
                                          minutes=minutes_form.cleaned_data["minutes"],
                                          publish=action == "publish")
                except ValidationError as error:
                    _put_errors(minutes_form, error)
                else:
                    messages.success(request, _("The minutes are published.")
                                     if action == "publish" else _("The minutes are saved."))
                    return redirect(request.path)
    decisions = [d for d in meeting.decisions.select_related("body")
                 if request.user.has_perm("governance.view_decision", d)]
    present = sum(1 for status in current.values() if status == "present")
    return render(request, "governance/meeting_detail.html", {
        "meeting": meeting, "agenda": meeting.agenda.select_related("project"),
        "members": members, "attendance": current, "present": present,
        "quorum": len(members) // 2 + 1 if members else 0,
        "can_manage": can_manage, "proposed": list(enumerate(proposed)),
        "item_form": item_form, "minutes_form": minutes_form,
        "attendance_form": attendance_form, "decisions": decisions,
        "show_minutes": can_manage or meeting.minutes_published_at is not None})


@territory_view("governance.view")
@require_safe
def decision_log(request, territory):
    kind = request.GET.get("kind", "")
    kind = kind if kind in Decision.Kind.values else ""
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else None
    decisions = selectors.decision_log(territory=territory, kind=kind, year=year)
    if request.GET.get("format") == "csv":
        kinds = dict(Decision.Kind.choices)
        readable = request.user.has_perm("governance.create_body", territory)
        return exports.rows_response(
            fmt="csv", filename=f"{territory.slug}-decisions",
            header=["id", "decided_on", "body", "kind", "title", "text", "projects",
                    "confidential_reason", "amends"],
            rows=([d.pk, d.decided_on, d.body.name, str(kinds[d.kind]),
                   d.title if (readable or not d.confidential) else "",
                   d.text if (readable or not d.confidential) else "",
                   "; ".join(p.title for p in d.projects.all())
                   if (readable or not d.confidential) else "",
                   d.confidential_reason, d.amends_id or ""]
                  for d in decisions.iterator(chunk_size=500)))
    page = Paginator(decisions, 30).get_page(request.GET.get("page"))
    return render(request, "governance/decision_log.html", {
        "page": page, "kind": kind, "year": year, "kinds": Decision.Kind.choices,
        "years": selectors.decision_years(territory=territory),
        "query_string": exports.query_string({k: v for k, v in
                                              (("kind", kind), ("year", year or "")) if v})})


@territory_view("governance.view")
def decision_create(request, territory, body_id):
    body = selectors.body_get(territory=territory, pk=body_id)
    if not request.user.has_perm("governance.manage_body", body):
        raise PermissionDenied
    meeting = amends = None
    if request.GET.get("meeting", "").isdigit():
        meeting = body.meetings.filter(pk=int(request.GET["meeting"])).first()
    if request.GET.get("amends", "").isdigit():
        amends = Decision.objects.filter(territory=territory, body=body,
                                         pk=int(request.GET["amends"]),
                                         status=Decision.Status.PUBLISHED).first()
    initial = {"decided_on": timezone.localdate()}
    if amends is not None:
        initial.update(kind=amends.kind, title=_("Amendment: %(title)s") % {
            "title": amends.title}, projects=amends.projects.all())
    form = DecisionForm(request.POST or None, territory=territory, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_create(actor=request.user, body=body,
                                                meeting=meeting, amends=amends,
                                                **form.cleaned_data)
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _("The decision is drafted. Publish it when it is "
                                        "final: it can no longer change then."))
            return redirect("governance:decision-detail", territory.slug, decision.pk)
    return render(request, "governance/decision_form.html", {
        "form": form, "body": body, "decision": None, "meeting": meeting, "amends": amends})


@territory_view("governance.view")
def decision_detail(request, territory, decision_id):
    decision = selectors.decision_get(user=request.user, territory=territory, pk=decision_id)
    return render(request, "governance/decision_detail.html", {
        "decision": decision,
        "can_read": (not decision.confidential
                     or request.user.has_perm("governance.read_confidential", decision)),
        "can_manage": request.user.has_perm("governance.manage_decision", decision),
        "amended_by": decision.amended_by.filter(status=Decision.Status.PUBLISHED)})


@territory_view("governance.view")
def decision_edit(request, territory, decision_id):
    decision = selectors.decision_get(user=request.user, territory=territory, pk=decision_id)
    if not request.user.has_perm("governance.manage_decision", decision):
        raise PermissionDenied
    if decision.is_published:
        messages.error(request, _("A published decision cannot be changed. Record a new "
                                  "decision that amends it."))
        return redirect("governance:decision-detail", territory.slug, decision.pk)
    form = DecisionForm(request.POST or None, territory=territory, initial={
        "kind": decision.kind, "title": decision.title, "text": decision.text,
        "decided_on": decision.decided_on, "projects": decision.projects.all(),
        "stage_to": decision.stage_to, "confidential": decision.confidential,
        "confidential_reason": decision.confidential_reason})
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_update(actor=request.user, decision=decision,
                                     **form.cleaned_data)
        except ValidationError as error:
            _put_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("governance:decision-detail", territory.slug, decision.pk)
    return render(request, "governance/decision_form.html", {
        "form": form, "body": decision.body, "decision": decision})


@territory_view("governance.view")
@require_POST
def decision_publish(request, territory, decision_id):
    decision = selectors.decision_get(user=request.user, territory=territory, pk=decision_id)
    if not request.user.has_perm("governance.manage_decision", decision):
        raise PermissionDenied
    try:
        services.decision_publish(actor=request.user, decision=decision)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("The decision is published."))
    return redirect("governance:decision-detail", territory.slug, decision.pk)


@project_view()
def project_decisions(request, territory, project):
    decisions = selectors.project_decisions(project=project)
    context = project_context(request, project, "decisions")
    context["decisions"] = [
        (d, not d.confidential or request.user.has_perm("governance.read_confidential", d))
        for d in decisions]
    return render(request, "governance/project_decisions.html", context)


@territory_view("governance.view")
@require_safe
def meetings_ical(request, territory):
    """The calendar of the bodies' meetings (planned and held, of the last and next year): for
    members and residents to add to their own calendar. A meeting is counted two hours."""
    from datetime import timedelta

    from django.http import HttpResponse
    from django.urls import reverse

    from territoria.core.domain.ical import CalendarEvent, calendar
    from territoria.governance.models import Meeting

    now = timezone.now()
    host = request.get_host().split(":")[0] or "territoria"
    meetings = (Meeting.objects.filter(territory=territory,
                                       starts_at__gte=now - timedelta(days=366),
                                       starts_at__lte=now + timedelta(days=366))
                .select_related("body").order_by("starts_at"))
    items = [CalendarEvent(
        uid=f"meeting-{meeting.pk}@{host}", starts_at=meeting.starts_at,
        ends_at=meeting.starts_at + timedelta(hours=2),
        summary=meeting.body.name, location=meeting.place,
        cancelled=meeting.status == meeting.Status.CANCELLED,
        url=request.build_absolute_uri(reverse("governance:meeting-detail",
                                               args=[territory.slug, meeting.pk])))
        for meeting in meetings]
    text = calendar(items, name=_("Meetings of %(territory)s") % {"territory": territory.name},
                    now=now)
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{territory.slug}-meetings.ics"'
    return response
