"""Views of the strategy: parse, authorise, call a service or a selector, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import localize_input
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from territoria.core.axes import Axis
from territoria.core.decorators import territory_view
from territoria.core.formats import format_quantity
from territoria.strategy import prioritisation, selectors, services
from territoria.strategy.forms import (
    AdoptForm,
    AmbitionForm,
    EffectsForm,
    OrientationForm,
    PrioritiesVoteForm,
)
from territoria.strategy.models import OrientationVersion, Principle
from territoria.strategy.permissions import may_adopt

Version = OrientationVersion


def _error_text(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


def _put_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _detail_url(territory, orientation_id: int) -> str:
    return reverse("strategy:orientation-detail",
                   kwargs={"territory_slug": territory.slug, "orientation_id": orientation_id})


def _can(request, territory) -> dict:
    return {"can_draft": request.user.has_perm("strategy.draft", territory),
            "can_adopt": may_adopt(request.user, territory)}


@territory_view("strategy.view_strategy")
@require_safe
def strategy(request, territory):
    can = _can(request, territory)
    entries = selectors.orientation_list(territory=territory, include_drafts=can["can_draft"])
    shown = [e.adopted or e.working for e in entries]
    progress = selectors.ambition_progress(
        territory=territory, ambitions=[a for v in shown for a in v.ambitions.all()])
    return render(request, "strategy/strategy.html", {
        "entries": entries, "progress": progress,
        "summary": selectors.progress_summary(progress),
        "ranking": prioritisation.latest_ranking(territory=territory), **can})


@territory_view("strategy.view_strategy")
@require_safe
def strategy_export(request, territory):
    """The adopted strategy as CSV (UTF-8 with a byte order mark, for spreadsheets)."""
    import csv
    import io

    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(selectors.EXPORT_HEADER)
    writer.writerows(selectors.strategy_export_rows(territory=territory))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="strategy-{territory.slug}.csv"'
    return response


@territory_view("strategy.view_strategy")
@require_safe
def orientation_detail(request, territory, orientation_id):
    can = _can(request, territory)
    entry = selectors.orientation_entry(territory=territory, orientation_id=orientation_id,
                                        include_drafts=can["can_draft"])
    version = entry.current
    progress = selectors.ambition_progress(territory=territory,
                                           ambitions=version.ambitions.all())
    return render(request, "strategy/orientation_detail.html", {
        "entry": entry, "version": version, "progress": progress,
        "can_edit": can["can_draft"] and version.is_editable, **can})


@territory_view("strategy.draft")
def orientation_create(request, territory):
    items = selectors.answerable_items(territory=territory)
    initial = {}
    if request.GET.get("item", "").isdigit():
        item = next((i for i in items if i.pk == int(request.GET["item"])), None)
        if item is not None:
            initial = {"diagnostic_items": [item.pk], "axes": [item.axis]}
    form = OrientationForm(request.POST or None, items=items, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.orientation_create(actor=request.user, territory=territory,
                                                  **form.cleaned_data)
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _("The orientation is drafted. Add its ambitions."))
            return redirect(_detail_url(territory, version.orientation_id))
    return render(request, "strategy/orientation_form.html", {"form": form, "version": None})


def _working(request, territory, orientation_id) -> OrientationVersion:
    entry = selectors.orientation_entry(territory=territory, orientation_id=orientation_id,
                                        include_drafts=True)
    if entry.working is None:
        raise Http404
    return entry.working


@territory_view("strategy.draft")
def orientation_edit(request, territory, orientation_id):
    version = _working(request, territory, orientation_id)
    if not version.is_editable:
        messages.error(request, _("Only a draft can be edited: take the submission back to "
                                  "draft first."))
        return redirect(_detail_url(territory, orientation_id))
    initial = {"title": version.title, "rationale": version.rationale,
               "principles": version.principles, "axes": version.axes,
               "diagnostic_items": [i.pk for i in version.diagnostic_items.all()],
               "change_note": version.change_note}
    form = OrientationForm(request.POST or None, items=selectors.answerable_items(territory=territory), initial=initial,
                           revision=version.number > 1)
    if request.method == "POST" and form.is_valid():
        try:
            services.orientation_update(actor=request.user, version=version,
                                        **form.cleaned_data)
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect(_detail_url(territory, orientation_id))
    return render(request, "strategy/orientation_form.html", {"form": form, "version": version})


def _version_action(service, done: str, *, permission: str = "strategy.draft"):
    """A POST action on the orientation's version in progress."""

    @territory_view(permission)
    @require_POST
    def view(request, territory, orientation_id):
        version = _working(request, territory, orientation_id)
        try:
            service(actor=request.user, version=version)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, done)
        return redirect(_detail_url(territory, orientation_id))

    return view


orientation_submit = _version_action(
    services.orientation_submit,
    _("The orientation is submitted to the governance committee."))
orientation_withdraw = _version_action(services.orientation_withdraw,
                                       _("The orientation is back to draft."))


