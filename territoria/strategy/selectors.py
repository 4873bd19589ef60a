"""Reads of the strategy, always for one territory."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from territoria.core.axes import Axis
from territoria.core.cycle import StepStatus
from territoria.core.exports import safe_cell
from territoria.core.domain.charts import LineChart, Series, Target, line_chart
from territoria.core.formats import format_quantity
from territoria.core.models import Territory
from territoria.diagnostic.models import DiagnosticItem
from territoria.indicators.models import Indicator
from territoria.strategy.domain.balance import (
    AmbitionFacts,
    BalanceReport,
    Effect,
    WeaknessFacts,
    balance_check,
)
from territoria.strategy.domain.effects import Conflicts, conflicts
from territoria.strategy.domain.trajectory import (
    Assessment,
    Point,
    Status,
    Trajectory,
    TrajectoryError,
    assess,
)
from territoria.strategy.domain.versions import (
    AmbitionSnapshot,
    Change,
    VersionSnapshot,
    version_changes,
)
from territoria.strategy.models import (
    Ambition,
    CrossEffect,
    Orientation,
    OrientationVersion,
    Principle,
)

Version = OrientationVersion
LIVE = (Version.Status.DRAFT, Version.Status.SUBMITTED, Version.Status.ADOPTED)


def _versions(territory: Territory):
    return (Version.objects.filter(territory=territory)
            .select_related("orientation")
            .prefetch_related(
                Prefetch("ambitions", Ambition.objects.select_related("indicator")
                         .prefetch_related("effects")),
                Prefetch("diagnostic_items", DiagnosticItem.objects.select_related("indicator"))))


@dataclass
class OrientationEntry:
    """One orientation: its adopted version (public) and its version in progress (team)."""

    orientation: Orientation
    adopted: OrientationVersion | None = None
    working: OrientationVersion | None = None

    @property
    def current(self) -> OrientationVersion:
        """What the team works on: the version in progress, else the adopted one."""
        return self.working or self.adopted

    @property
    def is_revision(self) -> bool:
        return self.adopted is not None and self.working is not None


def orientation_list(*, territory: Territory, include_drafts: bool = False
                     ) -> list[OrientationEntry]:
    """The orientations in their order; without ``include_drafts``, only adopted ones."""
    entries: dict[int, OrientationEntry] = {}
    for version in _versions(territory).filter(status__in=LIVE):
        entry = entries.setdefault(version.orientation_id, OrientationEntry(version.orientation))
        if version.status == Version.Status.ADOPTED:
            entry.adopted = version
        else:
            entry.working = version
    found = sorted(entries.values(), key=lambda e: e.orientation.number)
    if not include_drafts:
        for entry in found:
            entry.working = None
        found = [e for e in found if e.adopted is not None]
    return found


def orientation_get(*, territory: Territory, orientation_id: int) -> Orientation:
    orientation = Orientation.objects.filter(territory=territory, pk=orientation_id).first()
    if orientation is None:
        raise Http404
    return orientation


def orientation_entry(*, territory: Territory, orientation_id: int,
                      include_drafts: bool = False) -> OrientationEntry:
    """One orientation; 404 when it is not of the territory, or when a visitor asks for one
    that was never adopted."""
    orientation = orientation_get(territory=territory, orientation_id=orientation_id)
    entry = OrientationEntry(orientation)
    for version in _versions(territory).filter(orientation=orientation, status__in=LIVE):
        if version.status == Version.Status.ADOPTED:
            entry.adopted = version
        elif include_drafts:
            entry.working = version
    if entry.current is None:
        raise Http404
    return entry


def ambition_get(*, territory: Territory, ambition_id: int) -> Ambition:
    ambition = (Ambition.objects.filter(territory=territory, pk=ambition_id)
                .select_related("version__orientation", "indicator").first())
    if ambition is None:
        raise Http404
    return ambition


def latest_value(*, territory: Territory, indicator) -> tuple[date, float] | None:
    """The territory's latest known value of ``indicator``, dated 1 January of its year."""
    values = actual_values(territory=territory, indicators=[indicator]).get(indicator.pk, [])
    return values[-1] if values else None


