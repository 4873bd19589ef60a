"""The results' charts: merit profiles (majority judgment) and approvals, as chart data."""

from django.utils.translation import gettext as _

from territoria.core.domain.charts import Bar, StackedRow, bar_chart, stacked_bar
from territoria.voting.selectors import VoteResults


def merit_profiles(results: VoteResults):
    """One stacked bar per option, in the ranking's order: the share of each grade, best
    on the left, with the 50 % line (the majority grade lies under it)."""
    return stacked_bar(
        [StackedRow(label=f"{option.rank}. {option.title}",
                    values=[grade.count for grade in option.grades])
         for option in results.options],
        categories=results.grade_labels, title=_("Merit profiles"), precision=0,
        key=f"merit-{results.vote.pk}")


def approval_chart(results: VoteResults):
    return bar_chart(
        [Bar(label=f"{option.rank}. {option.title}", value=100 * option.share,
             highlight=option.rank == 1) for option in results.options],
        title=_("Share of voters who approve each option"), unit="%", precision=0,
        value_label=_("Approvals (%)"), key=f"approval-{results.vote.pk}")
