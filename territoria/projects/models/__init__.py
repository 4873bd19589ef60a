"""The projects of a territory and what hangs on them. One module per part of the project
engineering; each is imported here so that Django finds its models."""

from .dashboard import PortfolioReport
from .funding import BudgetLine, FinancingShare, FundingAlert, FundingApplication, Risk
from .plan_import import PlanImport
from .planning import Dependency, Plan, Task
from .project import Project, ProjectMember, StageMove
from .reporting import Campaign, Framing, ReminderSent, Report

__all__ = ["BudgetLine", "Campaign", "Dependency", "FinancingShare", "Framing", "FundingAlert",
           "FundingApplication", "Plan", "PlanImport", "PortfolioReport", "Project",
           "ProjectMember", "ReminderSent", "Report", "Risk", "StageMove", "Task"]