def actual_values(*, territory: Territory, indicators) -> dict[int, list[tuple[date, float]]]:
    """indicator id → the territory's known values in date order (a period's value dated
    1 January of its year, as the census counts)."""
    from territoria.indicators.comparison import territory_values

    indicators = [i for i in indicators if i is not None]
    if not indicators:
        return {}
    found: dict[int, list[tuple[date, float]]] = {}
    for indicator_id, periods in territory_values(territory=territory,
                                                  indicators=indicators).items():
        found[indicator_id] = sorted(
            (date(int(period[:4]), 1, 1), value) for period, value in periods.items()
            if value is not None and period[:4].isdigit())
    return found


# -- trajectories and progress ----------------------------------------------------------------


def trajectory_of(ambition: Ambition) -> Trajectory | None:
    if not ambition.is_measurable or None in (ambition.baseline_value, ambition.baseline_date,
                                              ambition.target_value, ambition.deadline):
        return None
    try:
        return Trajectory(Point(ambition.baseline_date, ambition.baseline_value),
                          Point(ambition.deadline, ambition.target_value),
                          tuple(Point(w, v) for w, v in ambition.milestone_points()))
    except TrajectoryError:
        return None


@dataclass
class Progress:
    ambition: Ambition
    trajectory: Trajectory
    assessment: Assessment
    chart: LineChart

    @property
    def status_label(self) -> str:
        return {Status.ON_TRACK: _("On track"), Status.OFF_TRACK: _("Off track"),
                Status.NO_RECENT_DATA: _("No recent data")}[self.assessment.status]

    @property
    def explanation(self) -> str:
        indicator = self.ambition.indicator
        assessment = self.assessment

        def shown(value: float) -> str:
            return format_quantity(value, precision=indicator.precision,
                                   unit=indicator.unit_label)

        if assessment.actual is None:
            return _("No value of the indicator since the baseline (%(year)s).") % {
                "year": self.trajectory.baseline.when.year}
        text = _("Latest value: %(value)s in %(year)s; the trajectory expected %(expected)s.") % {
            "value": shown(assessment.actual.value), "year": assessment.actual.when.year,
            "expected": shown(assessment.expected)}
        if assessment.status == Status.NO_RECENT_DATA:
            text += " " + _("This value is too old to tell where the territory stands today.")
        return text


def ambition_progress(*, territory: Territory, ambitions, as_of: date | None = None
                      ) -> dict[int, Progress]:
    """For each measurable ambition: its trajectory, its status and its chart (the target
    trajectory against the territory's actual values)."""
    as_of = as_of or timezone.localdate()
    ambitions = [a for a in ambitions if trajectory_of(a) is not None]
    values = actual_values(territory=territory, indicators={a.indicator for a in ambitions})
    progress = {}
    for ambition in ambitions:
        trajectory = trajectory_of(ambition)
        indicator = ambition.indicator
        actual = values.get(indicator.pk, [])
        assessment = assess(trajectory, [Point(w, v) for w, v in actual],
                            direction=indicator.direction, as_of=as_of)
        chart = line_chart(
            [Series(_("Actual values"), [(w.year, v) for w, v in actual], highlight=True),
             Series(_("Target trajectory"), trajectory.by_year())],
            title=_("%(ambition)s — %(indicator)s") % {"ambition": ambition.title,
                                                       "indicator": indicator.label},
            unit=indicator.unit_label, precision=indicator.precision,
            target=Target(ambition.deadline.year, ambition.target_value),
            key=f"trajectory-{ambition.pk}")
        progress[ambition.pk] = Progress(ambition, trajectory, assessment, chart)
    return progress


