"""A project's framing and mission letter; reporting campaigns and the leads' reports."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from territoria.core.decorators import territory_view
from territoria.projects import selectors_reporting as selectors
from territoria.projects import services_reporting as services
from territoria.projects.decorators import project_view
from territoria.projects.forms_reporting import CampaignForm, FramingForm, ReportForm, SignForm
from territoria.projects.models import Campaign, Framing, Project, Report
from territoria.projects.permissions import contributes_to_project
from territoria.projects.views import _put_errors, project_context


def may_see_framing(user, project) -> bool:
    """The team, the lead and the contributors: a framing is a working document."""
    return (user.has_perm("projects.manage_project", project)
            or contributes_to_project.test(user, project))


def _refuse(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


@project_view()
def framing(request, territory, project):
    if not may_see_framing(request.user, project):
        return _refuse(request)
    current = services.framing_current(project)
    can_manage = request.user.has_perm("projects.manage_project", project)
    can_sign = request.user.has_perm("projects.steer", territory)
    editable = current is None or current.status != Framing.Status.SUBMITTED
    initial = ({name: getattr(current, name) for name in services.FRAMING_FIELDS}
               if current else {"objectives": project.objectives})
    form = FramingForm(request.POST or None, initial=initial, prefix="framing")
    sign_form = SignForm(prefix="sign", initial={"signed_on": timezone.localdate()})
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "save" and form.is_valid():
                services.framing_save(actor=request.user, project=project, **form.cleaned_data)
                messages.success(request, _("The framing is saved."))
                return redirect(request.path)
            if action == "submit" and current is not None:
                services.framing_submit(actor=request.user, framing=current)
                messages.success(request, _("The framing is submitted for sign-off."))
                return redirect(request.path)
            if action == "withdraw" and current is not None:
                services.framing_withdraw(actor=request.user, framing=current)
                return redirect(request.path)
            if action == "sign" and current is not None:
                if not can_sign:
                    raise PermissionDenied
                sign_form = SignForm(request.POST, prefix="sign")
                if sign_form.is_valid():
                    job = services.framing_sign(actor=request.user, framing=current,
                                                **sign_form.cleaned_data)
                    messages.success(request, _("The sign-off is recorded; the mission letter "
                                                "is being drawn."))
                    return redirect("core:job-detail", job_id=job.pk)
        except ValidationError as error:
            _put_errors(sign_form if action == "sign" else form, error)
        except PermissionDenied as error:
            messages.error(request, str(error))
    context = project_context(request, project, "framing")
    context.update({"current": current, "form": form, "sign_form": sign_form,
                    "editable": editable, "can_sign": can_sign,
                    "versions": project.framings.order_by("-version")})
    return render(request, "projects/framing/framing.html", context)


def _letter_framing(request, project, framing_id) -> Framing:
    if not may_see_framing(request.user, project):
        raise PermissionDenied
    return get_object_or_404(Framing, project=project, pk=framing_id,
                             status=Framing.Status.SIGNED)


@project_view()
def letter(request, territory, project, framing_id):
    signed = _letter_framing(request, project, framing_id)
    return render(request, "projects/framing/letter.html", selectors.letter_context(signed))


@project_view()
def letter_pdf(request, territory, project, framing_id):
    signed = _letter_framing(request, project, framing_id)
    if not signed.letter:
        raise Http404
    return FileResponse(signed.letter.open("rb"), content_type="application/pdf",
                        filename=f"lettre-de-mission-{project.pk}-v{signed.version}.pdf")


@territory_view("projects.steer")
def campaigns(request, territory):
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_open(actor=request.user, territory=territory,
                                              **form.cleaned_data)
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _("The campaign is open: the leads can report."))
            return redirect("projects:campaign-detail", territory.slug, campaign.pk)
    return render(request, "projects/reporting/campaigns.html", {
        "campaigns": selectors.campaign_list(territory=territory), "form": form,
        "today": timezone.localdate()})


@territory_view("projects.steer")
def campaign_detail(request, territory, campaign_id):
    campaign = get_object_or_404(Campaign, territory=territory, pk=campaign_id)
    if request.method == "POST":
        if request.POST.get("action") == "close":
            services.campaign_close(actor=request.user, campaign=campaign)
            messages.success(request, _("The campaign is closed."))
        elif request.POST.get("action") == "remind":
            sent = services.report_reminders_send()
            messages.success(request, _("Reminders sent: %(count)s.") % {"count": sent})
        return redirect(request.path)
    rows = selectors.campaign_rows(campaign=campaign)
    return render(request, "projects/reporting/campaign_detail.html", {
        "campaign": campaign, "rows": rows, "today": timezone.localdate(),
        "missing": sum(1 for _project, report in rows if report is None)})


@territory_view()
def report_form(request, territory, campaign_id, pk):
    campaign = get_object_or_404(Campaign, territory=territory, pk=campaign_id)
    project = get_object_or_404(Project, territory=territory, pk=pk, campaigns=campaign)
    if not request.user.has_perm("projects.manage_project", project):
        return _refuse(request)
    existing = Report.objects.filter(campaign=campaign, project=project).first()
    form = ReportForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_submit(actor=request.user, campaign=campaign, project=project,
                                   **form.cleaned_data)
        except ValidationError as error:
            _put_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your report is sent. Thank you."))
            return redirect("projects:reports", territory.slug, project.pk)
    return render(request, "projects/reporting/report_form.html", {
        "form": form, "campaign": campaign, **project_context(request, project, "reports")})


@project_view()
def reports(request, territory, project):
    can_manage = request.user.has_perm("projects.manage_project", project)
    open_campaigns = (project.campaigns.filter(status=Campaign.Status.OPEN)
                      if can_manage else Campaign.objects.none())
    return render(request, "projects/reporting/reports.html", {
        "reports": selectors.project_reports(project=project),
        "open_campaigns": open_campaigns,
        **project_context(request, project, "reports")})
