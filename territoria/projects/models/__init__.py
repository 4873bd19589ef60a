"""The projects of a territory and what hangs on them. One module per part of the project
engineering; each is imported here so that Django finds its models."""

from .project import Project, ProjectMember, StageMove

__all__ = ["Project", "ProjectMember", "StageMove"]
from .dashboard import PortfolioReport  # noqa: E402