def progress_summary(progress: dict[int, Progress]) -> dict[str, int]:
    """How many measurable ambitions are on track, off track, without recent data."""
    counts = {status.value: 0 for status in Status}
    for item in progress.values():
        counts[item.assessment.status.value] += 1
    return counts


EXPORT_HEADER = ["orientation", "orientation_title", "version", "decision_date",
                 "decision_body", "decision_reference", "principles", "axes", "ambition",
                 "indicator", "unit", "baseline_value", "baseline_date", "target_value",
                 "deadline", "milestones", "status", "latest_value", "latest_year"]


def strategy_export_rows(*, territory: Territory) -> list[list]:
    """The adopted strategy as rows (one per ambition; an orientation without measurable
    terms still gets its row): the open-data download of the public page."""
    entries = orientation_list(territory=territory)
    ambitions = [a for e in entries for a in e.adopted.ambitions.all()]
    progress = ambition_progress(territory=territory, ambitions=ambitions)
    rows = []
    for entry in entries:
        version = entry.adopted
        common = [entry.orientation.number, version.title, version.number,
                  version.decision_date.isoformat() if version.decision_date else "",
                  version.decision_body, version.decision_reference,
                  " ".join(version.principles), " ".join(version.axes)]
        for ambition in version.ambitions.all():
            p = progress.get(ambition.pk)
            # One row per ambition, its text cells made safe for spreadsheets.
            actual = p.assessment.actual if p else None
            rows.append(common + [
                ambition.title, ambition.indicator.code if ambition.indicator_id else "",
                ambition.target_unit, _blank(ambition.baseline_value),
                ambition.baseline_date.isoformat() if ambition.baseline_date else "",
                _blank(ambition.target_value),
                ambition.deadline.isoformat() if ambition.deadline else "",
                " ".join(f"{m['date']}={m['value']}" for m in ambition.milestones),
                p.assessment.status.value if p else "not_measurable",
                _blank(actual.value if actual else None), actual.when.year if actual else ""])
    return [[safe_cell(cell) for cell in row] for row in rows]


def _blank(value) -> object:
    return "" if value is None else value


def answerable_items(*, territory: Territory) -> list[DiagnosticItem]:
    """The diagnostic items an orientation can answer: the published ones, weaknesses
    first, then strengths, threats and opportunities, by axis of life."""
    order = {DiagnosticItem.Kind.WEAKNESS: 0, DiagnosticItem.Kind.STRENGTH: 1,
             DiagnosticItem.Kind.THREAT: 2, DiagnosticItem.Kind.OPPORTUNITY: 3}
    items = DiagnosticItem.objects.filter(
        territory=territory, status=DiagnosticItem.Status.PUBLISHED).select_related("indicator")
    return sorted(items, key=lambda i: (order[i.kind], Axis.values.index(i.axis), i.pk))


def indicator_find(indicator_id) -> Indicator | None:
    """An indicator of the national catalogue by its id, or None."""
    if not str(indicator_id or "").isdigit():
        return None
    return Indicator.objects.filter(pk=int(indicator_id)).first()


# -- balance and cross-effects ----------------------------------------------------------------


def ambition_facts(version: OrientationVersion) -> list[AmbitionFacts]:
    return [AmbitionFacts(
        key=a.pk, title=a.title, orientation=version.orientation_id,
        principles=frozenset(version.principles), orientation_axes=frozenset(version.axes),
        indicator_axis=a.indicator.axis if a.indicator_id else None,
        measurable=a.is_measurable,
        effects={e.axis: Effect(e.effect) for e in a.effects.all()})
        for a in version.ambitions.all()]


@dataclass
class StrategyBalance:
    report: BalanceReport
    conflicts: Conflicts
    ambitions: dict[int, Ambition] = field(default_factory=dict)
    versions: list[OrientationVersion] = field(default_factory=list)