@territory_view("strategy.draft")
@require_POST
def orientation_revise(request, territory, orientation_id):
    orientation = selectors.orientation_get(territory=territory, orientation_id=orientation_id)
    try:
        services.orientation_revise(actor=request.user, orientation=orientation)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("A revision is open as a draft. The adopted version stays "
                                    "public until the revision is adopted."))
    return redirect(_detail_url(territory, orientation_id))


@territory_view("strategy.draft")
def orientation_adopt(request, territory, orientation_id):
    if not may_adopt(request.user, territory):
        raise PermissionDenied
    version = _working(request, territory, orientation_id)
    form = AdoptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.orientation_adopt(actor=request.user, version=version,
                                       **form.cleaned_data)
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _("The orientation is adopted and public."))
            return redirect(_detail_url(territory, orientation_id))
    balance = selectors.strategy_balance(territory=territory)
    own = {a.pk for a in version.ambitions.all()}
    return render(request, "strategy/orientation_adopt.html", {
        "form": form, "version": version, "balance": balance,
        "conflicts": balance.conflicts.involving(own), "axes": dict(Axis.choices),
        "principles": dict(Principle.choices),
        "progress": selectors.ambition_progress(territory=territory,
                                                ambitions=version.ambitions.all())})


@territory_view("strategy.view_strategy")
@require_safe
def orientation_versions(request, territory, orientation_id):
    can = _can(request, territory)
    orientation = selectors.orientation_get(territory=territory, orientation_id=orientation_id)
    history = selectors.version_history(territory=territory, orientation=orientation,
                                        include_drafts=can["can_draft"])
    if not history:
        raise Http404
    return render(request, "strategy/orientation_versions.html", {
        "orientation": orientation, "history": history,
        "principles": dict(Principle.choices), "axes": dict(Axis.choices), **can})


# -- ambitions --------------------------------------------------------------------------------


def _indicators():
    from territoria.indicators.selectors import indicator_list

    return indicator_list()


def _ambition_form_saved(request, territory, form, save) -> bool:
    """Validate the form and call ``save(**arguments)``; on a missing baseline, offer the
    territory's latest value of the indicator in the re-shown form."""
    if not form.is_valid():
        return False
    indicator = None
    if form.cleaned_data.get("indicator"):
        indicator = selectors.indicator_find(form.cleaned_data["indicator"])
        if indicator is None:
            form.add_error("indicator", _("Choose an indicator of the catalogue."))
            return False
    try:
        save(**form.service_arguments(indicator))
    except ValidationError as error:
        _put_errors(form, error)
        if indicator is not None and form.cleaned_data.get("baseline_value") is None:
            _offer_baseline(territory, form, indicator)
        return False
    return True


def _offer_baseline(territory, form, indicator) -> None:
    latest = selectors.latest_value(territory=territory, indicator=indicator)
    errors = form.errors.get("baseline_value")
    if latest is None:
        if errors is not None:
            errors.append(_("The territory has no value of this indicator yet: give the "
                            "baseline from another source (a study, a count…)."))
        return
    when, value = latest
    data = form.data.copy()
    data["baseline_value"] = localize_input(value)
    data["baseline_date"] = when.isoformat()
    form.data = data
    if errors is not None:
        errors.append(_("The territory's latest value, %(value)s in %(year)s, is filled in "
                        "below: check it and save again.") % {
            "value": format_quantity(value, precision=indicator.precision,
                                     unit=indicator.unit_label), "year": when.year})


@territory_view("strategy.draft")
def ambition_create(request, territory, orientation_id):
    version = _working(request, territory, orientation_id)
    if not version.is_editable:
        messages.error(request, _("Ambitions are added to a draft: take the submission back "
                                  "to draft first."))
        return redirect(_detail_url(territory, orientation_id))
    form = AmbitionForm(request.POST or None, indicators=_indicators())
    if request.method == "POST" and _ambition_form_saved(
            request, territory, form,
            lambda **kw: services.ambition_create(actor=request.user, version=version, **kw)):
        messages.success(request, _("The ambition is added."))
        return redirect(_detail_url(territory, orientation_id))
    return _ambition_page(request, territory, form, version, None)


@territory_view("strategy.draft")
def ambition_edit(request, territory, ambition_id):
    ambition = selectors.ambition_get(territory=territory, ambition_id=ambition_id)
    version = ambition.version
    if not version.is_editable:
        messages.error(request, _("The ambitions of a submitted or adopted version are not "
                                  "edited: revise the orientation to change them."))
        return redirect(_detail_url(territory, version.orientation_id))
    milestones = {}
    for n, (when, value) in enumerate(ambition.milestone_points(), start=1):
        milestones[f"milestone_{n}_date"], milestones[f"milestone_{n}_value"] = when, value
    initial = {"title": ambition.title, "description": ambition.description,
               "indicator": ambition.indicator_id, "baseline_value": ambition.baseline_value,
               "baseline_date": ambition.baseline_date, "target_value": ambition.target_value,
               "target_unit": ambition.unit_label, "deadline": ambition.deadline,
               **milestones}
    form = AmbitionForm(request.POST or None, indicators=_indicators(), initial=initial)
    if request.method == "POST" and _ambition_form_saved(
            request, territory, form,
            lambda **kw: services.ambition_update(actor=request.user, ambition=ambition, **kw)):
        messages.success(request, _("The ambition is saved."))
        return redirect(_detail_url(territory, version.orientation_id))
    return _ambition_page(request, territory, form, version, ambition)


