"""What needs a decision of the governance bodies: the items other apps put forward for a
meeting's agenda (a project waiting for a decision, a late or at-risk project, a funding
deadline). Each app registers a source; the governance app reads them all when it drafts an
agenda, so that it depends on none of them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class AgendaItem:
    source: str  # the registered source's name, e.g. "projects.waiting"
    title: str  # what the committee is asked, in the site's language
    reason: str  # why it is on the agenda
    url: str = ""  # where the committee reads the details
    project_id: int | None = None
    due: date | None = None  # a deadline, when there is one


AgendaSource = Callable[[object, date], Iterable[AgendaItem]]

_sources: dict[str, AgendaSource] = {}


def register_agenda_source(name: str, source: AgendaSource) -> None:
    """``source(territory, today)`` returns the items it puts forward."""
    _sources[name] = source


def agenda_items(territory, *, today: date) -> list[AgendaItem]:
    """Every item put forward for the territory, deadlines first, then by title."""
    items = [item for name in sorted(_sources) for item in _sources[name](territory, today)]
    return sorted(items, key=lambda item: (item.due is None, item.due or today, item.title))
