from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from territoria.projects.domain.portfolio import ProjectLine, summarise

STAGES = ("idea", "framing", "planned", "running", "closed", "abandoned")


def line(pk, **fields):
    return ProjectLine(id=pk, title=f"P{pk}", stage=fields.pop("stage", "running"), **fields)


def test_every_stage_and_health_is_listed_even_when_empty():
    summary = summarise([line(1, stage="idea", health="late")], stages=STAGES)
    assert summary.by_stage == (("idea", 1), ("framing", 0), ("planned", 0), ("running", 0),
                                ("closed", 0), ("abandoned", 0))
    assert dict(summary.by_health) == {"on_track": 0, "at_risk": 0, "late": 1, "unknown": 0}


def test_budget_consumed_and_coverage_are_shares_of_the_planned_budget():
    summary = summarise([
        line(1, planned=Decimal("100000"), actual=Decimal("25000"), financed=Decimal("80000"),
             balanced=False),
        line(2, planned=Decimal("50000"), actual=Decimal("50000"), financed=Decimal("50000")),
        line(3)], stages=STAGES)
    assert summary.planned == Decimal("150000")
    assert summary.consumed == Decimal("75000") / Decimal("150000")
    assert summary.coverage == Decimal("130000") / Decimal("150000")
    assert summary.unbalanced == 1


def test_a_portfolio_without_budget_has_no_share():
    summary = summarise([line(1)], stages=STAGES)
    assert summary.consumed is None and summary.coverage is None


def test_a_project_is_late_by_its_plan_or_by_its_lead():
    lines = [line(1, late_tasks=2), line(2, slippage_days=5), line(3, health="late"),
             line(4, health="at_risk", slippage_days=0),
             line(5, next_milestone="Opening", next_milestone_date=date(2027, 1, 1))]
    summary = summarise(lines, stages=STAGES)
    assert summary.late == 3
    assert summary.late_tasks == 2


@given(st.lists(st.tuples(st.sampled_from(STAGES),
                          st.sampled_from(["on_track", "at_risk", "late", None]),
                          st.integers(0, 10**7)), max_size=40))
def test_counts_and_money_add_up_to_the_portfolio(rows):
    lines = [line(i, stage=stage, health=health, planned=Decimal(amount))
             for i, (stage, health, amount) in enumerate(rows)]
    summary = summarise(lines, stages=STAGES)
    assert sum(n for _, n in summary.by_stage) == summary.count == len(rows)
    assert sum(n for _, n in summary.by_health) == len(rows)
    assert summary.planned == sum(Decimal(amount) for _, _, amount in rows)


def test_the_rollup_averages_what_was_reported_and_says_how_much_is_known():
    from territoria.projects.domain.portfolio import rollup

    assert rollup([40, 65, None]) == type(rollup([]))(projects=3, reporting=2, progress=53)
    assert rollup([None]).progress is None and rollup([]).projects == 0