@territory_view("strategy.draft")
@require_POST
def ambition_delete(request, territory, ambition_id):
    ambition = selectors.ambition_get(territory=territory, ambition_id=ambition_id)
    orientation_id = ambition.version.orientation_id
    try:
        services.ambition_delete(actor=request.user, ambition=ambition)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The ambition “%(title)s” is removed.") % {
            "title": ambition.title})
    return redirect(_detail_url(territory, orientation_id))


def _facts(territory, indicator_id) -> dict:
    """The chosen indicator and the territory's latest value of it, for the form's panel."""
    indicator = selectors.indicator_find(indicator_id)
    latest = selectors.latest_value(territory=territory, indicator=indicator) \
        if indicator else None
    return {"indicator": indicator, "latest": latest and {
        "year": latest[0].year,
        "value": format_quantity(latest[1], precision=indicator.precision,
                                 unit=indicator.unit_label)}}


def _ambition_page(request, territory, form, version, ambition):
    form.fields["indicator"].widget.attrs.update({
        "hx-get": reverse("strategy:indicator-facts", kwargs={"territory_slug": territory.slug}),
        # "load" as well: an indicator chosen before htmx has started is still described.
        "hx-trigger": "change, load", "hx-target": "#indicator-facts", "hx-swap": "outerHTML",
        "aria-describedby": "id_indicator_helptext indicator-facts"})
    chosen = form["indicator"].value()
    return render(request, "strategy/ambition_form.html", {
        "form": form, "version": version, "ambition": ambition,
        **_facts(territory, chosen)})


@territory_view("strategy.draft")
@require_safe
def indicator_facts(request, territory):
    """The chosen indicator's unit and the territory's latest value (an htmx partial of the
    ambition form, also readable alone)."""
    return render(request, "strategy/ambition_form.html#facts",
                  _facts(territory, request.GET.get("indicator")))


# -- cross-effects and balance ----------------------------------------------------------------


@territory_view("strategy.draft")
def effects(request, territory):
    balance = selectors.strategy_balance(territory=territory)
    editable = [v for v in balance.versions if v.is_editable]
    form = EffectsForm(request.POST or None, matrix=selectors.effect_matrix(versions=editable))
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.effects_record(
                actor=request.user, territory=territory, effects=form.effects(),
                source=form.cleaned_data["source"],
                source_detail=form.cleaned_data.get("source_detail", ""))
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _("Effects recorded: %(count)s changed.") % {
                "count": changed})
            return redirect("strategy:effects", territory_slug=territory.slug)
    locked = [v for v in balance.versions if not v.is_editable]
    return render(request, "strategy/effects.html", {
        "form": form, "balance": balance, "axes": Axis.choices,
        "axis_labels": dict(Axis.choices),
        "locked": selectors.effect_matrix(versions=locked)})


@territory_view("strategy.draft")
@require_safe
def balance(request, territory):
    balance = selectors.strategy_balance(territory=territory)
    return render(request, "strategy/balance.html", {
        "balance": balance, "report": balance.report,
        "principles": dict(Principle.choices), "axes": dict(Axis.choices),
        "axis_rows": [(row, list(zip(balance.report.axes, row.axes, strict=True)))
                      for row in balance.report.rows]})


@territory_view("strategy.draft")
def priorities_vote(request, territory):
    """Put candidate priorities (orientations, ambitions) to a vote of residents and actors."""
    from datetime import timedelta

    from django.utils import timezone

    from territoria.voting.models import Vote

    entries = selectors.orientation_list(territory=territory, include_drafts=True)
    versions = [e.current for e in entries]
    ambitions = [a for v in versions for a in v.ambitions.all()]
    now = timezone.localtime().replace(second=0, microsecond=0)
    form = PrioritiesVoteForm(request.POST or None, versions=versions, ambitions=ambitions,
                              methods=Vote.Method.choices,
                              initial={"opens_at": now, "closes_at": now + timedelta(days=21)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            vote = prioritisation.priorities_put_to_vote(
                actor=request.user, territory=territory,
                versions=[v for v in versions if v.orientation_id in data["orientations"]],
                ambitions=[a for a in ambitions if a.pk in data["ambitions"]],
                title=data["title"], description=data["description"], method=data["method"],
                opens_at=data["opens_at"], closes_at=data["closes_at"],
                requires_verification=data["requires_verification"])
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _("The candidate priorities are put to the vote."))
            return redirect("voting:vote-detail", territory_slug=territory.slug,
                            vote_id=vote.pk)
    return render(request, "strategy/priorities_vote.html", {"form": form})