def strategy_balance(*, territory: Territory, include_drafts: bool = True) -> StrategyBalance:
    """The balance check and the conflicts of the strategy the team works on: for each
    orientation its version in progress, else its adopted one."""
    entries = orientation_list(territory=territory, include_drafts=include_drafts)
    versions = [e.current for e in entries]
    facts = [f for v in versions for f in ambition_facts(v)]
    weaknesses = [WeaknessFacts(i.pk, i.display_title, i.axis) for i in DiagnosticItem.objects
                  .filter(territory=territory, kind=DiagnosticItem.Kind.WEAKNESS,
                          status=DiagnosticItem.Status.PUBLISHED).select_related("indicator")]
    answered = {i.pk for v in versions for i in v.diagnostic_items.all()}
    axes = Axis.values
    report = balance_check(facts, principles=Principle.values, axes=axes,
                           weaknesses=weaknesses, answered=answered,
                           orientations=[v.orientation_id for v in versions])
    return StrategyBalance(report, conflicts(facts, axes=axes),
                           {a.pk: a for v in versions for a in v.ambitions.all()}, versions)


def effect_matrix(*, versions) -> list[tuple[Ambition, dict[str, CrossEffect]]]:
    return [(a, {e.axis: e for e in a.effects.all()}) for v in versions
            for a in v.ambitions.all()]


# -- versions ---------------------------------------------------------------------------------


def snapshot(version: OrientationVersion) -> VersionSnapshot:
    return VersionSnapshot(
        title=version.title, rationale=version.rationale,
        principles=frozenset(version.principles), axes=frozenset(version.axes),
        items={i.pk: i.display_title for i in version.diagnostic_items.all()},
        ambitions=tuple(AmbitionSnapshot(
            a.lineage or a.pk, a.title,
            (a.description, a.indicator_id, a.baseline_value, a.baseline_date,
             a.target_value, a.deadline, tuple((m["date"], m["value"]) for m in a.milestones)))
            for a in version.ambitions.all()))


def version_history(*, territory: Territory, orientation: Orientation,
                    include_drafts: bool = False
                    ) -> list[tuple[OrientationVersion, list[Change]]]:
    """Every version, newest first, each with what changed from the version before it.
    Visitors see the versions that were adopted (current or superseded)."""
    versions = list(_versions(territory).filter(orientation=orientation).order_by("number"))
    if not include_drafts:
        versions = [v for v in versions if v.status in (Version.Status.ADOPTED,
                                                        Version.Status.SUPERSEDED)]
    history = []
    previous = None
    for version in versions:
        history.append((version, version_changes(snapshot(previous), snapshot(version))
                        if previous else []))
        previous = version
    return list(reversed(history))


# -- the cycle on the territory's home page ---------------------------------------------------


def _strategy_url(territory: Territory) -> str:
    return reverse("strategy:strategy", kwargs={"territory_slug": territory.slug})


def orientations_step_status(territory: Territory) -> StepStatus:
    versions = Version.objects.filter(territory=territory)
    adopted = versions.filter(status=Version.Status.ADOPTED).count()
    if not versions.exists():
        return StepStatus(started=False, label=_("Not started"), url=_strategy_url(territory))
    return StepStatus(started=True, label=_("Adopted") if adopted else _("Under way"),
                      url=_strategy_url(territory),
                      detail=_("%(count)s orientations adopted") % {"count": adopted})


def ambitions_step_status(territory: Territory) -> StepStatus:
    ambitions = Ambition.objects.filter(territory=territory)
    adopted = ambitions.filter(version__status=Version.Status.ADOPTED)
    if not ambitions.exists():
        return StepStatus(started=False, label=_("Not started"), url=_strategy_url(territory))
    return StepStatus(
        started=True, label=_("Adopted") if adopted.exists() else _("Under way"),
        url=_strategy_url(territory),
        detail=_("%(count)s ambitions adopted, %(measurable)s of them measurable") % {
            "count": adopted.count(),
            "measurable": adopted.filter(~Q(indicator=None)).count()})
