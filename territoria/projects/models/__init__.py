"""The projects of a territory and what hangs on them. One module per part of the project
engineering; each is imported here so that Django finds its models."""

from .funding import BudgetLine, FinancingShare, FundingAlert, FundingApplication, Risk
from .planning import Dependency, Plan, Task
from .project import Project, ProjectMember, StageMove

__all__ = ["BudgetLine", "Dependency", "FinancingShare", "FundingAlert", "FundingApplication",
           "Plan", "Project", "ProjectMember", "Risk", "StageMove", "Task"]
